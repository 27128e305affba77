"""Fixing the parser's mistakes from the window, each fix an undoable command."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from reader.gui.changes import ChangeBus
from reader.gui.library_controller import LibraryController
from reader.gui.reading_controller import ReadingController
from reader.store.library import Library


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
        self._undo = undo
        self._reading = reading
        self._lib = lib
        actions = window.actions_  # type: ignore[attr-defined]
        for a in (
            actions.merge_next,
            actions.split_here,
            actions.move_section,
            actions.mark_fragment,
        ):
            a.setEnabled(False)
