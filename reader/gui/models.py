"""Item models over ids: rows are fetched from the core on demand, never all at once."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from reader.gui.i18n import tr
from reader.gui.shown import shows_text
from reader.store.browse import NO_DATE, ArticleRowView, PageView, PaperDate
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


def page_label(page: str | None) -> str:
    return tr("Page %1").replace("%1", page) if page else tr("Page ?")


def title_or_untitled(title: str | None) -> str:
    return title if title else tr("(untitled)")


class ArticleTableModel(QAbstractTableModel):
    """Rows are article ids; each row's fields arrive in chunks when a view first asks."""

    CHUNK = 200
    MAX_CHUNKS = 64  # cached chunks kept (about 13,000 rows)
    TITLE, DATE, PAGE, KIND = range(4)

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
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                (tr("Title"), tr("Date"), tr("Page"), tr("Kind"))[section]
                if 0 <= section < 4
                else None
            )
        return None

    @shows_text
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return int(self._ids[index.row()])
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
        return None


class PaperTreeModel(QAbstractItemModel):
    """Page dates at the top, the pages of a date below it, loaded when first expanded."""

    def __init__(
        self,
        dates: Callable[[], list[PaperDate]],
        pages: Callable[[str], list[PageView]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._load_dates = dates
        self._load_pages = pages
        self._dates: list[PaperDate] = []
        self._pages: dict[int, list[PageView]] = {}

    def reload(self) -> None:
        self.beginResetModel()
        self._dates = self._load_dates()
        self._pages.clear()
        self.endResetModel()

    # index i of a date ↔ internal id 0; a page under date i ↔ internal id i + 1
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._dates) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        pages = self._pages.get(parent.row(), [])
        return self.createIndex(row, 0, parent.row() + 1) if row < len(pages) else QModelIndex()

    def parent(self, child: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(child.internalId()) - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._dates)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._pages.get(parent.row(), []))
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def hasChildren(self, parent: Index = _ROOT) -> bool:
        if not parent.isValid():
            return bool(self._dates)
        return (
            parent.internalId() == 0
            and parent.column() == 0
            and self._dates[parent.row()].pages > 0
        )

    def canFetchMore(self, parent: Index) -> bool:
        return parent.isValid() and parent.internalId() == 0 and parent.row() not in self._pages

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        row = parent.row()
        pages = self._load_pages(self._dates[row].date)
        if pages:
            self.beginInsertRows(parent, 0, len(pages) - 1)
            self._pages[row] = pages
            self.endInsertRows()
        else:
            self._pages[row] = []

    def node(self, index: Index) -> tuple[str, str | int] | None:
        """("date", date) or ("page", source id) for ``index``."""
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return ("date", self._dates[index.row()].date)
        pages = self._pages.get(int(index.internalId()) - 1, [])
        if index.row() >= len(pages):
            return None
        return ("page", int(pages[index.row()].id))

    @shows_text
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == NODE_ROLE:
            return self.node(index)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.internalId() == 0:
            d = self._dates[index.row()]
            when = d.date if d.date != NO_DATE else tr("Undated pages")
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    tr("%1 pages, %2 articles")
                    .replace("%1", str(d.pages))
                    .replace("%2", str(d.articles))
                )
            return f"{when}  ({d.articles})"
        pages = self._pages.get(int(index.internalId()) - 1, [])
        if index.row() >= len(pages):
            return None
        p = pages[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.name
        label = page_label(p.page)
        if p.paper:
            label = f"{p.paper} · {label}"
        elif not p.page:
            label = p.name
        return f"{label}  ({p.articles})"


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
    """Search hits, best first; the delegate draws the snippet with its marks."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self.query = ""

    def set_hits(self, query: str, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self.query = query
        self._hits = list(hits)
        self.endResetModel()

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
