"""Export, share and merge off the UI thread: the worker talks to the window through signals.

A job is a plain function ``job(progress, cancel) -> result`` calling the exchange core;
it runs in whatever thread the worker lives in and never touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal

from reader.exchange.report import Cancel, Progress
from reader.gui.jobs import JobWorker

Job = Callable[[Progress, Cancel], object]


class ExchangeWorker(JobWorker):
    """Runs one exchange job; cancelling is thread-safe and polled by the core."""

    progress = Signal(int, int)  # done, total

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def _progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    def work(self) -> object:
        return self._job(self._progress, self.cancel_event.is_set)
