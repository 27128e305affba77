"""The parse's two promises, checkable on any page.

1. Nothing vanishes: every non-blank character lies in a block span or a consumed range.
2. Nothing is invented: a block's text is made of its spans' text, markup aside.
"""

from __future__ import annotations

import re

from reader.ingest.model import ParsedPage

_SQUASH = re.compile(r"[\s*#\u00a0\u3000\ufeff\u200b]")


def _squash(text: str) -> str:
    return _SQUASH.sub("", text)


def uncovered(page: ParsedPage) -> list[tuple[int, int]]:
    """Ranges of non-blank characters no span or consumed range claims."""
    text = page.text
    covered = bytearray(len(text))
    spans = [sp for a in page.articles for b in a.blocks for sp in b.spans]
    spans += [c.span for a in page.articles for c in a.consumed]
    spans += [c.span for c in page.consumed]
    for s, e in spans:
        covered[max(0, s) : min(len(text), e)] = b"\x01" * (min(len(text), e) - max(0, s))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if covered[i] or text[i].isspace() or text[i] in "\ufeff\u200b":
            i += 1
            continue
        j = i
        while j < len(text) and not covered[j] and not text[j].isspace():
            j += 1
        out.append((i, j))
        i = j
    return out


def problems(page: ParsedPage) -> list[str]:
    """Everything that breaks the two promises, as readable lines (empty when sound)."""
    out = [
        f"characters {s}-{e} ({page.text[s:e][:20]!r}) are in no span" for s, e in uncovered(page)
    ]
    for ai, art in enumerate(page.articles):
        for bi, block in enumerate(art.blocks):
            where = f"article {ai} block {bi}"
            if not block.spans:
                out.append(f"{where} has no spans")
                continue
            if any(not (0 <= s < e <= len(page.text)) for s, e in block.spans):
                out.append(f"{where} has a span outside the page: {block.spans}")
                continue
            source = "".join(page.text[s:e] for s, e in block.spans)
            if _squash(source) != _squash(block.text):
                out.append(f"{where} text {block.text[:20]!r} is not made of its spans")
    return out
