"""The real window in a child process, driven line by line over stdin (end-to-end tests).

``python -m tests.gui.window_driver LIBRARY`` opens the window offscreen on LIBRARY and
prints ``READY <pid>``. Commands on stdin, one per line, each answered on stdout:

- ``dialogs``: opens every file dialog of the window (import files, import folder, export
  folder and file, share, merge), shows the library's own folder in each until Qt has
  listed it, cancels it; answers ``DIALOGS <n>``.
- ``tag ARTICLE NAME``: tags the article through the window's change path; ``TAGGED``.
- ``wait-tag NAME``: answers ``SEEN NAME`` once the window's tag list shows NAME (which
  another process added).
- ``quit``: closes the window like the user; the process exits 0.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel

from reader.gui.app import App, make_application
from reader.store.library import Library


def say(*words: object) -> None:
    print(*words, flush=True)


class Driver:
    def __init__(self, app: App, library: Path) -> None:
        self.app = app
        self.folder = str(library.parent)
        self.shown = 0

    def _browse_library_folder(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, self._browse_library_folder)
            return
        model = dialog.findChild(QFileSystemModel)
        assert model is not None

        def listed(path: str) -> None:
            if Path(path) == Path(self.folder):
                # Let the icon and type gatherer go over every entry before cancelling.
                QTimer.singleShot(500, dialog.reject)

        model.directoryLoaded.connect(listed)
        dialog.setDirectory(self.folder)
        self.shown += 1

    def dialogs(self) -> None:
        c = self.app.controller
        w = c.window
        chooser = c.exchange.chooser
        opens: list[Callable[[], object]] = [
            c.imports.choose_files,
            c.imports.choose_folder,
            lambda: chooser.export_folder(w),
            lambda: chooser.export_file(w, "markdown"),
            lambda: chooser.share_file(w),
            lambda: chooser.merge_file(w),
        ]
        for open_dialog in opens:
            QTimer.singleShot(0, self._browse_library_folder)
            open_dialog()  # modal: returns once the dialog was cancelled
        say("DIALOGS", self.shown)

    def command(self, line: str) -> None:
        words = line.split()
        c = self.app.controller
        if not words:
            return
        if words[0] == "dialogs":
            self.dialogs()
        elif words[0] == "tag":
            aid, name = int(words[1]), words[2]
            c.bus.run(lambda: c.library.tag_article(aid, name))  # type: ignore[arg-type]
            say("TAGGED")
        elif words[0] == "wait-tag":
            name = words[1]

            def seen() -> None:
                labels = [
                    c.lib.tags.data(c.lib.tags.index(r, 0)) for r in range(c.lib.tags.rowCount())
                ]
                if any(str(label).startswith(name + " ") for label in labels):
                    say("SEEN", name)
                else:
                    QTimer.singleShot(50, seen)

            seen()
        elif words[0] == "quit":
            c.window.close()
            QApplication.quit()


def main() -> int:
    library = Path(sys.argv[1])
    qapp = make_application(sys.argv[:1])
    lib = Library.open(library)
    try:
        app = App(qapp, lib)
        app.controller.ready.connect(lambda: say("READY", os.getpid()))
        app.show()
        driver = Driver(app, library)
        notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

        def read() -> None:
            line = sys.stdin.readline()
            if not line:
                QApplication.quit()
                return
            driver.command(line.strip())

        notifier.activated.connect(read)
        return int(qapp.exec())
    finally:
        lib.close()


if __name__ == "__main__":
    raise SystemExit(main())
