"""The window's search: every hit listed as the list scrolls, filters and scope that are
remembered and reachable by keyboard, and saved searches in the sidebar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from reader.store.changes import Changes
from reader.store.ids import ArticleId
from reader.store.queries import Where
from tests.conftest import SAMPLES
from tests.gui.conftest import make_app

FEB = sorted(SAMPLES.glob("2026-02-26-*.txt"))
MAR = sorted(SAMPLES.glob("2026-03-05-*.txt"))


@pytest.fixture
def sample_app(qtbot, library, settings, no_samples) -> Iterator[object]:  # type: ignore[no-untyped-def]
    library.import_paths([*FEB, *MAR])
    a = make_app(qtbot, library, settings)
    yield a
    a.controller.imports.shutdown()


def _search(qtbot, app, query: str) -> None:  # type: ignore[no-untyped-def]
    field = app.window.library.search_field
    with qtbot.waitSignal(app.controller.search.searched, timeout=5000):
        field.setText(query)
        app.controller.search.run()


def _listed(app) -> list[int]:  # type: ignore[no-untyped-def]
    results = app.controller.search.results
    return [int(results.hit(r).id) for r in range(results.rowCount())]


def test_every_hit_is_listed_as_the_list_scrolls_and_the_total_is_said_at_once(
    sample_app, qtbot
) -> None:  # type: ignore[no-untyped-def]
    app, lib = sample_app, sample_app.controller.library
    app.controller.search.PAGE = 2
    _search(qtbot, app, "记者")
    total = lib.count_matches("记者")
    expected = [int(h.id) for h in lib.search("记者", limit=10_000, stories=True)]
    assert total >= 20 and len(expected) >= 20
    assert f"{total} matching articles" in app.window.library.result_count.text()
    assert len(_listed(app)) < len(expected)  # only what the view needed so far
    view = app.window.library.results
    while len(_listed(app)) < len(expected):
        before = len(_listed(app))
        view.scrollToBottom()
        qtbot.waitUntil(lambda b=before: len(_listed(app)) > b, timeout=5000)
    assert _listed(app) == expected
    assert not app.controller.search.results.canFetchMore()


def test_filters_narrow_the_hits_and_the_scope_follows_the_open_article(sample_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    app, lib = sample_app, sample_app.controller.library
    w = app.window
    w.activateWindow()
    qtbot.keyClick(
        w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    filters = w.library.filters
    assert filters.isVisible() and filters.scope.hasFocus()
    _search(qtbot, app, "记者")
    with qtbot.waitSignal(app.controller.search.searched, timeout=5000):
        filters.since.setDate(QDate(2026, 3, 1))
    dates = {app.controller.search.results.hit(r).date for r in range(len(_listed(app)))}
    assert dates == {"2026-03-05"}
    assert (
        str(lib.count_matches("记者", Where(since="2026-03-01"))) in w.library.result_count.text()
    )
    assert "(1)" in w.library.filters_button.text()  # one filter is on
    with qtbot.waitSignal(app.controller.search.searched, timeout=5000):
        filters.clear.click()
    assert (
        filters.since.date() == QDate(1900, 1, 1) and w.library.filters_button.text() == "Filters"
    )
    # "this page" and "this issue" mean nothing until an article is open
    model = filters.scope.model()

    def scopes_on() -> list[bool]:
        return [model.item(filters.scope.findData(k)).isEnabled() for k in ("issue", "page")]

    app.controller.reading.close()
    assert scopes_on() == [False, False]
    # Open an article of 2026-02-26 page 2: "this page" and "this issue" follow it.
    target = next(s for s in lib.list_articles() if s.source == "2026-02-26-page-02-minsheng.txt")
    with qtbot.waitSignal(app.controller.reading.opened, timeout=5000):
        app.controller.reading.open(ArticleId(target.id))
    assert scopes_on() == [True, True]
    with qtbot.waitSignal(app.controller.search.searched, timeout=5000):
        filters.scope.setCurrentIndex(filters.scope.findData("page"))
    hits = [app.controller.search.results.hit(r) for r in range(len(_listed(app)))]
    assert hits and {h.source for h in hits} == {target.source}
    with qtbot.waitSignal(app.controller.search.searched, timeout=5000):
        filters.scope.setCurrentIndex(filters.scope.findData("issue"))
    hits = [app.controller.search.results.hit(r) for r in range(len(_listed(app)))]
    assert {h.date for h in hits} == {"2026-02-26"} and len({h.source for h in hits}) > 1
    with qtbot.waitSignal(app.controller.search.searched, timeout=5000):
        filters.kind.setCurrentIndex(filters.kind.findData("photo"))
    assert all(
        app.controller.search.results.hit(r).kind == "photo" for r in range(len(_listed(app)))
    )


def test_filters_sort_and_their_visibility_are_remembered(
    qtbot, library, settings, no_samples
) -> None:  # type: ignore[no-untyped-def]
    library.import_paths(FEB)
    first = make_app(qtbot, library, settings)
    pane = first.window.library
    pane.filters_button.setChecked(True)
    pane.filters.kind.setCurrentIndex(pane.filters.kind.findData("article"))
    pane.filters.since.setDate(QDate(2026, 2, 1))
    pane.filters.author.setCurrentText("高娃")
    pane.filters.author.lineEdit().editingFinished.emit()
    pane.sort.setCurrentIndex(pane.sort.findData("newest"))
    first.controller.imports.shutdown()
    first.window.close()
    second = make_app(qtbot, library, settings)
    again = second.window.library
    assert not again.filters.isHidden() and again.filters_button.isChecked()
    assert again.filters.kind.currentData() == "article"
    assert again.filters.since.date() == QDate(2026, 2, 1)
    assert again.filters.author.currentText() == "高娃"
    assert again.sort.currentData() == "newest"
    assert second.controller.search_filters.where() == Where(
        since="2026-02-01", kinds=("article",), author="高娃"
    )
    second.controller.imports.shutdown()


def test_saved_searches_count_new_hits_open_and_delete_undoably(
    qtbot, library, settings, no_samples, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    library.import_paths(FEB)
    app = make_app(qtbot, library, settings)
    c, pane = app.controller, app.window.library
    _search(qtbot, app, "记者")
    with qtbot.waitSignal(c.search.searched, timeout=5000):
        pane.filters.kind.setCurrentIndex(pane.filters.kind.findData("article"))
    monkeypatch.setattr(
        "reader.gui.saved_searches.QInputDialog.getText", lambda *a, **k: ("记者稿", True)
    )
    app.window.activateWindow()
    qtbot.keyClick(app.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # Ctrl+D
    saved = c.saved_searches.model
    total = library.count_matches("记者", Where(kinds=("article",)))
    assert saved.rowCount() == 1
    assert saved.index(0, 0).data() == f"记者稿  ({total})"
    assert c.undo.undoText() == "Save the search “记者稿”"
    # A later import: the sidebar counts the new hits.
    before = set(library.article_ids())
    library.import_paths(MAR)
    added = frozenset(a for a in library.article_ids() if a not in before)
    c.bus.publish(Changes(articles_added=added))
    now = library.count_matches("记者", Where(kinds=("article",)))
    assert now > total
    assert saved.index(0, 0).data() == f"记者稿  ({now})  {now - total} new"
    # Opening it runs its query with its filters and sort; its hits are seen now.
    pane.search_field.clear()
    pane.filters.clear.click()
    pane.tabs.setCurrentWidget(pane.saved)
    pane.saved.setCurrentIndex(saved.index(0, 0))
    with qtbot.waitSignal(c.search.searched, timeout=5000) as got:
        pane.saved.activated.emit(saved.index(0, 0))
    assert got.args == ["记者", now]
    assert pane.search_field.text() == "记者"
    assert pane.filters.kind.currentData() == "article"
    assert saved.index(0, 0).data() == f"记者稿  ({now})"
    # Del deletes it; Ctrl+Z brings it back as it was.
    qtbot.keyClick(pane.search_field, Qt.Key.Key_Escape)  # back to the sidebar
    assert pane.saved.isVisible()
    pane.saved.setFocus()
    qtbot.keyClick(pane.saved, Qt.Key.Key_Delete)
    assert saved.rowCount() == 0
    assert c.undo.undoText() == "Delete the saved search “记者稿”"
    c.undo.undo()
    assert saved.rowCount() == 1 and saved.index(0, 0).data() == f"记者稿  ({now})"
    c.undo.redo()
    assert saved.rowCount() == 0
    c.undo.undo()
    c.imports.shutdown()


def test_a_saved_search_keeps_its_page_and_kinds_until_the_user_changes_them(
    sample_app, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from reader.cli import main

    app, lib = sample_app, sample_app.controller.library
    pane, saved = app.window.library, app.controller.saved_searches
    args = ["--library", str(lib.path), "search", "记者"]
    where = ["--since", "2026-02-26", "--until", "2026-02-26", "--page", "2"]
    kinds = ["--kind", "article", "--kind", "photo"]
    assert main([*args, *where, *kinds, "--save", "二版"]) == 0
    saved.reload()
    with qtbot.waitSignal(app.controller.search.searched, timeout=5000):
        saved.open("二版")
    hits = [app.controller.search.results.hit(r) for r in range(len(_listed(app)))]
    assert hits and {h.source for h in hits} == {"2026-02-26-page-02-minsheng.txt"}
    assert app.controller.search_filters.where() == Where(
        since="2026-02-26", until="2026-02-26", kinds=("article", "photo"), page="2"
    )
    assert "(3)" in pane.filters_button.text()
    with qtbot.waitSignal(app.controller.search.searched, timeout=5000):
        pane.filters.scope.setCurrentIndex(pane.filters.scope.findData("issue"))
        pane.filters.scope.setCurrentIndex(0)  # choosing a scope lets the page go
    assert app.controller.search_filters.where().page is None
    assert len({app.controller.search.results.hit(r).source for r in range(len(_listed(app)))}) > 1


def test_alt_letters_reach_the_filters(sample_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = sample_app.window
    sample_app.controller.search_filters.show_and_focus()
    filters = w.library.filters
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert filters.tag.hasFocus()
    qtbot.keyClick(w.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert filters.since.hasFocus()


def test_the_author_menu_is_filled_only_when_the_filters_show(sample_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = sample_app.window.library
    assert not pane.filters_button.isChecked() and pane.filters.author.count() == 0
    sample_app.controller.search_filters.show_and_focus()
    qtbot.waitUntil(lambda: pane.filters.author.count() > 1, timeout=5000)
    assert pane.filters.author.findText("高娃") > 0


def test_a_scoped_search_follows_the_open_article_to_another_issue(sample_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    app, lib = sample_app, sample_app.controller.library
    filters, reading = app.window.library.filters, app.controller.reading
    by_date = {s.date: s.id for s in lib.list_articles()}
    with qtbot.waitSignal(reading.opened, timeout=5000):
        reading.open(ArticleId(by_date["2026-02-26"]))
    _search(qtbot, app, "记者")
    with qtbot.waitSignal(app.controller.search.searched, timeout=5000):
        filters.scope.setCurrentIndex(filters.scope.findData("issue"))
    dates = {app.controller.search.results.hit(r).date for r in range(len(_listed(app)))}
    assert dates == {"2026-02-26"}
    with qtbot.waitSignal(app.controller.search.searched, timeout=5000):
        reading.open(ArticleId(by_date["2026-03-05"]))
    dates = {app.controller.search.results.hit(r).date for r in range(len(_listed(app)))}
    assert dates == {"2026-03-05"}
