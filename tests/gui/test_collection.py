"""The library as a collection in the window: metadata, trash, list columns, the Papers
tree, issues and pages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from reader.gui.metadata_view import MetadataDialog
from reader.gui.paper_tree import ISSUE, PAGE
from reader.store import trash
from tests.gui.conftest import make_app

# A popped-up menu asks the offscreen platform for things it does not do.
MENU_WARNINGS = pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing",
    "This plugin does not support propagateSizeHints",
)


def _titles(lib) -> list[str]:  # type: ignore[no-untyped-def]
    return [lib.articles.index(r, 0).data() for r in range(lib.articles.rowCount())]


def _select_rows(lib, rows) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel

    sel = lib.pane.articles.selectionModel()
    sel.clearSelection()
    for r in rows:
        sel.select(
            lib.articles.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_metadata_of_several_articles_at_once_is_one_undo_step(app, filled) -> None:  # type: ignore[no-untyped-def]
    c = app.controller
    lib = c.lib
    _select_rows(lib, [0, 1])
    ids = lib.selected_ids()
    assert len(ids) == 2
    dialog = c.collection.edit_metadata()
    assert isinstance(dialog, MetadataDialog)
    # Two titles differ: the field starts empty and says so; the shared date shows.
    assert dialog.edits["title"].text() == ""
    assert dialog.edits["title"].placeholderText() == "(several values)"
    assert dialog.edits["date"].text() == "2026-02-10"
    dialog.edits["paper"].setText("呼和浩特晚报")
    dialog.edits["page_name"].setText("要闻")
    dialog.edits["authors"].setText("甲、乙")
    dialog.accept()
    rows = {s.id: s for s in filled.summaries(ids)}
    assert {r.authors for r in rows.values()} == {("甲", "乙")}
    assert rows[ids[0]].title != rows[ids[1]].title  # left alone
    src = filled.get_article(ids[0]).source
    assert (src.paper, src.page_name) == ("呼和浩特晚报", "要闻")
    # The tree now has the paper by name.
    assert lib.papers.index(0, 0).data().startswith("呼和浩特晚报")
    c.lib.select(ids[0])
    d2 = c.collection.edit_metadata([ids[0]])
    d2.edits["title"].setText("改过的标题")
    d2.accept()
    assert "改过的标题" in c.reading.pane.view.document().toPlainText()  # shown at once
    c.window.actions_.undo.trigger()
    c.window.actions_.undo.trigger()
    src = filled.get_article(ids[0]).source
    assert (src.paper, src.page_name) == (None, None)
    assert {s.authors for s in filled.summaries(ids)} != {("甲", "乙")}
    c.window.actions_.redo.trigger()
    assert filled.get_article(ids[0]).source.paper == "呼和浩特晚报"


def test_metadata_dialog_says_what_is_wrong_and_stays_open(app, filled) -> None:  # type: ignore[no-untyped-def]
    c = app.controller
    aid = c.lib.articles.id_at(0)
    c.lib.select(aid)
    dialog = c.collection.edit_metadata()
    dialog.edits["date"].setText("明天")
    dialog.accept()
    assert dialog.isVisible() and "明天" in dialog.error.text() and dialog.error.isVisible()
    dialog.edits["date"].setText("2026/3/5")
    dialog.accept()
    assert not dialog.isVisible()
    assert filled.get_article(aid).source.date == "2026-03-05"
    assert c.lib.articles.row_of(aid) >= 2  # its page is now the latest: re-sorted


def test_delete_key_trash_dialog_restore_and_empty(app, filled, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = app.controller
    lib = c.lib
    first = _titles(lib)[0]
    lib.pane.articles.setFocus()
    lib.select(lib.articles.id_at(0))
    qtbot.keyClick(lib.pane.articles, Qt.Key.Key_Delete)
    assert first not in _titles(lib) and lib.articles.rowCount() == 3
    c.window.actions_.undo.trigger()
    assert first in _titles(lib)
    c.window.actions_.redo.trigger()
    dialog = c.collection.open_trash()
    assert dialog.items.topLevelItemCount() == 1
    assert dialog.items.topLevelItem(0).text(0) == first
    dialog.items.topLevelItem(0).setSelected(True)
    dialog.restore.click()
    assert first in _titles(lib) and dialog.items.topLevelItemCount() == 0
    # A whole page from the tree: every article on it goes, and comes back with undo.
    node = lib.papers.find(PAGE, filled.sources()[0].id)
    lib.pane.papers.setCurrentIndex(lib.papers.index_of(node))
    lib.pane.papers.setFocus()
    qtbot.keyClick(lib.pane.papers, Qt.Key.Key_Delete)
    lib.clear_filters()
    assert lib.articles.rowCount() == 2
    dialog.items.clear()
    dialog = c.collection.open_trash()
    assert dialog.items.topLevelItemCount() == 1 and "(2 articles)" in dialog.items.topLevelItem(
        0
    ).text(0)
    dialog.empty.click()
    box = c.collection.confirm
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert filled.read(trash.items)  # nothing removed
    dialog.empty.click()
    box = c.collection.confirm
    remove = [
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    ]
    assert [b.text() for b in remove] == ["Remove for good"]
    remove[0].click()
    qtbot.waitUntil(lambda: not filled.read(trash.items))
    assert len(filled.article_ids()) == 2 and lib.articles.rowCount() == 2


@MENU_WARNINGS
def test_sorting_columns_chosen_and_remembered(qtbot, filled, settings, no_samples) -> None:  # type: ignore[no-untyped-def]
    app = make_app(qtbot, filled, settings)
    lib = app.controller.lib
    header = lib.pane.articles.horizontalHeader()
    assert [header.isSectionHidden(c) for c in range(7)] == [False] * 4 + [True] * 3
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # a click on "Title"
    titles = _titles(lib)
    assert titles == sorted(titles)
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert _titles(lib) == sorted(titles, reverse=True)
    menu = app.controller.collection.header_menu(header.rect().center())
    names = [a.text() for a in menu.actions() if a.text()]
    assert names[:6] == ["Date", "Page", "Kind", "Authors", "Highlights", "Source file"]
    next(a for a in menu.actions() if a.text() == "Source file").trigger()
    menu.close()
    assert not header.isSectionHidden(6)
    assert lib.articles.index(0, 6).data().endswith(".txt")
    header.moveSection(header.visualIndex(6), 1)
    app.controller.save_state()
    app.window.close()
    again = make_app(qtbot, filled, settings)
    h2 = again.controller.lib.pane.articles.horizontalHeader()
    assert not h2.isSectionHidden(6) and h2.visualIndex(6) == 1
    assert (h2.sortIndicatorSection(), h2.sortIndicatorOrder()) == (0, Qt.SortOrder.DescendingOrder)
    assert _titles(again.controller.lib) == sorted(titles, reverse=True)
    again.controller.lib.library_order()
    assert again.controller.lib.sort == ("library", False)
    again.controller.imports.shutdown()
    app.controller.imports.shutdown()


@MENU_WARNINGS
def test_list_context_menu_and_selection_following_the_open_article(app, filled) -> None:  # type: ignore[no-untyped-def]
    c = app.controller
    lib = c.lib
    view = lib.pane.articles
    pos = view.visualRect(lib.articles.index(2, 0)).center()
    menu = c.collection.list_menu(pos)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["Open", "Tag…", "Metadata…", "Export…", "Show the page", "Move to the trash"]
    aid = lib.articles.id_at(2)
    next(a for a in menu.actions() if a.text() == "Show the page").trigger()
    menu.close()
    node = lib.papers.node_at(lib.pane.papers.currentIndex())
    assert node.kind == PAGE and lib.articles.rowCount() == 2
    # The tree: a page's menu, and an article's (the same as in the list).
    page = lib.pane.papers.currentIndex()
    tree = lib.pane.papers
    menu = c.collection.tree_menu(tree.visualRect(page).center())
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Open",
        "Metadata…",
        "Show the page",
        "Move to the trash",
    ]
    menu.close()
    tree.expand(page)
    lib.papers.fetchMore(page)
    menu = c.collection.tree_menu(tree.visualRect(lib.papers.index(0, 0, page)).center())
    assert [a.text() for a in menu.actions() if a.text()] == texts
    menu.close()
    lib.clear_filters()
    # Opened from elsewhere (search, a link), the list follows.
    c.reading.open(int(aid))
    assert lib.current_id() == aid
    other = lib.articles.id_at(0)
    c.reading.open(int(other))
    assert lib.current_id() == other


def test_tree_article_nodes_next_page_and_calendar(app, filled, qtbot) -> None:  # type: ignore[no-untyped-def]
    from reader.store import metadata

    c = app.controller
    one, two = (s.id for s in filled.sources())
    # Two pages of one issue: page 3 and page 5 of 2026-02-10.
    done = filled.run(metadata.set_pages([two], date="2026-02-10"))
    c.bus.publish(done.changes)
    lib = c.lib
    issue = lib.papers.find(ISSUE, "2026-02-10")
    assert issue is not None
    lib.papers.load(issue)
    assert [n.value for n in issue.children] == [one, two]
    page = lib.papers.index_of(issue.children[0])
    lib.pane.papers.expand(page)
    lib.papers.fetchMore(page)
    article = lib.papers.index(1, 0, page)
    lib.pane.papers.setCurrentIndex(article)
    aid = lib.papers.node_at(article).value
    assert c.reading.current_id == aid
    c.window.activateWindow()
    c.window.actions_.next_page.trigger()
    assert filled.get_article(c.reading.current_id).source.id == two
    assert not c.collection.step_page(+1)  # the last page of the issue
    c.window.actions_.previous_page.trigger()
    assert filled.get_article(c.reading.current_id).source.id == one
    dialog = c.collection.choose_date()
    c.collection.calendar.setSelectedDate(QDate(2026, 2, 10))
    dialog.accept()
    assert lib.papers.node_at(lib.pane.papers.currentIndex()) is issue
    assert lib.articles.rowCount() == 4


def test_samples_are_offered_only_in_an_empty_library(
    qtbot, filled, settings, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.conftest import write_pages

    samples = tmp_path / "samples"
    write_pages(samples)
    monkeypatch.setattr("reader.gui.window_controller.samples_dir", lambda: samples)
    app = make_app(qtbot, filled, settings)
    assert not app.window.actions_.load_samples.isEnabled()
    app.controller.imports.shutdown()


def test_continued_stories_link_both_ways_and_read_whole(
    qtbot, library, settings, no_samples, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import SAMPLES

    folder = tmp_path / "story"
    folder.mkdir()
    for name in ("2026-02-26-page-01-yaowen.txt", "2026-02-26-page-03-zonghe.txt"):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    library.import_paths([folder])
    app = make_app(qtbot, library, settings)
    c = app.controller
    first = next(a for a in library.article_ids() if library.get_article(a).continued_on_id)
    second = library.get_article(first).continued_on_id
    c.reading.open(first)
    pane = c.reading.pane
    assert pane.story_bottom.isVisible() and pane.continued_on.text() == "continued on page 3 →"
    assert pane.story_top.isVisible() and not pane.continued_from.isVisible()
    qtbot.mouseClick(pane.continued_on, Qt.MouseButton.LeftButton)
    assert c.reading.current_id == second and c.lib.current_id() == second
    assert pane.continued_from.text() == "← continued from page 1"
    assert not pane.story_bottom.isVisible()
    qtbot.mouseClick(pane.whole_story, Qt.MouseButton.LeftButton)
    text = c.collection.story_view.toPlainText()
    one, three = library.get_article(first).text, library.get_article(second).text
    assert text.index(one[:20]) < text.index(three[:20]) and "— Page 3 —" in text
    c.collection.dialog.reject()
    qtbot.mouseClick(pane.continued_from, Qt.MouseButton.LeftButton)
    assert c.reading.current_id == first
    # The window's search lists the story once.
    c.window.library.search_field.setText("城市更新")
    c.search.run()
    found = [c.search.results.hit(r).id for r in range(c.search.results.rowCount())]
    assert len({first, second} & set(found)) == 1
    # An article that is not continued shows no links.
    other = next(a for a in library.article_ids() if a not in (first, second))
    c.reading.open(other)
    assert not pane.story_top.isVisible() and not pane.story_bottom.isVisible()
    c.imports.shutdown()


def test_importing_undated_pages_asks_for_the_issue(app, filled, settings, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.conftest import PAGE_TWO

    c = app.controller
    settings.set_last_issue("呼和浩特晚报", "2026-02-11")
    scan = tmp_path / "scans" / "scan-0001.txt"
    scan.parent.mkdir()
    scan.write_text(PAGE_TWO + "\n补充一段。\n", encoding="utf-8")
    with qtbot.waitSignal(c.imports.done, timeout=10_000):
        c.imports.start([scan])
    dialog = c.collection.dialog
    assert isinstance(dialog, MetadataDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Pages without a date"
    assert dialog.edits["paper"].text() == "呼和浩特晚报"  # what was used last
    assert dialog.edits["date"].text() == "2026-02-11"
    dialog.edits["date"].setText("2026-02-12")
    dialog.accept()
    src = next(s for s in filled.sources() if s.name == "scan-0001.txt")
    assert (src.paper, src.date) == ("呼和浩特晚报", "2026-02-12")
    assert settings.last_date() == "2026-02-12"
    assert c.lib.papers.find(ISSUE, "2026-02-12") is not None
    c.window.actions_.undo.trigger()  # the date was one undoable step
    assert next(s for s in filled.sources() if s.name == "scan-0001.txt").date is None
