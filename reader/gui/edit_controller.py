"""Fixing the parser's mistakes from the window, each fix an undoable command.

The command wraps the core edit (:mod:`reader.store.edits`): it runs once before it is
pushed (so a refused edit never enters the stack), and undo/redo put the snapshot rows
back. Every step publishes its change record on the bus, like any other operation.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QComboBox, QInputDialog, QWidget

from reader.errors import KnownError
from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.library_controller import LibraryController
from reader.gui.models import title_or_untitled
from reader.gui.reading_controller import ReadingController
from reader.store import browse, edits
from reader.store.browse import ArticleFilter
from reader.store.changes import Changes
from reader.store.ids import SourceId
from reader.store.library import Library


class EditCommand(QUndoCommand):
    def __init__(self, label: str, library: Library, bus: ChangeBus, edit: edits.Edit) -> None:
        super().__init__(label)
        self._library = library
        self._bus = bus
        self.edit = edit
        self._done = False

    def redo(self) -> None:
        if not self._done:  # the edit already ran; show what it changed
            self._done = True
            self._bus.publish(self.first_changes())
            return
        self._bus.run(self.redo_edit)

    def undo(self) -> None:
        self._bus.run(self.undo_edit)

    # what a kind of edit does; split fixes (reader.gui.split_controller) put back more rows
    def first_changes(self) -> Changes:
        return self.edit.changes

    def redo_edit(self) -> Changes:
        return edits.redo(self._library, self.edit)

    def undo_edit(self) -> Changes:
        return edits.undo(self._library, self.edit)


class EditController(QObject):
    def __init__(
        self,
        library: Library,
        bus: ChangeBus,
        undo: QUndoStack,
        reading: ReadingController,
        lib: LibraryController,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._library = library
        self._bus = bus
        self.undo_stack = undo
        self._reading = reading
        self._lib = lib
        self._window = window
        self.chooser: QInputDialog | None = None
        a = window.actions_  # type: ignore[attr-defined]
        self._actions = (a.merge_next, a.split_here, a.move_section, a.mark_fragment)
        a.merge_next.triggered.connect(self.merge_next)
        a.split_here.triggered.connect(self.split_here)
        a.move_section.triggered.connect(self.choose_move_target)
        a.mark_fragment.triggered.connect(self.mark_fragment)
        reading.opened.connect(lambda _aid: self._enable(True))
        reading.closed.connect(lambda: self._enable(False))
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for action in self._actions:
            action.setEnabled(on)

    def _do(self, label: str, op: Callable[[], edits.Edit]) -> edits.Edit | None:
        try:
            edit = op()
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return None
        self.undo_stack.push(EditCommand(label, self._library, self._bus, edit))
        return edit

    def _cursor_block(self) -> int | None:
        return self._reading.cursor_block()

    # the four fixes
    def merge_next(self) -> edits.Edit | None:
        aid = self._reading.current_id
        if aid is None:
            return None
        return self._do(
            tr("Merge with the next article"), lambda: edits.merge_with_next(self._library, aid)
        )

    def split_here(self) -> edits.Edit | None:
        aid, block = self._reading.current_id, self._cursor_block()
        if aid is None or block is None:
            self._bus.failed.emit(tr("Put the cursor in a paragraph first."))
            return None
        return self._do(
            tr("Split the article here"), lambda: edits.split_at(self._library, aid, block)
        )

    def mark_fragment(self) -> edits.Edit | None:
        aid = self._reading.current_id
        if aid is None:
            return None
        return self._do(tr("Mark as fragment"), lambda: edits.mark_fragment(self._library, aid))

    def move_targets(self) -> list[tuple[int, str]]:
        """The other articles of the current article's page, as (id, label)."""
        detail = self._reading.detail
        if detail is None:
            return []
        ids = browse.article_ids(self._library, ArticleFilter(source=SourceId(detail.source.id)))
        rows = browse.article_rows(self._library, [i for i in ids if i != detail.id])
        return [(int(r.id), title_or_untitled(r.title)) for r in rows]

    def choose_move_target(self) -> QInputDialog | None:
        aid, block = self._reading.current_id, self._cursor_block()
        detail = self._reading.detail
        if (
            aid is None
            or block is None
            or detail is None
            or detail.article.blocks[block].type != "heading"
        ):
            self._bus.failed.emit(tr("Put the cursor in a section heading first."))
            return None
        targets = self.move_targets()
        if not targets:
            return None
        dialog = QInputDialog(self._window)
        dialog.setWindowTitle(tr("Move section to…"))
        dialog.setLabelText(tr("Move this section to which article?"))
        dialog.setComboBoxItems([label for _, label in targets])
        dialog.setComboBoxEditable(False)

        def chosen(_text: str) -> None:
            combo = dialog.findChild(QComboBox)
            index = combo.currentIndex() if combo is not None else 0
            self.move_section(block, targets[index][0])

        dialog.textValueSelected.connect(chosen)
        dialog.open()
        self.chooser = dialog
        return dialog

    def move_section(self, heading_block: int, target: int) -> edits.Edit | None:
        aid = self._reading.current_id
        if aid is None:
            return None
        return self._do(
            tr("Move section"),
            lambda: edits.move_section(self._library, aid, heading_block, target),
        )
