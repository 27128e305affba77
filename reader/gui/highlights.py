"""Highlights in the reading document: colours, overlap, tooltips, text ↔ document ranges.

Highlights are painted with char formats (``QTextCursor.mergeCharFormat``) over the
plain-text document, never by inserting markup. Where highlights overlap, the innermost
one (latest start, then shortest) gives the background and the one around it a strong
underline in its own colour, so both colours show and the text stays on a pale ground.
Only the range a change touches is repainted.
"""

from __future__ import annotations

import html
import itertools
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextDocument

from reader.gui.document import OffsetMap
from reader.store.palette import DEFAULT_PALETTE


@dataclass(frozen=True)
class Swatch:
    light: str  # background on the light theme
    dark: str  # background on the dark theme
    strong: str  # underline on overlaps, card bars, swatch rings


# Backgrounds come with the core palette; the strong shades are the window's own.
STRONG = {
    "yellow": "#c99700",
    "blue": "#3b7dd8",
    "green": "#3c9a4a",
    "pink": "#d9487a",
    "purple": "#7e57c2",
    "orange": "#e07b1f",
}
SWATCHES: dict[str, Swatch] = {
    s.key: Swatch(s.light, s.dark, STRONG.get(s.key, "#8a8a8a")) for s in DEFAULT_PALETTE
}
FALLBACK = Swatch("#e6e6e6", "#4a4a4a", "#8a8a8a")


def swatch(colour: str) -> Swatch:
    return SWATCHES.get(colour, FALLBACK)


def background(colour: str, theme: str) -> str:
    s = swatch(colour)
    return s.dark if theme == "dark" else s.light


@dataclass(frozen=True)
class Mark:
    """What the renderer needs of a highlight (a ``HighlightView`` fits)."""

    id: int
    start: int
    end: int
    colour: str
    note: str


def doc_ranges(offsets: OffsetMap, start: int, end: int) -> list[tuple[int, int]]:
    """Document ranges showing article text [start, end), one per body block it crosses."""
    out: list[tuple[int, int]] = []
    ts_list, ds_list, n_list = offsets.text_starts, offsets.doc_starts, offsets.lengths
    i = max(0, bisect_right(ts_list, start) - 1)
    while i < len(ts_list) and ts_list[i] < end:
        ts, n = ts_list[i], n_list[i]
        s, e = max(start, ts), min(end, ts + n)
        if s < e:
            out.append((ds_list[i] + s - ts, ds_list[i] + e - ts))
        i += 1
    return out


def text_range(offsets: OffsetMap, doc_start: int, doc_end: int) -> tuple[int, int] | None:
    """The article-text range under a document selection (title, byline… left out)."""
    first: int | None = None
    last: int | None = None
    for ts, ds, n in zip(offsets.text_starts, offsets.doc_starts, offsets.lengths, strict=True):
        s, e = max(doc_start, ds), min(doc_end, ds + n)
        if s < e:
            if first is None:
                first = ts + s - ds
            last = ts + e - ds
    if first is None or last is None:
        return None
    return first, last


def _tooltip(notes: Sequence[str]) -> str:
    shown = [n.strip() for n in notes if n.strip()]
    if not shown:
        return ""
    # Notes are untrusted: escaped, so a tooltip never interprets them.
    body = "<hr>".join(html.escape(n[:500]).replace("\n", "<br>") for n in shown)
    return f"<p style='white-space:pre-wrap'>{body}</p>"


def _innermost_first(marks: Iterable[Mark]) -> list[Mark]:
    return sorted(marks, key=lambda m: (-m.start, m.end - m.start, -m.id))


def segments(marks: Sequence[Mark], lo: int, hi: int) -> list[tuple[int, int, list[Mark]]]:
    """Elementary [s, e) pieces of [lo, hi) with the highlights covering each."""
    inside = [m for m in marks if m.start < hi and m.end > lo]
    cuts = {lo, hi}
    for m in inside:
        cuts.update(x for x in (m.start, m.end) if lo < x < hi)
    bounds = sorted(cuts)
    out: list[tuple[int, int, list[Mark]]] = []
    for s, e in itertools.pairwise(bounds):
        over = [m for m in inside if m.start <= s and m.end >= e]
        if over:
            out.append((s, e, over))
    return out


def segments_sweep(marks: Sequence[Mark]) -> list[tuple[int, int, list[Mark]]]:
    """All pieces of all highlights at once (a sweep: fast for hundreds of highlights)."""
    events: dict[int, list[tuple[int, Mark]]] = {}
    for m in marks:
        events.setdefault(m.start, []).append((1, m))
        events.setdefault(m.end, []).append((-1, m))
    active: dict[int, Mark] = {}
    out: list[tuple[int, int, list[Mark]]] = []
    points = sorted(events)
    for i, p in enumerate(points):
        for kind, m in events[p]:
            if kind < 0:
                active.pop(m.id, None)
        for kind, m in events[p]:
            if kind > 0:
                active[m.id] = m
        if active and i + 1 < len(points):
            out.append((p, points[i + 1], list(active.values())))
    return out


class HighlightPainter:
    """Paints highlights into one built document."""

    def __init__(self, document: QTextDocument, offsets: OffsetMap, theme: str) -> None:
        self.document = document
        self.offsets = offsets
        self.theme = theme

    def _format(self, over: Sequence[Mark]) -> QTextCharFormat:
        ordered = _innermost_first(over)
        f = QTextCharFormat()
        f.setBackground(QColor(background(ordered[0].colour, self.theme)))
        if len(ordered) > 1:
            f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            f.setUnderlineColor(QColor(swatch(ordered[1].colour).strong))
        else:
            f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
        f.setToolTip(_tooltip([m.note for m in sorted(over, key=lambda m: (m.start, m.id))]))
        return f

    def _apply(self, cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
        for ds, de in doc_ranges(self.offsets, start, end):
            cursor.setPosition(ds)
            cursor.setPosition(de, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)

    def clear(self, start: int, end: int) -> None:
        plain = QTextCharFormat()
        plain.setBackground(QBrush(Qt.BrushStyle.NoBrush))
        plain.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
        plain.setToolTip("")
        self._apply(QTextCursor(self.document), start, end, plain)

    def paint_all(self, marks: Sequence[Mark]) -> None:
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        for s, e, over in segments_sweep(marks):
            self._apply(cursor, s, e, self._format(over))
        cursor.endEditBlock()

    def repaint(self, marks: Sequence[Mark], start: int, end: int) -> None:
        """Repaint [start, end) only (after a highlight there was added, changed or removed)."""
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        self.clear(start, end)
        for s, e, over in segments(marks, start, end):
            self._apply(cursor, s, e, self._format(over))
        cursor.endEditBlock()


def marks_at(marks: Iterable[Mark], offset: int) -> list[Mark]:
    """Highlights covering text ``offset``, innermost first."""
    return _innermost_first(m for m in marks if m.start <= offset < m.end)
