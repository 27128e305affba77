"""What the hand-run screenshot scripts share: user folders kept in a temporary folder,
letting the event loop settle, and saving a widget as a PNG."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any


def isolate() -> Path:
    """A temporary folder that HOME and the XDG folders point into (nothing the app
    writes lands in the user's own)."""
    tmp = Path(tempfile.mkdtemp(prefix="pizhu-shots-"))
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(tmp / var.lower())
    return tmp


def settle(ms: int = 300) -> None:
    """Let layouts, timers and repaints run (a screenshot script has no qtbot)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shooter(out: Path, ms: int = 300) -> Any:
    """A function saving ``widget`` as ``out/name.png`` once the window has settled."""
    out.mkdir(parents=True, exist_ok=True)

    def shot(widget: Any, name: str) -> None:
        settle(ms)
        widget.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    return shot
