"""The parser's recorded decisions on a page, read defensively.

A parse may carry ``decisions``: ``[{"kind", "confidence", "spans", "chosen",
"alternative"}]`` (FORMAT.md allows extra fields). Parsers that record none, and
entries that are malformed, simply give no decisions: the app then marks nothing as
doubtful. This module is the one place that reads them.

How a decision's spans are read when it is flipped (:mod:`reader.store.fixrules`):
``join``: the first span lies in the paragraph that breaks off, the last one starts the
continuation; ``title_role``: the heading line; ``interleaved`` and ``orphan``: ranges
covering the section's or run's paragraphs (one span for the whole run will do).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from reader.ingest import SourceInfo
from reader.store import importer
from reader.store.errors import NotFoundError
from reader.store.ids import SourceId
from reader.store.models import SourceFile
from reader.store.unit import Unit

# Below this confidence a decision is shown as doubtful. A display choice only: the
# parser decides; this just says which decisions deserve a second look.
DOUBTFUL_BELOW = 0.8

Span = tuple[int, int]

# What each kind of decision can choose, the first name being ours; a parser may use
# any of the others.
CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "join": {
        "join": ("join", "joined", "continue", "continued"),
        "apart": ("apart", "keep_apart", "separate", "truncated", "split"),
    },
    "title_role": {
        "title": ("title", "article_title", "article", "photo_title", "photo", "main_title"),
        "kicker": ("kicker", "label"),
        "section": ("section", "heading", "section_heading"),
    },
    "interleaved": {
        "move": ("move", "moved", "move_back", "moved_back"),
        "keep": ("keep", "in_place", "stay", "flagged"),
    },
    "orphan": {
        "fragment": ("fragment", "orphan", "own_fragment"),
        "own": ("own", "host", "in_host", "keep", "in_place"),
    },
}


def normalise(kind: str, value: str) -> str | None:
    """Our name for ``value`` as a choice of ``kind`` (None: one we cannot act on)."""
    v = value.strip().lower().replace("-", "_").replace(" ", "_")
    for name, aliases in CHOICES.get(kind, {}).items():
        if v in aliases:
            return name
    return None


def key_of(kind: str, spans: Iterable[Span]) -> str:
    """A decision's identity on its page: its kind and where it is."""
    return kind + ":" + ";".join(f"{s}-{e}" for s, e in spans)


@dataclass(frozen=True)
class Decision:
    kind: str
    confidence: float
    spans: tuple[Span, ...]
    chosen: str
    alternative: str

    @property
    def key(self) -> str:
        return key_of(self.kind, self.spans)

    @property
    def doubtful(self) -> bool:
        return self.confidence < DOUBTFUL_BELOW

    @property
    def flippable(self) -> bool:
        a, b = normalise(self.kind, self.chosen), normalise(self.kind, self.alternative)
        return a is not None and b is not None and a != b

    @property
    def start(self) -> int:
        return min((s for s, _ in self.spans), default=0)


def _field(entry: Any, name: str) -> Any:
    if isinstance(entry, Mapping):
        return entry.get(name)
    return getattr(entry, name, None)


def _spans(raw: Any, limit: int) -> tuple[Span, ...] | None:
    if not isinstance(raw, list | tuple) or not raw:
        return None
    if len(raw) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in raw):
        raw = [raw]  # one span written flat
    out: list[Span] = []
    for sp in raw:
        if not isinstance(sp, list | tuple) or len(sp) != 2:
            return None
        s, e = sp
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (s, e)):
            return None
        if not 0 <= s < e <= limit:
            return None
        out.append((s, e))
    return tuple(out)


def _one(entry: Any, limit: int) -> Decision | None:
    kind, chosen, alt = (_field(entry, n) for n in ("kind", "chosen", "alternative"))
    conf = _field(entry, "confidence")
    if not (isinstance(kind, str) and isinstance(chosen, str) and isinstance(alt, str)):
        return None
    if isinstance(conf, bool) or not isinstance(conf, int | float) or not math.isfinite(conf):
        return None
    spans = _spans(_field(entry, "spans"), limit)
    if spans is None:
        return None
    return Decision(kind, max(0.0, min(1.0, float(conf))), spans, chosen, alt)


def decisions_of(page: Any, text_length: int | None = None) -> list[Decision]:
    """The well-formed decisions a parse result (object or JSON dict) carries, in page order."""
    raw = _field(page, "decisions")
    if raw is None and not isinstance(page, Mapping) and hasattr(page, "to_json"):
        raw = page.to_json().get("decisions")
    if not isinstance(raw, list | tuple):
        return []
    if text_length is None:
        body = _field(page, "text")
        text_length = len(body) if isinstance(body, str) else 1 << 62
    found = (_one(e, text_length) for e in raw)
    return sorted((d for d in found if d is not None), key=lambda d: (d.start, d.key))


_cache: dict[tuple[object, str], list[Decision]] = {}


def for_source(
    tx: Unit, source_id: SourceId | int, parser: importer.Parser | None = None
) -> list[Decision]:
    """The decisions the parser takes on an imported page (parsed again; kept per page)."""
    parse = parser or importer.default_parser
    conn = tx.conn
    sha = conn.execute(select(SourceFile.sha256).where(SourceFile.id == int(source_id))).scalar()
    if sha is None:
        raise NotFoundError(f"no source file {source_id} in {tx.path}")
    key = (parse, str(sha))  # the parser itself, so a replaced one is not confused
    row = None
    if key not in _cache:
        row = conn.execute(
            select(SourceFile.name, SourceFile.text, SourceFile.encoding).where(
                SourceFile.id == int(source_id)
            )
        ).one()
    if row is not None:
        if len(_cache) > 64:
            _cache.clear()
        page = parse(row.text, SourceInfo(path=row.name, sha256=key[1], encoding=row.encoding))
        _cache[key] = decisions_of(page, len(row.text))
    return list(_cache[key])
