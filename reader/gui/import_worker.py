"""Importing off the UI thread: the worker talks to the window through signals only."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from reader.errors import KnownError
from reader.store.importer import ImportProgress
from reader.store.library import Library


class ImportWorker(QObject):
    """Runs ``Library.import_paths`` in whatever thread it lives in."""

    progress = Signal(int, int, str)  # files done, total, current path
    finished = Signal(object)  # ImportSummary
    failed = Signal(str)  # the library could not be used; one line

    def __init__(self, library: Library, paths: Sequence[str | Path]) -> None:
        super().__init__()
        self._library = library
        self._paths = [str(p) for p in paths]
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Thread-safe: stop between files; what is imported stays."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _on_progress(self, p: ImportProgress) -> None:
        done = p.index + (1 if p.result is not None else 0)
        self.progress.emit(done, p.total, p.path)

    @Slot()
    def run(self) -> None:
        try:
            summary = self._library.import_paths(
                self._paths, progress=self._on_progress, cancel=self._cancel.is_set
            )
        except KnownError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug: report it rather than lose it in the thread
            traceback.print_exc()
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finished.emit(summary)
