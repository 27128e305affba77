"""Library search: type in the field, see hits with marks, Enter opens the first hit.

The total is counted at once; the hits are listed a page at a time as the list scrolls
(SearchResultsModel.fetchMore). Filters come from ``where_provider`` (the filter row,
reader.gui.search_filters)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.library_view import LibraryPane
from reader.gui.models import SearchResultsModel
from reader.store.changes import Changes
from reader.store.library import Library
from reader.store.queries import Where
from reader.store.views import SearchHit


class SearchController(QObject):
    open_requested = Signal(int, str)  # article id, query
    searched = Signal(str, int)  # query, number of hits in all

    PAGE = 200  # hits fetched at once; more as the list scrolls
    DELAY_MS = 250

    def __init__(self, library: Library, bus: ChangeBus, pane: LibraryPane) -> None:
        super().__init__(pane)
        self._library = library
        self._bus = bus
        self.pane = pane
        self.where_provider: Callable[[], Where] = Where
        self.results = SearchResultsModel(self)
        pane.results.setModel(self.results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self.run)
        pane.search_field.textChanged.connect(self._typed)
        pane.search_field.returnPressed.connect(self.open_current)
        pane.search_field.installEventFilter(self)
        pane.results.activated.connect(self._activated)
        pane.sort.currentIndexChanged.connect(self._sort_changed)
        bus.changed.connect(self._on_changes)

    def focus(self) -> None:
        self.pane.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.pane.search_field.selectAll()

    def _typed(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self.results.set_hits("", [])
            self.pane.stack.setCurrentIndex(LibraryPane.BROWSE)

    def run(self) -> None:
        self._timer.stop()
        query = self.pane.search_field.text()
        if not query.strip():
            return
        sort = str(self.pane.sort.currentData() or "relevance")
        where = self.where_provider()
        library = self._library

        def fetch(n: int) -> Sequence[SearchHit]:
            return library.search(query, limit=n, sort=sort, where=where, stories=True)

        try:
            total = library.count_matches(query, where)
            hits = fetch(self.PAGE)
        except Exception as exc:  # known library errors become one line for the user
            from reader.errors import KnownError

            if not isinstance(exc, KnownError):
                raise
            self._bus.failed.emit(str(exc))
            return
        self.results.page = self.PAGE
        self.results.set_search(query, fetch, total, hits)
        if not hits:
            self.pane.result_count.setText(tr("No articles match."))
        else:
            self.pane.result_count.setText(tr("%n matching articles", None, total))
        waiting = self._library.index_pending()
        if waiting:
            note = tr("search index incomplete: %n articles not yet indexed", None, waiting)
            self.pane.result_count.setText(self.pane.result_count.text() + " — " + note)
        self.pane.stack.setCurrentIndex(LibraryPane.SEARCH)
        if hits:
            self.pane.results.setCurrentIndex(self.results.index(0, 0))
        self.searched.emit(query, total if hits else 0)

    def refresh(self) -> None:
        """Search again (the filters or the library changed) if a search is showing."""
        if self.results.query and self.pane.search_field.text().strip():
            self.run()

    def _sort_changed(self, _index: int) -> None:
        if self.results.query:
            self.run()

    def open_current(self) -> None:
        """Enter: search now if results are stale, then open the selected (or first) hit."""
        if self._timer.isActive() or self.results.query != self.pane.search_field.text():
            self.run()
        index = self.pane.results.currentIndex()
        row = index.row() if index.isValid() else 0
        hit = self.results.hit(row)
        if hit is not None:
            self.open_requested.emit(int(hit.id), self.results.query)

    def _activated(self, index: QModelIndex) -> None:
        hit = self.results.hit(index.row())
        if hit is not None:
            self.open_requested.emit(int(hit.id), self.results.query)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.pane.search_field and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.rowCount():
                row = self.pane.results.currentIndex().row()
                row = max(
                    0, min(self.results.rowCount() - 1, row + (1 if key == Qt.Key.Key_Down else -1))
                )
                self.pane.results.setCurrentIndex(self.results.index(row, 0))
                return True
            if key == Qt.Key.Key_Escape:
                self.pane.search_field.clear()
                return True
        return super().eventFilter(watched, event)

    def _on_changes(self, changes: Changes) -> None:
        if self.results.query and (
            changes.articles_added
            or changes.articles_rewritten
            or changes.articles_removed
            or changes.search_index
            or changes.external
        ):
            self.run()
