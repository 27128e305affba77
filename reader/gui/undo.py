"""The window's one undo command: a core operation's answer and the operation that undoes it.

Every change the window makes (highlights, notes, tags, metadata, the trash, the
parser fixes and Check the split) is a core operation (:mod:`reader.store.unit`): it
runs once before it is pushed (so a refused change never enters the stack), and undo
and redo apply the stored inverse, keep the inverse of that, and publish the change
record on the bus like any other operation. Ids stay stable: an undone delete brings
the same highlight back.

Saves of one note typed in a burst merge into one step (``merge_key``), so Ctrl+Z takes
back the whole edit rather than its last second. The Edit menu names the step:
"Undo: Remove tag 生态".
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from reader.errors import KnownError
from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.shown import shown
from reader.store.library import Library
from reader.store.unit import Applied, Operation

MERGE_ID = 0x6E6F7465  # "note": saves of the same note while typing


class UndoCommand(QUndoCommand):
    def __init__(
        self,
        label: str,
        library: Library,
        bus: ChangeBus,
        done: Applied,
        merge_key: tuple[str, int] | None = None,
    ) -> None:
        super().__init__(label)
        self._library = library
        self._bus = bus
        self.op: Operation = done.inverse  # what the next undo (or redo) applies
        self._first = done
        self._pushed = False
        self.merge_key = merge_key

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

    def id(self) -> int:
        return MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Keep our inverse (the note as it was before the burst); the redo that undo
        # computes later restores the newest text.
        return isinstance(other, UndoCommand) and other.merge_key == self.merge_key


def push(
    stack: QUndoStack,
    library: Library,
    bus: ChangeBus,
    label: str,
    op: Operation,
    merge_key: tuple[str, int] | None = None,
) -> Applied | None:
    """Apply ``op`` now and push it; known errors go to the bus and not on the stack."""
    try:
        done = library.run(op)
    except KnownError as exc:
        bus.failed.emit(str(exc))
        return None
    stack.push(UndoCommand(label, library, bus, done, merge_key))
    return done


def named(label: str, *names: str) -> str:
    """``label`` with %1, %2… replaced by ``names`` (shown as written, stand-ins for
    control characters included: a tag name comes from a page or a share file)."""
    for n, name in enumerate(names, start=1):
        label = label.replace(f"%{n}", shown(name))
    return label


class _Namer(QObject):
    """Keeps one action's text naming the step; a child of the action, so the window
    rebuilt for another language drops it with the action."""

    def __init__(self, action: QAction, redo: bool) -> None:
        super().__init__(action)
        self._action = action
        self._redo = redo

    @Slot(str)
    def name(self, label: str) -> None:
        bare, pattern = (
            (tr("&Redo"), tr("&Redo: %1")) if self._redo else (tr("&Undo"), tr("&Undo: %1"))
        )
        self._action.setText(pattern.replace("%1", label) if label else bare)


def name_actions(stack: QUndoStack, undo: QAction, redo: QAction) -> None:
    """Show the step Undo and Redo would take in their menu entries."""
    stack.undoTextChanged.connect(_Namer(undo, redo=False).name)
    stack.redoTextChanged.connect(_Namer(redo, redo=True).name)
