"""One path for changes: every core operation's :class:`Changes` record goes through here.

Controllers run an operation, publish what it changed, and every part of the window
listening on :attr:`ChangeBus.changed` refreshes only what the record touches (Anki's
``OpChanges`` / ``on_operation_did_execute``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from reader.errors import KnownError
from reader.store.changes import Changes


class ChangeBus(QObject):
    changed = Signal(object)  # Changes
    failed = Signal(str)  # one line for the user

    def publish(self, changes: Changes) -> None:
        if not changes.empty:
            self.changed.emit(changes)

    def run(self, op: Callable[[], Changes]) -> Changes | None:
        """Run ``op`` (a short core call), publish its changes; report known errors."""
        try:
            changes = op()
        except KnownError as exc:
            self.failed.emit(str(exc))
            return None
        self.publish(changes)
        return changes
