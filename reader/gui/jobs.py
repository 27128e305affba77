"""One background job at a time: a worker in its own thread behind a progress dialog.

A :class:`JobWorker` does its work in whatever thread it lives in and talks to the
window through signals only (it never touches a widget). A :class:`JobRunner` owns the
thread, the worker and the cancellable progress dialog of the one job running, and
calls back on the GUI thread when the job finished, failed or was cancelled.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from reader.errors import KnownError


class JobWorker(QObject):
    """Runs :meth:`work`; a known error is one line, a bug is printed and reported."""

    finished = Signal(object)  # whatever work() returned
    failed = Signal(str)  # a known error (a refused file, a locked library); one line
    cancelled = Signal(str)  # work() stopped with a known error after Cancel; one line

    def __init__(self) -> None:
        super().__init__()
        self.cancel_event = threading.Event()

    def cancel(self) -> None:
        """Thread-safe: the work polls :attr:`cancel_event`."""
        self.cancel_event.set()

    def work(self) -> object:
        raise NotImplementedError

    @Slot()
    def run(self) -> None:
        try:
            result = self.work()
        except KnownError as exc:
            (self.cancelled if self.cancel_event.is_set() else self.failed).emit(str(exc))
            return
        except Exception as exc:  # a bug: report it rather than lose it in the thread
            traceback.print_exc()
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finished.emit(result)


def _ignore(_value: object) -> None:
    pass


class JobRunner(QObject):
    """The thread, worker and progress dialog of the one running job."""

    def __init__(self, thread_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread_name = thread_name
        self._thread: QThread | None = None
        self.worker: JobWorker | None = None
        self.dialog: QProgressDialog | None = None
        self._cancelling = ""
        self._done: Callable[[object], None] = _ignore
        self._failed: Callable[[str], None] = _ignore
        self._cancelled: Callable[[str], None] = _ignore

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(
        self,
        worker: JobWorker,
        dialog: QProgressDialog,
        *,
        done: Callable[[object], None],
        failed: Callable[[str], None],
        cancelled: Callable[[str], None],
        cancelling: str,
    ) -> bool:
        """Run ``worker`` in a new thread; False (and nothing started) if a job is running.

        The callbacks run on the GUI thread after the thread and the dialog are gone;
        the dialog's Cancel asks the worker to stop and shows ``cancelling``.
        """
        if self._thread is not None:
            dialog.deleteLater()
            return False
        thread = QThread(self)
        thread.setObjectName(self._thread_name)
        worker.moveToThread(thread)
        self._cancelling = cancelling
        self._done, self._failed, self._cancelled = done, failed, cancelled
        dialog.canceled.connect(self.cancel)
        # slots of this GUI-thread object: the worker's signals arrive queued
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        thread.started.connect(worker.run)
        thread.finished.connect(worker.deleteLater)
        self._thread, self.worker, self.dialog = thread, worker, dialog
        thread.start()
        return True

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        done = self._done
        self.stop()
        done(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        failed = self._failed
        self.stop()
        failed(message)

    @Slot(str)
    def _on_cancelled(self, message: str) -> None:
        cancelled = self._cancelled
        self.stop()
        cancelled(message)

    def cancel(self) -> None:
        """What the progress dialog's Cancel button does."""
        if self.worker is not None:
            self.worker.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self._cancelling)

    def stop(self) -> None:
        """Wait for the finished thread and close the dialog."""
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
        self._thread = self.worker = self.dialog = None

    def shutdown(self) -> None:
        """Stop a running job (the window is closing)."""
        if self.worker is not None:
            self.worker.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
