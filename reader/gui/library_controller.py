"""The library pane's behaviour: filters, papers and tags, the article list, next/previous."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, Signal

from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.library_view import LibraryPane
from reader.gui.models import ArticleTableModel, FacetModel, kind_label
from reader.gui.paper_tree import (
    ARTICLE,
    ISSUE,
    MONTH,
    PAGE,
    PAPER,
    UNDATED,
    YEAR,
    Node,
    PaperTreeModel,
)
from reader.store import browse
from reader.store.browse import ArticleFilter
from reader.store.changes import Changes
from reader.store.ids import ArticleId, SourceId, TagId
from reader.store.libindex import LibraryIndex
from reader.store.library import Library


class LibraryController(QObject):
    open_requested = Signal(int)  # article id
    emptiness_changed = Signal(bool)  # True: the library holds no article
    tag_filter_changed = Signal(object)  # TagId or None: the Tags tab's choice

    def __init__(self, library: Library, bus: ChangeBus, pane: LibraryPane) -> None:
        super().__init__(pane)
        self._library = library
        self.pane = pane
        self.filter = ArticleFilter()
        self.sort: tuple[str, bool] = ("library", False)  # sort key, descending
        self.total = 0
        self.articles = ArticleTableModel(lambda ids: browse.article_rows(library, ids), self)
        # Pages and their article ids in memory: the tree and page-decided orders come
        # from it without scanning the articles again (reloaded when pages change).
        self.index = LibraryIndex({}, {})
        self.papers = PaperTreeModel(
            lambda: (list(self.index.pages.values()), self.index.count),
            lambda s: browse.page_articles(library, s),
            self,
        )
        self.tags = FacetModel(self)
        self.kinds = FacetModel(self)
        self.authors = FacetModel(self)
        self.articles.sort_requested.connect(self._sort_requested)
        self.entities = FacetModel(self)
        pane.articles.setModel(self.articles)
        pane.size_columns()
        pane.papers.setModel(self.papers)
        pane.tags.setModel(self.tags)
        pane.entities.setModel(self.entities)
        pane.kind_filter.setModel(self.kinds)
        pane.author_filter.setModel(self.authors)
        self.kinds.set_items(
            [(None, tr("All kinds"))]
            + [(k, kind_label(k)) for k in ("article", "photo", "fragment")]
        )
        self.authors.set_items([(None, tr("All authors"))])
        pane.articles.selectionModel().currentRowChanged.connect(self._current_changed)
        pane.articles.activated.connect(self._activated)
        pane.papers.selectionModel().currentChanged.connect(self._paper_chosen)
        pane.tags.selectionModel().currentChanged.connect(self._tag_chosen)
        pane.entities.selectionModel().currentChanged.connect(self._entity_chosen)
        pane.kind_filter.currentIndexChanged.connect(self._kind_chosen)
        pane.author_filter.currentIndexChanged.connect(self._author_chosen)
        pane.clear_filters.clicked.connect(self.clear_filters)
        bus.changed.connect(self._on_changes)
        self._syncing = False

    # loading
    def load(self) -> None:
        """Article ids and papers now (cheap); facets that scan every article come later."""
        self._reload_index()
        self._reload_ids()
        self.emptiness_changed.emit(self.total == 0)

    def _reload_index(self) -> None:
        self.index = LibraryIndex.load(self._library)
        self.total = self.index.total
        self.papers.reload()

    def load_facets(self) -> None:
        self._syncing = True
        try:
            current_tag, current_author = self.filter.tag, self.filter.author
            self.tags.set_items(
                [(None, tr("All tags"))]
                + [(t.id, f"{t.label}  ({t.count})") for t in browse.tag_counts(self._library)]
            )
            self.authors.set_items(
                [(None, tr("All authors"))]
                + [(name, f"{name} ({n})") for name, n in browse.author_counts(self._library)]
            )
            self.pane.author_filter.setCurrentIndex(max(0, self.authors.row_of(current_author)))
            row = self.tags.row_of(current_tag)
            if row > 0:
                self.pane.tags.setCurrentIndex(self.tags.index(row, 0))
            self._load_entities()
        finally:
            self._syncing = False

    def _reload_ids(self) -> None:
        keep = self.current_id()
        key, descending = self.sort
        ids = browse.indexed_ids(self.index, self.filter, key, descending)
        if ids is None:
            ids = browse.article_ids(self._library, self.filter, key, descending)
        self.articles.set_ids(ids)
        n = self.articles.rowCount()
        if self.filter.empty:
            self.pane.status.setText(tr("%1 articles").replace("%1", str(n)))
        else:
            self.pane.status.setText(
                tr("%1 of %2 articles").replace("%1", str(n)).replace("%2", str(self.total))
            )
        if keep is not None:
            self.select(keep, emit=False)

    # filters
    def set_filter(self, f: ArticleFilter) -> None:
        if f != self.filter:
            tag_changed = f.tag != self.filter.tag
            self.filter = f
            self._reload_ids()
            if tag_changed:
                self.tag_filter_changed.emit(f.tag)

    def clear_filters(self) -> None:
        self._syncing = True
        try:
            self.pane.kind_filter.setCurrentIndex(0)
            self.pane.author_filter.setCurrentIndex(0)
            self.pane.papers.clearSelection()
            self.pane.papers.setCurrentIndex(QModelIndex())
            self.pane.tags.clearSelection()
            self.pane.tags.setCurrentIndex(QModelIndex())
            self.pane.entities.clearSelection()
            self.pane.entities.setCurrentIndex(QModelIndex())
        finally:
            self._syncing = False
        self.set_filter(ArticleFilter())

    def _with(self, **changes: object) -> ArticleFilter:
        values: dict[str, object] = {
            "kind": self.filter.kind,
            "tag": self.filter.tag,
            "author": self.filter.author,
            "source": self.filter.source,
            "date": self.filter.date,
            "paper": self.filter.paper,
            "period": self.filter.period,
            "entity": self.filter.entity,
        }
        values.update(changes)
        return ArticleFilter(**values)  # type: ignore[arg-type]

    def _paper_chosen(self, index: QModelIndex, _prev: QModelIndex) -> None:
        if self._syncing:
            return
        self.set_filter(self._with(**self.node_filter(self.papers.node_at(index))))
        n = self.papers.node_at(index)
        if n.kind == ARTICLE:
            self.select(ArticleId(int(n.value)))

    def node_filter(self, n: Node) -> dict[str, object]:
        """The filter fields a Papers tree node stands for."""
        none: dict[str, object] = {"date": None, "source": None, "paper": None, "period": None}
        if n.kind in (PAPER, YEAR, MONTH, ISSUE):
            none["paper"] = n.paper()
        if n.kind in (YEAR, MONTH):
            none["period"] = str(n.value)
        elif n.kind == ISSUE:
            none["date"] = str(n.value)
        elif n.kind == UNDATED:
            none["date"] = browse.NO_DATE
        elif n.kind == PAGE:
            none["source"] = SourceId(int(n.value))
        elif n.kind == ARTICLE and n.parent is not None:
            none["source"] = SourceId(int(n.parent.value))
        return none

    def show_page(self, source: SourceId, article: ArticleId | None = None) -> None:
        """Choose a page in the Papers tree (the list shows its articles)."""
        node = self.papers.find(PAGE, source)
        if node is None:
            return
        index = self.papers.index_of(node)
        self.pane.tabs.setCurrentWidget(self.pane.papers)
        self.pane.papers.scrollTo(index)
        self.pane.papers.setCurrentIndex(index)
        if article is not None:
            self.select(article, emit=False)

    def show_issue(self, date: str) -> bool:
        node = self.papers.find(ISSUE, date)
        if node is None:
            return False
        index = self.papers.index_of(node)
        self.pane.tabs.setCurrentWidget(self.pane.papers)
        self.pane.papers.scrollTo(index)
        self.pane.papers.setCurrentIndex(index)
        self.pane.papers.expand(index)
        return True

    def view_state(self) -> tuple[ArticleFilter, tuple[str, object] | None, int]:
        """What a rebuilt window (another UI language) restores: the filter, the chosen
        Papers tree node and the library tab."""
        return (
            self.filter,
            self.papers.node(self.pane.papers.currentIndex()),
            self.pane.tabs.currentIndex(),
        )

    def restore_view_state(
        self, state: tuple[ArticleFilter, tuple[str, object] | None, int]
    ) -> None:
        f, node, tab = state
        if node is not None:
            found = self.papers.find(*node)
            if found is not None:
                self._syncing = True
                try:
                    index = self.papers.index_of(found)
                    self.pane.papers.setCurrentIndex(index)
                    self.pane.papers.scrollTo(index)
                finally:
                    self._syncing = False
        self.pane.tabs.setCurrentIndex(tab)
        self.set_filter(f)

    def _sort_requested(self, key: str, descending: bool) -> None:
        if (key, descending) != self.sort:
            self.sort = (key, descending)
            self._reload_ids()

    def library_order(self) -> None:
        header = self.pane.articles.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._sort_requested("library", False)

    def selected_ids(self) -> list[ArticleId]:
        """The chosen rows' articles in list order (the current one if none is chosen)."""
        rows = sorted(i.row() for i in self.pane.articles.selectionModel().selectedRows())
        ids = [a for a in (self.articles.id_at(r) for r in rows) if a is not None]
        current = self.current_id()
        return ids or ([current] if current is not None else [])

    def _tag_chosen(self, index: QModelIndex, _prev: QModelIndex) -> None:
        if self._syncing:
            return
        value = self.tags.value(index.row()) if index.isValid() else None
        self.set_filter(self._with(tag=TagId(value) if value is not None else None))

    def _load_entities(self) -> None:
        """The Names tab: people, places and organisations by how many articles name them."""
        from reader.analysis.service import Analysis

        kinds = {"person": tr("Person"), "place": tr("Place"), "org": tr("Organisation")}
        current = self.filter.entity
        rows = Analysis(self._library).entity_facet(limit=300)
        self.entities.set_items(
            [(None, tr("All names"))]
            + [(eid, f"{name}  · {kinds[kind]}  ({n})") for eid, name, kind, n in rows]
        )
        row = self.entities.row_of(current)
        if row > 0:
            self.pane.entities.setCurrentIndex(self.entities.index(row, 0))

    def _entity_chosen(self, index: QModelIndex, _prev: QModelIndex) -> None:
        if self._syncing:
            return
        value = self.entities.value(index.row()) if index.isValid() else None
        self.set_filter(self._with(entity=int(value) if value is not None else None))

    def _kind_chosen(self, row: int) -> None:
        if not self._syncing:
            self.set_filter(self._with(kind=self.kinds.value(row)))

    def _author_chosen(self, row: int) -> None:
        if not self._syncing:
            self.set_filter(self._with(author=self.authors.value(row)))

    # the article list
    def current_id(self) -> ArticleId | None:
        index = self.pane.articles.currentIndex()
        return self.articles.id_at(index.row()) if index.isValid() else None

    def select(self, article_id: ArticleId | int, emit: bool = True) -> bool:
        row = self.articles.row_of(ArticleId(int(article_id)))
        if row is None:
            return False
        self._emit = emit
        try:
            index = self.articles.index(row, 0)
            self.pane.articles.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.pane.articles.scrollTo(index)
        finally:
            self._emit = True
        return True

    _emit = True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._emit and current.isValid():
            aid = self.articles.id_at(current.row())
            if aid is not None:
                self.open_requested.emit(int(aid))

    def _activated(self, index: QModelIndex) -> None:
        aid = self.articles.id_at(index.row())
        if aid is not None:
            self.open_requested.emit(int(aid))

    def step(self, delta: int) -> bool:
        """Open the next (+1) or previous (-1) article of the list."""
        n = self.articles.rowCount()
        if n == 0:
            return False
        index = self.pane.articles.currentIndex()
        row = index.row() + delta if index.isValid() else (0 if delta > 0 else n - 1)
        if not 0 <= row < n:
            return False
        aid = self.articles.id_at(row)
        return aid is not None and self.select(aid)

    # changes
    def _on_changes(self, changes: Changes) -> None:
        structural = bool(
            changes.articles_added
            or changes.articles_rewritten
            or changes.articles_removed
            or changes.sources_added
            or changes.sources_removed
            or changes.external
        )
        if structural:
            self._reload_index()
            self._reload_ids()
            self.load_facets()
            self.emptiness_changed.emit(self.total == 0)
        elif changes.tags or changes.article_tags:
            self.load_facets()
            if self.filter.tag is not None:
                self._reload_ids()
            self.articles.invalidate(list(changes.article_tags))
        if not structural and changes.search_index:
            self.load_facets()  # the names the background analysis found
        if not structural and (changes.sources_changed or changes.articles_changed):
            # Dates, pages, papers or titles moved: the tree and the order may change.
            self._reload_index()
            self._reload_ids()
            if changes.articles_changed:
                self.load_facets()
        elif not structural and changes.highlights and self.sort[0] == "highlights":
            self._reload_ids()
