"""A readable outline of a parse, for ``pizhu parse`` without ``--json``."""

from __future__ import annotations

from collections import Counter

from reader.ingest.model import ParsedPage


def outline(page: ParsedPage) -> str:
    src = page.source
    lines = [f"{src.path}  ({src.encoding}, {len(page.articles)} articles)", ""]
    for i, art in enumerate(page.articles, 1):
        title = art.title or "(untitled)"
        lines.append(f"{i:>2}. {title}  [{art.kind}]")
        meta: list[str] = []
        if art.kicker:
            meta.append(f"kicker: {art.kicker}")
        if art.authors:
            meta.append("authors: " + "、".join(art.authors))
        if art.photographers:
            meta.append("photos: " + "、".join(art.photographers))
        if art.continued_from:
            meta.append(f"continued from {art.continued_from}")
        if art.continued_on:
            meta.append(f"continued on {art.continued_on}")
        counts = Counter(b.type for b in art.blocks)
        meta.append(
            ", ".join(f"{n} {t}{'s' if n != 1 else ''}" for t, n in sorted(counts.items()))
            or "no blocks"
        )
        flags = Counter(f for b in art.blocks for f in b.flags)
        flags.update(art.flags)
        if flags:
            meta.append("flags: " + ", ".join(f"{f}×{n}" for f, n in sorted(flags.items())))
        lines.extend(f"      {m}" for m in meta)
    if page.decisions:
        doubtful = [d for d in page.decisions if d.doubtful]
        lines.append("")
        lines.append(f"decisions: {len(page.decisions)} ({len(doubtful)} doubtful)")
        for d in doubtful:
            s, e = d.spans[0]
            where = page.text[s:e].strip()[:16]
            lines.append(
                f"  ? {d.kind}: {d.chosen} over {d.alternative} ({d.confidence:.2f}) at {where!r}"
            )
    if page.consumed:
        reasons = Counter(c.reason for c in page.consumed)
        lines.append("")
        lines.append(
            "dropped on purpose: " + ", ".join(f"{r}×{n}" for r, n in sorted(reasons.items()))
        )
    return "\n".join(lines) + "\n"
