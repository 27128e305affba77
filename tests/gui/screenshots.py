"""Screenshots of the real window on a library holding the sample pages (run by hand).

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python tests/gui/screenshots.py /tmp/shots

Everything the app writes (library, settings) goes to a temporary folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reader.exchange.share import share_rows

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.gui.shots import Shots  # noqa: E402


def main(out: Path) -> int:
    shots = Shots(out)  # first: the user folders move before anything looks them up
    tmp, app, settle, shot = shots.tmp, shots.app, shots.settle, shots.shot
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import App
    from reader.gui.window_controller import sample_pages
    from reader.store.library import Library

    settings = shots.settings()

    # 0. first start on an empty library
    empty = Library.open(tmp / "empty.sqlite")
    first = App(app, empty, shots.settings("first.ini"))
    first.window.resize(1300, 820)
    first.show()
    shot(first.window, "0-first-start")
    first.window.close()

    library = Library.open(tmp / "library.sqlite")
    library.import_paths(sample_pages())
    main_app = App(app, library, settings)
    w = main_app.window
    w.resize(1360, 860)
    main_app.show()
    c = main_app.controller
    papers = c.lib.papers
    if papers.rowCount():
        w.library.papers.expand(papers.index(0, 0))
    shot(w, "1-library")

    c.lib.step(+1)
    c.lib.step(+1)
    shot(w, "2-article")

    w.library.search_field.setText("呼和浩特")
    c.search.run()
    c.search.open_current()
    shot(w, "3-search-results")

    w.actions_.find.trigger()
    w.reading.find_bar.field.setText("发展")
    shot(w, "4-find-in-article")
    c.reading.close_find()

    # 7. an annotated article: colours, an overlap, cards, suggestion chips
    w.library.search_field.setText("")
    c.search.run()
    c.lib.step(+1)
    ann = c.annotations
    view = w.reading.view
    body = c.reading.detail.text if c.reading.detail else ""
    built = c.reading.built

    def mark(start: int, end: int, colour: str, note: str = "", tag: str = "") -> None:
        from PySide6.QtGui import QTextCursor

        if built is None or end > len(body):
            return
        cur = QTextCursor(view.document())
        cur.setPosition(built.offsets.to_doc(start) or 0)
        cur.setPosition(built.offsets.to_doc(end) or 0, QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cur)
        ann.highlight_selection(colour)
        if note:
            w.annotations.highlight_note.setPlainText(note)
            ann.flush()
        if tag:
            ann.tag_current(tag)

    mark(5, 30, "yellow", "开篇点题:数据要核实", "数据")
    mark(20, 45, "blue", "与上一句重叠的疑问")
    mark(60, 80, "green")
    mark(100, 118, "pink", "", "人物")
    mark(140, 160, "purple", "地点待查")
    ann.tag_article("科技")
    settle(1500)  # suggestions arrive from their worker
    shot(w, "7-annotated-article")

    # 7b. the library's tag filter applied to the highlight cards, with its chip
    tag_id = next((t.id for t in library.tags() if t.name == "数据"), None)
    if tag_id is not None:
        c.lib.load_facets()
        w.library.tabs.setCurrentWidget(w.library.tags)
        w.library.tags.setCurrentIndex(c.lib.tags.index(c.lib.tags.row_of(tag_id), 0))
        settle()
        shot(w, "7b-tag-filter-on-highlights")
        c.lib.clear_filters()
        w.library.tabs.setCurrentWidget(w.library.papers)

    # 7c. the context menu on a highlight
    if built is not None:
        from PySide6.QtGui import QTextCursor

        cur = QTextCursor(view.document())
        cur.setPosition(built.offsets.to_doc(10) or 0)
        view.setTextCursor(cur)
        point = view.cursorRect(cur).center()
        menu = view.context_menu(point)
        menu.popup(view.viewport().mapToGlobal(point))
        settle()
        shot(menu, "7c-context-menu")
        menu.close()

    # 8. a merge's dry-run report, then 9. the highlights a merge could not place
    from reader.exchange.merge import merge_bundle
    from reader.exchange.orphans import list_orphans
    from reader.exchange.share import write_share
    from reader.exchange.untrusted import read_share

    sender = Library.open(tmp / "sender.sqlite")
    sender.import_paths(sample_pages())
    for n, aid in enumerate(sender.article_ids()[1:12:3]):
        text = sender.get_article(aid).text
        sender.add_highlight(
            aid,
            10,
            30,
            colour=("yellow", "blue", "green", "pink")[n % 4],
            note=("待核实", "", "<b>原文如此</b>", "")[n % 4],
            author="李编辑",
        )
        sender.add_highlight(aid, 40, min(len(text), 70), colour="purple", author="李编辑")
    sender.set_note(sender.article_ids()[1], "同事的笔记")
    share = write_share(sender.read(share_rows), tmp / "colleague.sqlite").path
    sender.close()
    waiting = QEventLoop()
    c.exchange.merge_previewed.connect(waiting.quit)
    c.exchange.preview_merge(share)
    QTimer.singleShot(10_000, waiting.quit)
    waiting.exec()
    if c.exchange.report is not None:
        shot(c.exchange.report, "8-merge-dry-run-report")
        c.exchange.report.reject()
    merge_bundle(library, read_share(share), placer=lambda _s, _b: None, backup=False)
    orphans = c.exchange.show_orphans()
    if orphans is not None:
        shot(orphans, "9-unplaced-highlights")
        orphans.reject()

    # 11. the notebook: every highlight of the library, grouped by article, then by tag
    nb = c.open_notebook()
    nb.window.resize(1300, 640)
    shot(nb.window, "11-notebook")
    nb.window.group.setCurrentIndex(nb.window.group.findData("tag"))
    nb.window.table.selectRow(1)
    shot(nb.window, "11b-notebook-by-tag")
    nb.window.group.setCurrentIndex(nb.window.group.findData("article"))
    nb.window.close()

    w.actions_.dark_theme.trigger()
    shot(w, "5-dark-theme")
    w.actions_.dark_theme.trigger()

    # 10. an article with unplaced highlights: the line above its text
    orphaned = sorted({o.article_id for o in library.read(list_orphans)})
    if orphaned:
        c.lib.select(orphaned[0])
        settle()
        shot(w, "10-article-with-unplaced-highlights")

    # 11. check the split: the notice above the article, then the view of its page (the
    # parser's own decisions; tests/gui/screenshots_split.py shows more of it)
    c.lib.select(c.lib.articles.ids()[2])
    settle()
    c.lib.select(c.lib.articles.ids()[1])
    settle()
    shot(w, "11a-split-notice")
    view = c.split.open_current()
    if view is not None:
        view.resize(1300, 820)
        shot(view, "11-check-the-split")
        view.close()

    main_app.switch_language("zh_CN")
    shot(main_app.window, "6-chinese-ui")
    if view is not None:
        view = main_app.controller.split.open_current()
        shot(view, "11b-check-the-split-zh")
        view.close()
    zh_notebook = main_app.controller.open_notebook()
    zh_notebook.window.resize(1300, 640)
    shot(zh_notebook.window, "11c-notebook-chinese")
    zh_notebook.window.close()
    main_app.controller.lib.pane.search_field.setText("")

    main_app.window.close()
    QApplication.processEvents()
    library.close()
    empty.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: screenshots.py OUTPUT_FOLDER")
    raise SystemExit(main(Path(sys.argv[1])))
