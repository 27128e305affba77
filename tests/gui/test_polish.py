"""Polish a new user notices: keys that work from any field, colours apart, a focus
ring, double-click in the line spacing, chips that stay put, dialogs that remember, a
window that fits small screens, a language switch that keeps the view."""

from __future__ import annotations

from itertools import combinations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.gui.paper_tree import ISSUE
from tests.gui.conftest import make_app


def test_import_dialogs_start_in_the_last_folder_or_home(app, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []
    chosen = str(tmp_path / "pages" / "晚报-2026-02-10-第3版.txt")

    def run(dialog: QFileDialog) -> int:  # the user picks a page in the safe dialog
        asked.append(dialog.directory().absolutePath())
        dialog.selectFile(chosen)
        return QFileDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "exec", run)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda _self: [chosen])
    monkeypatch.setattr(app.controller.imports, "start", lambda paths: True)
    monkeypatch.chdir(tmp_path / "pages")  # whatever the working directory is
    imports = app.controller.imports
    imports.choose_files()
    home = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation)
    imports.choose_files()
    assert asked == [home, str(tmp_path / "pages")]


def test_switching_language_keeps_search_tree_and_article(
    qtbot, filled, settings, no_samples
) -> None:  # type: ignore[no-untyped-def]
    settings.set_language("en")
    app = make_app(qtbot, filled, settings)
    c = app.controller
    issue = c.lib.papers.find(ISSUE, "2026-02-10")
    c.lib.pane.papers.setCurrentIndex(c.lib.papers.index_of(issue))
    article = c.lib.articles.id_at(1)
    c.lib.select(article)
    c.window.library.search_field.setText("赛罕区")
    qtbot.waitUntil(lambda: c.search.results.rowCount() > 0)
    # qtbot closes the old window at teardown: keep it alive until then.
    c.window.deleteLater = lambda: None  # type: ignore[method-assign]
    dialog = c.open_preferences()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.accept()
    try:
        new = app.controller
        qtbot.addWidget(new.window)
        assert new is not c
        assert new.window.library.search_field.text() == "赛罕区"
        qtbot.waitUntil(lambda: new.search.results.rowCount() > 0)
        node = new.lib.papers.node_at(new.lib.pane.papers.currentIndex())
        assert (node.kind, node.value) == (ISSUE, "2026-02-10")
        assert new.lib.filter.date == "2026-02-10" and new.lib.articles.rowCount() == 2
        assert new.reading.current_id == article
        # The collection's words are Chinese too.
        assert new.lib.papers.index(0, 0).data().startswith("未知报纸")
        assert new.lib.articles.headerData(6, Qt.Orientation.Horizontal) == "源文件"
        assert new.window.actions_.edit_metadata.text() == "元数据(&M)…"
        assert new.reading.pane.whole_story.text() == "阅读全文"
    finally:
        app.translations.apply("en")
        app.controller.imports.shutdown()


