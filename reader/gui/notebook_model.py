"""The notebook's table: rows are (group, highlight id) pairs; fields arrive on demand.

Opening the notebook on 50,000 highlights costs one query for the ids; a view asks for
the fields of the rows it paints, which are fetched 200 at a time and cached (the
article list's model, :class:`reader.gui.models.ArticleTableModel`, works the same way).
The group column names the article, tag or colour on the first row of each group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from reader.gui.i18n import tr
from reader.gui.models import ChunkCache
from reader.store.ids import HighlightId
from reader.store.notebook import NotebookIndex, NotebookRow

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


class NotebookModel(QAbstractTableModel):
    CHUNK = 200
    MAX_CHUNKS = 64
    GROUP, QUOTE, COLOUR, NOTE, TAGS, ARTICLE, DATE, AUTHOR = range(8)
    COLUMNS = 8

    def __init__(
        self,
        fetch: Callable[[Sequence[HighlightId]], list[NotebookRow]],
        labels: Callable[[str, Sequence[int]], dict[int, str]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._labels = labels
        self._rows: list[tuple[int, HighlightId]] = []
        self._group = "article"
        self._group_names: dict[int, str] = {}
        self._cache: ChunkCache[HighlightId, NotebookRow] = ChunkCache(
            lambda ids: {r.highlight.id: r for r in fetch(ids)}, self.CHUNK, self.MAX_CHUNKS
        )
        self._ids: list[HighlightId] = []
        self.meanings: dict[str, str] = {}
        self.swatches: dict[str, str] = {}  # colour key -> background

    @property
    def fetches(self) -> int:
        return self._cache.fetches

    def set_index(self, index: NotebookIndex) -> None:
        self.beginResetModel()
        self._rows = list(index.rows)
        self._ids = [h for _, h in self._rows]
        self._group = index.group
        self._group_names = {}
        self._cache.forget()
        self.endResetModel()

    def highlight_at(self, row: int) -> HighlightId | None:
        return self._rows[row][1] if 0 <= row < len(self._rows) else None

    def row_data(self, row: int) -> NotebookRow | None:
        return self._cache.get(self._ids, row) if 0 <= row < len(self._ids) else None

    def forget(self) -> None:
        """Drop cached fields (after an edit) and repaint."""
        self._cache.forget()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1)
            )

    def _group_name(self, row: int) -> str:
        g = self._rows[row][0]
        if g not in self._group_names:
            # names of the groups around this row, in one query
            lo = max(0, row - self.CHUNK)
            keys = list(dict.fromkeys(k for k, _ in self._rows[lo : row + self.CHUNK]))
            self._group_names.update(self._labels(self._group, keys))
        name = self._group_names.get(g, "")
        if name:
            return name
        if self._group == "colour":
            return tr("Article notes")
        return tr("(untagged)") if self._group == "tag" else tr("(untitled)")

    def _starts_group(self, row: int) -> bool:
        return row == 0 or self._rows[row - 1][0] != self._rows[row][0]

    # Qt
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        group = {"article": tr("Article"), "tag": tr("Tag"), "colour": tr("Colour")}
        names = (
            group.get(self._group, ""),
            tr("Quote"),
            tr("Colour"),
            tr("Note"),
            tr("Tags"),
            tr("Article"),
            tr("Page date"),
            tr("Author"),
        )
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = index.row(), index.column()
        if role == ID_ROLE:
            return int(self._rows[row][1])
        if role == Qt.ItemDataRole.FontRole and col in (self.GROUP, self.QUOTE):
            if col == self.GROUP or self._rows[row][1] < 0:  # group names, article notes
                font = QFont()
                font.setBold(col == self.GROUP)
                font.setItalic(col == self.QUOTE)
                return font
            return None
        if role == Qt.ItemDataRole.BackgroundRole and col == self.COLOUR:
            r = self.row_data(row)
            colour = self.swatches.get(r.highlight.colour) if r else None
            return QColor(colour) if colour else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == self.GROUP:
            return self._group_name(row) if self._starts_group(row) else ""
        r = self.row_data(row)
        if r is None:
            return None
        h = r.highlight
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n\n".join(x for x in (h.exact, h.note) if x)
        flat = " ".join
        if col == self.QUOTE:
            return flat(h.exact.split()) if r.kind == "highlight" else tr("(article note)")
        if col == self.COLOUR:
            return self.meanings.get(h.colour, h.colour)
        if col == self.NOTE:
            return flat(h.note.split())
        if col == self.TAGS:
            return ", ".join(h.tags)
        if col == self.ARTICLE:
            return r.title or tr("(untitled)")
        if col == self.DATE:
            return r.date or ""
        if col == self.AUTHOR:
            return h.author
        return None
