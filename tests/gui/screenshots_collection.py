"""Screenshots of the collection views on the sample pages (run by hand):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/gui/screenshots_collection.py /tmp/shots

The Papers tree down to pages and articles, the list with more columns, a continued
story, the Metadata and Trash dialogs; light, dark, Chinese; at 1024×600 and at half of
a 1366-pixel screen. Everything the app writes goes to a temporary folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.gui.shots import Shots  # noqa: E402


def main(out: Path) -> int:
    shots = Shots(out)  # first: the user folders move before anything looks them up
    tmp, app, shot = shots.tmp, shots.app, shots.shot
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import App
    from reader.gui.paper_tree import ISSUE
    from reader.gui.window_controller import sample_pages
    from reader.store import trash
    from reader.store.library import Library

    settings = shots.settings()
    library = Library.open(tmp / "library.sqlite")
    library.import_paths(sample_pages())
    library.run(trash.TrashArticles((library.article_ids()[5],)))
    main_app = App(app, library, settings)
    w = main_app.window
    w.resize(1360, 860)
    main_app.show()
    c = main_app.controller

    def expand_issue() -> None:
        lib = c.lib
        issue = lib.papers.find(ISSUE, "2026-02-26")
        if issue is None:
            return
        index = lib.papers.index_of(issue)
        view = lib.pane.papers
        parent = index.parent()
        while parent.isValid():
            view.expand(parent)
            parent = parent.parent()
        view.expand(index)
        lib.papers.load(issue)
        first = lib.papers.index(0, 0, index)
        view.expand(first)
        view.setCurrentIndex(first)

    header = w.library.articles.horizontalHeader()
    for col in (4, 5):
        header.setSectionHidden(col, False)
    expand_issue()
    first = next(a for a in library.article_ids() if library.get_article(a).continued_on_id)
    c.reading.open(first)
    shot(w, "c1-tree-list-continued-light")

    c.collection.show_whole_story()
    shot(c.collection.dialog, "c2-whole-story")
    c.collection.dialog.reject()

    c.lib.select(first)
    dialog = c.collection.edit_metadata()
    shot(dialog, "c3-metadata-dialog")
    dialog.reject()
    dialog = c.collection.open_trash()
    shot(dialog, "c4-trash-dialog")
    dialog.reject()

    w.actions_.dark_theme.trigger()
    shot(w, "c5-dark")
    w.actions_.dark_theme.trigger()

    w.resize(1024, 600)
    shot(w, "c6-1024x600")
    w.resize(683, 740)
    shot(w, "c7-half-of-1366")
    w.resize(1360, 860)

    main_app.switch_language("zh_CN")
    c = main_app.controller
    expand_issue()
    c.reading.open(first)
    shot(main_app.window, "c8-chinese")
    dialog = c.collection.edit_metadata([first])
    shot(dialog, "c9-metadata-chinese")
    dialog.reject()
    main_app.window.resize(1024, 600)
    shot(main_app.window, "c10-chinese-1024x600")

    main_app.window.close()
    QApplication.processEvents()
    library.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: screenshots_collection.py OUTPUT_FOLDER")
    raise SystemExit(main(Path(sys.argv[1])))
