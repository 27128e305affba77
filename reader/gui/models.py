"""Item models over ids: rows are fetched from the core on demand, never all at once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from reader.gui.i18n import tr
from reader.gui.shown import shows_text
from reader.store.browse import ArticleRowView
from reader.store.ids import ArticleId
from reader.store.views import SearchHit

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2
META_ROLE = Qt.ItemDataRole.UserRole + 3
NODE_ROLE = Qt.ItemDataRole.UserRole + 4

_ROOT = QModelIndex()


K = TypeVar("K")
V = TypeVar("V")


class ChunkCache(Generic[K, V]):
    """Rows of a long id list, fetched ``size`` ids at a time; the ``keep`` most recently
    used chunks stay cached."""

    def __init__(self, fetch: Callable[[Sequence[K]], dict[K, V]], size: int, keep: int) -> None:
        self._fetch = fetch
        self.size = size
        self._keep = keep
        self._chunks: OrderedDict[int, dict[K, V]] = OrderedDict()
        self.fetches = 0  # chunk queries made, for tests and the benchmark

    def get(self, ids: Sequence[K], row: int) -> V | None:
        key = row // self.size
        chunk = self._chunks.get(key)
        if chunk is None:
            chunk = self._fetch(ids[key * self.size : (key + 1) * self.size])
            self.fetches += 1
            self._chunks[key] = chunk
            while len(self._chunks) > self._keep:
                self._chunks.popitem(last=False)
        else:
            self._chunks.move_to_end(key)
        return chunk.get(ids[row])

    def __len__(self) -> int:
        return len(self._chunks)

    def forget(self, row: int | None = None) -> None:
        """Drop the chunk holding ``row``, or every chunk."""
        if row is None:
            self._chunks.clear()
        else:
            self._chunks.pop(row // self.size, None)


def kind_label(kind: str) -> str:
    return {"article": tr("Article"), "photo": tr("Photo story"), "fragment": tr("Fragment")}.get(
        kind, kind
    )


def title_or_untitled(title: str | None) -> str:
    return title if title else tr("(untitled)")


class ArticleTableModel(QAbstractTableModel):
    """Rows are article ids; each row's fields arrive in chunks when a view first asks."""

    CHUNK = 200
    MAX_CHUNKS = 64  # cached chunks kept (about 13,000 rows)
    TITLE, DATE, PAGE, KIND, AUTHORS, HIGHLIGHTS, SOURCE = range(7)
    COLUMNS = 7
    # The core's sort key of each column (reader.store.browse.SORT_KEYS).
    SORT_KEYS = ("title", "date", "page", "kind", "authors", "highlights", "source")

    # A view asked for another order: (sort key, descending); "library" for none.
    sort_requested = Signal(str, bool)

    def __init__(
        self,
        fetch: Callable[[Sequence[ArticleId]], list[ArticleRowView]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._ids: list[ArticleId] = []
        self._row_of: dict[ArticleId, int] = {}
        self._cache: ChunkCache[ArticleId, ArticleRowView] = ChunkCache(
            lambda ids: {r.id: r for r in fetch(ids)}, self.CHUNK, self.MAX_CHUNKS
        )

    @property
    def fetches(self) -> int:  # chunk queries made, for tests and the benchmark
        return self._cache.fetches

    # the ids
    def set_ids(self, ids: Sequence[ArticleId]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._row_of = {a: i for i, a in enumerate(self._ids)}
        self._cache.forget()
        self.endResetModel()

    def ids(self) -> list[ArticleId]:
        return list(self._ids)

    def id_at(self, row: int) -> ArticleId | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: ArticleId) -> int | None:
        return self._row_of.get(article_id)

    def invalidate(self, ids: Sequence[ArticleId]) -> None:
        """Forget cached rows of ``ids`` and tell views to ask again."""
        for aid in ids:
            row = self._row_of.get(aid)
            if row is None:
                continue
            self._cache.forget(row)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _row(self, row: int) -> ArticleRowView | None:
        return self._cache.get(self._ids, row)

    # Qt
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    @staticmethod
    def column_names() -> tuple[str, ...]:
        return (
            tr("Title"),
            tr("Date"),
            tr("Page"),
            tr("Kind"),
            tr("Authors"),
            tr("Highlights"),
            tr("Source file"),
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            names = self.column_names()
            return names[section] if 0 <= section < len(names) else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS[column] if 0 <= column < self.COLUMNS else "library"
        self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)

    @shows_text
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return int(self._ids[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.HIGHLIGHTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self._row(index.row())
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [title_or_untitled(r.title)]
            if r.authors:
                parts.append("、".join(r.authors))
            parts.append(r.source)
            return "\n".join(parts)
        if col == self.TITLE:
            return title_or_untitled(r.title)
        if col == self.DATE:
            return r.date or ""
        if col == self.PAGE:
            return r.page or ""
        if col == self.KIND:
            return kind_label(r.kind)
        if col == self.AUTHORS:
            return "、".join(r.authors)
        if col == self.HIGHLIGHTS:
            return str(r.highlights) if r.highlights else ""
        if col == self.SOURCE:
            return r.source
        return None


class FacetModel(QAbstractListModel):
    """A short list of (value, label) choices: kinds, tags with counts, authors."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[Any, str]] = []

    def set_items(self, items: Sequence[tuple[Any, str]]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def value(self, row: int) -> Any:
        return self._items[row][0] if 0 <= row < len(self._items) else None

    def row_of(self, value: Any) -> int:
        return next((i for i, (v, _) in enumerate(self._items) if v == value), -1)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    @shows_text
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        value, label = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return label
        if role == ID_ROLE:
            return value
        return None


class SearchResultsModel(QAbstractListModel):
    """Search hits, best first; the delegate draws the snippet with its marks.

    Every hit is listed: the first page is fetched at once, the rest as the view
    scrolls to them (Qt's fetchMore). ``fetch(n)`` answers the first ``n`` hits; a
    longer answer only adds to a shorter one (see reader.store.queries)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self.query = ""
        self.total = 0
        self.page = 200
        self._fetch: Callable[[int], Sequence[SearchHit]] | None = None

    def set_hits(self, query: str, hits: Sequence[SearchHit]) -> None:
        self.set_search(query, None, len(hits), hits)

    def set_search(
        self,
        query: str,
        fetch: Callable[[int], Sequence[SearchHit]] | None,
        total: int,
        first: Sequence[SearchHit],
    ) -> None:
        """Show ``first``, of ``total`` hits; ``fetch`` brings more on demand."""
        self.beginResetModel()
        self.query = query
        self._hits = list(first)
        self.total = total
        self._fetch = fetch if len(self._hits) < total else None
        self.endResetModel()

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and self._fetch is not None

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or self._fetch is None:
            return
        have = len(self._hits)
        more = list(self._fetch(have + self.page))[have:]
        if not more:  # the rest were parts of stories already listed, or trashed meanwhile
            self._fetch = None
            return
        self.beginInsertRows(_ROOT, have, have + len(more) - 1)
        self._hits += more
        self.endInsertRows()
        if len(self._hits) >= self.total:
            self._fetch = None

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._hits)

    @shows_text
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        h = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return title_or_untitled(h.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.snippet.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{title_or_untitled(h.title)}: {h.snippet.text}"
        if role == ID_ROLE:
            return int(h.id)
        if role == SNIPPET_ROLE:
            return h.snippet
        if role == META_ROLE:
            return " · ".join(x for x in (h.date or "", h.source, kind_label(h.kind)) if x)
        return None
