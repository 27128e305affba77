"""Check the split: the page beside its articles; accept or flip a decision; undo; re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from reader.store import importer, splitfix
from tests.gui.conftest import make_app
from tests.splitpages import PAGE, parser_with_decisions, write_page


@pytest.fixture
def split_app(qtbot, library, settings, no_samples, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(importer, "default_parser", parser_with_decisions)
    library.import_paths([write_page(tmp_path / "pages")])
    a = make_app(qtbot, library, settings)
    yield a
    if a.controller.split.view is not None:
        a.controller.split.view.close()
    a.controller.imports.shutdown()


def _titles(app) -> list[str]:  # type: ignore[no-untyped-def]
    m = app.controller.lib.articles
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def _format_at(view, text: str) -> QTextCharFormat:  # type: ignore[no-untyped-def]
    doc = view.page.document()
    cursor = QTextCursor(doc)
    cursor.setPosition(doc.toPlainText().index(text) + 2)
    return cursor.charFormat()


def _open_first(app, qtbot):  # type: ignore[no-untyped-def]
    app.controller.lib.select(app.controller.lib.articles.ids()[0])
    pane = app.window.reading
    qtbot.waitUntil(lambda: pane.split_note.isVisible(), timeout=5000)
    return pane


def test_a_quiet_notice_and_the_shortcut_open_the_view(split_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = split_app
    pane = _open_first(app, qtbot)
    assert pane.split_text.text() == "The split of this page has 2 doubtful decisions —"
    w = app.window
    w.activateWindow()
    w.reading.view.setFocus()
    qtbot.keyClick(
        w, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    view = app.controller.split.view
    assert view is not None and view.isVisible()
    assert view.page.document().toPlainText() == PAGE
    assert view.articles.count() == 2
    # article text tinted by article, the byline greyed with its reason, the doubt marked
    first, second = _format_at(view, "记者从市园林局"), _format_at(view, "沿线居民")
    assert first.background().color() != second.background().color()
    assert first.background().color().alpha() > 0
    byline = _format_at(view, "本报记者 王晓")
    assert byline.toolTip().startswith("byline")
    doubt = _format_at(view, "地铁3号线试运行\n")
    assert doubt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert view.summary.text() == "2 doubtful decisions to check"


def test_flip_a_decision_then_undo_and_redo(split_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = split_app
    _open_first(app, qtbot)
    view = app.controller.split.open_current()
    page = app.controller.split.page
    index = next(
        i for i, s in enumerate(page.decisions) if s.decision.kind == "title_role" and s.open
    )
    row = view.decisions.itemWidget(view.decisions.topLevelItem(index), 3)
    assert row.flip_button.text() == "Make it a section heading"
    with qtbot.waitSignal(app.controller.bus.changed, timeout=5000):
        qtbot.mouseClick(row.flip_button, Qt.MouseButton.LeftButton)  # one click
    assert _titles(app) == ["青城公园新增十二处便民驿站"]
    assert "呼和浩特地铁3号线试运行" in app.window.reading.view.document().toPlainText()
    assert view.summary.text() == "1 doubtful decision to check"
    flipped = app.controller.split.page.decisions[index]
    assert flipped.fix is not None and flipped.fix.flipped
    view.activateWindow()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo, in this window
    assert len(_titles(app)) == 2
    assert app.controller.split.page.decisions[index].fix is None
    app.window.actions_.redo.trigger()
    assert _titles(app) == ["青城公园新增十二处便民驿站"]


def test_accept_stops_the_notice_and_reimport_keeps_the_fixes(
    split_app, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = split_app
    pane = _open_first(app, qtbot)
    split = app.controller.split
    split.open_current()
    page = split.page
    join = next(i for i, s in enumerate(page.decisions) if s.decision.kind == "join")
    role = next(
        i for i, s in enumerate(page.decisions) if s.decision.kind == "title_role" and s.open
    )
    assert split.flip(join) is not None
    assert split.accept(role) is not None
    qtbot.waitUntil(lambda: not pane.split_note.isVisible(), timeout=5000)
    assert split.view.summary.text() == "Nothing doubtful left on this page."
    texts = [
        app.controller.library.get_article(a).article.text
        for a in app.controller.lib.articles.ids()
    ]
    lib = app.controller.library
    assert lib.import_paths([tmp_path / "pages"]).imported == 0
    lib.reparse_source(page.source_id)
    again = [lib.get_article(a.id).article.text for a in lib.list_articles()]
    assert again == texts
    assert [f.flipped for f in lib.read(splitfix.fixes, page.source_id)] == [True, False]
    split.fill(page.source_id)
    assert "(changed by you)" in split.view.decisions.topLevelItem(join).text(1)


def test_the_view_and_the_notice_in_chinese(split_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = split_app
    pane = _open_first(app, qtbot)
    app.translations.apply("zh_CN")
    try:
        app.controller.split.update_notice()
        assert pane.split_text.text() == "本版的拆分有 2 处存疑 —"
        view = app.controller.split.open_current()  # built now, in Chinese
        assert view.windowTitle() == "核对拆分 — 晚报-2026-03-01-第2版.txt"
        assert view.summary.text() == "有 2 处存疑待核对"
        rows = range(view.decisions.topLevelItemCount())
        texts = [view.decisions.topLevelItem(i).text(1) for i in rows]
        assert "断开的段落:已拼接" in texts and "标题行:文章标题" in texts
    finally:
        app.translations.apply("en")


def test_the_view_holds_when_the_parser_records_nothing(
    qtbot, filled, settings, no_samples
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(qtbot, filled, settings)
    app.controller.lib.select(app.controller.lib.articles.ids()[0])
    view = app.controller.split.open_current()
    assert view is not None and view.no_decisions.isVisible()
    assert not app.window.reading.split_note.isVisible()
    view.close()
    app.controller.imports.shutdown()


def test_the_merge_report_shows_the_senders_fixes_and_takes_them_when_ticked(  # type: ignore[no-untyped-def]
    split_app, qtbot, tmp_path: Path
) -> None:
    from reader.exchange.share import write_share
    from reader.store import decisions
    from reader.store.library import Library
    from tests.gui.test_exchange import Chooser

    app = split_app
    sender = Library.open(tmp_path / "sender.sqlite")
    sender.import_paths([tmp_path / "pages"])
    sid = sender.sources()[0].id
    role = next(
        d for d in sender.read(decisions.for_source, sid) if d.kind == "title_role" and d.doubtful
    )
    sender.run(splitfix.Choose(sid, role, "section"))
    sender.highlight_quote(sender.article_ids()[0], "沿线居民表示出行更方便了")
    share = write_share(sender, tmp_path / "theirs.pizhu").path
    sender.close()
    exchange = app.controller.exchange
    exchange.chooser = Chooser(share)
    try:
        with qtbot.waitSignal(exchange.merge_previewed, timeout=10_000):
            assert exchange.open_merge()
        dialog = exchange.report
        assert dialog.fixes.isVisible() and dialog.fixes.list.topLevelItemCount() == 1
        row = dialog.fixes.list.topLevelItem(0)
        assert row.text(1) == "Heading line: a section heading instead of an article title"
        assert row.text(3) == "to take"
        assert not dialog.fixes.take.isChecked()
        dialog.fixes.take.setChecked(True)
        with qtbot.waitSignal(exchange.merged, timeout=10_000):
            dialog.merge_button.click()
        assert "1 split fix taken." in exchange.message.text()
        assert _titles(app) == ["青城公园新增十二处便民驿站"]  # cut as the sender cut it
        lib = app.controller.library
        [only] = lib.article_ids()
        assert any(not h.orphaned for h in lib.get_article(only).highlights)
    finally:
        exchange.shutdown()