def test_app_wide_keys_work_from_text_fields_and_ctrl_y_redoes(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    c = app.controller
    w = c.window
    w.activateWindow()
    c.lib.select(c.lib.articles.id_at(0))
    tag_field = w.annotations.tag_field
    tag_field.setFocus()
    tag_field.setText("科技")
    tag_field.setCursorPosition(0)
    qtbot.keyClick(tag_field, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is w.library.search_field
    assert tag_field.text() == "科技"  # the field did not delete to the end of the line
    qtbot.keyClick(w.library.search_field, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tag_field
    exported: list[bool] = []
    w.actions_.export.triggered.connect(lambda: exported.append(True))
    qtbot.keyClick(tag_field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert exported == [True]
    c.exchange.export_dialog.reject()
    # Ctrl+Y redoes (on Linux too, as the README says).
    assert "Ctrl+Y" in [k.toString() for k in w.actions_.redo.shortcuts()]
    c.lib.pane.articles.setFocus()
    qtbot.keyClick(c.lib.pane.articles, Qt.Key.Key_Delete)
    n = c.lib.articles.rowCount()
    assert n == 3
    c.reading.pane.view.setFocus()
    c.window.actions_.undo.trigger()
    assert c.lib.articles.rowCount() == n + 1
    qtbot.keyClick(c.reading.pane.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert c.lib.articles.rowCount() == n


def _distance(a: str, b: str) -> float:
    from PySide6.QtGui import QColor

    x, y = QColor(a), QColor(b)
    return float(
        ((x.red() - y.red()) ** 2 + (x.green() - y.green()) ** 2 + (x.blue() - y.blue()) ** 2)
        ** 0.5
    )


def test_search_hits_and_selection_stand_apart_from_highlight_colours() -> None:
    from reader.gui import theme
    from reader.store.palette import DEFAULT_PALETTE

    for name in ("light", "dark"):
        c = theme.colours(name)
        swatches = {s.key: (s.light if name == "light" else s.dark) for s in DEFAULT_PALETTE}
        for key, colour in swatches.items():
            assert _distance(c.hit, colour) >= 60, (name, key)
            assert _distance(c.current_hit, colour) >= 60, (name, key)
        assert _distance(c.selection, swatches["blue"]) >= 60, name


@pytest.mark.parametrize("size", [(1024, 600), (683, 740)])
def test_the_window_fits_small_screens(app, qtbot, size) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QWidget

    w = app.window
    c = app.controller
    c.lib.select(c.lib.articles.id_at(0))
    assert w.minimumWidth() <= 683 and w.minimumHeight() <= 600
    w.resize(*size)
    QApplication.processEvents()
    assert (w.width(), w.height()) == size
    reading = w.reading.view.viewport().width()
    assert reading >= 0.38 * size[0]  # the reading column keeps a readable width
    em = w.reading.view.fontMetrics().horizontalAdvance("中")
    assert reading >= 12 * em
    header = w.library.articles.horizontalHeader()
    assert header.sectionSize(0) >= 10 * w.library.fontMetrics().horizontalAdvance("0")
    annotations_shown = w.annotations.isVisible()
    assert annotations_shown == (size[0] >= w.NARROW)
    if not annotations_shown:  # folded away, one key brings it back (the library folds)
        w.actions_.toggle_annotations.trigger()
        QApplication.processEvents()
        assert w.annotations.isVisible() and not w.library.isVisible()
        assert w.width() == size[0]
        w.actions_.toggle_library.trigger()
        QApplication.processEvents()
        assert w.library.isVisible() and not w.annotations.isVisible()
    for child in (w.library, w.centre, w.annotations):
        if child.isVisible():
            assert child.width() >= child.minimumSizeHint().width() - 1
    if not w.annotations.isVisible():
        w.actions_.toggle_annotations.trigger()
    # many suggested tags wrap onto several lines: nothing below slides under them, and
    # nothing is cut off at the right (the pane scrolls up and down if it must)
    pane = w.annotations
    # the article's own suggestions first (they come from a worker), then many more
    runner = c.annotations.tagging.suggestions
    with qtbot.waitSignal(runner.ready, timeout=10000):
        c.reading.open(c.lib.articles.id_at(1))
    pane.suggestions.set_chips([f"标签{i}号" for i in range(14)])
    article_part = pane.split.widget(0)

    def parts() -> list[QWidget]:
        shown = (c for c in article_part.children() if isinstance(c, QWidget) and c.isVisible())
        return list(shown)

    def apart() -> bool:
        p = parts()
        return not any(a.geometry().intersects(b.geometry()) for a, b in combinations(p, 2))

    def wrapped() -> bool:
        return pane.suggestions.height() > 2 * pane.tag_field.height()

    # The chips wrap first and the pane's layout places the parts below them on a later
    # pass; an overlap that lasts past that fails here.
    qtbot.waitUntil(lambda: wrapped() and apart(), timeout=3000)
    room = pane.scroller.viewport().width()
    assert all(c.geometry().right() < room for c in parts())


def test_double_click_in_the_line_spacing_picks_the_word_under_the_pointer(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

    app.controller.lib.step(+1)
    view = app.window.reading.view
    view.resize(700, 600)
    doc = view.document()
    at = doc.toPlainText().index("成交额") + 1
    cursor = QTextCursor(doc)
    cursor.setPosition(at)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    below = QTextCursor(cursor)
    below.movePosition(QTextCursor.MoveOperation.Down)
    next_top = view.cursorRect(below).top()
    assert next_top - rect.bottom() > 8  # there is line spacing to click in
    for y in range(rect.top() + 2, next_top - 1, 3):
        assert abs(view.position_at(QPoint(rect.center().x(), y)) - at) <= 1, y
    gap = QPoint(rect.center().x() + 2, (rect.bottom() + next_top) // 2)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=gap)
    assert view.textCursor().selectedText() == "成交额"  # not the word at the end of the line


@pytest.mark.parametrize("name", ["light", "dark"])
def test_a_visible_focus_ring_in_both_themes(app, qtbot, name) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from reader.gui import theme

    c = app.controller
    c.apply_reading(type(c.reading.prefs)(**{**vars(c.reading.prefs), "theme": name}))
    QApplication.processEvents()  # the palette change reaches the widgets
    ring = QColor(theme.colours(name).selection)
    field = app.window.library.search_field
    with qtbot.waitActive(app.window):
        app.window.activateWindow()

    def ring_pixels() -> int:
        image = field.grab().toImage()
        n = 0
        for x in range(image.width()):
            for y in (0, 1, image.height() - 2, image.height() - 1):
                p = image.pixelColor(x, y)
                if (
                    abs(p.red() - ring.red())
                    + abs(p.green() - ring.green())
                    + abs(p.blue() - ring.blue())
                    < 100  # Fusion draws the ring a shade darker than the colour itself
                ):
                    n += 1
        return n

    app.window.library.articles.setFocus()
    qtbot.waitUntil(lambda: not field.hasFocus())
    unfocused = ring_pixels()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    assert ring_pixels() > unfocused + field.width()  # a frame in the ring colour appears
    background = QColor(theme.palette(name).color(theme.palette(name).ColorRole.Base))
    assert _distance(ring.name(), background.name()) > 100  # and it stands out


def test_export_dialog_remembers_scope_format_and_folder(app, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from reader.gui.exchange_view import EVERY, JSON

    asked: list[str] = []
    target = tmp_path / "out" / "mine.jsonld"
    target.parent.mkdir()

    def run(dialog: QFileDialog) -> int:  # the user saves as mine.jsonld in the safe dialog
        asked.append(dialog.directory().absolutePath())
        return QFileDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "exec", run)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda _self: [str(target)])
    exchange = app.controller.exchange
    dialog = exchange.open_export()
    dialog.scope.choose(EVERY)
    dialog.choose_format(JSON)
    dialog.destination.button.click()
    with qtbot.waitSignal(exchange.export_done, timeout=10_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not exchange.running)
    if exchange.summary is not None:
        exchange.summary.close()
    again = exchange.open_export()
    assert again.scope.kind() == EVERY and again.format() == JSON
    again.destination.button.click()
    assert asked[1] == str(target.parent)  # the folder used last
    assert not asked[0].startswith(str(tmp_path / "out"))
    again.reject()


def test_suggestion_chips_stay_under_the_pointer_after_a_click(
    qtbot, filled, settings, no_samples, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    words = [f"建议{i}" for i in range(8)]
    monkeypatch.setattr(
        "reader.gui.suggestions.default_suggest", lambda lib, aid: [(w, "Keyword") for w in words]
    )
    app = make_app(qtbot, filled, settings)
    c = app.controller
    box = app.window.annotations.suggestions
    with qtbot.waitSignal(c.annotations.tagging.suggestions.ready, timeout=5000):
        c.lib.select(filled.article_ids()[0])
    qtbot.waitUntil(lambda: len(box.chips) == len(words))
    qtbot.waitUntil(lambda: len({b.pos().x() for b in box.chips.values()}) > 1)  # laid out
    QApplication.processEvents()
    before = {w: b.mapTo(app.window, QPoint(0, 0)) for w, b in box.chips.items()}
    for word in (words[0], words[3]):  # the first tag, then another
        qtbot.mouseClick(box.chips[word], Qt.MouseButton.LeftButton)
        QApplication.processEvents()
        after = {w: b.mapTo(app.window, QPoint(0, 0)) for w, b in box.chips.items()}
        assert after == before  # nothing moved under the pointer
    assert set(filled.get_article(filled.article_ids()[0]).tags) == {words[0], words[3]}
    assert not box.chips[words[0]].isEnabled()
    c.imports.shutdown()
