"""Window-wide keys that work whatever has focus.

Text fields claim some Ctrl keys for themselves before the window's shortcuts see them
(a QLineEdit deletes to the end of the line on Ctrl+K and moves there on Ctrl+E); for
the keys named here the window's action wins: the claim (a ShortcutOverride event) is
stopped before it reaches the field.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget


class AppShortcuts(QObject):
    def __init__(self, window: QWidget, actions: Iterable[QAction]) -> None:
        super().__init__(window)
        self._window = window
        self.keys = {k.toString() for a in actions for k in a.shortcuts()}
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(obj, QWidget) or obj.window() is not self._window:
            return False
        if QKeySequence(event.keyCombination()).toString() in self.keys:
            event.ignore()  # not claimed: the window's shortcut fires
            return True
        return False

    def remove(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
