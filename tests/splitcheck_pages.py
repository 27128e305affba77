"""Real pages for the split-fix tests, and what each reading of a decision looks like.

The pages are the parser's own test pages (the seed page, the sample pages, the
first-contact and independent pages) and simulated ones; the decisions are the real
parser's. :func:`reading_of` says which reading the articles show at a decision's
place, judged from the articles alone, so a test can check that a flip produced the
alternative split and not just some other one."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from reader.ingest import Article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "corpus" / "seed-page-000.txt"

Span = tuple[int, int]


def page_files() -> list[Path]:
    found = sorted((ROOT / "resources" / "samples").glob("*.txt"))
    found += sorted((ROOT / "tests" / "ingest" / "firstcontact").glob("*.txt"))
    found += sorted((ROOT / "tests" / "ingest" / "independent").glob("*.txt"))
    return ([SEED] if SEED.exists() else []) + found


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


def _hit(a: Span, spans: Sequence[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _holder(arts: Sequence[Article], spans: Sequence[Span]) -> list[Article]:
    return [a for a in arts if any(_hit(sp, spans) for b in a.blocks for sp in b.spans)]


def reading_of(
    arts: Sequence[Article], kind: str, spans: Sequence[Span], target: str | None
) -> str:
    """The reading the articles show for a decision of ``kind`` at ``spans``."""
    if kind == "join":
        first, last = [spans[0]], [spans[-1]]
        together = any(
            any(_hit(sp, first) for sp in b.spans) and any(_hit(sp, last) for sp in b.spans)
            for a in arts
            for b in a.blocks
        )
        return "join" if together else "apart"
    if kind == "title_role":
        line = [spans[0]]
        for a in arts:
            titles = [c.span for c in a.consumed if c.reason == "title"]
            if any(_hit(t, line) for t in titles):
                if min(titles)[0] < spans[0][0] and not any(
                    c.reason == "kicker" and c.span[0] < spans[0][0] for c in a.consumed
                ):
                    return "title_part"
                return "photo_title" if a.kind == "photo" else "title"
            if any(c.reason == "kicker" and _hit(c.span, line) for c in a.consumed):
                return "kicker"
            if any(b.type == "heading" and _hit(b.spans[0], line) for b in a.blocks):
                return "section"
        return "?"
    holders = _holder(arts, spans)
    if kind == "orphan":
        alone = len(holders) == 1 and holders[0].kind == "fragment" and holders[0].title is None
        return "fragment" if alone else "own"
    if kind == "interleaved":
        back = bool(holders) and all(a.title == target for a in holders)
        return "move_back" if back else "in_place"
    return "?"


# Every reading change the parser's decisions offer on real pages.
PAIRS = (
    ("join", "join", "apart"),
    ("join", "apart", "join"),
    ("title_role", "title", "section"),
    ("title_role", "kicker", "title"),
    ("title_role", "kicker", "section"),
    ("title_role", "photo_title", "section"),
    ("title_role", "photo_title", "title"),
    ("title_role", "photo_title", "kicker"),
    ("title_role", "title_part", "title"),
    ("orphan", "own", "fragment"),
    ("orphan", "fragment", "own"),
    ("interleaved", "move_back", "in_place"),
    ("interleaved", "in_place", "move_back"),
)


@cache
def pages(simulated: int = 60) -> tuple[tuple[str, str], ...]:
    """(file name, text): the real pages, then simulated ones (tests/pagesim.py)."""
    from tests.pagesim import generate

    out = [(p.name, read(p)) for p in page_files()]
    return tuple(out + [(f"sim-{s:03d}.txt", generate(s).text) for s in range(simulated)])


@cache
def cases() -> tuple[tuple[str, str, str, str, str, str], ...]:
    """(page name, page text, decision key, kind, chosen, alternative): one page per
    reading change, a real page where one has it, a doubtful decision where one is."""
    from reader.ingest import parse_text

    found: dict[tuple[str, str, str], tuple[bool, str, str, str]] = {}
    for name, text in pages():
        for d in parse_text(text).decisions:
            pair = (d.kind, d.chosen, d.alternative)
            if pair in PAIRS and (pair not in found or (d.doubtful and not found[pair][0])):
                found[pair] = (d.doubtful, name, text, d.key)
        if len(found) == len(PAIRS) and all(v[0] for v in found.values()):
            break
    return tuple((*found[p][1:], *p) for p in PAIRS if p in found)


def quote_near(arts: Sequence[Article], spans: Sequence[Span]) -> tuple[int, str]:
    """(article index, words) to highlight at a decision: a paragraph it covers, else the
    first one printed after it; the words lie in the paragraph's first printed part."""
    blocks = [
        (b.spans[0][0], ai, b)
        for ai, a in enumerate(arts)
        for b in a.blocks
        if b.type == "paragraph" and len(b.text) >= 16
    ]
    blocks.sort(key=lambda x: x[0])
    inside = [x for x in blocks if any(_hit(sp, spans) for sp in x[2].spans)]
    after = [x for x in blocks if x[0] >= spans[0][0]]
    _, ai, b = (inside or after or blocks)[0]
    return ai, b.text[2:12]


def page_with(doubts: int = 1, byline: bool = False) -> tuple[str, str]:
    """(file name, text) of the first page, real ones first, on which the parser has at
    least ``doubts`` doubtful decisions (and, if asked, a byline). Tests pick pages this
    way so that they hold while the parser's confidence is tuned."""
    from reader.ingest import parse_text

    for name, text in pages():
        page = parse_text(text)
        if sum(1 for d in page.decisions if d.doubtful) < doubts:
            continue
        if byline and not any(c.reason == "byline" for a in page.articles for c in a.consumed):
            continue
        return name, text
    raise LookupError(f"no page with {doubts} doubtful decisions")
