"""Export, share and merge off the UI thread: the worker talks to the window through signals.

A job is a plain function ``job(progress, cancel) -> result`` calling the exchange core;
it runs in whatever thread the worker lives in and never touches a widget.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from reader.errors import KnownError
from reader.exchange.report import Cancel, Progress

Job = Callable[[Progress, Cancel], object]


class ExchangeWorker(QObject):
    """Runs one exchange job; cancelling is thread-safe and polled by the core."""

    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # whatever the job returned
    failed = Signal(str)  # a known error (a refused file, a locked library); one line
    cancelled = Signal(str)  # the job stopped because the user asked; one line

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job
        self.cancel_event = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    def _progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self._progress, self.cancel_event.is_set)
        except KnownError as exc:
            (self.cancelled if self.cancel_event.is_set() else self.failed).emit(str(exc))
            return
        except Exception as exc:  # a bug: report it rather than lose it in the thread
            traceback.print_exc()
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finished.emit(result)
