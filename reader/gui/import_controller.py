"""Import files and folders: a worker thread, a cancellable progress dialog, a report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.import_view import ImportProgressDialog, ImportReportDialog
from reader.gui.import_worker import ImportWorker
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
        self._thread: QThread | None = None
        self.worker: ImportWorker | None = None
        self.dialog: ImportProgressDialog | None = None
        self.report: ImportReportDialog | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._parent, tr("Import page files"), "", tr("Page dumps (*.txt *.md);;All files (*)")
        )
        if files:
            self.start(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._parent, tr("Import a folder of pages"))
        if folder:
            self.start([folder])

    def start(self, paths: Sequence[str | Path]) -> bool:
        """Import ``paths`` in a worker thread; False if an import is already running."""
        if self._thread is not None or not paths:
            return False
        thread = QThread(self)
        thread.setObjectName("pizhu-import")
        worker = ImportWorker(self._library, paths)
        worker.moveToThread(thread)
        dialog = ImportProgressDialog(self._parent)
        dialog.canceled.connect(self._cancel)
        worker.progress.connect(dialog.report)
        worker.finished.connect(self._finished)
        worker.failed.connect(self._failed)
        thread.started.connect(worker.run)
        thread.finished.connect(worker.deleteLater)
        self._thread, self.worker, self.dialog = thread, worker, dialog
        self.started.emit()
        thread.start()
        return True

    def cancel(self) -> None:
        """What the dialog's Cancel button does."""
        self._cancel()

    def _cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(tr("Cancelling after the current file…"))

    def _stop(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
        self._thread = self.worker = self.dialog = None

    def _finished(self, summary: ImportSummary) -> None:
        self._stop()
        self._bus.publish(summary.changes)
        if summary.failed or summary.skipped or summary.cancelled:
            self.report = ImportReportDialog(summary, self._parent)
            self.report.open()
        self.done.emit(summary)

    def _failed(self, message: str) -> None:
        self._stop()
        self._bus.failed.emit(message)
        self.failed.emit(message)

    def shutdown(self) -> None:
        """Stop a running import (the window is closing)."""
        if self.worker is not None:
            self.worker.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
