"""A test hook: type into the article note like a user, for the kill-while-typing test.

With ``PIZHU_TEST_TYPE_NOTE=TEXT`` set, the window opens its first article once it is
ready and types TEXT into the article note one character every
``PIZHU_TEST_TYPE_INTERVAL_MS`` (default 40), then prints ``TYPED`` on stdout. Without
the variable nothing happens.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from reader.gui.window_controller import WindowController

ENV = "PIZHU_TEST_TYPE_NOTE"
INTERVAL_ENV = "PIZHU_TEST_TYPE_INTERVAL_MS"


def install(controller: WindowController) -> QTimer | None:
    text = os.environ.get(ENV)
    if not text:
        return None
    timer = QTimer(controller)
    timer.setInterval(int(os.environ.get(INTERVAL_ENV, "40")))
    left = list(text)

    def begin() -> None:
        if controller.reading.current_id is None:
            controller.lib.step(+1)
        note = controller.window.annotations.note
        note.setFocus()
        print("READY", controller.reading.current_id, flush=True)
        timer.start()

    def type_one() -> None:
        if not left:
            timer.stop()
            print("TYPED", flush=True)
            sys.stdout.flush()
            return
        note = controller.window.annotations.note
        note.moveCursor(note.textCursor().MoveOperation.End)
        note.insertPlainText(left.pop(0))

    timer.timeout.connect(type_one)
    controller.ready.connect(begin)
    return timer
