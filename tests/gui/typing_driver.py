"""The real window, typing into the article note like a user: the child process of the
kill-while-typing test (kept out of the shipped package).

    python -m tests.gui.typing_driver LIBRARY TEXT [INTERVAL_MS]

Opens the window on LIBRARY, opens the first article, prints ``READY <article id>``,
types TEXT into its note one character every INTERVAL_MS (key events, as a user
would), prints ``TYPED`` and keeps running until it is killed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from reader.gui.app import App, make_application
from reader.store.library import Library


def main(argv: list[str]) -> int:
    library, text = argv[0], argv[1]
    interval = int(argv[2]) if len(argv) > 2 else 40
    qapp = make_application([sys.argv[0]])
    lib = Library.open(library)
    app = App(qapp, lib)
    controller = app.controller
    left = list(text)
    timer = QTimer()
    timer.setInterval(interval)

    def begin() -> None:
        if controller.reading.current_id is None:
            controller.lib.step(+1)
        controller.window.annotations.note.setFocus()
        print("READY", controller.reading.current_id, flush=True)
        timer.start()

    def type_one() -> None:
        note = controller.window.annotations.note
        if not left:
            timer.stop()
            print("TYPED", flush=True)
            return
        note.moveCursor(note.textCursor().MoveOperation.End)
        QTest.keyClicks(note, left.pop(0), Qt.KeyboardModifier.NoModifier)

    timer.timeout.connect(type_one)
    controller.ready.connect(begin)
    app.show()
    return int(qapp.exec())


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
