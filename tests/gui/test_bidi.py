"""Bidi overrides and control characters in titles and text are shown, never obeyed.

Issue 14 part 3: U+202E in a title would reverse what follows it in the article list
and the reading view. The window shows a visible stand-in of the same length instead,
so highlights (offsets into the stored text) still cover the same words.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from reader.display import for_display
from reader.gui import document as docs
from reader.gui.settings import ReadingPrefs
from reader.ingest.model import Article, Block

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
EVIL_TITLE = "发票\u202egpj.exe\u2066说明\x1b[31m\x07"
EVIL_BODY = "前文\u202e反转的话\u202c后文,记者从市园林局了解到新增驿站。"
PAGE = f"# {EVIL_TITLE}\n\n●本报记者 王晓\n\n{EVIL_BODY}\n"


def no_bidi(text: str) -> bool:
    return not any(c in text for c in BIDI + "\x1b\x07")


def test_reading_document_shows_stand_ins_and_keeps_offsets() -> None:
    article = Article(title=EVIL_TITLE, blocks=[Block("paragraph", EVIL_BODY, [(0, 10)])])
    built = docs.build(article, ReadingPrefs(), None)
    shown = built.document.toPlainText()
    assert no_bidi(shown)
    assert for_display(EVIL_TITLE) in shown and "\ufffd" in shown and "␛" in shown
    at = EVIL_BODY.index("记者从市园林局")
    pos = built.offsets.to_doc(at)
    assert pos is not None
    cursor = built.document.find("记者从市园林局")
    assert cursor.selectionStart() == pos  # the same place, bidi characters or not
    assert built.parts["title"] == [EVIL_TITLE]  # what the parts hold is the stored text


def test_window_lists_and_reading_view_never_obey_bidi(app, qtbot, filled, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "evil.txt"
    page.write_text(PAGE, encoding="utf-8")
    with qtbot.waitSignal(app.controller.imports.done, timeout=10_000):
        app.controller.imports.start([page])
    [aid] = [
        i for i in filled.article_ids() if "gpj" in (filled.get_article(i).article.title or "")
    ]
    stored = filled.get_article(aid)
    assert "\u202e" in (stored.article.title or "")  # stored as the page has it
    body = stored.text
    start = body.index("记者从市园林局")
    filled.add_highlight(aid, start, start + 7, colour="yellow", note="注\u202e释")
    articles = app.controller.lib.articles
    rows = [
        articles.index(r, c)
        for r in range(articles.rowCount())
        for c in range(articles.columnCount())
    ]
    texts = [
        str(articles.data(i, role) or "")
        for i in rows
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    ]
    assert any("gpj" in t for t in texts)
    assert all(no_bidi(t) for t in texts)
    app.controller.lib.select(aid)
    view = app.window.reading.view
    qtbot.waitUntil(lambda: "gpj" in view.document().toPlainText())
    shown = view.document().toPlainText()
    assert no_bidi(shown) and "记者从市园林局" in shown
    # The annotation panel lists the highlight; its note's override is shown, not obeyed.
    panel = app.controller.annotations.model
    qtbot.waitUntil(lambda: panel.rowCount() == 1)
    listed = [
        str(panel.data(panel.index(0, 0), role) or "")
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    ]
    assert any("注\ufffd释" in t for t in listed) and all(no_bidi(t) for t in listed)


def test_a_refusal_naming_a_hostile_file_shows_its_bidi_characters_visibly(
    app, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.test_exchange import Chooser, library_bytes

    fifo = tmp_path / "发票\u202egpj.exe"
    os.mkfifo(fifo)  # a FIFO, too: refused at once, not read (that would hang)
    exchange = app.controller.exchange
    exchange.chooser = Chooser(fifo)
    before = library_bytes(app.library)
    try:
        with qtbot.waitSignal(exchange.failed, timeout=10_000) as failed:
            assert exchange.open_merge()
        assert "\u202e" in failed.args[0] and "FIFO" in failed.args[0]
        shown = exchange.message.text()
        assert no_bidi(shown) and "\ufffdgpj.exe" in shown
        assert library_bytes(app.library) == before
    finally:
        exchange.shutdown()


def test_tag_manager_paints_stand_ins_but_edits_the_real_name(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    name = "标签\u202eevil"
    tid, _ = app.library.ensure_tag(name)
    tm = app.controller.open_tag_manager()
    try:
        item = tm.item(tid)
        assert item is not None and item.text(0) == name  # the editor's text
        delegate = tm.dialog.tree.itemDelegate()
        painted = delegate.displayText(item.data(0, Qt.ItemDataRole.DisplayRole), QLocale())
        assert painted == "标签\ufffdevil"
    finally:
        tm.dialog.close()


def test_highlight_cards_draw_stand_ins(app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont

    from reader.gui.highlight_list import _lines

    [(layout, _step)] = _lines("引文\u202e反转\x1b[2J", QFont(), 400, 1)
    assert layout.text() == "引文\ufffd反转␛[2J"
