"""Saved searches in the sidebar: each with its count and the hits new since it was
last opened (counted again after every import); open one to run it, Ctrl+D saves the
search showing, Del deletes the chosen one. Saving and deleting are undoable."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QWidget

from reader.errors import KnownError
from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.library_view import LibraryPane
from reader.gui.main_window_view import MainWindow
from reader.gui.models import FacetModel
from reader.gui.reading_controller import ReadingController
from reader.gui.search_controller import SearchController
from reader.gui.search_filters import SearchFilters
from reader.gui.settings import Settings
from reader.gui.undo import named, push
from reader.store import searches
from reader.store.changes import Changes
from reader.store.library import Library
from reader.store.searches import SavedSearch
from reader.store.views import SourceView


class SavedSearches(QObject):
    def __init__(
        self,
        library: Library,
        bus: ChangeBus,
        undo: QUndoStack,
        search: SearchController,
        filters: SearchFilters,
        window: QWidget,
        save_action: QAction,
    ) -> None:
        super().__init__(window)
        self._library = library
        self._bus = bus
        self._undo = undo
        self._search = search
        self._filters = filters
        self._window = window
        self.pane: LibraryPane = search.pane
        self.model = FacetModel(self)
        self.pane.saved.setModel(self.model)
        self.pane.saved.activated.connect(self._activated)
        self.pane.saved.customContextMenuRequested.connect(self._menu)
        save_action.triggered.connect(self.ask_to_save)  # Edit → Save the search (Ctrl+D)
        self.pane.filters.save.clicked.connect(self.ask_to_save)
        self.delete_action = QAction(tr("&Delete the saved search"), self.pane.saved)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_current)
        self.pane.saved.addAction(self.delete_action)
        bus.changed.connect(self._on_changes)
        self.reload()

    # --- the list ---------------------------------------------------------------------------

    def reload(self) -> None:
        """List the saved searches with their counts (the selection stays)."""
        current = self.current()
        items: list[tuple[object, str]] = []
        for c in searches.counted(self._library):
            label = tr("%1  (%2)").replace("%1", c.search.name).replace("%2", f"{c.total:,}")
            if c.new:
                label += "  " + tr("%n new", None, c.new)
            items.append((c.search, label))
        self.model.set_items(items)
        if current is not None:
            rows = [r for r in range(len(items)) if self._at(r).id == current.id]
            if rows:
                self.pane.saved.setCurrentIndex(self.model.index(rows[0], 0))

    def _at(self, row: int) -> SavedSearch:
        value = self.model.value(row)
        assert isinstance(value, SavedSearch)
        return value

    def current(self) -> SavedSearch | None:
        index = self.pane.saved.currentIndex()
        value = self.model.value(index.row()) if index.isValid() else None
        return value if isinstance(value, SavedSearch) else None

    def _on_changes(self, changes: Changes) -> None:
        if (
            changes.articles_added
            or changes.articles_removed
            or changes.search_index
            or changes.external
            or changes.tags
            or changes.notes
            or changes.highlights
            or changes.saved_searches
        ):
            self.reload()

    # --- opening ----------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        value = self.model.value(index.row())
        if isinstance(value, SavedSearch):
            self.open(value.name)

    def open(self, name: str) -> None:
        """Run the saved search: its query, filters and sort; its hits are seen now."""
        try:
            found = searches.opened(self._library, name)
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return
        self._filters.set_where(found.where, found.sort)
        field = self.pane.search_field
        field.blockSignals(True)  # no second, delayed run
        field.setText(found.query)
        field.blockSignals(False)
        self._search.run()
        self.reload()

    # --- saving and deleting ----------------------------------------------------------------

    def ask_to_save(self) -> None:
        query = self.pane.search_field.text().strip()
        if not query:
            self._bus.failed.emit(tr("Type a search first, then save it."))
            return
        name, ok = QInputDialog.getText(
            self._window,
            tr("Save the search"),
            tr("Name of the saved search:"),
            QLineEdit.EchoMode.Normal,
            query,
        )
        if not ok or not name.strip():
            return
        taken = [s for s in searches.saved(self._library) if s.name == " ".join(name.split())]
        if taken:
            answer = QMessageBox.question(
                self._window,
                tr("Save the search"),
                tr("A saved search named “%1” exists. Replace it?").replace("%1", taken[0].name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.save(name)

    def save(self, name: str) -> None:
        """Save the search showing (query, filters as chosen, sort) as ``name``,
        replacing one of that name; undoable."""
        query = self.pane.search_field.text()
        where = self._filters.where()
        sort = str(self.pane.sort.currentData() or "relevance")
        label = named(tr("Save the search “%1”"), " ".join(name.split()))
        op = searches.SaveSearch(name, query, sort, where, replace=True)
        push(self._undo, self._library, self._bus, label, op)

    def delete_current(self) -> None:
        found = self.current()
        if found is not None:
            self.delete(found.name)

    def delete(self, name: str) -> None:
        label = named(tr("Delete the saved search “%1”"), " ".join(name.split()))
        push(self._undo, self._library, self._bus, label, searches.DeleteSearch(name))

    def _menu(self, pos: QPoint) -> None:
        index = self.pane.saved.indexAt(pos)
        value = self.model.value(index.row()) if index.isValid() else None
        if not isinstance(value, SavedSearch):
            return
        menu = QMenu(self.pane.saved)
        menu.addAction(tr("&Open"), lambda: self.open(value.name))
        menu.addAction(self.delete_action)
        menu.exec(self.pane.saved.viewport().mapToGlobal(pos))


def attach(
    library: Library,
    bus: ChangeBus,
    undo: QUndoStack,
    search: SearchController,
    settings: Settings,
    reading: ReadingController,
    window: MainWindow,
) -> tuple[SearchFilters, SavedSearches]:
    """The search filters and the saved searches of one window."""

    def open_page() -> SourceView | None:  # "this issue / this page": the open article's
        detail = reading.detail
        return None if detail is None else detail.source

    acts = window.actions_
    filters = SearchFilters(
        library, bus, search.pane, search, settings, open_page, acts.search_filters
    )
    reading.opened.connect(lambda _aid: filters.article_opened())
    reading.closed.connect(filters.article_opened)
    saved = SavedSearches(library, bus, undo, search, filters, window, acts.save_search)
    return filters, saved
