"""Python's cyclic garbage collector, run on the GUI thread only.

An automatic collection starts in whichever thread happens to allocate. When a worker
thread (a tag-suggestion job, an import) collects a cycle holding a widget, Qt's
destructor takes its signal-slot lock and PySide then waits for the GIL, while the GUI
thread, holding the GIL, waits for that same lock in ``connect()``: the window hangs for
good (seen in a test: a jieba run on a pool thread freed a split-check row while the
view was being filled). So while the window runs, automatic collection is off and a
timer on the GUI thread collects when the generation counts pass their thresholds,
which is what the automatic collector would have done.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

_INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    """Owns garbage collection until :meth:`stop` (the application keeps it to the end)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> int:
        """Collect the generations whose counts passed their thresholds; how many objects
        were unreachable."""
        counts = gc.get_count()
        due = [g for g in range(3) if self._thresholds[g] and counts[g] > self._thresholds[g]]
        return gc.collect(max(due)) if due else 0

    def stop(self) -> None:
        """Give collection back to Python (after one full collection on this thread)."""
        self._timer.stop()
        self.setParent(None)  # the next install() makes a fresh one
        gc.collect()
        if self._was_enabled:
            gc.enable()


def install(owner: QObject) -> GuiThreadCollector:
    """The collector for ``owner`` (normally the application), made once."""
    found = owner.findChild(GuiThreadCollector)
    if isinstance(found, GuiThreadCollector):
        return found
    return GuiThreadCollector(owner)
