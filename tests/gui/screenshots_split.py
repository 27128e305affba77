"""Screenshots of "Check the split" on real pages, every kind of decision (run by hand).

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python tests/gui/screenshots_split.py /tmp/shots

The pages are the parser's own test pages (a first-contact page that has every kind of
decision, and a sample page). Everything the app writes goes to a temporary folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.gui.shots import Shots  # noqa: E402

PAGES = (
    "tests/ingest/firstcontact/fc-page-05.txt",
    "resources/samples/2026-02-26-page-01-yaowen.txt",
)


def main(out: Path) -> int:
    shots = Shots(out)
    tmp, app, settle, shot = shots.tmp, shots.app, shots.settle, shots.shot
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import App
    from reader.store.library import Library

    settings = shots.settings()
    library = Library.open(tmp / "library.sqlite")
    library.import_paths([ROOT / p for p in PAGES])
    main_app = App(app, library, settings)
    w = main_app.window
    w.resize(1360, 860)
    main_app.show()
    c = main_app.controller
    c.lib.select(c.lib.articles.ids()[1])
    settle()
    shot(w, "split-1-notice")
    split = c.split
    view = split.open_current()
    assert view is not None
    view.fit_screen()
    shot(view, "split-2-view")
    split.next_doubt()
    shot(view, "split-3-next-doubtful")
    split.flip_current()
    settle()
    shot(view, "split-4-flipped")
    w.actions_.undo.trigger()
    settle()
    shot(view, "split-5-undone")
    view.close()
    main_app.switch_language("zh_CN")
    view = main_app.controller.split.open_current()  # the window was built anew
    assert view is not None
    view.fit_screen()
    shot(view, "split-6-chinese")
    view.close()
    main_app.window.close()
    QApplication.processEvents()
    library.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: screenshots_split.py OUTPUT_FOLDER")
    raise SystemExit(main(Path(sys.argv[1])))
