"""Taking one of the parser's decisions the other way: pure functions over a page's articles.

A decision is named by its kind and its source spans (:mod:`reader.store.decisions`);
the page's articles are the parser's (or the library's, fixes included) with blocks tied
to source spans. :func:`apply` returns the articles as they are with ``target`` chosen,
finding everything by source position, so the same fix replays on a fresh parse of the
page and in a colleague's library. A decision that no longer matches the articles raises
:class:`FixError`; one already as asked leaves them as they are.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence

from reader.errors import KnownError
from reader.ingest import Article, Block, Consumed
from reader.ingest.model import JOINED, MISPLACED, MOVED, TRUNCATED_END, TRUNCATED_START
from reader.store.decisions import Span, normalise


class FixError(KnownError):
    """A split fix that does not fit the page's articles as they are now."""


Arts = list[Article]


def _hit(a: Span, spans: Sequence[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _block_at(arts: Arts, pos: int) -> tuple[int, int] | None:
    for ai, art in enumerate(arts):
        for bi, b in enumerate(art.blocks):
            if any(s <= pos < e for s, e in b.spans):
                return ai, bi
    return None


def _blocks_in(arts: Arts, spans: Sequence[Span]) -> tuple[int, list[Block]]:
    """The blocks the spans cover, all of one article (else the fix does not fit)."""
    found = [(ai, b) for ai, art in enumerate(arts) for b in art.blocks if _hit(b.spans[0], spans)]
    homes = {ai for ai, _ in found}
    if len(homes) != 1:
        raise FixError("the decision's paragraphs are no longer in one article")
    return homes.pop(), [b for _, b in found]


def _anchors(art: Article, skip: Sequence[Block] = ()) -> list[int]:
    out = [b.start for b in art.blocks if all(b is not x for x in skip)]
    return out + [c.span[0] for c in art.consumed if c.reason == "title"]


def _home(arts: Arts, pos: int, skip: Sequence[Block] = (), avoid: int | None = None) -> int:
    """The article printed around source position ``pos``: the one with the last thing
    (title or block) before it."""
    others = [ai for ai in range(len(arts)) if ai != avoid] or [0]
    best, where = -1, others[0]
    for ai in others:
        for a in _anchors(arts[ai], skip):
            if best < a <= pos:
                best, where = a, ai
    return where


def _insert_ordered(art: Article, block: Block) -> None:
    i = max((j + 1 for j, b in enumerate(art.blocks) if b.start < block.start), default=0)
    art.blocks.insert(i, block)


def _fold(raw: str) -> str:
    text = " ".join(raw.split())
    text = text.lstrip("#").strip()
    if text.startswith("**") and text.endswith("**") and len(text) > 4:
        text = text[2:-2].strip()
    return text


def _cat(a: str, b: str) -> str:
    """Two parts of one paragraph: CJK takes no space, Latin words keep one."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def _joined(source: str, spans: Sequence[Span]) -> str:
    out = ""
    for s, e in spans:
        out = _cat(out, _fold(source[s:e]))
    return out


def _flags(block: Block, drop: set[str], add: set[str]) -> None:
    block.flags = sorted((set(block.flags) - drop) | add)


def _drop_article(arts: Arts, ai: int, heir: int) -> None:
    """Remove an emptied article; its consumed ranges (bylines, markers) go to ``heir``."""
    gone = arts[ai]
    arts[heir].consumed += [c for c in gone.consumed if c.reason != "title"]
    del arts[ai]


def _absorb(into: Article, art: Article) -> None:
    for name in art.authors:
        if name not in into.authors:
            into.authors.append(name)
    for name in art.photographers:
        if name not in into.photographers:
            into.photographers.append(name)
    into.continued_on = into.continued_on or art.continued_on


# --- join / keep apart ---------------------------------------------------------------------


def _join(source: str, arts: Arts, spans: Sequence[Span], target: str) -> Arts:
    if len(spans) < 2:
        raise FixError("a join decision names two pieces")
    left, right = spans[0], spans[-1]
    at_left, at_right = _block_at(arts, left[0]), _block_at(arts, right[0])
    if at_left is None or at_right is None:
        raise FixError("the joined pieces are no longer on the page's articles")
    if target == "apart":
        if at_left != at_right:
            return arts
        ai, bi = at_left
        block = arts[ai].blocks[bi]
        cut = next((j for j, sp in enumerate(block.spans) if sp[0] >= right[0]), None)
        if not cut:
            raise FixError("the joined paragraph no longer breaks where the decision says")
        head, tail = block.spans[:cut], block.spans[cut:]
        tail_text, head_text = _joined(source, tail), _joined(source, head)
        if tail_text and block.text.endswith(tail_text):
            head_text = block.text[: len(block.text) - len(tail_text)].rstrip()
        elif head_text and block.text.startswith(head_text):
            tail_text = block.text[len(head_text) :].lstrip()
        else:
            raise FixError("the joined paragraph's text no longer matches its page")
        block.text, block.spans = head_text, head
        _flags(block, {JOINED}, {TRUNCATED_END})
        piece = Block("paragraph", tail_text, tail, [TRUNCATED_START])
        _insert_ordered(arts[_home(arts, right[0])], piece)
        return arts
    if at_left == at_right:
        return arts
    (ai, bi), (ci, cj) = at_left, at_right
    first, second = arts[ai].blocks[bi], arts[ci].blocks[cj]
    if second.spans[0][0] != right[0]:
        raise FixError("the continuation no longer starts where the decision says")
    first.text = _cat(first.text, second.text)
    first.spans = first.spans + second.spans
    _flags(first, {TRUNCATED_END}, {JOINED} | (set(second.flags) - {TRUNCATED_START}))
    del arts[ci].blocks[cj]
    if not arts[ci].blocks and arts[ci].title is None:
        _drop_article(arts, ci, ai)
    return arts


# --- title / kicker / section --------------------------------------------------------------


def _role(arts: Arts, spans: Sequence[Span]) -> tuple[str, int, int]:
    for ai, art in enumerate(arts):
        for c in art.consumed:
            if c.reason in ("title", "kicker") and _hit(c.span, spans):
                return ("title" if c.reason == "title" else "kicker"), ai, -1
        for bi, b in enumerate(art.blocks):
            if b.type == "heading" and _hit(b.spans[0], spans):
                return "section", ai, bi
    raise FixError("the line is no longer a title, kicker or section heading")


def _line_text(source: str, art: Article, spans: Sequence[Span], reason: str) -> str:
    mine = [c for c in art.consumed if c.reason == reason]
    whole = art.title if reason == "title" else art.kicker
    if whole and all(_hit(c.span, spans) for c in mine):
        return whole
    return _joined(source, spans)


def _title_to(source: str, arts: Arts, spans: Sequence[Span], k: int, target: str) -> Arts:
    art = arts[k]
    text = _line_text(source, art, spans, "title")
    line = [c.span for c in art.consumed if c.reason == "title"]
    rest = [c for c in art.consumed if c.reason != "title"]
    above = [c for c in rest if c.reason == "kicker" and line and c.span[0] < line[0][0]]
    if target == "section" and above:  # a line printed above the title names the story
        for c in above:
            c.reason = "title"
        art.consumed = rest
        art.title, art.kicker = art.kicker or _joined(source, [c.span for c in above]), None
        art.blocks.insert(0, Block("heading", text, line, []))
        return arts
    # A title with no text under it is an 引题 over the next title; otherwise it goes up.
    into = k + 1 if not art.blocks and k + 1 < len(arts) else k - 1
    if into < 0:
        raise FixError("the page's first article has no article before it to join")
    host = arts[into]
    _absorb(host, art)
    if target == "kicker":
        host.kicker = f"{text} {host.kicker}" if host.kicker else text
        host.consumed += [Consumed(sp, "kicker") for sp in line]
        head: list[Block] = []
    else:
        head = [Block("heading", text, line, [])]
    if into > k:
        host.blocks = head + art.blocks + host.blocks
    else:
        host.blocks += head + art.blocks
    host.consumed += rest
    del arts[k]
    return arts


def _section_to(arts: Arts, k: int, bi: int, target: str) -> Arts:
    art = arts[k]
    heading = art.blocks[bi]
    if target == "kicker":
        del art.blocks[bi]
        art.kicker = f"{art.kicker} {heading.text}" if art.kicker else heading.text
        art.consumed += [Consumed(sp, "kicker") for sp in heading.spans]
        return arts
    if bi == 0:  # nothing above it: the heading takes the title, the old title labels it
        for c in art.consumed:
            if c.reason == "title":
                c.reason = "kicker"
        art.kicker = " ".join(x for x in (art.title, art.kicker) if x) or None
        art.title = heading.text
        art.consumed += [Consumed(sp, "title") for sp in heading.spans]
        del art.blocks[0]
        return arts
    new = Article(title=heading.text, kind="article", blocks=art.blocks[bi + 1 :])
    new.consumed = [Consumed(sp, "title") for sp in heading.spans]
    moved = [c for c in art.consumed if c.reason != "title" and c.span[0] > heading.start]
    art.consumed = [c for c in art.consumed if all(c is not m for m in moved)]
    new.consumed += moved
    new.continued_on, art.continued_on = art.continued_on, None
    art.blocks = art.blocks[:bi]
    arts.insert(k + 1, new)
    return arts


def _kicker_to(source: str, arts: Arts, spans: Sequence[Span], k: int, target: str) -> Arts:
    art = arts[k]
    text = _line_text(source, art, spans, "kicker")
    line = [c.span for c in art.consumed if c.reason == "kicker" and _hit(c.span, spans)]
    art.consumed = [c for c in art.consumed if not (c.reason == "kicker" and _hit(c.span, spans))]
    rest = (art.kicker or "").replace(text, "", 1).strip()
    art.kicker = rest or None
    if target == "section":
        _insert_ordered(art, Block("heading", text, line, []))
        return arts
    start = line[0][0]
    after = [b for b in art.blocks if b.start > start]
    if len(after) == len(art.blocks):  # it heads the whole story: it is the title
        for c in art.consumed:
            if c.reason == "title":
                c.reason = "kicker"
        art.kicker = " ".join(x for x in (art.title, art.kicker) if x) or None
        art.title = text
        art.consumed += [Consumed(sp, "title") for sp in line]
        return arts
    new = Article(title=text, blocks=after, consumed=[Consumed(sp, "title") for sp in line])
    art.blocks = [b for b in art.blocks if b.start <= start]
    arts.insert(k + 1, new)
    return arts


def _title_role(source: str, arts: Arts, spans: Sequence[Span], target: str) -> Arts:
    role, k, bi = _role(arts, spans)
    if role == target:
        return arts
    if role == "title":
        return _title_to(source, arts, spans, k, target)
    if role == "section":
        return _section_to(arts, k, bi, target)
    return _kicker_to(source, arts, spans, k, target)


# --- interleaved sections and orphan runs --------------------------------------------------


def _interleaved(source: str, arts: Arts, spans: Sequence[Span], target: str) -> Arts:
    h, blocks = _blocks_in(arts, spans)
    start = min(b.start for b in blocks)
    home = _home(arts, start, skip=blocks)
    if (target == "keep") == (home == h):
        return arts
    arts[h].blocks = [b for b in arts[h].blocks if all(b is not x for x in blocks)]
    if target == "keep":
        for b in blocks:
            _flags(b, {MOVED}, {MISPLACED})
            _insert_ordered(arts[home], b)
        return arts
    dest = _owner(arts, h, blocks)
    if dest is None:
        raise FixError("no earlier article on the page to move the section back to")
    for b in blocks:
        _flags(b, {MISPLACED}, {MOVED})
    arts[dest].blocks += blocks
    return arts


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if not text[i : i + 2].isspace()}


def _owner(arts: Arts, host: int, blocks: Sequence[Block]) -> int | None:
    """The earlier story a section printed inside ``host`` belongs to: one that breaks off
    unfinished, else the one whose words it shares most (character pairs: no segmenter)."""
    start = min(b.start for b in blocks)
    earlier = [
        i
        for i, a in enumerate(arts)
        if i != host and a.title is not None and min(_anchors(a), default=start) < start
    ]
    broken = [i for i in earlier if arts[i].blocks and TRUNCATED_END in arts[i].blocks[-1].flags]
    if broken:
        return broken[-1]
    words = _bigrams("".join(b.text for b in blocks))
    scored = [(len(words & _bigrams(arts[i].text)), i) for i in earlier]
    return max(scored)[1] if scored else None


def _orphan(source: str, arts: Arts, spans: Sequence[Span], target: str) -> Arts:
    f, blocks = _blocks_in(arts, spans)
    art = arts[f]
    alone = art.kind == "fragment" and art.title is None and len(blocks) == len(art.blocks)
    if (target == "fragment") == alone:
        return arts
    if target == "fragment":
        art.blocks = [b for b in art.blocks if all(b is not x for x in blocks)]
        rest = _anchors(art)
        before = bool(rest) and min(b.start for b in blocks) < min(rest)  # printed above it
        arts.insert(f if before else f + 1, Article(kind="fragment", blocks=blocks))
        return arts
    home = _home(arts, min(b.start for b in blocks), skip=blocks, avoid=f)
    for b in blocks:
        _insert_ordered(arts[home], b)
    _drop_article(arts, f, home)
    return arts


Rule = Callable[[str, Arts, Sequence[Span], str], Arts]
RULES: dict[str, Rule] = {
    "join": _join,
    "title_role": _title_role,
    "interleaved": _interleaved,
    "orphan": _orphan,
}


def apply(
    source: str, articles: Sequence[Article], kind: str, spans: Sequence[Span], choice: str
) -> Arts:
    """The page's articles with ``choice`` taken for the decision (kind, spans)."""
    rule = RULES.get(kind)
    target = normalise(kind, choice)
    if rule is None or target is None:
        raise FixError(f"Pizhu cannot change a {kind!r} decision to {choice!r}")
    return rule(source, copy.deepcopy(list(articles)), spans, target)
