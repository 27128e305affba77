"""Stage 3: the walk over the pieces that decides where articles start (``#`` always;
``##`` when a new story follows, else a section or a kicker) and attaches metadata."""

from __future__ import annotations

from typing import Literal

from reader.ingest import patterns as pt
from reader.ingest.draft import Art, Draft, Piece, Unit
from reader.ingest.model import GLUED_HEADING, ArticleKind, Consumed, Span
from reader.ingest.pieces import TWO_PART_RE, glued_heading, offset_span

_CAPTION_MAX = 40
# Evidence against a title right under another title with nothing between: the article
# above would be left without a line of its own.
EMPTY_ABOVE = 1.5


def _is_caption_text(text: str) -> bool:
    if len(text) > _CAPTION_MAX:
        return False
    # A caption is a label, at most one short sentence.
    return sum(text.count(c) for c in "。!?!?;;") <= 1


def _photo_text(text: str) -> bool:
    """Does the first text under a photo's credit read as the photo's text, however short:
    a sentence, not a label (冰雕作品) nor a 图为… caption?"""
    return pt.ends_sentence(text) and not text.startswith(("图为", "上图", "下图", "左图", "右图"))


class Segmenter:
    def __init__(self, pieces: list[Piece], single_article: bool, draft: Draft) -> None:
        self.pieces = pieces
        self.draft = draft
        self.single = single_article
        self.arts: list[Art] = []
        self.cur: Art | None = None
        self.order = 0
        self.page_consumed: list[Consumed] = []
        self.pending_kicker: Piece | None = None
        self.two_part = any(
            p.kind in ("h2", "h3", "bold") and TWO_PART_RE.match(p.text) for p in pieces
        )

    # helpers
    def _new(self, piece: Piece | None, title: str | None, kind: ArticleKind = "article") -> Art:
        art = Art(title=title, kind=kind, start=piece.start if piece else 0)
        if piece is not None and title is not None:
            art.consumed.extend(Consumed(s, "title") for s in piece.spans)
        self.arts.append(art)
        self.cur = art
        return art

    def _current(self, piece: Piece) -> Art:
        if self.cur is None:
            # Text before any title: the tail of a story from another page, or, in a
            # single-article file, the article itself.
            art = self._new(None, None, "article" if self.single else "fragment")
            art.start = piece.start
        assert self.cur is not None
        return self.cur

    def _unit(
        self,
        art: Art,
        type_: Literal["heading", "paragraph", "caption"],
        piece: Piece,
        text: str | None = None,
        spans: list[Span] | None = None,
    ) -> Unit:
        self.order += 1
        u = Unit(
            type_,
            piece.text if text is None else text,
            list(piece.spans if spans is None else spans),
            self.order,
            art,
        )
        art.units.append(u)
        return u

    def _peek_index(self, i: int) -> int | None:
        """Index of the next piece after ``i`` that is not stray markup."""
        for j in range(i + 1, len(self.pieces)):
            if self.pieces[j].kind != "markup":
                return j
        return None

    def _peek(self, i: int) -> Piece | None:
        j = self._peek_index(i)
        return None if j is None else self.pieces[j]

    def _opener(self, p: Piece | None) -> bool:
        """Does ``p`` open a story's text (so a heading right before it is a title)?"""
        if p is None:
            return False
        if p.kind in ("byline", "credit"):
            return True
        if p.kind == "marker":
            return p.marker is not None and p.marker[0] == "from"
        return p.kind == "text" and pt.dateline(p.text) is not None

    def _after_run(self, i: int) -> Piece | None:
        """The first piece after the run of ``##``/``#`` lines that follows piece ``i``."""
        j = self._peek_index(i)
        while j is not None and self.pieces[j].kind in ("h1", "h2"):
            j = self._peek_index(j)
        return None if j is None else self.pieces[j]

    def _starts_story(self, i: int | None) -> bool:
        """Does piece ``i`` open a new story: an opener, or a heading run ending in one?"""
        if i is None:
            return False
        if self.pieces[i].kind == "h2":
            return self._opener(self._after_run(i))
        return self._opener(self.pieces[i])

    def _credit_claims_title(self, ci: int) -> int | None:
        """Index of the ``##`` right after the credit at ``ci`` when it titles the photo.

        The first ``##`` after a credit is the photo's, unless a story opens right under
        it (then it is that story's title), or the line after it reads as that story's
        kicker (title, kicker, byline)."""
        j = self._peek_index(ci)
        if j is None or self.pieces[j].kind != "h2":
            return None
        k = self._peek_index(j)
        nxt = None if k is None else self.pieces[k]
        if nxt is None or not self._starts_story(k):
            return j
        if nxt.kind != "h2":
            return None
        if not self._photo_titled_before(ci):
            # The photo still needs its title: two ## lines read as its title and the
            # story's, unless one of them plainly names a column (quotes alone do not:
            # titles quote as often as labels do).
            label = max(pt.kicker_strength(self.pieces[j].text), pt.kicker_strength(nxt.text))
            return j if label < 2 else None
        return None if pt.looks_like_kicker(nxt.text) else j

    def _photo_titled_before(self, ci: int) -> bool:
        """Does a ``##`` title the photo whose credit is at ``ci`` before its text (or
        right before the credit)?"""
        seen = 0
        j = self._prev_index(ci)
        while j is not None and self.pieces[j].kind == "text" and seen < 2:
            seen += 1
            j = self._prev_index(j)
        return j is not None and self.pieces[j].kind == "h2"

    def _shaped_like_sections(self, i: int) -> bool:
        """Is the heading at ``i`` two short phrases, like a later section heading of the
        same article (before the next title)?"""
        if not TWO_PART_RE.match(self.pieces[i].text):
            return False
        for j in range(i + 1, min(len(self.pieces), i + 80)):
            p = self.pieces[j]
            if p.kind == "h1" or (p.kind == "h2" and self._starts_story(j)):
                return False
            if p.kind in ("h2", "h3", "bold") and TWO_PART_RE.match(p.text):
                return True
        return False

    def _photo_ahead(self, i: int) -> int | None:
        """Index of the credit a ``##`` at ``i`` titles: one or two short paragraphs
        follow it, then the credit (or the credit comes first)."""
        seen = 0
        for j in range(i + 1, len(self.pieces)):
            p = self.pieces[j]
            if p.kind == "markup":
                continue
            if p.kind == "credit":
                return j
            if p.kind != "text" or seen >= 2 or len(p.text) > 400:
                return None
            seen += 1
        return None

    # the walk
    def run(self) -> list[Art]:
        for i, p in enumerate(self.pieces):
            getattr(self, f"_on_{p.kind}")(i, p)
        return self.arts

    def _on_markup(self, i: int, p: Piece) -> None:
        target = self.cur.consumed if self.cur else self.page_consumed
        target.extend(Consumed(s, "markup") for s in p.spans)

    def _on_h1(self, i: int, p: Piece) -> None:
        if self.single:
            art = self._current(p)
            if art.title is None:
                art.title = p.text
                art.consumed.extend(Consumed(s, "title") for s in p.spans)
            else:
                self._unit(art, "heading", p)
            return
        prev = self._prev(i)
        cur = self.cur
        weights = {"title": 2.0}
        evidence = []
        if prev is not None and prev.kind == "h1" and cur is not None and not cur.units:
            # 引题 + 主题: two # lines with nothing between are one title.
            weights["title_part"] = 6.0
            weights["title"] -= EMPTY_ABOVE  # it would leave the title above empty
            evidence.append("right under another # title, nothing between")
        else:
            weights["title_part"] = 0.0
        role = self._decide_heading(p, weights, evidence)
        if role == "title_part" and cur is not None and cur.title is not None:
            cur.title = f"{cur.title} {p.text}"
            cur.consumed.extend(Consumed(s, "title") for s in p.spans)
            return
        self._open_title(p)

    def _open_title(self, p: Piece, kind: ArticleKind = "article") -> None:
        art = self._new(p, p.text, kind)
        if self.pending_kicker is not None:
            art.kicker = self.pending_kicker.text
            art.consumed.extend(Consumed(s, "kicker") for s in self.pending_kicker.spans)
            self.pending_kicker = None

    def _prev_index(self, i: int) -> int | None:
        """Index of the piece before ``i`` that is not stray markup."""
        for j in range(i - 1, -1, -1):
            if self.pieces[j].kind != "markup":
                return j
        return None

    def _prev(self, i: int) -> Piece | None:
        j = self._prev_index(i)
        return None if j is None else self.pieces[j]

    def _decide_heading(self, p: Piece, weights: dict[str, float], evidence: list[str]) -> str:
        live = {k: v for k, v in weights.items() if v > 0}
        if len(live) == 1:
            return next(iter(live))
        return self.draft.decide("title_role", list(p.spans), weights, evidence)

    def _on_h2(self, i: int, p: Piece) -> None:
        cur = self.cur
        if self.single:
            self._on_h1(i, p)
            return
        nxt = self._peek(i)
        prev = self._prev(i)
        kicker_like = pt.looks_like_kicker(p.text)
        under_title = cur is not None and cur.title is not None and not cur.units
        opens = self._starts_story(i)
        credit_first = nxt is not None and nxt.kind == "credit"
        w = {"title": 0.0, "kicker": 0.0, "section": 0.0, "photo_title": 0.0}
        ev: list[str] = []
        if opens and not credit_first:
            # (A credit right under it opens a photo story: that evidence is weighed
            # for the photo title below.)
            w["title"] += 2.0
            ev.append("a byline, dateline, credit or marker follows")
        if (
            not opens
            and nxt is not None
            and nxt.kind == "h2"
            and pt.kicker_strength(nxt.text) > pt.kicker_strength(p.text)
        ):
            # A column label sits under a title: the line above one opens a story even
            # when no byline or dateline follows.
            w["title"] += 2.0
            ev.append("a column label follows it")
        if cur is None:
            w["title"] += 1.0
        else:
            # A section heading is followed by its text, never by a byline or dateline.
            w["section"] += 0.5 if opens else 1.0
            if nxt is not None and nxt.kind in ("text", "h3", "bold") and not opens:
                w["section"] += 0.5
        photo = None if credit_first else self._photo_ahead(i)
        if credit_first:
            w["photo_title"] += 4.0
            ev.append("a photo credit follows")
        elif photo is not None:
            if self._credit_claims_title(photo) is None:
                # Short text and then a credit: a photo story, whose text is not the
                # text a section heading would head.
                w["photo_title"] += 4.0
                w["section"] -= 0.5 if nxt is not None and nxt.kind == "text" else 0.0
                ev.append("short text and a photo credit follow")
            else:
                ev.append("the photo ahead has its title after its credit")
        if (
            prev is not None
            and prev.kind == "credit"
            and cur is not None
            and cur.kind == "photo"
            and cur.title is None
        ):
            pi = self._prev_index(i)
            claimed = pi is not None and self._credit_claims_title(pi) == i
            w["photo_title"] += 6.0 if claimed else 1.0
            ev.append("first ## right after a photo credit")
        if under_title and self._shaped_like_sections(i):
            w["section"] += 1.0
            ev.append("shaped like the article's other section headings")
        if under_title:
            w["kicker"] += 1.5 if prev is not None and prev.kind in ("h1", "h2") else 1.0
            ev.append("right under a title")
            # A title here would leave the article above without a line of its own.
            w["title"] = max(0.0, w["title"] - EMPTY_ABOVE)
            if kicker_like:
                # A column word or brackets say it plainly; quotes alone less so.
                w["kicker"] += float(pt.kicker_strength(p.text))
            if cur is not None and cur.kicker is not None and not kicker_like:
                w["kicker"] -= 1.0
            if opens or self._opener(nxt):
                w["kicker"] += 1.0
                ev.append("between the title and the byline")
        elif nxt is not None and nxt.kind == "h1":
            w["kicker"] += 1.5 + 1.5 * min(1, pt.kicker_strength(p.text))
            ev.append("right above a # title")
        elif (
            nxt is not None
            and nxt.kind == "h2"
            and opens
            and pt.kicker_strength(p.text) > pt.kicker_strength(nxt.text)
        ):
            # 【栏目】 then the story's title, then its byline: a label above its title,
            # as plain as a label above a # title, and the line under it is the likelier
            # title (the story's opening evidence is shared by both lines).
            w["kicker"] += 3.0 + 0.5 * (pt.kicker_strength(p.text) - pt.kicker_strength(nxt.text))
            ev.append("a column label right above the title of the story that follows")
        elif kicker_like and cur is not None and not cur.body():
            w["kicker"] += 0.5
        if nxt is not None and nxt.kind == "h1":
            # The byline below belongs to that # title: a title here would have no line
            # of its own before it.
            w["title"] = max(0.0, w["title"] - EMPTY_ABOVE)
        if pt.kicker_strength(p.text) >= 2:
            # Brackets or a column word (系列报道, 进行时) name a column: titles and
            # section headings do not.
            w["title"] = max(0.0, w["title"] - 1.0)
            w["section"] = max(0.0, w["section"] - 1.0)
        role = self._decide_heading(p, w, ev)
        if role == "photo_title":
            if cur is not None and cur.kind == "photo" and cur.title is None:
                cur.title = p.text
                cur.consumed.extend(Consumed(s, "title") for s in p.spans)
            else:
                self._open_title(p, "photo")
            return
        if role == "kicker":
            if nxt is not None and nxt.kind in ("h1", "h2") and not under_title:
                self.pending_kicker = p  # a column label printed above its title
                return
            art = self._current(p)
            art.kicker = p.text if art.kicker is None else f"{art.kicker} {p.text}"
            art.consumed.extend(Consumed(s, "kicker") for s in p.spans)
            return
        if role == "title":
            self._open_title(p)
            return
        art = self._current(p)
        art.captions_open = False
        self._unit(art, "heading", p)

    def _on_h3(self, i: int, p: Piece) -> None:
        art = self._current(p)
        art.captions_open = False
        self._unit(art, "heading", p)

    _on_bold = _on_h3

    def _on_byline(self, i: int, p: Piece) -> None:
        art = self._current(p)
        art.add_names(art.authors, p.names)
        art.consumed.extend(Consumed(s, "byline") for s in p.spans)

    def _on_marker(self, i: int, p: Piece) -> None:
        assert p.marker is not None
        direction, ref = p.marker
        art = self.cur
        if direction == "from":
            if art is None or (art.body() and not self.single):
                art = self._new(None, None, "fragment")
                art.start = p.start
            if art.continued_from is None:
                art.continued_from = ref
        else:
            art = self._current(p)
            art.continued_on = ref
            if art.units:
                art.units[-1].before_marker = ref
        art.consumed.extend(Consumed(s, "marker") for s in p.spans)

    def _on_credit(self, i: int, p: Piece) -> None:
        cur = self.cur
        title_after = self._credit_claims_title(i) is not None
        if (
            title_after
            and not self.single
            and cur is not None
            and cur.kind != "photo"
            and cur.units
            and cur.units[-1].type == "paragraph"
        ):
            # A photo story whose title follows the credit: its text is the paragraph
            # just printed, which the walk had given to the story before it.
            text_unit = cur.units.pop()
            photo = self._new(None, None, "photo")
            photo.start = text_unit.start
            text_unit.art = photo
            photo.units.append(text_unit)
            cur = photo
        art = cur if cur is not None else self._current(p)
        art.add_names(art.photographers, p.names)
        art.consumed.extend(Consumed(s, "credit") for s in p.spans)
        art.captions_open = True

    def _on_text(self, i: int, p: Piece) -> None:
        art = self._current(p)
        if (
            art.captions_open
            and _is_caption_text(p.text)
            and not (art.kind == "photo" and not art.body() and _photo_text(p.text))
        ):
            self._unit(art, "caption", p)
            return
        if art.kind != "photo":
            # A photo story's text may follow its credit; elsewhere prose ends captions.
            art.captions_open = False
        lead = pt.dateline(p.text)
        if lead is not None:
            art.add_names(art.authors, lead.authors)
        elif len(p.spans) == 1:
            # Right under a heading a second, glued heading is likelier (FORMAT 17): the
            # looser shape is accepted there as on pages whose headings are two-part.
            after_heading = bool(art.units) and art.units[-1].type == "heading"
            cut = glued_heading(p.text, self.two_part or after_heading)
            raw_len = p.spans[0][1] - p.spans[0][0]
            if cut is not None and raw_len == len(p.text):
                head_spans, rest_spans = offset_span(p.spans, cut, len(p.text))
                h = self._unit(art, "heading", p, p.text[:cut], head_spans)
                h.flags.append(GLUED_HEADING)
                rest = p.text[cut:].lstrip()
                skip = len(p.text) - cut - len(rest)
                (rs, re_) = rest_spans[0]
                self._unit(art, "paragraph", p, rest, [(rs + skip, re_)])
                return
        u = self._unit(art, "paragraph", p)
        u.lead = lead is not None


# --- the entry point -----------------------------------------------------------------------


def looks_like_single_article(pieces: list[Piece]) -> bool:
    """A file with no headings and no story openers is one article titled by its first line."""
    if any(p.kind in ("h1", "h2") for p in pieces):
        return False
    if any(p.kind in ("byline", "credit") for p in pieces[1:]):
        return False
    first = next((p for p in pieces if p.kind == "text"), None)
    return first is not None and len(first.text) <= 60 and not pt.ends_sentence(first.text)
