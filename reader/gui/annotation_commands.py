"""Undoable annotation changes: each command wraps a core operation and its inverse.

The core's operations (:mod:`reader.store.operations`) apply in one transaction and
answer with their change record and the operation that undoes them; applying that one
answers with the redo. A command runs once before it is pushed (so a refused change
never enters the stack); undo and redo then swap the stored operation for its inverse
and publish the change record on the bus, like any other operation. Ids stay stable:
an undone delete brings the same highlight back.

Saves of one note typed in a burst merge into one command, so Ctrl+Z takes back the
whole edit rather than its last second.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.errors import KnownError
from reader.gui.changes import ChangeBus
from reader.store.library import Library
from reader.store.operations import Applied, Operation

NOTE_MERGE_ID = 0x6E6F7465  # "note"


class AnnotationCommand(QUndoCommand):
    def __init__(self, label: str, library: Library, bus: ChangeBus, done: Applied) -> None:
        super().__init__(label)
        self._library = library
        self._bus = bus
        self.op: Operation = done.inverse  # what the next undo (or redo) applies
        self._first = done
        self._pushed = False

    def _swap(self) -> None:
        try:
            done = self._library.run(self.op)
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            self.setObsolete(True)  # the library moved on under us; drop the step
            return
        self.op = done.inverse
        self._bus.publish(done.changes)

    def redo(self) -> None:
        if not self._pushed:  # the operation already ran: show what it changed
            self._pushed = True
            self._bus.publish(self._first.changes)
            return
        self._swap()

    def undo(self) -> None:
        self._swap()


class NoteCommand(AnnotationCommand):
    """A note saved while typing; merges with the next save of the same note."""

    def __init__(
        self, label: str, library: Library, bus: ChangeBus, done: Applied, target: tuple[str, int]
    ) -> None:
        super().__init__(label, library, bus, done)
        self.target = target

    def id(self) -> int:
        return NOTE_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Keep our inverse (the note as it was before the burst); the redo that undo
        # computes later restores the newest text.
        return isinstance(other, NoteCommand) and other.target == self.target


def push(
    stack: QUndoStack,
    library: Library,
    bus: ChangeBus,
    label: str,
    op: Operation,
    note_target: tuple[str, int] | None = None,
) -> Applied | None:
    """Apply ``op`` now and push it; known errors go to the bus and not on the stack."""
    try:
        done = library.run(op)
    except KnownError as exc:
        bus.failed.emit(str(exc))
        return None
    if note_target is not None:
        stack.push(NoteCommand(label, library, bus, done, note_target))
    else:
        stack.push(AnnotationCommand(label, library, bus, done))
    return done
