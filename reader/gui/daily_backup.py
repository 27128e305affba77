"""The once-a-day backup on open, made after the window is on screen.

Copying a large library takes seconds (3 to 4 s at 150,000 articles, a 680 MB file) and
the window must not wait for it. SQLite's backup API copies one consistent snapshot in a
single step on its own connection; in WAL mode the window keeps reading and writing
meanwhile, and the copy is written under a temporary name until it is whole
(:mod:`reader.store.backups`). The app waits for it after its window closes; a process
killed before it ends leaves only that temporary file, which a later backup sweeps.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal, SignalInstance

from reader.store import backups
from reader.store.errors import LibraryError


class DailyBackup(QObject):
    made = Signal(object)  # the Backup made, or None when today's exists (or nothing to keep)
    failed = Signal(str)  # why it could not be made (the core's message)

    def start(self, library: Path) -> threading.Thread:
        thread = threading.Thread(
            target=self._run, args=(library,), name="pizhu-daily-backup", daemon=True
        )
        thread.start()
        return thread

    def _run(self, library: Path) -> None:
        # The signals cross to the window's thread (queued: they are emitted from this one).
        try:
            made = backups.daily_backup(library)
        except LibraryError as exc:
            self._emit(self.failed, str(exc))
            return
        self._emit(self.made, made)

    @staticmethod
    def _emit(signal: SignalInstance, value: object) -> None:
        # The window closed while the copy was being made: nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)
