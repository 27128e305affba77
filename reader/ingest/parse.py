"""Splitting a page dump into articles, repairing what the PDF converter broke.

A staged pipeline on one shared draft (:mod:`reader.ingest.draft`): lines → pieces
(:mod:`~reader.ingest.pieces`) → structure (:mod:`~reader.ingest.structure`) → repairs
(:mod:`~reader.ingest.repair`). Each stage only reads what the ones before it left;
the decisions taken on ambiguous evidence are returned with the page. Last, every
non-blank character is checked to lie in a block span or a consumed range.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

from reader.ingest import patterns as pt
from reader.ingest.draft import Art, Draft, split_lines
from reader.ingest.model import Article, Block, Consumed, ParsedPage, SourceInfo, Span
from reader.ingest.pieces import read_pieces
from reader.ingest.repair import repair
from reader.ingest.structure import Segmenter, looks_like_single_article


def parse(
    text: str,
    source: SourceInfo,
    mode: str = "auto",
    overrides: Mapping[str, str] | None = None,
) -> ParsedPage:
    """Parse ``text``; ``overrides`` maps decision keys to the reading a reader chose."""
    draft = Draft(text, dict(overrides or {}))
    lines = split_lines(text)
    pieces = read_pieces(lines)
    single = mode == "article" or (mode == "auto" and looks_like_single_article(pieces))
    if single and pieces and pieces[0].kind == "text":
        # The first line is the title.
        pieces[0].kind = "h1"
    seg = Segmenter(pieces, single, draft)
    arts = seg.run()
    page_consumed = list(seg.page_consumed)
    if not single:
        page_consumed.extend(repair(arts, draft))
    articles = [_finish(a) for a in arts]
    kept = [a for a in articles if a.blocks or a.title is not None]
    for a in articles:
        if not (a.blocks or a.title is not None):
            page_consumed.extend(a.consumed)
    page_consumed.extend(_uncovered(text, kept, page_consumed))
    page_consumed.sort(key=lambda c: c.span)
    decisions = sorted(draft.decisions, key=lambda d: d.spans[0] if d.spans else (0, 0))
    return ParsedPage(
        source=source, text=text, articles=kept, consumed=page_consumed, decisions=decisions
    )


def _finish(art: Art) -> Article:
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
