"""Garbage collection while the window runs happens on the GUI thread: a worker thread
that frees a widget's reference cycle can deadlock against the GUI thread (Qt's
signal-slot lock against the GIL), so it must never be the one collecting."""

from __future__ import annotations

import gc
import threading
import weakref
from typing import Any

from PySide6.QtWidgets import QWidget

from reader.gui import collector


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.widget = QWidget()


def test_a_worker_thread_never_collects_and_cycles_are_still_freed(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = collector.install(qapp)
    collected_on: list[str] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collected_on.append(threading.current_thread().name)

    gc.callbacks.append(note)
    try:
        assert collector.install(qapp) is owner  # one per application
        probe = _Cycle()
        alive = weakref.ref(probe)
        del probe
        kept: list[object] = []
        # enough live allocations for several automatic collections, on a worker
        worker = threading.Thread(target=lambda: kept.append([[] for _ in range(20_000)]))
        worker.start()
        worker.join()
        assert alive() is not None and collected_on == []
        qtbot.waitUntil(lambda: alive() is None, timeout=5000)
        assert set(collected_on) == {threading.current_thread().name}
    finally:
        gc.callbacks.remove(note)
        owner.stop()
    assert gc.isenabled()
