"""Notes saved while they are typed, by the core :class:`~reader.store.autosave.Debouncer`.

The debouncer decides *when* (a pause after the last key, and never later than its
``max_delay`` after the first unsaved key, so steady typing is saved too); this class
only gives it a clock tick: one single-shot ``QTimer`` armed for :meth:`Debouncer.due`
seconds after every change. Leaving the editor, switching notes or closing the window
flushes at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from reader.gui.annotation_view import NoteEdit
from reader.store.autosave import Debouncer

NoteTarget = tuple[str, int]  # ("article", id) or ("highlight", id)


class NoteSaver(QObject):
    """Autosaves one note editor: ``save(target, text)`` runs when the debouncer says so."""

    saved = Signal()

    def __init__(
        self, editor: NoteEdit, save: Callable[[NoteTarget, str], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self._save = save
        self.target: NoteTarget | None = None
        self._loading = False
        self._debouncer: Debouncer[tuple[NoteTarget, str]] = Debouncer(self._write)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._tick)
        editor.textChanged.connect(self._typed)
        editor.focus_lost.connect(self.flush)

    def load(self, target: NoteTarget | None, text: str) -> None:
        """Show another note (what was typed into the previous one is written first)."""
        if target != self.target:
            self.flush()
        self.target = target
        if self.editor.toPlainText() != text:
            self._loading = True
            try:
                self.editor.setPlainText(text)
            finally:
                self._loading = False

    @property
    def pending(self) -> bool:
        return self._debouncer.pending

    def flush(self) -> None:
        self.timer.stop()
        self._debouncer.flush()

    def _typed(self) -> None:
        if self._loading or self.target is None:
            return
        self._debouncer.change((self.target, self.editor.toPlainText()))
        self._arm()

    def _tick(self) -> None:
        self._debouncer.poll()
        self._arm()

    def _arm(self) -> None:
        due = self._debouncer.due()
        if due is None:
            self.timer.stop()
        else:
            self.timer.start(round(due * 1000))

    def _write(self, pending: tuple[NoteTarget, str]) -> None:
        target, text = pending
        self._save(target, text)
        self.saved.emit()
