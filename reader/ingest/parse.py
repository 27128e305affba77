"""Splitting a page dump into articles, repairing what the PDF converter broke.

The work runs in passes over the page, each small enough to reason about:

1. :func:`split_lines` finds every line and its content span (offsets stay true).
2. :func:`read_pieces` classifies lines: titles, headings, bylines, credits, markers,
   prose; each line its own piece (a broken line is joined by the repair passes).
3. :class:`_Segmenter` walks the pieces and decides where articles start (``#`` always;
   ``##`` when a new story follows, else a section or a kicker), attaching metadata.
4. :mod:`reader.ingest.repair` drops duplicated fragments, joins paragraphs broken by
   page and column breaks, moves interleaved continuations back, separates orphan
   fragments and flags what stays truncated.
5. Every non-blank character is checked to lie in a block span or a consumed range.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Literal

from reader.ingest import patterns as pt
from reader.ingest.model import (
    GLUED_HEADING,
    Article,
    ArticleKind,
    Block,
    Consumed,
    ParsedPage,
    SourceInfo,
    Span,
)

# --- lines ---------------------------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Line:
    index: int
    start: int  # content start (leading whitespace skipped)
    end: int  # content end (trailing whitespace skipped)
    text: str  # the content

    @property
    def blank(self) -> bool:
        return self.start >= self.end


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for i, chunk in enumerate(_line_chunks(text)):
        raw_end = pos + len(chunk)
        s, e = pos, raw_end
        while s < e and text[s] in pt.WS:
            s += 1
        while e > s and text[e - 1] in pt.WS:
            e -= 1
        lines.append(Line(i, s, e, text[s:e]))
        pos = raw_end
        m = _NEWLINE.match(text, pos)
        if m:
            pos = m.end()
    return lines


def _line_chunks(text: str) -> Iterator[str]:
    pos = 0
    for m in _NEWLINE.finditer(text):
        yield text[pos : m.start()]
        pos = m.end()
    yield text[pos:]


# --- pieces --------------------------------------------------------------------------------

PieceKind = Literal["h1", "h2", "h3", "bold", "byline", "credit", "marker", "text", "markup"]


@dataclass
class Piece:
    kind: PieceKind
    text: str  # display text, markup removed, whitespace folded
    spans: list[Span]
    names: list[str] = field(default_factory=list)  # byline / credit names
    marker: tuple[str, str] | None = None  # ("from"|"on", "第3版")

    @property
    def start(self) -> int:
        return self.spans[0][0]


def _marker_dir(word: str) -> str:
    return "from" if word in ("上接", "接") else "on"


def _classify(line: Line) -> Piece:
    raw = line.text
    span: list[Span] = [(line.start, line.end)]
    m = pt.HEADING_RE.match(raw)
    if m:
        level = len(m.group(1))
        text = pt.fold_ws(m.group(2).strip("#" + pt.WS))
        if not text:
            return Piece("markup", "", span)
        kind: PieceKind = "h1" if level == 1 else "h2" if level == 2 else "h3"
        return Piece(kind, text, span)
    unbold = pt.fold_ws(raw)
    if not unbold.strip("*-_=~·. " + pt.WS):
        return Piece("markup", "", span)
    names = pt.credit_names(unbold)
    if names is not None:
        return Piece("credit", unbold, span, names=names)
    names = pt.byline_names(unbold)
    if names is not None:
        return Piece("byline", unbold, span, names=names)
    mm = pt.MARKER_RE.fullmatch(unbold)
    if mm:
        ref = pt.normalise_page_ref(mm.group("page"))
        return Piece("marker", unbold, span, marker=(_marker_dir(mm.group("dir")), ref))
    bm = pt.BOLD_LINE_RE.match(raw)
    if bm and not pt.dateline(raw) and not pt.ends_sentence(bm.group(1)):
        return Piece("bold", pt.fold_ws(bm.group(1)), span)
    return Piece("text", unbold, span)


def _split_glued_markers(line: Line) -> list[Line]:
    """``(上接第1版)`` at the start or ``(下转第3版)`` at the end of a prose line: own line."""
    out: list[Line] = []
    text, start = line.text, line.start
    m = pt.MARKER_RE.match(text)
    if m and m.end() < len(text):
        out.append(Line(line.index, start, start + m.end(), m.group(0)))
        rest = len(text) - len(text[m.end() :].lstrip(pt.WS))
        text, start = text[rest:], start + rest
    tail = None
    for m in pt.MARKER_RE.finditer(text):
        if m.end() == len(text) and m.start() > 0:
            tail = m
    if tail is not None:
        body = text[: tail.start()].rstrip(pt.WS)
        out.append(Line(line.index, start, start + len(body), body))
        out.append(Line(line.index, start + tail.start(), start + tail.end(), tail.group(0)))
    else:
        out.append(Line(line.index, start, start + len(text), text))
    return out


_BOLD_LEAD_RE = re.compile(r"^\*\*(?!\*)([^*]{2,24}?)\*\*[ \t\u00a0\u3000]*(?=\S)")


def _split_bold_lead(line: Line) -> list[Line]:
    """``**稳就业 惠民生**全市各部门…``: a bold section heading glued to its paragraph.

    A bold dateline (``**本报讯**(记者…)``) or a bold lead-in sentence (``**优化服务。**…``)
    stays with its paragraph: only heading-shaped bold text is split off.
    """
    m = _BOLD_LEAD_RE.match(line.text)
    if not m or pt.dateline(line.text):
        return [line]
    head = m.group(1).strip()
    rest = line.text[m.end() :]
    if (
        any(c in head for c in pt.SENTENCE_END + pt.SOFT_END + ",，、")
        or not pt.CJK_RE.search(head)
        or head.startswith(("本报", "新华社", "中新社", "记者"))
        or len(rest) < 8
        or pt.MARKER_RE.match(rest)
    ):
        return [line]
    bold_end = m.group(0).rstrip(pt.WS)
    return [
        Line(line.index, line.start, line.start + len(bold_end), bold_end),
        Line(line.index, line.start + m.end(), line.end, rest),
    ]


def _join_texts(a: str, b: str) -> str:
    """Concatenate two parts of one paragraph: CJK takes no space, Latin words keep one."""
    if not a or not b:
        return a + b
    if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def read_pieces(lines: list[Line]) -> list[Piece]:
    """Every non-blank line is a piece (or two, when a marker or a bold heading is glued
    to it). A line is a piece of its own even without a blank line after it: some dumps
    drop the blank lines between paragraphs, and a line broken off mid-sentence is joined
    with its continuation by the same repair as a column break."""
    return [
        _classify(sub)
        for line in lines
        if not line.blank
        for part in _split_glued_markers(line)
        for sub in _split_bold_lead(part)
    ]


# --- glued headings ------------------------------------------------------------------------

_PHRASE = r"[\u3400-\u9fff“”‘’·《》]"
_GLUED_RE = re.compile(rf"^({_PHRASE}{{2,10}}) ({_PHRASE}{{2,12}}) (?=\S)")
_TWO_PART_RE = re.compile(rf"^{_PHRASE}{{2,10}} {_PHRASE}{{2,12}}$")


def _glued_heading(text: str, two_part_headings: bool) -> int | None:
    """Length of a section heading glued to the start of ``text``, if there is one.

    The converter sometimes drops the line break after a two-part heading
    (``稳就业 惠民生 全市各部门…``). Prose almost never puts a space between hanzi, so two
    short space-separated phrases at a paragraph start are a heading — strictly 4–8
    characters each, or 2–10 when the page's other section headings share that shape.
    """
    if pt.dateline(text):
        return None
    m = _GLUED_RE.match(text)
    if not m:
        return None
    a, b = len(m.group(1)), len(m.group(2))
    strict = 4 <= a <= 8 and 4 <= b <= 8
    if not (strict or (two_part_headings and a <= 10 and b <= 12)):
        return None
    rest = text[m.end() :]
    if len(rest) < 8 or not pt.CJK_RE.search(rest[:4]):
        return None
    return m.end() - 1  # without the separating space


def _offset_span(spans: list[Span], skip: int, text_len: int) -> tuple[list[Span], list[Span]]:
    """Split a single-line piece's span after ``skip`` characters of display text.

    Only used on pieces whose display text equals their source (no markup inside the
    glued prefix), which :func:`_glued_heading`'s pattern guarantees for the prefix.
    """
    (s, e) = spans[0]
    head: list[Span] = [(s, s + skip)]
    rest_start = s + skip
    return head, [(rest_start, e), *spans[1:]]


# --- segmentation --------------------------------------------------------------------------


@dataclass(eq=False)
class Unit:
    """A body block while the page is being repaired."""

    type: Literal["heading", "paragraph", "caption"]
    text: str
    spans: list[Span]
    order: int  # position in page order; joins and moves keep the first part's
    art: _Art
    flags: list[str] = field(default_factory=list)
    lead: bool = False  # starts with a dateline: never the tail of another paragraph
    before_marker: str | None = None  # a (下转…) marker follows it directly

    @property
    def start(self) -> int:
        return self.spans[0][0]


@dataclass(eq=False)
class _Art(Article):
    """An article while the page is being split and repaired: body units, not blocks."""

    units: list[Unit] = field(default_factory=list)
    start: int = 0  # where it starts on the page, for ordering
    captions_open: bool = False  # after a photo credit, short lines are captions

    def body(self) -> list[Unit]:
        return [u for u in self.units if u.type != "heading"]

    def add_names(self, target: list[str], names: list[str]) -> None:
        for n in names:
            if n not in target:
                target.append(n)


_CAPTION_MAX = 40


def _is_caption_text(text: str) -> bool:
    if len(text) > _CAPTION_MAX:
        return False
    # A caption is a label, at most one short sentence.
    return sum(text.count(c) for c in "。!?!?;;") <= 1


class _Segmenter:
    def __init__(self, pieces: list[Piece], single_article: bool) -> None:
        self.pieces = pieces
        self.single = single_article
        self.arts: list[_Art] = []
        self.cur: _Art | None = None
        self.order = 0
        self.page_consumed: list[Consumed] = []
        self.pending_kicker: Piece | None = None
        self.two_part = any(
            p.kind in ("h2", "h3", "bold") and _TWO_PART_RE.match(p.text) for p in pieces
        )

    # helpers
    def _new(self, piece: Piece | None, title: str | None, kind: ArticleKind = "article") -> _Art:
        art = _Art(title=title, kind=kind, start=piece.start if piece else 0)
        if piece is not None and title is not None:
            art.consumed.extend(Consumed(s, "title") for s in piece.spans)
        self.arts.append(art)
        self.cur = art
        return art

    def _current(self, piece: Piece) -> _Art:
        if self.cur is None:
            # Text before any title: the tail of a story from another page, or, in a
            # single-article file, the article itself.
            art = self._new(None, None, "article" if self.single else "fragment")
            art.start = piece.start
        assert self.cur is not None
        return self.cur

    def _unit(
        self,
        art: _Art,
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

    def _starts_story(self, p: Piece | None) -> bool:
        """Does ``p`` open a new story (so the ``##`` before it is a title)?"""
        if p is None:
            return False
        if p.kind in ("byline", "credit"):
            return True
        if p.kind == "h2":
            # A title, then its kicker, then the story.
            after = self._peek(self.pieces.index(p))
            return after is not None and after.kind != "h2" and self._starts_story(after)
        if p.kind == "marker":
            return p.marker is not None and p.marker[0] == "from"
        return p.kind == "text" and pt.dateline(p.text) is not None

    def _photo_ahead(self, i: int) -> bool:
        """A ``##`` followed by one or two short paragraphs and then a photo credit."""
        seen = 0
        for p in self.pieces[i + 1 :]:
            if p.kind == "markup":
                continue
            if p.kind == "credit":
                return seen >= 1
            if p.kind != "text" or seen >= 2 or len(p.text) > 400:
                return False
            seen += 1
        return False

    # the walk
    def run(self) -> list[_Art]:
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
        art = self._new(p, p.text)
        if self.pending_kicker is not None:
            art.kicker = self.pending_kicker.text
            art.consumed.extend(Consumed(s, "kicker") for s in self.pending_kicker.spans)
            self.pending_kicker = None

    def _on_h2(self, i: int, p: Piece) -> None:
        cur = self.cur
        if self.single:
            self._on_h1(i, p)
            return
        nxt = self._peek(i)
        prev = self.pieces[i - 1] if i > 0 else None
        if (
            cur is not None
            and cur.title is not None
            and not cur.units
            and cur.kicker is None
            and (pt.looks_like_kicker(p.text) or self._starts_story(nxt))
        ):
            # Right under a title (and byline): a column or campaign label. A plain
            # heading there, with the story's text after it, is the first section.
            cur.kicker = p.text
            cur.consumed.extend(Consumed(s, "kicker") for s in p.spans)
            return
        if (
            cur is not None
            and cur.kind == "photo"
            and cur.title is None
            and prev is not None
            and prev.kind == "credit"
            and not self._starts_story(nxt)
        ):
            # The photo story's title printed after its credit line.
            cur.title = p.text
            cur.consumed.extend(Consumed(s, "title") for s in p.spans)
            return
        if self._photo_ahead(i) or (nxt is not None and nxt.kind == "credit"):
            self._new(p, p.text, "photo")
            return
        if nxt is not None and nxt.kind == "h1":
            # A column label printed above the title it belongs to.
            self.pending_kicker = p
            return
        if cur is None or self._starts_story(nxt):
            self._new(p, p.text)
            return
        cur.captions_open = False
        self._unit(cur, "heading", p)

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
        j = self._peek_index(i)
        title_after = (
            j is not None and self.pieces[j].kind == "h2" and not self._starts_story(self._peek(j))
        )
        if (
            title_after
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
        if art.captions_open and _is_caption_text(p.text):
            self._unit(art, "caption", p)
            return
        if art.kind != "photo":
            # A photo story's text may follow its credit; elsewhere prose ends captions.
            art.captions_open = False
        lead = pt.dateline(p.text)
        if lead is not None:
            art.add_names(art.authors, lead.authors)
        elif len(p.spans) == 1:
            cut = _glued_heading(p.text, self.two_part)
            raw_len = p.spans[0][1] - p.spans[0][0]
            if cut is not None and raw_len == len(p.text):
                head_spans, rest_spans = _offset_span(p.spans, cut, len(p.text))
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


def _looks_like_single_article(pieces: list[Piece]) -> bool:
    """A file with no headings and no story openers is one article titled by its first line."""
    if any(p.kind in ("h1", "h2") for p in pieces):
        return False
    if any(p.kind in ("byline", "credit") for p in pieces[1:]):
        return False
    first = next((p for p in pieces if p.kind == "text"), None)
    return first is not None and len(first.text) <= 60 and not pt.ends_sentence(first.text)


def parse(text: str, source: SourceInfo, mode: str = "auto") -> ParsedPage:
    from reader.ingest.repair import repair

    lines = split_lines(text)
    pieces = read_pieces(lines)
    single = mode == "article" or (mode == "auto" and _looks_like_single_article(pieces))
    if single and pieces and pieces[0].kind == "text":
        # The first line is the title.
        pieces[0].kind = "h1"
    seg = _Segmenter(pieces, single)
    arts = seg.run()
    page_consumed = list(seg.page_consumed)
    if not single:
        page_consumed.extend(repair(arts))
    articles = [_finish(a) for a in arts]
    kept = [a for a in articles if a.blocks or a.title is not None]
    for a in articles:
        if not (a.blocks or a.title is not None):
            page_consumed.extend(a.consumed)
    page_consumed.extend(_uncovered(text, kept, page_consumed))
    page_consumed.sort(key=lambda c: c.span)
    return ParsedPage(source=source, text=text, articles=kept, consumed=page_consumed)


def _finish(art: _Art) -> Article:
    out = {f.name: getattr(art, f.name) for f in fields(Article)}
    out.update(
        kind="fragment" if art.title is None and art.kind == "article" else art.kind,
        blocks=[Block(u.type, u.text, list(u.spans), sorted(set(u.flags))) for u in art.units],
        consumed=sorted(art.consumed, key=lambda c: c.span),
        flags=sorted(set(art.flags)),
    )
    return Article(**out)


def _uncovered(text: str, articles: list[Article], consumed: list[Consumed]) -> list[Consumed]:
    """Ranges of non-blank text no span claims. Never expected; recorded, never lost."""
    covered = bytearray(len(text) + 1)

    def mark(span: Span) -> None:
        s, e = span
        covered[s:e] = b"\x01" * (e - s)

    for a in articles:
        for b in a.blocks:
            for sp in b.spans:
                mark(sp)
        for c in a.consumed:
            mark(c.span)
    for c in consumed:
        mark(c.span)
    out: list[Consumed] = []
    i, n = 0, len(text)
    while i < n:
        if covered[i] or text[i] in pt.WS or text[i].isspace():
            i += 1
            continue
        j = i
        while j < n and not covered[j] and not (text[j] in pt.WS or text[j].isspace()):
            j += 1
        out.append(Consumed((i, j), "unclassified"))
        i = j
    return out
