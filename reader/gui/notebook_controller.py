"""The notebook's behaviour: filters to a query, bulk edits as undoable operations.

Bulk retag, recolour and delete run the core's bulk operations (:mod:`reader.store.bulk`,
one transaction for the whole selection) as one step on the window's undo stack (Ctrl+Z
in either window takes the whole step back). The table follows the change bus: an edit
anywhere re-runs the notebook's query, which costs one id query, not a reload of every
row.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import (
    QDate,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from reader.errors import KnownError
from reader.gui import file_dialogs
from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.notebook_model import NotebookModel
from reader.gui.notebook_view import NO_DATE, NotebookWindow
from reader.gui.settings import Settings
from reader.gui.undo import push
from reader.store import bulk
from reader.store import operations as ops
from reader.store.changes import Changes
from reader.store.ids import ArticleId, HighlightId, TagId
from reader.store.library import Library
from reader.store.notebook import (
    GROUPS,
    Group,
    NotebookFilter,
    group_labels,
    highlight_authors,
    notebook_index,
    notebook_rows,
)

TEXT_DELAY_MS = 200


class NotebookController(QObject):
    open_requested = Signal(int, int)  # article id, highlight id

    def __init__(
        self,
        library: Library,
        bus: ChangeBus,
        undo: QUndoStack,
        settings: Settings,
        current_article: ArticleId | None = None,
        parent: QObject | None = None,
        window: QWidget | None = None,  # the main window: the notebook closes with it
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._bus = bus
        self._undo = undo
        self._settings = settings
        self.current_article = current_article
        self.window = NotebookWindow(window)
        self.model = NotebookModel(
            lambda ids: notebook_rows(library, ids),
            lambda group, keys: group_labels(library, group, keys),  # type: ignore[arg-type]
            self.window,
        )
        self.window.table.setModel(self.model)
        self._text_timer = QTimer(self.window)  # gone with the window
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._fill_choices()
        self.window.author.addItem(tr("Anyone"), None)
        self._wire()
        self._restore()
        self.reload()
        QTimer.singleShot(0, self, self._fill_authors)

    # setup
    def _fill_choices(self, authors: bool = False) -> None:
        """The filter menus; the author list (a scan of every highlight) only when asked,
        which the first fill does after the table is on screen."""
        w = self.window
        swatches = self._library.highlight_colours()
        self.model.meanings = {s.key: s.label for s in swatches}
        self.model.swatches = {s.key: s.light for s in swatches}
        w.colour.blockSignals(True)
        w.colour.clear()
        w.colour.addItem(tr("Any colour"), None)
        w.recolour_menu.clear()
        for s in swatches:
            w.colour.addItem(s.label, s.key)
            action = w.recolour_menu.addAction(s.label)
            action.triggered.connect(lambda _=False, key=s.key: self.recolour(key))
        w.colour.blockSignals(False)
        w.tag.blockSignals(True)
        chosen = w.tag.currentData()
        w.tag.clear()
        w.tag.addItem(tr("Any tag"), None)
        for t in self._library.tags():
            w.tag.addItem(t.label, int(t.id))
        at = w.tag.findData(chosen)
        w.tag.setCurrentIndex(max(at, 0))
        w.tag.blockSignals(False)
        if authors:
            self._fill_authors()
        w.this_article.setEnabled(self.current_article is not None)

    def _fill_authors(self) -> None:
        w = self.window
        w.author.blockSignals(True)
        who = w.author.currentData()
        w.author.clear()
        w.author.addItem(tr("Anyone"), None)
        for name in highlight_authors(self._library):
            w.author.addItem(name, name)
        w.author.setCurrentIndex(max(w.author.findData(who), 0))
        w.author.blockSignals(False)

    def _wire(self) -> None:
        w = self.window
        w.text.textChanged.connect(lambda _t: self._text_timer.start())
        self._text_timer.timeout.connect(self.reload)
        for combo in (w.tag, w.colour, w.author, w.group):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        w.since.dateChanged.connect(lambda _d: self.reload())
        w.until.dateChanged.connect(lambda _d: self.reload())
        w.this_article.toggled.connect(lambda _on: self.reload())
        w.table.activated.connect(lambda _index: self.open_current())
        w.open.clicked.connect(self.open_current)
        w.add_tag.clicked.connect(self._ask_tag)
        w.remove_tag.clicked.connect(self._ask_untag)
        w.delete.clicked.connect(self.delete)
        w.export.clicked.connect(self._ask_export)
        w.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        w.closing.connect(self._save)
        undo = self._undo.createUndoAction(w, tr("&Undo"))
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        redo = self._undo.createRedoAction(w, tr("&Redo"))
        redo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        w.addActions([undo, redo])
        self._bus.changed.connect(self._on_changes)
        # closed with the main window: stop following the library
        w.destroyed.connect(self._stop_following)

    def _stop_following(self) -> None:
        # At exit the bus may be gone before the notebook (then nothing is left to follow).
        with contextlib.suppress(RuntimeError):
            self._bus.changed.disconnect(self._on_changes)

    def _restore(self) -> None:
        geometry = self._settings.notebook_geometry()
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        group = self._settings.notebook_group()
        at = self.window.group.findData(group if group in GROUPS else "article")
        self.window.group.blockSignals(True)
        self.window.group.setCurrentIndex(max(at, 0))
        self.window.group.blockSignals(False)

    def _save(self) -> None:
        self._settings.set_notebook_geometry(self.window.saveGeometry())
        self._settings.set_notebook_group(self.group())

    # the query
    def group(self) -> Group:
        value = self.window.group.currentData()
        return value if value in GROUPS else "article"

    def current_filter(self) -> NotebookFilter:
        w = self.window

        def day(edit_date: QDate) -> str | None:
            return None if edit_date == NO_DATE else edit_date.toString("yyyy-MM-dd")

        tag = w.tag.currentData()
        return NotebookFilter(
            tag=None if tag is None else TagId(int(tag)),
            colour=w.colour.currentData(),
            author=w.author.currentData(),
            since=day(w.since.date()),
            until=day(w.until.date()),
            article=self.current_article if w.this_article.isChecked() else None,
            text=w.text.text().strip() or None,
            notes=True,
        )

    def reload(self) -> None:
        try:
            index = notebook_index(self._library, self.current_filter(), self.group())
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return
        keep = set(self.selected_rows())
        self.model.set_index(index)
        if keep:  # an edit re-runs the query: the same highlights stay selected
            self._select(keep)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.COLUMNS - 1)
        repeated = {"article": NotebookModel.ARTICLE, "colour": NotebookModel.COLOUR}
        self.window.fit_columns(repeated.get(index.group))
        count = tr("%n highlights", "", index.count)
        if index.notes:
            count += " · " + tr("%n article notes", "", index.notes)
        self.window.count.setText(count)
        self._enable()

    def _select(self, ids: set[HighlightId]) -> None:
        chosen = QItemSelection()
        last = self.model.columnCount() - 1
        for row in range(self.model.rowCount()):
            if self.model.highlight_at(row) in ids:
                chosen.select(self.model.index(row, 0), self.model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        self.window.table.selectionModel().select(chosen, flags)

    def _on_changes(self, changes: Changes) -> None:
        if changes.tags or changes.palette or changes.highlights:
            self._fill_choices(authors=bool(changes.highlights))
        if (
            changes.highlights
            or changes.tags
            or changes.palette
            or changes.notes
            or changes.article_tags
        ):
            self.reload()

    def _enable(self) -> None:
        w = self.window
        highlights = bool(self.selected())
        for button in (w.add_tag, w.remove_tag, w.recolour, w.delete):
            button.setEnabled(highlights)
        rows = bool(self.selected_rows())
        w.open.setEnabled(rows)
        w.export.setEnabled(rows)

    # selection
    def selected_rows(self) -> list[HighlightId]:
        """Selected highlights and article notes (an article's id, negated)."""
        rows = sorted({i.row() for i in self.window.table.selectionModel().selectedRows()})
        ids = (self.model.highlight_at(r) for r in rows)
        return list(dict.fromkeys(h for h in ids if h is not None))

    def selected(self) -> list[HighlightId]:
        """The selected highlights: what bulk edits act on."""
        return [h for h in self.selected_rows() if h > 0]

    def open_current(self) -> None:
        index = self.window.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_data(index.row())
        if row is not None:  # an article note opens its article (id 0: no highlight)
            hid = int(row.highlight.id) if row.kind == "highlight" else 0
            self.open_requested.emit(int(row.highlight.article_id), hid)

    # bulk edits: each one transaction and one undo step
    def _push(self, label: str, op: ops.Operation) -> None:
        # one transaction: thousands of highlights take a second or more (no partial cancel)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            push(self._undo, self._library, self._bus, label, op)
        finally:
            QApplication.restoreOverrideCursor()

    def retag(self, name: str) -> None:
        name = " ".join(name.split())
        chosen = tuple(self.selected())
        if name and chosen:
            self._push(tr("Tag highlights"), bulk.TagHighlights(chosen, name))

    def untag(self, name: str) -> None:
        tag = next((t.id for t in self._library.tags() if t.name == name), None)
        chosen = tuple(self.selected())
        if tag is not None and chosen:
            self._push(tr("Remove tag from highlights"), bulk.UntagHighlights(chosen, tag))

    def recolour(self, colour: str) -> None:
        chosen = tuple(self.selected())
        if chosen:
            self._push(tr("Change colour"), bulk.recolour(chosen, colour))

    def delete(self) -> None:
        chosen = tuple(self.selected())
        if chosen:
            self._push(tr("Delete highlights"), bulk.DeleteHighlights(chosen))

    def export_selection(self, path: str | Path) -> None:
        from reader.exchange.markdown import export_highlights, load_highlights

        try:
            loaded = self._library.read(load_highlights, self.selected_rows())
            report = export_highlights(loaded, path)
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return
        self.window.count.setText(
            tr("Exported %1 highlights to %2")
            .replace("%1", str(report.highlights))
            .replace("%2", str(path))
        )

    # dialogs
    def _ask_tag(self) -> None:
        names = [t.name for t in self._library.tags()]
        name, ok = QInputDialog.getItem(
            self.window, tr("Add tag"), tr("Tag the selected highlights with:"), names, 0, True
        )
        if ok:
            self.retag(name)

    def _ask_untag(self) -> None:
        rows = [
            self.model.row_data(i.row()) for i in self.window.table.selectionModel().selectedRows()
        ]
        names = sorted({t for r in rows if r is not None for t in r.highlight.tags})
        if not names:
            return
        name, ok = QInputDialog.getItem(
            self.window, tr("Remove tag"), tr("Remove this tag:"), names, 0, False
        )
        if ok:
            self.untag(name)

    def _ask_export(self) -> None:
        path = file_dialogs.save_file(
            self.window,
            tr("Export selection"),
            "highlights.md",
            tr("Markdown (*.md)"),
            self._library.path,
            "export",
        )
        if path:
            self.export_selection(path)
