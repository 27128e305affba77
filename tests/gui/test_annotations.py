"""Annotating from the window: highlights, notes, tags, suggestions, undo — checked in the
database after every step."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader.gui.highlight_list import HighlightListModel
from reader.gui.highlights import background, swatch
from reader.store.ids import ArticleId
from tests.gui.conftest import make_app


def rows(app, sql: str, *args: object) -> list[tuple]:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(f"file:{app.library.path}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def open_first(app) -> int:  # type: ignore[no-untyped-def]
    aid = app.controller.lib.articles.ids()[0]
    app.controller.lib.select(aid)
    return int(aid)


def select_text(app, quote: str, nth: int = 0) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Select ``quote`` in the reading view; returns its range in the article text."""
    view = app.window.reading.view
    doc_text = view.document().toPlainText()
    pos = -1
    for _ in range(nth + 1):
        pos = doc_text.index(quote, pos + 1)
    c = QTextCursor(view.document())
    c.setPosition(pos)
    c.setPosition(pos + len(quote), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(c)
    body = app.controller.reading.detail.text
    start = body.index(quote)
    for _ in range(nth):
        start = body.index(quote, start + 1)
    return start, start + len(quote)


def doc_format_at(app, quote: str):  # type: ignore[no-untyped-def]
    view = app.window.reading.view
    pos = view.document().toPlainText().index(quote)
    c = QTextCursor(view.document())
    c.setPosition(pos + 1)
    return c.charFormat()


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Suggestions from a stub (jieba's real ones are tested in tests/store)."""
    monkeypatch.setattr(
        "reader.gui.suggestions.default_suggest",
        lambda lib, aid: [("呼和浩特", "Place named in the article"), ("科技", "Keyword")],
    )


@pytest.fixture
def ann(qtbot, filled, settings, no_samples, quiet, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PIZHU_AUTHOR", "测试者")
    a = make_app(qtbot, filled, settings)
    yield a
    a.controller.imports.shutdown()


def test_highlight_note_tag_undo_redo_in_the_database(ann, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    aid = open_first(ann)
    start, end = select_text(ann, "科技服务业营收突破138亿元")
    w = ann.window
    w.activateWindow()
    w.reading.view.setFocus()
    qtbot.keyClick(w.reading.view, Qt.Key.Key_H)  # the H shortcut
    assert rows(
        ann, 'SELECT article_id, start, "end", exact, colour, author, deleted FROM highlights'
    ) == [(aid, start, end, "科技服务业营收突破138亿元", "yellow", "测试者", 0)]
    hid = rows(ann, "SELECT id FROM highlights")[0][0]
    assert c.current() is not None and c.current().id == hid  # its card is chosen
    assert w.annotations.editor.isVisible()

    # a note, typed: written within a second without any save button
    w.annotations.highlight_note.setFocus()
    qtbot.keyClicks(w.annotations.highlight_note, "solid data")
    qtbot.waitUntil(
        lambda: rows(ann, "SELECT note FROM highlights") == [("solid data",)], timeout=1500
    )

    # a tag, new, created on the fly
    w.annotations.highlight_tag_field.setText("科技")
    qtbot.keyClick(w.annotations.highlight_tag_field, Qt.Key.Key_Return)
    tagged = "SELECT t.name FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id"
    assert rows(ann, tagged) == [("科技",)]
    assert list(w.annotations.highlight_tags.chips) == ["科技"]

    stack = ann.controller.undo
    assert stack.count() == 3
    w.reading.view.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # untag
    assert rows(ann, tagged) == []
    assert rows(ann, "SELECT count(*) FROM tags") == [(0,)]  # the tag it made goes too
    stack.undo()  # the note
    assert rows(ann, "SELECT note FROM highlights") == [("",)]
    stack.undo()  # the highlight: a tombstone
    assert rows(ann, "SELECT id, deleted FROM highlights") == [(hid, 1)]
    assert c.highlights == []
    assert doc_format_at(ann, "科技服务业").background().style() == Qt.BrushStyle.NoBrush

    w.reading.view.setFocus()
    qtbot.keyClick(
        w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert rows(ann, "SELECT id, deleted FROM highlights") == [(hid, 0)]  # the same row
    stack.redo()
    assert rows(ann, "SELECT note FROM highlights") == [("solid data",)]
    stack.redo()
    assert rows(ann, tagged) == [("科技",)]
    assert [h.tags for h in c.highlights] == [("科技",)]
    fmt = doc_format_at(ann, "科技服务业")
    assert fmt.background().color().name() == background("yellow", "light")


def test_overlapping_highlights_show_both_colours(ann) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    open_first(ann)
    select_text(ann, "技术合同成交额达38.97亿元")
    c.highlight_selection("blue")
    select_text(ann, "38.97亿元,科技服务业")
    c.highlight_selection("pink")
    outer_only = doc_format_at(ann, "技术合同")
    overlap = doc_format_at(ann, "38.97")
    inner_only = doc_format_at(ann, "科技服务业")
    assert outer_only.background().color().name() == background("blue", "light")
    assert inner_only.background().color().name() == background("pink", "light")
    # the overlap: the later highlight's ground, the earlier one's underline
    assert overlap.background().color().name() == background("pink", "light")
    assert overlap.underlineStyle() != overlap.UnderlineStyle.NoUnderline
    assert overlap.underlineColor().name() == swatch("blue").strong
    # the text keeps its own colour on the pale ground: legible
    assert overlap.foreground().color() == inner_only.foreground().color()
    assert len(c.highlights) == 2
    assert [h.colour for h in c.highlights] == ["blue", "pink"]  # reading order
    ann.window.actions_.dark_theme.trigger()  # a re-render keeps them, in dark colours
    assert len(c.highlights) == 2
    assert doc_format_at(ann, "技术合同").background().color().name() == background("blue", "dark")
    ann.window.actions_.dark_theme.trigger()


def test_hover_shows_the_note_as_text_and_a_click_chooses_the_card(ann, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    open_first(ann)
    select_text(ann, "硬核数据")
    hid = c.highlight_selection()
    c.flush()
    ann.window.annotations.highlight_note.setPlainText("<b>粗体</b> & 注")
    c.flush()
    tip = doc_format_at(ann, "硬核数据").toolTip()
    assert "&lt;b&gt;粗体&lt;/b&gt; &amp; 注" in tip and "<b>" not in tip
    c.cards.select(hid, flash=False)
    ann.window.annotations.cards.selectionModel().clear()
    assert c.current() is None
    view = ann.window.reading.view
    pos = view.document().toPlainText().index("硬核数据") + 2
    cur = QTextCursor(view.document())
    cur.setPosition(pos)
    point = view.cursorRect(cur).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert c.current() is not None and c.current().id == hid


def test_card_click_scrolls_and_flashes_then_delete_is_undoable(ann, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    open_first(ann)
    select_text(ann, "企业是科技创新与产业创新的核心载体")
    hid = c.highlight_selection("green")
    cards = ann.window.annotations.cards
    index = c.model.index(c.model.row_of(hid), 0)
    qtbot.mouseClick(
        cards.viewport(), Qt.MouseButton.LeftButton, pos=cards.visualRect(index).center()
    )
    view = ann.window.reading.view
    assert view.flashing
    qtbot.waitUntil(lambda: not view.flashing, timeout=3000)
    cards.setFocus()
    qtbot.keyClick(cards, Qt.Key.Key_Delete)  # no question asked
    assert rows(ann, "SELECT deleted FROM highlights WHERE id = ?", hid) == [(1,)]
    assert c.model.rowCount() == 0
    ann.controller.undo.undo()
    assert rows(ann, "SELECT deleted, colour FROM highlights WHERE id = ?", hid) == [(0, "green")]
    assert c.model.rowCount() == 1


def test_article_tags_completer_and_note_with_undo(ann, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    aid = open_first(ann)
    p = ann.window.annotations
    p.tag_field.setText("  经济 ")
    qtbot.keyClick(p.tag_field, Qt.Key.Key_Return)
    linked = (
        "SELECT t.name FROM article_tags a JOIN tags t ON t.id = a.tag_id WHERE a.article_id = ?"
    )
    assert rows(ann, linked, aid) == [("经济",)]
    assert list(p.tags.chips) == ["经济"]
    assert "经济" in c.tagging.tag_names.stringList()  # offered to the completer from now on
    # the second article can reuse it through the completer
    ann.controller.lib.step(+1)
    p.tag_field.completer().setCompletionPrefix("经")
    assert p.tag_field.completer().currentCompletion() == "经济"
    ann.controller.lib.step(-1)
    p.tags.chips["经济"].click()  # remove
    assert rows(ann, linked, aid) == []
    ann.controller.undo.undo()
    assert rows(ann, linked, aid) == [("经济",)]
    # the article note: saved while typing, flushed when the article changes
    p.note.setFocus()
    qtbot.keyClicks(p.note, "follow up")
    ann.controller.lib.step(+1)
    assert rows(ann, "SELECT text FROM article_notes WHERE article_id = ?", aid) == [("follow up",)]
    assert rows(ann, "SELECT author FROM article_notes WHERE article_id = ?", aid) == [("测试者",)]
    assert p.note.toPlainText() == "" and p.note_author.text() == ""
    ann.controller.lib.step(-1)
    assert p.note.toPlainText() == "follow up"
    assert p.note_author.text() == "by 测试者"  # small, muted, plain text
    assert p.note_author.textFormat() == Qt.TextFormat.PlainText


def test_suggestion_chips_come_from_a_worker_and_stale_ones_are_dropped(
    qtbot, filled, settings, no_samples, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import threading

    gate = threading.Event()
    seen: list[str] = []

    def slow(lib, aid):  # type: ignore[no-untyped-def]
        seen.append(threading.current_thread().name)
        if aid == first:
            gate.wait(5)  # the first article's answer arrives after the second's
        return [(f"词{aid}", "Keyword")]

    monkeypatch.setattr("reader.gui.suggestions.default_suggest", slow)
    ids = filled.article_ids()
    first, second = ids[0], ids[1]
    app = make_app(qtbot, filled, settings)
    c = app.controller.annotations
    c.tagging.suggestions.pool.setMaxThreadCount(2)
    app.controller.lib.select(first)
    with qtbot.waitSignal(c.tagging.suggestions.ready, timeout=3000):
        app.controller.lib.select(second)
    assert list(app.window.annotations.suggestions.chips) == [f"词{second}"]
    gate.set()
    c.tagging.suggestions.pool.waitForDone(3000)
    QApplication.processEvents()  # deliver the stale answer, were it to be shown
    assert list(app.window.annotations.suggestions.chips) == [f"词{second}"]
    assert threading.main_thread().name not in seen
    app.window.annotations.suggestions.chips[f"词{second}"].click()
    assert [t for t in filled.get_article(second).tags] == [f"词{second}"]
    taken = app.window.annotations.suggestions.chips[f"词{second}"]
    assert not taken.isEnabled()  # taken: greyed, in its place
    app.controller.imports.shutdown()


def test_filters_by_colour_tag_and_author(ann, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    open_first(ann)
    select_text(ann, "硬核数据")
    c.highlight_selection("yellow")
    c.tag_current("数据")
    monkeypatch.setenv("PIZHU_AUTHOR", "另一人")
    select_text(ann, "亮眼答卷")
    c.highlight_selection("blue")
    assert {h.author for h in c.highlights} == {"测试者", "另一人"}
    c.filter_by(colour="blue")
    assert [h.exact for h in c.model.shown()] == ["亮眼答卷"]
    c.filter_by(tag="数据")
    assert [h.exact for h in c.model.shown()] == ["硬核数据"]
    c.filter_by(author="另一人")
    assert [h.exact for h in c.model.shown()] == ["亮眼答卷"]
    c.filter_by()
    assert c.model.rowCount() == 2


def test_highlight_list_model(qtmodeltester, ann) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    open_first(ann)
    select_text(ann, "硬核数据")
    c.highlight_selection()
    model = HighlightListModel()
    model.set_highlights(c.highlights)
    qtmodeltester.check(model)


def test_author_from_preferences(qtbot, filled, settings, no_samples, quiet, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PIZHU_AUTHOR", raising=False)
    app = make_app(qtbot, filled, settings)
    dialog = app.controller.open_preferences()
    assert dialog.author.isEnabled()
    dialog.author.setText("  李 记者 ")
    dialog.meanings["blue"].setText("存疑")
    dialog.accept()
    assert settings.author() == "李 记者"
    assert [m for k, m in app.controller.annotations.palette if k == "blue"] == ["存疑"]
    open_first(app)
    select_text(app, "硬核数据")
    app.controller.annotations.highlight_selection()
    assert rows(app, "SELECT author FROM highlights") == [("李 记者",)]
    monkeypatch.setenv("PIZHU_AUTHOR", "环境")
    assert app.controller.author() == "环境"
    app.controller.imports.shutdown()


def test_tag_manager_rename_merge_nest_delete_undo(ann, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    aid = open_first(ann)
    c.tag_article("经济")
    c.tag_article("经济发展")
    select_text(ann, "硬核数据")
    c.highlight_selection()
    c.tag_current("经济发展")
    tm = ann.controller.open_tag_manager()
    ids = {t.name: t.id for t in ann.library.tags()}
    item = tm.item(ids["经济"])
    assert item is not None and item.text(1) == "1"
    assert tm.rename(ids["经济"], "宏观经济")
    assert rows(ann, "SELECT name FROM tags WHERE id = ?", ids["经济"]) == [("宏观经济",)]
    assert tm.item(ids["经济"]).text(0) == "宏观经济"
    assert list(ann.window.annotations.tags.chips) == ["宏观经济", "经济发展"]
    assert tm.nest(ids["经济发展"], ids["经济"])
    assert tm.item(ids["经济发展"]).parent() is tm.item(ids["经济"])
    assert tm.merge(ids["经济发展"], ids["经济"])
    assert rows(ann, "SELECT count(*) FROM tags") == [(1,)]
    assert [h.tags for h in c.highlights] == [("宏观经济",)]
    ann.controller.undo.undo()  # unmerge: the tag, its links, its place
    assert rows(ann, "SELECT count(*) FROM tags") == [(2,)]
    assert [h.tags for h in c.highlights] == [("经济发展",)]
    assert tm.delete(ids["经济"])
    assert rows(ann, "SELECT count(*) FROM article_tags WHERE article_id = ?", aid) == [(1,)]
    ann.controller.undo.undo()
    assert rows(ann, "SELECT count(*) FROM article_tags WHERE article_id = ?", aid) == [(2,)]
    assert tm.item(ids["经济"]) is not None
    tm.dialog.close()


def test_reimporting_the_same_page_keeps_highlight_offsets(ann, pages, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    aid = open_first(ann)
    start, end = select_text(ann, "亮眼答卷")
    c.highlight_selection()
    before = rows(ann, 'SELECT id, start, "end", exact FROM highlights')
    # the same page again, as it was and re-encoded
    again = pages[0].parent / "again.txt"
    again.write_bytes(pages[0].read_text(encoding="utf-8").encode("gb18030"))
    with qtbot.waitSignal(ann.controller.imports.done, timeout=10000):
        ann.controller.imports.start([pages[0], again])
    assert rows(ann, 'SELECT id, start, "end", exact FROM highlights') == before
    assert before[0][1:] == (start, end, "亮眼答卷")
    ann.controller.reading.open(ArticleId(aid))
    assert doc_format_at(ann, "亮眼答卷").background().color().name() == background(
        "yellow", "light"
    )


def test_shortcuts_are_listed(ann) -> None:  # type: ignore[no-untyped-def]
    from reader.gui.shortcuts_view import shortcut_rows

    listed = dict(shortcut_rows(ann.window.actions_.all()))
    assert listed["Highlight the selection"] == "H"
    assert listed["Highlight and add a note"] == "N"
    assert listed["Tag the article…"] == "Ctrl+T"
    assert listed["Manage tags…"] == "Ctrl+Shift+T"


def test_selection_toolbar_appears_by_a_selection(ann, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    open_first(ann)
    view = ann.window.reading.view
    text = view.document().toPlainText()
    a = text.index("硬核数据")
    ca, cb = QTextCursor(view.document()), QTextCursor(view.document())
    ca.setPosition(a)
    cb.setPosition(a + 4)
    p1 = view.cursorRect(ca).center() + QPoint(1, 0)
    p2 = view.cursorRect(cb).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=p1)
    qtbot.mouseMove(view.viewport(), p2)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=p2)
    if not view.textCursor().hasSelection():  # offscreen drags can be lost: select directly
        select_text(ann, "硬核数据")
        view.selection_made.emit()
    assert c.text.toolbar.isVisible()
    assert len(c.text.toolbar.swatches.buttons) >= 5
    meanings = [b.accessibleName() for b in c.text.toolbar.swatches.buttons.values()]
    assert "Highlight: 重要" in meanings
    c.text.toolbar.swatches.buttons["green"].click()
    assert [h.colour for h in c.highlights] == ["green"]
    assert not c.text.toolbar.isVisible()


def test_focus_returns_to_the_text_when_undo_hides_the_editor(ann, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = ann.window
    open_first(ann)
    w.activateWindow()
    qtbot.waitUntil(lambda: w.isActiveWindow())
    view, p = w.reading.view, w.annotations
    for quote in ("硬核数据", "亮眼答卷"):
        select_text(ann, quote)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_H)
    assert rows(ann, "SELECT count(*) FROM highlights WHERE deleted = 0") == [(2,)]
    p.highlight_tag_field.setFocus()  # the editor of the second one has the focus
    qtbot.waitUntil(lambda: p.highlight_tag_field.hasFocus())
    w.actions_.undo.trigger()  # Edit → Undo: the second highlight goes, its editor hides
    assert rows(ann, "SELECT exact FROM highlights WHERE deleted = 0") == [("硬核数据",)]
    assert not p.editor.isVisible()
    assert QApplication.focusWidget() is view  # not the article's tag field
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(ann, "SELECT count(*) FROM highlights WHERE deleted = 0") == [(0,)]


def _point_at(app, quote: str):  # type: ignore[no-untyped-def]
    """A viewport point inside ``quote`` in the reading view."""
    view = app.window.reading.view
    c = QTextCursor(view.document())
    c.setPosition(view.document().toPlainText().index(quote) + 1)
    return view.cursorRect(c).center()


def _entries(menu) -> dict[str, object]:  # type: ignore[no-untyped-def]
    out = {}
    for a in menu.actions():
        if a.objectName():
            out[a.objectName()] = a
        if a.menu() is not None:
            out[a.menu().objectName()] = a.menu()
            out.update({b.objectName(): b for b in a.menu().actions()})
    return out


def test_context_menu_highlights_deletes_and_edits_notes_undoably(ann, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    open_first(ann)
    view, p = ann.window.reading.view, ann.window.annotations
    select_text(ann, "硬核数据")
    menu = view.context_menu(_point_at(ann, "硬核数据"))
    entries = _entries(menu)
    texts = [a.text() for a in menu.actions()]
    assert any("Copy" in t for t in texts) and any("Select All" in t for t in texts)
    colours = entries["highlight-colours"]
    assert [a.text() for a in colours.actions()] == [m for _k, m in c.palette]
    assert "delete-highlight" not in entries  # nothing highlighted there yet
    entries["highlight-blue"].trigger()
    assert rows(ann, "SELECT exact, colour, deleted FROM highlights") == [("硬核数据", "blue", 0)]
    menu.deleteLater()

    select_text(ann, "亮眼答卷")
    menu = view.context_menu(_point_at(ann, "亮眼答卷"))
    _entries(menu)["highlight-with-note"].trigger()
    assert rows(ann, "SELECT colour FROM highlights WHERE exact = '亮眼答卷'") == [("blue",)]
    assert p.highlight_note.hasFocus() or QApplication.focusWidget() is p.highlight_note
    menu.deleteLater()

    # on an existing highlight, no selection: edit its note, delete it
    view.setTextCursor(QTextCursor(view.document()))
    menu = view.context_menu(_point_at(ann, "硬核数据"))
    entries = _entries(menu)
    assert "highlight-colours" not in entries
    entries["edit-note"].trigger()
    assert c.current() is not None and c.current().exact == "硬核数据"
    entries["delete-highlight"].trigger()
    assert rows(ann, "SELECT deleted FROM highlights WHERE exact = '硬核数据'") == [(1,)]
    menu.deleteLater()
    ann.controller.undo.undo()  # like the H shortcut and Del: one undo step each
    assert rows(ann, "SELECT deleted FROM highlights WHERE exact = '硬核数据'") == [(0,)]


def test_library_tag_filter_filters_the_highlight_cards(ann, qtbot) -> None:  # type: ignore[no-untyped-def]
    from reader.store import operations as ops

    c = ann.controller.annotations
    lib = ann.controller.lib
    open_first(ann)
    p = ann.window.annotations
    for quote, tag in (("硬核数据", "地点"), ("亮眼答卷", "赛罕区"), ("深度融合", "数据")):
        select_text(ann, quote)
        c.highlight_selection()
        c.tag_current(tag)
    ids = {t.name: t.id for t in ann.library.tags()}
    ann.library.run(ops.NestTag(ids["赛罕区"], ids["地点"]))  # 地点 › 赛罕区
    lib.load_facets()
    aid = open_first(ann)
    tags_view = ann.window.library.tags
    tags_view.setCurrentIndex(lib.tags.index(lib.tags.row_of(ids["地点"]), 0))
    assert lib.filter.tag == ids["地点"] and lib.articles.row_of(ArticleId(aid)) is not None
    assert [h.exact for h in c.model.shown()] == ["硬核数据", "亮眼答卷"]  # nested tag too
    chip = p.scope_chip
    assert chip.isVisible() and "地点" in chip.text()
    chip.click()  # the chip clears the cards' filter
    assert c.model.rowCount() == 3 and not chip.isVisible()
    tags_view.setCurrentIndex(lib.tags.index(lib.tags.row_of(ids["数据"]), 0))
    assert [h.exact for h in c.model.shown()] == ["深度融合"] and chip.isVisible()
    ann.window.library.clear_filters.click()  # clearing the library filter clears it
    assert c.model.rowCount() == 3 and not chip.isVisible()


def test_annotation_changes_touch_only_their_card_and_text(ann, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    open_first(ann)
    select_text(ann, "硬核数据")
    first = c.highlight_selection("yellow")
    document = ann.window.reading.view.document()
    resets: list[int] = []
    c.model.modelReset.connect(lambda: resets.append(1))

    def no_reload(*_a: object) -> None:
        raise AssertionError("the whole article was read again")

    monkeypatch.setattr(ann.library, "get_article", no_reload)
    select_text(ann, "亮眼答卷")
    second = c.highlight_selection("blue")  # inserted
    c.recolour_current("green")  # updated in place
    assert [(h.exact, h.colour) for h in c.model.shown()] == [
        ("硬核数据", "yellow"),
        ("亮眼答卷", "green"),
    ]
    assert c.current().id == second
    assert doc_format_at(ann, "亮眼答卷").background().color().name() == background(
        "green", "light"
    )
    c.delete_current()  # removed
    assert [h.id for h in c.model.shown()] == [first] and c.current() is None
    assert doc_format_at(ann, "亮眼答卷").background().style() == Qt.BrushStyle.NoBrush
    assert ann.window.reading.view.document() is document and resets == []
    assert ann.window.annotations.count.text() == "Highlights (1)"


def test_highlight_list_model_updates_rows(qtmodeltester, ann) -> None:  # type: ignore[no-untyped-def]
    c = ann.controller.annotations
    open_first(ann)
    for quote in ("硬核数据", "亮眼答卷", "深度融合"):
        select_text(ann, quote)
        c.highlight_selection()
    views = c.highlights
    model = HighlightListModel()
    model.set_highlights(views[:1])
    qtmodeltester.check(model)
    model.update(views[1:], [])
    model.update([], [int(views[0].id)])
    assert [h.id for h in model.shown()] == [h.id for h in views[1:]]
    qtmodeltester.check(model)


def test_steady_typing_is_saved_before_the_typist_pauses(ann, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Keys every 150 ms never leave the 0.4 s pause the debouncer waits for, yet the
    note reaches the library within its one-second limit while typing goes on."""
    from PySide6.QtCore import QTimer

    aid = open_first(ann)
    note = ann.window.annotations.note
    note.setFocus()
    text = iter("steady typing, never a pause")
    typed: list[str] = []

    def key() -> None:
        ch = next(text, None)
        if ch is None:
            timer.stop()
            return
        qtbot.keyClicks(note, ch)
        typed.append(ch)

    timer = QTimer()
    timer.timeout.connect(key)
    timer.start(150)
    sql = "SELECT text FROM article_notes WHERE article_id = ?"
    qtbot.waitUntil(lambda: bool(rows(ann, sql, aid)), timeout=3000)
    saved = rows(ann, sql, aid)[0][0]
    assert timer.isActive(), "saved only once typing stopped"
    assert saved and "".join(typed).startswith(saved)
    timer.stop()
