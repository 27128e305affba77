"""The article's highlights as cards: a filterable list model and the delegate that draws it.

Cards are painted, not built from widgets, so an article with hundreds of highlights
opens at once: each card is at most two lines of quote, two of note, one of tags and
one of author and time, laid out with ``QTextLayout`` and elided.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.gui.highlights import swatch
from reader.gui.i18n import tr
from reader.gui.shown import shown, shows_text
from reader.store.ids import HighlightId
from reader.store.views import HighlightView

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 5
_ROOT = QModelIndex()


def when(stamp: str) -> str:
    """``2026-05-12T09:30:12+00:00`` → ``2026-05-12 09:30``."""
    return stamp[:16].replace("T", " ")


class HighlightListModel(QAbstractListModel):
    """The current article's highlights in reading order, filtered by colour, tag, author."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[HighlightView] = []
        self._shown: list[HighlightView] = []
        self.colour: str | None = None
        self.tag: str | None = None
        self.author: str | None = None
        self.scope: frozenset[str] | None = None  # the library's tag filter: these names
        self.meanings: dict[str, str] = {}

    def set_highlights(self, highlights: Sequence[HighlightView]) -> None:
        self.beginResetModel()
        self._all = sorted(highlights, key=lambda h: (h.start, h.id))
        self._shown = [h for h in self._all if self._accepts(h)]
        self.endResetModel()

    def update(self, changed: Sequence[HighlightView], removed: Iterable[int]) -> None:
        """Replace, insert or remove just these cards (the rest keep their rows)."""
        by_id = {int(h.id): h for h in changed}
        gone = set(removed) - set(by_id)
        touched = gone | set(by_id)
        self._all = sorted(
            [h for h in self._all if int(h.id) not in touched] + list(by_id.values()),
            key=lambda h: (h.start, h.id),
        )
        for hid in touched:
            row = self.row_of(hid)
            if row is None:
                continue
            h = by_id.get(hid)
            old = self._shown[row]
            if h is not None and self._accepts(h) and (h.start, h.id) == (old.start, old.id):
                self._shown[row] = h  # edited in place: the same row
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)
                del by_id[hid]
                continue
            self.beginRemoveRows(_ROOT, row, row)
            del self._shown[row]
            self.endRemoveRows()
        keys = [(h.start, h.id) for h in self._shown]
        for h in sorted(by_id.values(), key=lambda h: (h.start, h.id)):
            if not self._accepts(h):
                continue
            row = bisect_left(keys, (h.start, h.id))
            self.beginInsertRows(_ROOT, row, row)
            self._shown.insert(row, h)
            keys.insert(row, (h.start, h.id))
            self.endInsertRows()

    def set_filter(
        self, colour: str | None = None, tag: str | None = None, author: str | None = None
    ) -> None:
        self.colour, self.tag, self.author = colour, tag, author
        self.set_highlights(self._all)

    def set_scope(self, names: frozenset[str] | None) -> None:
        """Show only highlights carrying one of ``names`` (None: no such filter)."""
        self.scope = names
        self.set_highlights(self._all)

    def _accepts(self, h: HighlightView) -> bool:
        return (
            (self.scope is None or any(t in self.scope for t in h.tags))
            and (self.colour is None or h.colour == self.colour)
            and (self.tag is None or self.tag in h.tags)
            and (self.author is None or h.author == self.author)
        )

    def all(self) -> list[HighlightView]:
        return list(self._all)

    def shown(self) -> list[HighlightView]:
        return list(self._shown)

    def row_of(self, hid: HighlightId | int) -> int | None:
        return next((i for i, h in enumerate(self._shown) if h.id == hid), None)

    def highlight(self, row: int) -> HighlightView | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def authors(self) -> list[str]:
        return sorted({h.author for h in self._all if h.author})

    def tags(self) -> list[str]:
        return sorted({t for h in self._all for t in h.tags})

    # Qt
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    @shows_text
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        h = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return h.exact
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.note or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            meaning = self.meanings.get(h.colour, h.colour)
            return f"{meaning}: {h.exact}" + (f" — {h.note}" if h.note else "")
        if role == ID_ROLE:
            return int(h.id)
        if role == HIGHLIGHT_ROLE:
            return h
        return None


def _lines(text: str, font: QFont, width: int, max_lines: int) -> list[tuple[QTextLayout, int]]:
    """``text`` laid out in at most ``max_lines`` lines of ``width``; the last one elided."""
    flat = " ".join(shown(text).split())
    fm = QFontMetrics(font)
    out: list[tuple[QTextLayout, int]] = []
    layout = QTextLayout(flat, font)
    opt = QTextOption()
    opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(opt)
    layout.beginLayout()
    starts: list[int] = []
    while len(starts) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    more = layout.createLine().isValid()
    layout.endLayout()
    for i, s in enumerate(starts):
        last = i == len(starts) - 1
        part = flat[s : starts[i + 1]] if not last else flat[s:]
        if last and (more or fm.horizontalAdvance(part) > width):
            part = fm.elidedText(part, Qt.TextElideMode.ElideRight, width)
        one = QTextLayout(part, font)
        one.beginLayout()
        ln = one.createLine()
        ln.setLineWidth(10**6)
        one.endLayout()
        out.append((one, fm.lineSpacing()))
    return out


class HighlightCardDelegate(QStyledItemDelegate):
    """Draws a highlight as a card: colour bar, quote, note, tags, author · time."""

    PAD = 8
    BAR = 5

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        note = QFont(base)
        note.setItalic(True)
        small = QFont(base)
        small.setPointSizeF(max(6.0, base.pointSizeF() * 0.85))
        return base, note, small

    def _spacings(self, option: QStyleOptionViewItem) -> tuple[int, int]:
        key = option.font.key()
        if getattr(self, "_key", None) != key:
            base, _note, small = self._fonts(option)
            self._key = key
            self._sp = (QFontMetrics(base).lineSpacing(), QFontMetrics(small).lineSpacing())
        return self._sp

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        h: HighlightView | None = index.data(HIGHLIGHT_ROLE)
        fb, fs = self._spacings(option)
        height = 2 * self.PAD + 2 * fb + fs + 4
        if h is not None and h.note.strip():
            height += 2 * fb + 2
        if h is not None and h.tags:
            height += fs + 2
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        h: HighlightView | None = index.data(HIGHLIGHT_ROLE)
        if h is None:
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        text = pal.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text)
        muted.setAlphaF(0.7)
        base, note, small = self._fonts(option)
        r: QRect = option.rect.adjusted(0, 2, 0, -2)
        painter.save()
        painter.fillRect(
            QRect(r.left() + 2, r.top() + 2, self.BAR, r.height() - 4),
            QColor(swatch(h.colour).strong),
        )
        x = r.left() + self.BAR + self.PAD
        width = max(40, r.right() - x - self.PAD)
        y = float(r.top() + self.PAD - 2)

        def draw(lines: list[tuple[QTextLayout, int]], colour: QColor) -> None:
            nonlocal y
            painter.setPen(colour)
            for layout, step in lines:
                layout.draw(painter, QPointF(x, y))
                y += step

        draw(_lines(h.exact, base, width, 2), text)
        if h.note.strip():
            y += 2
            draw(_lines(h.note, note, width, 2), text)
        if h.tags:
            y += 2
            draw(_lines("  ".join("#" + t for t in h.tags), small, width, 1), muted)
        y += 2
        meta = " · ".join(p for p in (h.author or tr("(no author)"), when(h.created_at)) if p)
        draw(_lines(meta, small, width, 1), muted)
        painter.restore()
