"""The parser's recorded decisions on a page, read defensively.

A parse carries ``decisions``: ``[{"kind", "confidence", "spans", "chosen",
"alternative", "key", "doubtful", "evidence", "target"?}]`` (see
:class:`reader.ingest.model.Decision`). Entries that are malformed simply give no
decision: the app then marks nothing as doubtful. This module is the one place that
reads them; :mod:`reader.store.splitfix` answers them by passing ``{key: choice}`` to
the parser as ``overrides``, so every flip is the parser's own other reading.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reader.ingest.model import DOUBTFUL

Span = tuple[int, int]

# Each kind's readings as the parser names them, and older names (share files and
# libraries written before the parser recorded its own) that mean the same.
READINGS: dict[str, tuple[str, ...]] = {
    "join": ("join", "apart"),
    "title_role": ("title", "title_part", "kicker", "section", "photo_title"),
    "orphan": ("fragment", "own"),
    "interleaved": ("move_back", "in_place"),
}
ALIASES: dict[str, dict[str, str]] = {
    "join": {"joined": "join", "keep_apart": "apart", "truncated": "apart", "split": "apart"},
    "title_role": {"heading": "section", "label": "kicker", "two_line_title": "title_part"},
    "orphan": {"orphan": "fragment", "host": "own", "in_host": "own", "keep": "own"},
    "interleaved": {"move": "move_back", "moved": "move_back", "keep": "in_place"},
}


def normalise(kind: str, value: str) -> str | None:
    """The parser's name for ``value`` as a reading of ``kind`` (None: one we cannot act on).
    A kind this module does not know yet takes the parser's words as they are: the parser
    refuses an override it cannot take."""
    v = value.strip().lower().replace("-", "_").replace(" ", "_")
    if kind not in READINGS:
        return v or None
    if v in READINGS[kind]:
        return v
    return ALIASES.get(kind, {}).get(v)


def key_of(kind: str, spans: Iterable[Span]) -> str:
    """A decision's identity on its page, as the parser keys it: kind and first span start."""
    first = next(iter(spans), (0, 0))
    return f"{kind}@{first[0]}"


@dataclass(frozen=True)
class Decision:
    kind: str
    confidence: float
    spans: tuple[Span, ...]
    chosen: str
    alternative: str
    doubt: bool | None = None  # the parser's own verdict, when it gave one
    evidence: tuple[str, ...] = ()
    target: str | None = None  # interleaved: the earlier article's title

    @property
    def key(self) -> str:
        return key_of(self.kind, self.spans)

    @property
    def doubtful(self) -> bool:
        return self.doubt if self.doubt is not None else self.confidence < DOUBTFUL

    @property
    def flippable(self) -> bool:
        a, b = normalise(self.kind, self.chosen), normalise(self.kind, self.alternative)
        return a is not None and b is not None and a != b

    @property
    def start(self) -> int:
        return min((s for s, _ in self.spans), default=0)

    def readings(self) -> tuple[str, ...]:
        """Every reading the user may ask for (the parser refuses one it cannot take)."""
        known = READINGS.get(self.kind)
        if known is not None:
            return known
        both = (normalise(self.kind, self.chosen), normalise(self.kind, self.alternative))
        return tuple(dict.fromkeys(r for r in both if r))


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
    doubt = _field(entry, "doubtful")
    raw_ev = _field(entry, "evidence")
    evidence = tuple(e for e in raw_ev if isinstance(e, str)) if isinstance(raw_ev, list) else ()
    target = _field(entry, "target")
    return Decision(
        kind,
        max(0.0, min(1.0, float(conf))),
        spans,
        chosen,
        alt,
        doubt if isinstance(doubt, bool) else None,
        evidence,
        target if isinstance(target, str) else None,
    )


def decisions_of(page: Any, text_length: int | None = None) -> list[Decision]:
    """The well-formed decisions a parse result (object or JSON dict) carries, in page order."""
    raw = _field(page, "decisions")
    if not isinstance(raw, list | tuple):
        return []
    if text_length is None:
        body = _field(page, "text")
        text_length = len(body) if isinstance(body, str) else 1 << 62
    found = (_one(e, text_length) for e in raw)
    return sorted((d for d in found if d is not None), key=lambda d: (d.start, d.key))
