"""The search filters' behaviour: the menus' choices, the Where they make, remembered.

Scope "this issue" / "this page" is the open article's paper and date (and page); a
date range, kind, author and tag narrow further. Every change runs the search again;
the choices, the sort and whether the filters are shown are kept between sessions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QDate, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction

from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.library_view import LibraryPane
from reader.gui.search_controller import SearchController
from reader.gui.search_filters_view import NO_DATE, SearchFiltersView
from reader.gui.settings import Settings
from reader.store import browse
from reader.store.changes import Changes
from reader.store.library import Library
from reader.store.queries import SORTS, Where
from reader.store.searches import where_json, where_of
from reader.store.views import SourceView

FILTERS_KEY = "search/filters"
SHOWN_KEY = "search/filters_shown"
SORT_KEY = "search/sort"


def _day(edit_date: QDate) -> str | None:
    return None if edit_date == NO_DATE else edit_date.toString("yyyy-MM-dd")


def _qdate(value: str | None) -> QDate:
    if not value:
        return NO_DATE
    d = QDate.fromString(value, "yyyy-MM-dd")
    return d if d.isValid() else NO_DATE


class SearchFilters(QObject):
    changed = Signal()

    def __init__(
        self,
        library: Library,
        bus: ChangeBus,
        pane: LibraryPane,
        search: SearchController,
        settings: Settings,
        current: Callable[[], SourceView | None],
        toggle: QAction,
    ) -> None:
        super().__init__(pane)
        self._library = library
        self._pane = pane
        self._search = search
        self._settings = settings
        self._current = current
        self.view: SearchFiltersView = pane.filters
        self._loading = False
        # What a saved search may name that the menus cannot show (its paper and page,
        # several kinds): kept until the user changes that filter.
        self._pinned = Where()
        self._scoped_to: tuple[str | None, ...] = ()
        self._authors_stale = True
        self._authors_timer = QTimer(self)
        self._authors_timer.setSingleShot(True)
        self._authors_timer.setInterval(0)
        self._authors_timer.timeout.connect(self._fill_authors)
        self.toggle = toggle  # Edit → Search filters (Ctrl+Shift+F)
        toggle.triggered.connect(self.show_and_focus)
        self.fill_menus()
        self._restore()
        v = self.view
        v.scopes_enabled(current() is not None)
        v.scope.currentIndexChanged.connect(lambda _i: self._unpin(paper=None, page=None))
        v.kind.currentIndexChanged.connect(lambda _i: self._unpin(kinds=()))
        v.tag.currentIndexChanged.connect(self._changed)
        v.author.activated.connect(self._changed)
        line = v.author.lineEdit()
        if line is not None:
            line.editingFinished.connect(self._changed)
        v.since.dateChanged.connect(self._changed)
        v.until.dateChanged.connect(self._changed)
        v.clear.clicked.connect(self.clear)
        pane.filters_button.toggled.connect(self._shown)
        pane.sort.currentIndexChanged.connect(self._remember)
        search.where_provider = self.where
        bus.changed.connect(self._on_changes)

    # --- the menus --------------------------------------------------------------------------

    def fill_menus(self) -> None:
        """Tags as the library has them now (the choice stays); the authors when the
        filters are showing (counting them reads every article: 0.6 s at 150,000)."""
        v = self.view
        was_loading, self._loading = self._loading, True
        try:
            tag = v.tag.currentData()
            v.tag.clear()
            v.tag.addItem(tr("Any tag"), None)
            for t in self._library.tags():
                v.tag.addItem(t.label, t.name)
            v.tag.setCurrentIndex(max(0, v.tag.findData(tag)))
        finally:
            self._loading = was_loading
        self._authors_stale = True
        if not self.view.isHidden():
            self._authors_timer.start()  # after the window has painted

    def _fill_authors(self) -> None:
        if not self._authors_stale:
            return
        self._authors_stale = False
        v = self.view
        was_loading, self._loading = self._loading, True
        try:
            author = v.author.currentText()
            v.author.clear()
            v.author.addItem("", None)
            for name, _n in browse.author_counts(self._library):
                v.author.addItem(name, name)
            v.author.setCurrentText(author)
        finally:
            self._loading = was_loading

    def _on_changes(self, changes: Changes) -> None:
        if changes.tags or changes.articles_added or changes.external:
            self.fill_menus()

    # --- reading and setting ----------------------------------------------------------------

    @property
    def scope(self) -> str:
        return str(self.view.scope.currentData() or "all")

    def where(self) -> Where:
        """The filters chosen, with the scope made concrete from the open article."""
        w = self._unscoped()
        source = self._current() if self.scope != "all" else None
        self._scoped_to = self._place(source)
        if source is None:
            return w
        day = source.date
        return replace(
            w,
            paper=source.paper,
            since=day or w.since,
            until=day or w.until,
            page=source.page if self.scope == "page" else None,
        )

    def _place(self, source: SourceView | None) -> tuple[str | None, ...]:
        if source is None or self.scope == "all":
            return ()
        return (source.paper, source.date, source.page if self.scope == "page" else None)

    def article_opened(self) -> None:
        """Another article is open (or none): a search scoped to "this issue / this
        page" follows it when it is on another issue or page."""
        self.view.scopes_enabled(self._current() is not None)
        if self._place(self._current()) != self._scoped_to:
            self._search.refresh()

    def set_where(self, where: Where, sort: str) -> None:
        """Show a saved search's filters and sort (its scope is "everything": a saved
        search names its paper and dates itself)."""
        v = self.view
        self._loading = True
        self._pinned = Where(
            kinds=where.kinds if len(where.kinds) > 1 else (), paper=where.paper, page=where.page
        )
        try:
            v.scope.setCurrentIndex(0)
            v.kind.setCurrentIndex(max(0, v.kind.findData(where.kinds[0] if where.kinds else "")))
            v.since.setDate(_qdate(where.since))
            v.until.setDate(_qdate(where.until))
            v.author.setCurrentText(where.author or "")
            v.tag.setCurrentIndex(max(0, v.tag.findData(where.tag)))
            self._pane.sort.setCurrentIndex(max(0, self._pane.sort.findData(sort)))
        finally:
            self._loading = False
        self._remember()

    def chosen(self) -> int:
        """How many filters narrow the search now."""
        w = self.where()
        return sum(
            1 for x in (w.since or w.until, w.tag, w.kinds, w.author, w.paper or w.page) if x
        )

    def clear(self) -> None:
        self.set_where(Where(), str(self._pane.sort.currentData() or "relevance"))
        self._search.refresh()

    def show_and_focus(self) -> None:
        self._pane.stack.setCurrentIndex(LibraryPane.SEARCH)
        self._pane.filters_button.setChecked(True)
        self.view.scope.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _shown(self, on: bool) -> None:
        self.view.setVisible(on)
        self._settings.q.setValue(SHOWN_KEY, on)
        if on:
            self._fill_authors()

    def _changed(self, *_: object) -> None:
        if self._loading:
            return
        self._remember()
        self._search.refresh()

    # --- remembered -------------------------------------------------------------------------

    def _remember(self, *_: object) -> None:
        if self._loading:
            return
        stored = {"scope": self.scope, "where": where_json(self._unscoped())}
        self._settings.q.setValue(FILTERS_KEY, json.dumps(stored, ensure_ascii=False))
        self._settings.q.setValue(SORT_KEY, str(self._pane.sort.currentData() or "relevance"))
        n = self.chosen()
        self._pane.filters_button.setText(
            tr("Filters (%1)").replace("%1", str(n)) if n else tr("Filters")
        )

    def _unscoped(self) -> Where:
        v = self.view
        kind = str(v.kind.currentData() or "")
        tag = v.tag.currentData()
        return Where(
            since=_day(v.since.date()),
            until=_day(v.until.date()),
            tag=str(tag) if tag else None,
            kinds=self._pinned.kinds or ((kind,) if kind else ()),
            author=v.author.currentText().strip() or None,
            paper=self._pinned.paper,
            page=self._pinned.page,
        )

    def _unpin(self, **fields: object) -> None:
        if not self._loading:
            self._pinned = replace(self._pinned, **fields)  # type: ignore[arg-type]
        self._changed()

    def _restore(self) -> None:
        q = self._settings.q
        try:
            stored = json.loads(str(q.value(FILTERS_KEY, "{}")))
        except ValueError:
            stored = {}
        if not isinstance(stored, dict):
            stored = {}
        sort = str(q.value(SORT_KEY, "relevance"))
        self.set_where(where_of(stored.get("where")), sort if sort in SORTS else "relevance")
        self._loading = True
        try:
            self.view.scope.setCurrentIndex(max(0, self.view.scope.findData(stored.get("scope"))))
        finally:
            self._loading = False
        self._remember()
        shown = q.value(SHOWN_KEY, False)
        self._pane.filters_button.setChecked(shown in (True, "true"))
        self.view.setVisible(self._pane.filters_button.isChecked())
        if self._pane.filters_button.isChecked():
            self._authors_timer.start()
