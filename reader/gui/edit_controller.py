"""Fixing the parser's mistakes from the window, each fix an undoable command.

Each fix is a core operation (:mod:`reader.store.edits`) pushed as the window's one undo
command (:mod:`reader.gui.undo`): undo and redo put the snapshot rows back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QInputDialog, QWidget

from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.library_controller import LibraryController
from reader.gui.models import title_or_untitled
from reader.gui.reading_controller import ReadingController
from reader.gui.undo import push
from reader.store import browse, edits
from reader.store.browse import ArticleFilter
from reader.store.ids import SourceId
from reader.store.library import Library
from reader.store.unit import Applied, Operation


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

    def _do(self, label: str, op: Operation) -> Applied | None:
        return push(self.undo_stack, self._library, self._bus, label, op)

    def _cursor_block(self) -> int | None:
        return self._reading.cursor_block()

    # the four fixes
    def merge_next(self) -> Applied | None:
        aid = self._reading.current_id
        if aid is None:
            return None
        return self._do(tr("Merge with the next article"), edits.MergeWithNext(aid))

    def split_here(self) -> Applied | None:
        aid, block = self._reading.current_id, self._cursor_block()
        if aid is None or block is None:
            self._bus.failed.emit(tr("Put the cursor in a paragraph first."))
            return None
        return self._do(tr("Split the article here"), edits.SplitAt(aid, block))

    def mark_fragment(self) -> Applied | None:
        aid = self._reading.current_id
        if aid is None:
            return None
        return self._do(tr("Mark as fragment"), edits.MarkFragment(aid))

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

    def move_section(self, heading_block: int, target: int) -> Applied | None:
        aid = self._reading.current_id
        if aid is None:
            return None
        return self._do(
            tr("Move section"),
            edits.MoveSection(aid, heading_block, target),
        )
