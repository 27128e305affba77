"""The window notices what other processes write (a ``pizhu`` command in a terminal).

A timer polls :class:`~reader.store.watch.ExternalWrites`; when another process has
written, an ``external`` change record goes through the window's ChangeBus like every
other change, so lists, tag tree, the open article and its annotations are reloaded
instead of showing stale state (and writing over newer data).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from reader.gui.changes import ChangeBus
from reader.store.changes import Changes
from reader.store.library import Library
from reader.store.watch import ExternalWrites

POLL_MS = 1000  # one PRAGMA per second on an idle library


class ExternalWatch(QObject):
    noticed = Signal()  # after the external change record was published

    def __init__(
        self,
        library: Library,
        bus: ChangeBus,
        before: Callable[[], None],
        parent: QObject | None = None,
        interval_ms: int = POLL_MS,
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._before = before
        self._writes: ExternalWrites | None = ExternalWrites(library.engine, library.path)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._writes is not None:
            self._writes.close()
            self._writes = None

    def poll(self) -> bool:
        """Publish an external change if another process wrote since the last poll."""
        if self._writes is None or not self._writes.poll():
            return False
        self._before()  # a note being typed is saved first, then everything reloads
        self._bus.publish(Changes(external=True))
        self.noticed.emit()
        return True
