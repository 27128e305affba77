"""The background-job helper both the import and the exchange controllers use."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QProgressDialog, QWidget

from reader.errors import KnownError
from reader.gui.jobs import JobRunner, JobWorker


class _Worker(JobWorker):
    def __init__(self, outcome: str) -> None:
        super().__init__()
        self.outcome = outcome
        self.thread_name = ""

    def work(self) -> object:
        self.thread_name = threading.current_thread().name
        if self.outcome == "known":
            raise KnownError("the library is locked")
        if self.outcome == "cancel":
            self.cancel_event.set()
            raise KnownError("stopped")
        return 42


def _run(qtbot, outcome: str) -> tuple[str, object, JobRunner]:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = JobRunner("pizhu-test-job", parent)
    seen: list[tuple[str, object]] = []
    worker = _Worker(outcome)
    assert runner.start(
        worker,
        QProgressDialog(parent),
        done=lambda r: seen.append(("done", r)),
        failed=lambda m: seen.append(("failed", m)),
        cancelled=lambda m: seen.append(("cancelled", m)),
        cancelling="…",
    )
    assert runner.running and not runner.start(
        _Worker("ok"),
        QProgressDialog(parent),
        done=print,
        failed=print,
        cancelled=print,
        cancelling="",
    )  # one job at a time
    qtbot.waitUntil(lambda: bool(seen))
    assert worker.thread_name != threading.main_thread().name
    return seen[0][0], seen[0][1], runner


def test_result_reaches_the_gui_thread_after_the_thread_stopped(qtbot) -> None:  # type: ignore[no-untyped-def]
    kind, value, runner = _run(qtbot, "ok")
    assert (kind, value) == ("done", 42)
    assert not runner.running and runner.worker is None and runner.dialog is None


def test_known_error_fails_in_one_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert _run(qtbot, "known")[:2] == ("failed", "the library is locked")


def test_known_error_after_cancel_is_a_cancellation(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert _run(qtbot, "cancel")[:2] == ("cancelled", "stopped")
