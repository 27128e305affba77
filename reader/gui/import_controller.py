"""Import files and folders: a worker thread, a cancellable progress dialog, a report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reader.gui import file_dialogs
from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.import_view import ImportProgressDialog, ImportReportDialog
from reader.gui.import_worker import ImportWorker
from reader.gui.jobs import JobRunner
from reader.store.importer import ImportSummary
from reader.store.library import Library


class ImportController(QObject):
    started = Signal()
    done = Signal(object)  # ImportSummary, after the changes were published
    failed = Signal(str)

    def __init__(self, library: Library, bus: ChangeBus, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._library = library
        self._bus = bus
        self._parent = parent_widget
        self._jobs = JobRunner("pizhu-import", self)
        self.report: ImportReportDialog | None = None

    @property
    def running(self) -> bool:
        return self._jobs.running

    @property
    def worker(self) -> ImportWorker | None:
        return self._jobs.worker  # type: ignore[return-value]

    @property
    def dialog(self) -> ImportProgressDialog | None:
        return self._jobs.dialog  # type: ignore[return-value]

    def choose_files(self) -> None:
        _warm_up()
        files = file_dialogs.open_files(
            self._parent,
            tr("Import page files"),
            tr("Page dumps (*.txt *.md);;All files (*)"),
            self._library.path,
            kind="import",
        )
        if files:
            self.start(files)

    def choose_folder(self) -> None:
        _warm_up()
        folder = file_dialogs.folder(
            self._parent, tr("Import a folder of pages"), self._library.path, kind="import"
        )
        if folder:
            self.start([folder])

    def start(self, paths: Sequence[str | Path]) -> bool:
        """Import ``paths`` in a worker thread; False if an import is already running."""
        if self.running or not paths:
            return False
        worker = ImportWorker(self._library, paths)
        dialog = ImportProgressDialog(self._parent)
        worker.progress.connect(dialog.report)
        self._jobs.start(
            worker,
            dialog,
            done=self._finished,  # type: ignore[arg-type]
            failed=self._failed,
            cancelled=self._failed,
            cancelling=tr("Cancelling once the files being stored are in…"),
        )
        self.started.emit()
        return True

    def cancel(self) -> None:
        """What the dialog's Cancel button does."""
        self._jobs.cancel()

    def _finished(self, summary: ImportSummary) -> None:
        self._bus.publish(summary.changes)
        if summary.failed or summary.skipped or summary.cancelled:
            self.report = ImportReportDialog(summary, self._parent)
            self.report.open()
        self.done.emit(summary)

    def _failed(self, message: str) -> None:
        self._bus.failed.emit(message)
        self.failed.emit(message)

    def shutdown(self) -> None:
        """Stop a running import (the window is closing)."""
        self._jobs.shutdown()


def _warm_up() -> None:
    """While the user picks files, the fork server loads what the parser's workers need
    (imported here: the window's start does not need multiprocessing)."""
    from reader.store import workers

    workers.warm_up()
