"""What the screenshot scripts (run by hand) share: the user's folders moved into a
temporary folder before Qt starts, a pause for the event loop, a grab saved as PNG."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Shots:
    out: Path  # where the pictures go
    tmp: Path  # everything the app writes
    app: Any  # the QApplication

    def settle(self, ms: int = 300) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shot(self, widget: Any, name: str) -> None:
        self.settle()
        widget.grab().save(str(self.out / f"{name}.png"))
        print(self.out / f"{name}.png")


def start(out: Path) -> Shots:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="pizhu-shots-"))
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(tmp / var.lower())
    from reader.gui.app import make_application

    return Shots(out, tmp, make_application(sys.argv[:1]))
