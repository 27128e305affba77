"""Importing off the UI thread: the worker talks to the window through signals only."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal

from reader.gui.jobs import JobWorker
from reader.store.importer import ImportProgress, ImportSummary
from reader.store.library import Library


class ImportWorker(JobWorker):
    """Runs ``Library.import_paths`` in whatever thread it lives in.

    Cancelling stops between files; what is imported stays.
    """

    progress = Signal(int, int, str)  # files done, total, current path

    def __init__(self, library: Library, paths: Sequence[str | Path]) -> None:
        super().__init__()
        self._library = library
        self._paths = [str(p) for p in paths]

    def _on_progress(self, p: ImportProgress) -> None:
        done = p.index + (1 if p.result is not None else 0)
        self.progress.emit(done, p.total, p.path)

    def work(self) -> ImportSummary:
        # The index is built afterwards by the window's BackgroundIndexer: the articles
        # are readable as soon as the import is done.
        return self._library.import_paths(
            self._paths, progress=self._on_progress, cancel=self.cancel_event.is_set, index=False
        )
