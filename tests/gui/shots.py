"""What the screenshot scripts (run by hand) share: every user folder under a fresh
temporary folder, a wait for the window to settle, and a grab saved as a PNG."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any


class Shots:
    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.tmp = Path(tempfile.mkdtemp(prefix="pizhu-shots-"))
        # before Qt or the app look anything up: nothing lands in the real home
        for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(self.tmp / var.lower())
        from reader.gui.app import make_application

        self.app = make_application(sys.argv[:1])

    def settle(self, ms: int = 300) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shot(self, widget: Any, name: str) -> None:
        self.settle()
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    def settings(self, name: str = "pizhu.ini") -> Any:
        """Settings in an .ini file of the temporary folder, the window in English."""
        from PySide6.QtCore import QSettings

        from reader.gui.settings import Settings

        settings = Settings(QSettings(str(self.tmp / name), QSettings.Format.IniFormat))
        settings.set_language("en")
        return settings
