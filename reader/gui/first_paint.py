"""Work that should wait until a window is on screen (facets of a large library)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Runs ``callback`` once, just after ``widget`` is first painted, or after
    ``fallback_ms`` if it is not painted by then (minimised, on another desktop)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int = 1000):
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self._done = False
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            QTimer.singleShot(0, self, self._run)  # once this paint has reached the screen
        return False

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._widget.removeEventFilter(self)
        self.deleteLater()  # one per use: a caller may make many over a session
        self._callback()
