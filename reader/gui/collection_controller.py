"""The library as a collection, in the window: metadata, the trash, context menus on the
article list and the Papers tree, issues and pages (calendar, previous/next page).

Every change is a core operation pushed on the window's undo stack
(:func:`reader.gui.undo.push`), so Ctrl+Z takes it back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QTextCharFormat, QUndoStack
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.errors import KnownError
from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.library_controller import LibraryController
from reader.gui.metadata_view import MetadataDialog
from reader.gui.paper_tree import ARTICLE, PAGE, Node
from reader.gui.reading_controller import ReadingController
from reader.gui.settings import Settings
from reader.gui.trash_view import TrashDialog
from reader.gui.undo import push
from reader.store import browse, continuations, metadata, pageinfo, trash
from reader.store.ids import ArticleId, SourceId
from reader.store.importer import ImportSummary
from reader.store.library import Library
from reader.store.operations import Batch, Operation

MenuEntry = tuple[str, Callable[[], Any]] | None  # a label and its action, or a separator


class CollectionController(QObject):
    def __init__(
        self,
        library: Library,
        bus: ChangeBus,
        undo: QUndoStack,
        reading: ReadingController,
        lib: LibraryController,
        window: QWidget,
        tag: Callable[[], None],
        export: Callable[[], object],
        settings: Settings | None = None,
    ) -> None:
        super().__init__(window)
        self._library = library
        self._bus = bus
        self._undo = undo
        self._reading = reading
        self._lib = lib
        self._window = window
        self._tag = tag
        self._export = export
        self._settings = settings
        self.dialog: QDialog | None = None
        a = window.actions_  # type: ignore[attr-defined]
        a.edit_metadata.triggered.connect(lambda: self.edit_metadata())
        a.move_to_trash.triggered.connect(lambda: self.delete_selected())
        a.show_trash.triggered.connect(lambda: self.open_trash())
        a.go_to_date.triggered.connect(lambda: self.choose_date())
        a.next_page.triggered.connect(lambda: self.step_page(+1))
        a.previous_page.triggered.connect(lambda: self.step_page(-1))
        pane = lib.pane
        for view in (pane.articles, pane.papers):
            delete = QAction(tr("Move to the trash"), view)
            delete.setShortcut(Qt.Key.Key_Delete)
            delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            delete.triggered.connect(
                self.delete_selected if view is pane.articles else self.delete_tree_node
            )
            view.addAction(delete)
        pane.articles.customContextMenuRequested.connect(self.list_menu)
        pane.papers.customContextMenuRequested.connect(self.tree_menu)
        pane.articles.horizontalHeader().customContextMenuRequested.connect(self.header_menu)
        # The list's selection follows the open article, wherever it was opened from.
        reading.opened.connect(lambda aid: lib.select(aid, emit=False))
        self.story: continuations.Story | None = None
        reading.opened.connect(self._show_story)
        reading.earlier_part_requested.connect(lambda: self._follow(self.story_from()))
        reading.later_part_requested.connect(lambda: self._follow(self.story_on()))
        reading.whole_story_requested.connect(lambda: self.show_whole_story())

    # --- running operations ------------------------------------------------------------

    def _push(self, label: str, op: Operation) -> bool:
        return push(self._undo, self._library, self._bus, label, op) is not None

    def _articles(self) -> list[ArticleId]:
        ids = self._lib.selected_ids()
        if not ids and self._reading.current_id is not None:
            ids = [ArticleId(self._reading.current_id)]
        return ids

    # --- metadata -----------------------------------------------------------------------

    def edit_metadata(
        self, articles: Sequence[ArticleId] | None = None, pages: Sequence[SourceId] = ()
    ) -> MetadataDialog | None:
        """The Metadata dialog for articles (their pages too), or for pages alone."""
        arts = list(self._articles() if articles is None and not pages else (articles or []))
        try:
            with self._library.reading() as tx:
                sources = list(pages) or metadata.sources_of(tx, arts)
                infos = pageinfo.stored_many(tx.conn, [int(s) for s in sources])
            rows = self._library.summaries(arts)
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return None
        if not sources:
            return None
        dialog = MetadataDialog(
            [{"title": r.title, "kind": r.kind, "authors": r.authors} for r in rows],
            [vars(infos[int(s)]) for s in sources if int(s) in infos],
            sorted({i.paper for i in infos.values() if i.paper} | set(self._papers())),
            self._window,
        )

        def accepted() -> None:
            ops: list[Operation] = []
            page = dialog.page_changes()
            if page:
                ops.append(metadata.set_pages(sources, **page))
                if self._settings is not None:
                    self._settings.set_last_issue(page.get("paper"), page.get("date"))
            art = dialog.article_changes()
            if art and arts:
                ops.append(metadata.set_articles(arts, **art))
            if ops:
                self._push(tr("Edit metadata"), Batch(tuple(ops), "Edit metadata"))

        dialog.accepted.connect(accepted)
        self.dialog = dialog
        dialog.open()
        return dialog

    def ask_undated(self, summary: ImportSummary) -> MetadataDialog | None:
        """After an import: pages whose file names and headers told no date get the
        Metadata dialog, with the paper and date used last offered."""
        imported = [
            SourceId(r.source_id)
            for r in summary.results
            if r.status == "imported" and r.source_id is not None
        ]
        if not imported:
            return None
        try:
            with self._library.reading() as tx:
                infos = pageinfo.stored_many(tx.conn, [int(s) for s in imported])
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return None
        undated = [s for s in imported if infos.get(int(s)) and infos[int(s)].date is None]
        if not undated:
            return None
        dialog = self.edit_metadata(pages=undated)
        if dialog is None:
            return None
        dialog.setWindowTitle(tr("Pages without a date"))
        dialog.intro.setText(
            tr(
                "The names of %1 imported pages do not tell their date. Which issue are they from?"
            ).replace("%1", str(len(undated)))
        )
        if self._settings is not None:
            if not dialog.edits["paper"].text():
                dialog.edits["paper"].setText(self._settings.last_paper())
            dialog.edits["date"].setText(self._settings.last_date())
        dialog.edits["date"].setFocus()
        return dialog

    def _papers(self) -> list[str]:
        return [str(n.value) for n in self._lib.papers.root.children if n.value]

    # --- the trash ----------------------------------------------------------------------

    def delete_selected(self) -> bool:
        ids = self._articles()
        if not ids:
            return False
        return self._push(tr("Delete articles"), trash.TrashArticles(tuple(ids)))

    def delete_pages(self, pages: Sequence[SourceId]) -> bool:
        return bool(pages) and self._push(tr("Delete pages"), trash.TrashPages(tuple(pages)))

    def _node_pages(self, node: Node) -> list[SourceId]:
        return self._lib.papers.pages_under(node)

    def delete_tree_node(self) -> bool:
        node = self._lib.papers.node_at(self._lib.pane.papers.currentIndex())
        if node.kind == ARTICLE:
            return self._push(tr("Delete articles"), trash.TrashArticles((ArticleId(node.value),)))
        return self.delete_pages(self._node_pages(node))

    def open_trash(self) -> TrashDialog:
        dialog = TrashDialog(self._window)

        def refresh() -> None:
            try:
                dialog.set_items(self._library.read(trash.items))
            except KnownError as exc:
                self._bus.failed.emit(str(exc))

        def restore() -> None:
            chosen = dialog.chosen()
            arts = [ArticleId(i) for k, i in chosen if k == "article"]
            pages = [SourceId(i) for k, i in chosen if k == "page"]
            self._push(tr("Restore from the trash"), trash.restore(arts, pages))
            refresh()

        def empty() -> None:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                tr("Empty the trash"),
                tr("Remove everything in the trash for good? This cannot be undone."),
                QMessageBox.StandardButton.Cancel,
                dialog,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            remove = box.addButton(tr("Remove for good"), QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)

            def done() -> None:
                if box.clickedButton() is remove:
                    self._bus.run(lambda: self._library.write(trash.empty))
                    refresh()

            box.finished.connect(lambda _r: done())
            self.confirm = box
            box.open()

        dialog.restore.clicked.connect(restore)
        dialog.empty.clicked.connect(empty)
        refresh()
        self.dialog = dialog
        dialog.open()
        return dialog

    # --- issues and pages ---------------------------------------------------------------

    def step_page(self, delta: int) -> bool:
        """Open the next (+1) or previous (-1) page of the open article's issue."""
        current = self._reading.current_id
        if current is None:
            return False
        source = browse.source_of(self._library, ArticleId(current))
        other = browse.neighbour_page(self._library, source, delta) if source else None
        if other is None:
            self._window.statusBar().showMessage(  # type: ignore[attr-defined]
                tr("No next page in this issue")
                if delta > 0
                else tr("No previous page in this issue"),
                5000,
            )
            return False
        first = browse.page_articles(self._library, other)
        self._lib.show_page(other)
        if first:
            self._lib.select(first[0][0])
        return True

    def choose_date(self) -> QDialog:
        """A calendar with the issue dates in bold; choosing one shows that issue."""
        dialog = QDialog(self._window)
        dialog.setObjectName("go-to-date")
        dialog.setWindowTitle(tr("Go to date"))
        calendar = QCalendarWidget(dialog)
        calendar.setGridVisible(False)
        bold = QTextCharFormat()
        bold.setFontWeight(700)
        dates = sorted(self._lib.papers.issue_dates())
        for d in dates:
            calendar.setDateTextFormat(QDate.fromString(d, "yyyy-MM-dd"), bold)
        if dates:
            calendar.setSelectedDate(QDate.fromString(dates[-1], "yyyy-MM-dd"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        calendar.activated.connect(lambda _d: dialog.accept())
        layout = QVBoxLayout(dialog)
        layout.addWidget(calendar)
        layout.addWidget(buttons)

        def chosen() -> None:
            day = calendar.selectedDate().toString("yyyy-MM-dd")
            if not self._lib.show_issue(day):
                self._window.statusBar().showMessage(  # type: ignore[attr-defined]
                    tr("No issue on %1").replace("%1", day), 5000
                )

        dialog.accepted.connect(chosen)
        self.calendar = calendar
        self.dialog = dialog
        dialog.open()
        return dialog

    # --- stories in parts -----------------------------------------------------------------

    def _show_story(self, aid: int) -> None:
        try:
            self.story = self._library.story(ArticleId(aid))
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return
        st = self.story
        before = st.pages.get(st.continued_from, "") if st.continued_from else None
        after = st.pages.get(st.continued_on, "") if st.continued_on else None
        self._reading.show_story(before, after, len(st.parts))

    def story_from(self) -> ArticleId | None:
        return self.story.continued_from if self.story else None

    def story_on(self) -> ArticleId | None:
        return self.story.continued_on if self.story else None

    def _follow(self, aid: ArticleId | None) -> None:
        if aid is not None:
            self._open(aid)

    def show_whole_story(self) -> QDialog | None:
        """Every part of the open story, one after another, as plain text (highlights
        stay on their parts: this view is for reading)."""
        if self.story is None or len(self.story.parts) < 2:
            return None
        details = [self._library.get_article(a) for a in self.story.parts]
        dialog = QDialog(self._window)
        dialog.setObjectName("whole-story")
        dialog.setWindowTitle(details[0].article.title or tr("(untitled)"))
        view = QTextBrowser(dialog)
        view.setOpenLinks(False)
        view.setOpenExternalLinks(False)
        pieces: list[str] = []
        for d in details:
            where = tr("Page %1").replace("%1", d.source.page or "?")
            pieces.append(f"— {where} —\n\n{d.text}")
        view.setPlainText("\n\n".join(pieces))  # page text is untrusted: plain text only
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)
        dialog.resize(640, 560)
        self.story_view = view
        self.dialog = dialog
        dialog.open()
        return dialog

    # --- context menus ------------------------------------------------------------------

    def _menu(self, entries: Sequence[MenuEntry]) -> QMenu:
        menu = QMenu(self._window)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            label, slot = entry
            menu.addAction(label).triggered.connect(lambda _c=False, s=slot: s())
        self.menu = menu
        return menu

    def _open(self, aid: ArticleId) -> None:
        if self._reading.current_id != aid:
            self._lib.select(aid)
            if self._reading.current_id != aid:
                self._reading.open(int(aid))

    def list_menu(self, pos: QPoint) -> QMenu | None:
        view = self._lib.pane.articles
        index = view.indexAt(pos)
        if not index.isValid():
            return None
        aid = self._lib.articles.id_at(index.row())
        if aid is None:
            return None
        if aid not in self._lib.selected_ids():
            self._lib.select(aid, emit=False)
        menu = self._menu(self._article_entries(aid, lambda: self.edit_metadata(), None))
        menu.popup(view.viewport().mapToGlobal(pos))
        return menu

    def _article_entries(
        self, aid: ArticleId, metadata: Callable[[], Any], delete: Callable[[], Any] | None
    ) -> list[MenuEntry]:
        """Open, tag, metadata, export, show the page, move to the trash: one article's
        menu, in the list and in the tree alike."""
        source = browse.source_of(self._library, aid)

        def tag() -> None:
            self._open(aid)
            self._tag()

        def export() -> None:
            self._open(aid)
            self._export()

        return [
            (tr("Open"), lambda: self._open(aid)),
            (tr("Tag…"), tag),
            (tr("Metadata…"), metadata),
            (tr("Export…"), export),
            None,
            (tr("Show the page"), lambda: self._lib.show_page(source, aid) if source else None),
            None,
            (tr("Move to the trash"), delete or self.delete_selected),
        ]

    def tree_menu(self, pos: QPoint) -> QMenu | None:
        view = self._lib.pane.papers
        index = view.indexAt(pos)
        if not index.isValid():
            return None
        view.setCurrentIndex(index)
        node = self._lib.papers.node_at(index)
        if node.kind == ARTICLE:
            return self.list_menu_for(ArticleId(node.value), view, pos)
        pages = self._node_pages(node)
        first = browse.page_articles(self._library, pages[0]) if node.kind == PAGE else []

        def show() -> None:
            self._lib.show_page(pages[0])

        entries: list[MenuEntry] = []
        if first:
            entries.append((tr("Open"), lambda: self._open(first[0][0])))
        entries += [
            (tr("Metadata…"), lambda: self.edit_metadata(pages=pages)),
        ]
        if node.kind == PAGE:
            entries.append((tr("Show the page"), show))
        entries += [None, (tr("Move to the trash"), lambda: self.delete_pages(pages))]
        menu = self._menu(entries)
        menu.popup(view.viewport().mapToGlobal(pos))
        return menu

    def list_menu_for(self, aid: ArticleId, view: QWidget, pos: QPoint) -> QMenu:
        """An article node's menu in the Papers tree."""
        entries = self._article_entries(
            aid,
            lambda: self.edit_metadata([aid]),
            lambda: self._push(tr("Delete articles"), trash.TrashArticles((aid,))),
        )
        menu = self._menu(entries)
        menu.popup(view.mapToGlobal(pos))
        return menu

    def header_menu(self, pos: QPoint) -> QMenu:
        """Choose the list's columns (the title always shows) and go back to page order."""
        header = self._lib.pane.articles.horizontalHeader()
        menu = QMenu(self._window)
        for col, name in enumerate(self._lib.articles.column_names()):
            if col == 0:
                continue
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))
        menu.addSeparator()
        menu.addAction(tr("Library order (date, page)")).triggered.connect(
            lambda: self._lib.library_order()
        )
        self.menu = menu
        menu.popup(header.mapToGlobal(pos))
        return menu
