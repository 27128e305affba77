"""Fixing the parser's mistakes from the window: each fix undoable with Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor


def _titles(app) -> list[str]:  # type: ignore[no-untyped-def]
    m = app.controller.lib.articles
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def _put_cursor(app, text: str) -> None:  # type: ignore[no-untyped-def]
    view = app.window.reading.view
    c = QTextCursor(view.document())
    c.setPosition(view.document().toPlainText().index(text) + 1)
    view.setTextCursor(c)


def test_actions_need_an_open_article(app) -> None:  # type: ignore[no-untyped-def]
    a = app.window.actions_
    assert not a.merge_next.isEnabled()
    app.controller.lib.step(+1)
    assert a.merge_next.isEnabled() and a.split_here.isEnabled()


def test_merge_then_undo_and_redo_with_the_keyboard(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = _titles(app)
    first = app.controller.lib.articles.ids()[0]
    app.controller.lib.select(first)
    app.window.actions_.merge_next.trigger()
    assert len(_titles(app)) == len(before) - 1
    assert before[1] in app.window.reading.view.document().toPlainText()  # now a heading
    assert app.controller.reading.current_id == first
    w = app.window
    w.activateWindow()
    w.reading.view.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _titles(app) == before
    assert before[1] not in w.reading.view.document().toPlainText()
    w.actions_.redo.trigger()
    assert len(_titles(app)) == len(before) - 1


def test_split_at_the_cursor_paragraph(app) -> None:  # type: ignore[no-untyped-def]
    app.controller.lib.select(app.controller.lib.articles.ids()[0])
    _put_cursor(app, "创新主体")
    n = len(_titles(app))
    edit = app.controller.edits.split_here()
    assert edit is not None and len(_titles(app)) == n + 1
    assert _titles(app)[1] == "创新主体“量质齐升”"
    app.controller.undo.undo()
    assert len(_titles(app)) == n


def test_split_needs_a_paragraph_under_the_cursor(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    app.controller.lib.select(app.controller.lib.articles.ids()[0])
    view = app.window.reading.view
    view.setTextCursor(QTextCursor(view.document()))  # in the title
    with qtbot.waitSignal(app.controller.bus.failed, timeout=1000):
        assert app.controller.edits.split_here() is None
    assert app.controller.undo.count() == 0


def test_move_section_and_mark_fragment(app) -> None:  # type: ignore[no-untyped-def]
    lib = app.controller.lib
    ids = lib.articles.ids()
    lib.select(ids[0])
    _put_cursor(app, "创新主体")
    dialog = app.controller.edits.choose_move_target()
    assert dialog is not None
    targets = app.controller.edits.move_targets()
    assert [label for _, label in targets] == ["赛罕区春节元宵节群众文化活动好戏连台"]
    dialog.close()
    block = app.controller.edits._cursor_block()
    assert app.controller.edits.move_section(block, targets[0][0]) is not None
    lib.select(targets[0][0])
    assert "创新主体“量质齐升”" in app.window.reading.view.document().toPlainText()
    app.window.actions_.mark_fragment.trigger()
    assert (
        "Fragment" in _titles(app)
        or lib.articles.index(lib.articles.row_of(targets[0][0]), 3).data() == "Fragment"
    )
    assert app.controller.undo.count() == 2
    app.controller.undo.undo()
    app.controller.undo.undo()
    assert "创新主体“量质齐升”" not in app.window.reading.view.document().toPlainText()
