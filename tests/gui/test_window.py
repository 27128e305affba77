"""The main window: first start, panes, settings that persist, keyboard, accessibility."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

from reader.gui.settings import ReadingPrefs
from tests.gui.conftest import PAGE_ONE, make_app, write_pages


def test_empty_library_offers_samples_and_imports_nothing_unasked(
    qtbot, library, settings, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    samples = tmp_path / "samples"
    write_pages(samples)
    monkeypatch.setattr("reader.gui.window_controller.samples_dir", lambda: samples)
    app = make_app(qtbot, library, settings)
    w = app.window
    assert w.centre.currentWidget() is w.welcome
    assert w.welcome.samples.isEnabled()
    assert library.article_ids() == []  # nothing imported without asking
    with qtbot.waitSignal(app.controller.imports.done, timeout=10_000) as done:
        qtbot.mouseClick(w.welcome.samples, Qt.MouseButton.LeftButton)
    assert done.args[0].imported == 2
    assert len(library.article_ids()) == 4
    assert w.centre.currentWidget() is w.reading
    assert app.controller.lib.articles.rowCount() == 4
    assert app.controller.reading.current_id is not None  # the first article opens


def test_without_samples_the_sample_button_is_disabled(
    qtbot, library, settings, no_samples
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(qtbot, library, settings)
    assert not app.window.welcome.samples.isEnabled()
    assert not app.window.actions_.load_samples.isEnabled()


def test_three_panes_and_library_contents(app) -> None:  # type: ignore[no-untyped-def]
    w = app.window
    assert w.splitter.count() == 3
    assert w.splitter.widget(0) is w.library and w.splitter.widget(2) is w.annotations
    lib = app.controller.lib
    assert lib.articles.rowCount() == 4
    # paper → year → month → issue, newest first (the file names name no paper)
    assert lib.papers.rowCount() == 1
    paper = lib.papers.index(0, 0)
    assert paper.data().startswith("Unknown paper")
    month = lib.papers.index(0, 0, lib.papers.index(0, 0, paper))
    assert lib.papers.index(0, 0, month).data().startswith("2026-02-11")
    # authors and kinds filter the list
    lib.pane.author_filter.setCurrentIndex(lib.authors.row_of("王某"))
    assert [lib.articles.index(r, 0).data() for r in range(lib.articles.rowCount())] == [
        "赛罕区春节元宵节群众文化活动好戏连台"
    ]
    lib.pane.kind_filter.setCurrentIndex(lib.kinds.row_of("photo"))
    assert lib.articles.rowCount() == 0
    assert "0 of 4" in lib.pane.status.text()
    lib.clear_filters()
    assert lib.articles.rowCount() == 4
    # a page in the tree filters to its articles
    issue = lib.papers.index(1, 0, month)
    lib.papers.fetchMore(issue)
    lib.pane.papers.setCurrentIndex(lib.papers.index(0, 0, issue))
    assert lib.articles.rowCount() == 2


def test_tags_with_counts_filter_the_list(app, filled) -> None:  # type: ignore[no-untyped-def]
    from reader.store.changes import Changes

    tag, _ = filled.ensure_tag("科技")
    first = filled.article_ids()[0]
    app.controller.bus.publish(filled.tag_article(first, tag) | Changes(tags=frozenset({tag})))
    lib = app.controller.lib
    assert lib.tags.index(1, 0).data() == "科技  (1)"
    lib.pane.tags.setCurrentIndex(lib.tags.index(1, 0))
    assert lib.articles.rowCount() == 1


def test_layout_and_state_persist(qtbot, filled, settings, no_samples) -> None:  # type: ignore[no-untyped-def]
    app = make_app(qtbot, filled, settings)
    w = app.window
    w.resize(760, 600)  # the offscreen screen is 800×800; restoreGeometry keeps windows on it
    w.splitter.setSizes([220, 340, 190])
    sizes = w.splitter.sizes()
    article = filled.article_ids()[2]
    app.controller.lib.select(article)
    assert app.controller.reading.current_id == article
    w.close()
    again = make_app(qtbot, filled, settings)
    assert again.window.splitter.sizes() == sizes
    assert again.controller.reading.current_id == article  # the last article reopens
    assert again.window.size().width() == 760


def test_keyboard_next_previous_and_panes(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = app.window
    w.activateWindow()
    ids = app.controller.lib.articles.ids()
    app.controller.lib.select(ids[0])
    w.reading.view.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert app.controller.reading.current_id == ids[1]
    qtbot.keyClick(w, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert app.controller.reading.current_id == ids[0]
    w.actions_.toggle_library.trigger()
    assert not w.library.isVisible()
    w.actions_.toggle_library.trigger()
    assert w.library.isVisible()
    w.actions_.toggle_annotations.trigger()
    assert not w.annotations.isVisible()


def test_shortcut_list_and_accessible_names(app) -> None:  # type: ignore[no-untyped-def]
    dialog = app.controller.show_shortcuts()
    names = [dialog.table.topLevelItem(i).text(0) for i in range(dialog.table.topLevelItemCount())]
    for expected in (
        "Search the library",
        "Find in article",
        "Next article",
        "Zoom in",
        "Library pane",
    ):
        assert expected in names
    dialog.close()
    w = app.window
    for widget in (
        w.library,
        w.reading,
        w.annotations,
        w.reading.view,
        w.library.articles,
        w.library.papers,
        w.library.tags,
        w.library.search_field,
        w.library.results,
    ):
        assert isinstance(widget, QWidget) and widget.accessibleName()


def test_dark_theme_and_preferences(app, settings) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app.window.actions_.dark_theme.trigger()
    assert settings.reading().theme == "dark"
    assert QApplication.palette().window().color().lightness() < 100
    dialog = app.controller.open_preferences()
    dialog.font_size.setValue(20)
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.accept()
    assert settings.reading() == ReadingPrefs(
        font_family=dialog.font_family.currentFont().family(), font_size=20, theme="light"
    )
    assert app.controller.reading.prefs.font_size == 20
    assert QApplication.palette().window().color().lightness() > 150


def test_dropping_files_imports_them(app, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "drop" / "晚报-2026-03-01-第2版.txt"
    page.parent.mkdir()
    page.write_text(PAGE_ONE.replace("呼和浩特", "包头"), encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(app.controller.imports.done, timeout=10_000):
        app.window.dropEvent(event)
    assert app.controller.lib.articles.rowCount() == 6


def test_readme_keys_table_matches_the_shortcut_list(app) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from reader.gui.shortcuts_view import shortcut_rows

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("| keys | action |")
    table = readme[start : readme.index("\n\n", start)]
    cells = [
        [part.strip() for part in line.strip("|").split("|")] for line in table.splitlines()[2:]
    ]
    pairs = {
        (k.strip(), n.strip().split(" (")[0])
        for keys, names in cells
        for k, n in zip(
            keys.split(" (")[0].split(" / "), names.split(" (")[0].split(" / "), strict=True
        )
    }
    for name, keys in shortcut_rows(app.window.actions_.all()):
        assert (keys.split(", ")[0], name.split(" (")[0]) in pairs, (name, keys)
