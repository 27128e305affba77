"""Check the split on real pages with the real parser's decisions: the page beside its
articles, flip every kind of decision with one click, undo, keys, re-import, Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from reader.exchange.share import share_rows
from reader.ingest import parse_text
from reader.store import splitcheck, splitfix
from reader.store.database import reading
from tests.gui.conftest import make_app
from tests.splitcheck_pages import cases, page_with, quote_near, reading_of

CASES = cases()
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _case(kind: str, chosen: str, alternative: str) -> tuple[str, str, str, str, str, str]:
    return next(c for c in CASES if c[3:] == (kind, chosen, alternative))


def _start(qtbot, library, settings, tmp_path: Path, case: tuple[str, ...]):  # type: ignore[no-untyped-def]
    folder = tmp_path / "pages"
    folder.mkdir(exist_ok=True)
    (folder / case[0]).write_bytes(case[1].encode("utf-8"))
    library.import_paths([folder])
    return make_app(qtbot, library, settings)


@pytest.fixture
def start(qtbot, library, settings, no_samples, tmp_path: Path):  # type: ignore[no-untyped-def]
    apps = []

    def go(case: tuple[str, ...]):  # type: ignore[no-untyped-def]
        app = _start(qtbot, library, settings, tmp_path, case)
        apps.append(app)
        return app

    yield go
    for a in apps:
        if a.controller.split.view is not None:
            a.controller.split.view.close()
        a.controller.imports.shutdown()


def _shape(app) -> list[object]:  # type: ignore[no-untyped-def]
    lib = app.controller.library
    with reading(lib.engine) as conn:
        return splitfix.shape(splitfix.page_articles(conn, lib.sources()[0].id)[2])


def _titles(app) -> list[str]:  # type: ignore[no-untyped-def]
    m = app.controller.lib.articles
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def _format_at(view, position: int) -> QTextCharFormat:  # type: ignore[no-untyped-def]
    cursor = QTextCursor(view.page.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def _open(app, qtbot, row: int = 0):  # type: ignore[no-untyped-def]
    app.controller.lib.select(app.controller.lib.articles.ids()[row])
    split = app.controller.split
    view = split.open_current()
    assert view is not None
    return split, view


def _index(split, key: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, s in enumerate(split.page.decisions) if s.decision.key == key)


def test_a_quiet_notice_and_the_shortcut_open_the_page_beside_its_articles(start, qtbot) -> None:  # type: ignore[no-untyped-def]
    name, text = page_with(1, byline=True)
    app = start((name, text))
    lib = app.controller.library
    page = lib.read(splitcheck.overview, lib.sources()[0].id)
    assert page.open_count >= 1
    app.controller.lib.select(app.controller.lib.articles.ids()[0])
    pane = app.window.reading
    qtbot.waitUntil(lambda: pane.split_note.isVisible(), timeout=5000)
    assert pane.split_text.text() == (
        f"The split of this page has {page.open_count} doubtful decision"
        + ("s" if page.open_count > 1 else "")
        + " —"
    )
    w = app.window
    w.activateWindow()
    w.reading.view.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_K, CTRL | SHIFT)
    view = app.controller.split.view
    assert view is not None and view.isVisible()
    assert view.page.document().toPlainText() == text
    assert view.articles.count() == len(page.articles)
    # each article's text in its own tint; a byline grey with its reason; the doubt marked
    a, b = page.articles[0], page.articles[1]
    first, second = _format_at(view, a.spans[0][0]), _format_at(view, b.spans[0][0])
    assert first.background().color() != second.background().color()
    assert first.background().color().alpha() > 0
    byline = next(c for art in page.articles for c in art.consumed if c[2] == "byline")
    assert _format_at(view, byline[0]).toolTip().startswith("byline · ")
    doubt = next(s.decision for s in page.decisions if s.open)
    fmt = _format_at(view, doubt.spans[0][0])
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    n = page.open_count
    assert view.summary.text() == f"{n} doubtful decision{'s' if n > 1 else ''} to check"
    assert not view.recut.isVisible()


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[3]}-{c[4]}-to-{c[5]}")
def test_one_click_flips_each_kind_and_ctrl_z_takes_it_back(  # type: ignore[no-untyped-def]
    start, qtbot, case
) -> None:
    _name, text, key, kind, _chosen, alternative = case
    app = start(case)
    lib = app.controller.library
    sid = lib.sources()[0].id
    with reading(lib.engine) as conn:
        arts = splitfix.page_articles(conn, sid)[2]
    state = next(s for s in lib.read(splitcheck.overview, sid).decisions if s.decision.key == key)
    ai, words = quote_near(arts, list(state.decision.spans))
    mark = lib.highlight_quote(lib.article_ids()[ai], words).created
    before = _shape(app)
    split, view = _open(app, qtbot)
    index = _index(split, key)
    row = view.decisions.itemWidget(view.decisions.topLevelItem(index), 3)
    assert row.flip_button.text().startswith("Make it ")
    with qtbot.waitSignal(app.controller.bus.changed, timeout=5000):
        qtbot.mouseClick(row.flip_button, Qt.MouseButton.LeftButton)  # one click
    flipped = _shape(app)
    assert flipped == splitfix.shape(parse_text(text, overrides={key: alternative}).articles)
    with reading(lib.engine) as conn:
        now = splitfix.page_articles(conn, sid)[2]
    assert reading_of(now, kind, list(state.decision.spans), state.decision.target) == alternative
    assert len(_titles(app)) == len(flipped)  # the article list follows
    index = _index(split, key)
    assert "(changed by you)" in view.decisions.topLevelItem(index).text(1)

    def marked() -> list[str]:
        return [
            lib.get_article(a).article.text[h.start : h.end]
            for a in lib.article_ids()
            for h in lib.get_article(a).highlights
            if h.id == mark and not h.orphaned
        ]

    assert marked() == [words]  # the highlight stays on its words
    view.activateWindow()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo, in this window
    assert _shape(app) == before and marked() == [words]
    assert split.page.decisions[_index(split, key)].fix is None
    app.window.actions_.redo.trigger()
    assert _shape(app) == flipped


def test_keys_walk_the_doubtful_decisions_keep_and_flip(start, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = start(page_with(2))
    split, view = _open(app, qtbot)
    doubts = [i for i, s in enumerate(split.page.decisions) if s.open]
    assert len(doubts) >= 2
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=5000)
    view.decisions.setFocus()
    # the view opens on the first doubt from the open article on, and shows its place
    opened = app.controller.reading.detail.id
    start = next(a.spans[0][0] for a in split.page.articles if a.id == opened)
    first = next((i for i in doubts if split.page.decisions[i].decision.start >= start), doubts[0])
    assert split.current_index() == first
    assert len(view.page.extraSelections()) == 1
    while split.current_index() != doubts[0]:
        qtbot.keyClick(view.decisions, Qt.Key.Key_F8)  # round the page
    qtbot.keyClick(view.decisions, Qt.Key.Key_F8)
    assert split.current_index() == doubts[1]
    qtbot.keyClick(view.decisions, Qt.Key.Key_F8, SHIFT)
    assert split.current_index() == doubts[0]
    key = split.page.decisions[doubts[0]].decision.key
    before = split.page.open_count
    qtbot.keyClick(view.decisions, Qt.Key.Key_Return, CTRL)  # keep it
    state = split.page.decisions[_index(split, key)]
    assert state.fix is not None and not state.fix.flipped
    assert split.page.open_count == before - 1
    assert split.current_key() == key  # the list stays where it was
    qtbot.keyClick(view.decisions, Qt.Key.Key_F8)
    other = split.current_key()
    assert other != key
    qtbot.keyClick(view.decisions, Qt.Key.Key_Return, CTRL | SHIFT)  # take the other choice
    state = split.page.decisions[_index(split, other)]
    assert state.fix is not None and state.fix.flipped


def test_a_heading_lines_other_readings_are_in_the_flip_menu(start, qtbot) -> None:  # type: ignore[no-untyped-def]
    case = _case("title_role", "kicker", "title")
    app = start(case)
    split, view = _open(app, qtbot)
    index = _index(split, case[2])
    row = view.decisions.itemWidget(view.decisions.topLevelItem(index), 3)
    assert row.flip_button.text() == "Make it an article title"
    menu = row.flip_button.menu()
    assert menu is not None
    row.refresh_readings()  # what opening the menu does
    shown = [a.text() for a in menu.actions() if a.isVisible()]
    assert "Make it a section heading" in shown
    assert "Make it the second line of the title above" not in shown  # the parser refuses
    section = next(a for a in menu.actions() if a.text() == "Make it a section heading")
    with qtbot.waitSignal(app.controller.bus.changed, timeout=5000):
        section.trigger()
    state = split.page.decisions[_index(split, case[2])]
    assert state.current == "section"
    with reading(app.controller.library.engine) as conn:
        arts = splitfix.page_articles(conn, app.controller.library.sources()[0].id)[2]
    assert reading_of(arts, "title_role", list(state.decision.spans), None) == "section"


def test_accept_stops_the_notice_and_fixes_come_back_after_delete_and_reimport(  # type: ignore[no-untyped-def]
    start, qtbot, tmp_path: Path
) -> None:
    app = start(page_with(1))
    split, view = _open(app, qtbot)
    pane = app.window.reading
    qtbot.waitUntil(lambda: pane.split_note.isVisible(), timeout=5000)
    first = next(i for i, s in enumerate(split.page.decisions) if s.open)
    flip_key = split.page.decisions[first].decision.key
    assert split.flip(first) is not None
    while split.page.open_count:
        assert split.accept(next(i for i, s in enumerate(split.page.decisions) if s.open))
    qtbot.waitUntil(lambda: not pane.split_note.isVisible(), timeout=5000)
    assert view.summary.text() == "Nothing doubtful left on this page."
    lib = app.controller.library
    fixed = _shape(app)
    answers = len(lib.read(splitfix.fixes, lib.sources()[0].id))
    lib.delete_source(lib.sources()[0].id)
    assert lib.import_paths([tmp_path / "pages"]).imported == 1
    assert _shape(app) == fixed
    sid = lib.sources()[0].id
    assert len(lib.read(splitfix.fixes, sid)) == answers
    split.fill(sid)
    assert "(changed by you)" in view.decisions.topLevelItem(_index(split, flip_key)).text(1)
    assert split.page.open_count == 0


def test_the_notice_counts_once_the_article_is_shown_and_once_for_a_run_of_openings(  # type: ignore[no-untyped-def]
    start, qtbot, monkeypatch
) -> None:
    name, text = page_with(1)
    app = start((name, text))
    counted: list[int] = []
    real = splitcheck.open_decisions

    def counting(tx, source_id):  # type: ignore[no-untyped-def]
        counted.append(source_id)
        return real(tx, source_id)

    monkeypatch.setattr(splitcheck, "open_decisions", counting)
    ids = app.controller.lib.articles.ids()
    for aid in ids[:4]:  # arrow keys down the list: no event loop in between
        app.controller.reading.open(aid)
    assert counted == []  # not before the article is on screen
    pane = app.window.reading
    qtbot.waitUntil(lambda: pane.split_note.isVisible(), timeout=5000)
    assert len(counted) == 1


def test_the_view_and_the_notice_in_chinese(start, qtbot) -> None:  # type: ignore[no-untyped-def]
    name, text = page_with(1)
    app = start((name, text))
    app.controller.lib.select(app.controller.lib.articles.ids()[0])
    pane = app.window.reading
    qtbot.waitUntil(lambda: pane.split_note.isVisible(), timeout=5000)
    lib = app.controller.library
    count = lib.read(splitcheck.overview, lib.sources()[0].id).open_count
    app.translations.apply("zh_CN")
    try:
        app.controller.split.update_notice()
        assert pane.split_text.text() == f"本版的拆分有 {count} 处存疑 —"
        view = app.controller.split.open_current()  # built now, in Chinese
        assert view.windowTitle() == f"核对拆分 — {name}"
        assert view.summary.text() == f"有 {count} 处存疑待核对"
        rows = range(view.decisions.topLevelItemCount())
        texts = [view.decisions.topLevelItem(i).text(1) for i in rows]
        assert any(t.startswith("标题行:") for t in texts)
        flips = [view.decisions.itemWidget(view.decisions.topLevelItem(i), 3) for i in rows]
        assert all(r.flip_button.text().startswith("改为") for r in flips if r.flip_button.text())
        assert all(not any("a" <= ch <= "z" for ch in t) for t in texts)
        assert view.why.text().startswith("依据:")  # the parser's evidence, translated
        assert not any("a" <= ch <= "z" for ch in view.why.text())
        assert not any(
            "a" <= ch <= "z"
            for ch in view.keys.text().replace("Ctrl", "").replace("Shift", "").replace("Enter", "")
        )
    finally:
        app.translations.apply("en")


def test_the_view_holds_on_a_page_without_decisions(start, qtbot) -> None:  # type: ignore[no-untyped-def]
    text = "# 青城公园新增便民驿站\n\n本报讯 今年全市公园新增便民驿站十二处。\n"
    assert parse_text(text).decisions == []
    app = start(("plain.txt", text))
    split, view = _open(app, qtbot)
    assert view.no_decisions.isVisible() and split.next_doubt() is None
    assert split.accept_current() is None and split.flip_current() is None
    assert not app.window.reading.split_note.isVisible()


def test_the_merge_report_shows_the_senders_fixes_and_takes_them_when_ticked(  # type: ignore[no-untyped-def]
    start, qtbot, tmp_path: Path
) -> None:
    from reader.exchange.share import write_share
    from reader.store.library import Library
    from tests.gui.test_exchange import Chooser

    case = _case("title_role", "title", "section")
    app = start(case)
    sender = Library.open(tmp_path / "sender.sqlite")
    sender.import_paths([tmp_path / "pages"])
    sid = sender.sources()[0].id
    state = next(
        s for s in sender.read(splitcheck.overview, sid).decisions if s.decision.key == case[2]
    )
    with reading(sender.engine) as conn:
        arts = splitfix.page_articles(conn, sid)[2]
    ai, words = quote_near(arts, list(state.decision.spans))
    sender.highlight_quote(sender.article_ids()[ai], words)
    sender.run(splitfix.Choose(sid, state.decision, "section"))
    with reading(sender.engine) as conn:
        theirs = splitfix.shape(splitfix.page_articles(conn, sid)[2])
    share = write_share(sender.read(share_rows), tmp_path / "theirs.pizhu").path
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
        assert _shape(app) == theirs  # cut as the sender cut it
        lib = app.controller.library
        found = [
            lib.get_article(a).article.text[h.start : h.end]
            for a in lib.article_ids()
            for h in lib.get_article(a).highlights
            if not h.orphaned
        ]
        assert found == [words]
    finally:
        exchange.shutdown()


def test_a_hand_edited_page_and_an_answer_the_parser_no_longer_asks(start, qtbot) -> None:  # type: ignore[no-untyped-def]
    from reader.store import decisions, edits

    app = start(CASES[0])
    lib = app.controller.library
    sid = lib.sources()[0].id
    gone = decisions.Decision("join", 0.5, ((0, 5), (300, 305)), "join", "apart")
    with lib.engine.begin() as conn:
        splitfix.record(conn, splitfix.page_hash(conn, sid), gone, "apart", "我")
    lib.write(edits.merge_with_next, lib.list_articles()[0].id)
    split, view = _open(app, qtbot)
    assert view.recut.isVisible()
    index = _index(split, "join@0")
    item = view.decisions.topLevelItem(index)
    assert item.text(1).endswith("(your answer; the parser no longer asks this)")
    row = view.decisions.itemWidget(item, 3)
    assert not row.flip_button.isVisible() and not row.accept_button.isVisible()
    assert split.flip(index) is None and split.accept(index) is None


def test_the_view_remembers_its_size_and_panes(start, qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    app = start(CASES[0])
    split, view = _open(app, qtbot)
    view.resize(700, 500)
    view.splitter.setSizes([450, 250])
    sizes = view.splitter.sizes()
    view.close()
    assert settings.split_geometry() is not None and settings.split_panes() is not None
    split.view = None  # as in the next session
    again = split.open_current()
    assert (again.width(), again.height()) == (700, 500)
    assert again.splitter.sizes() == sizes


def test_text_the_page_drops_outside_any_article_is_grey_with_its_reason(start, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.splitcheck_pages import ROOT, read

    path = ROOT / "tests" / "ingest" / "independent" / "2026-04-16-page-04-jingji.txt"
    text = read(path)  # CRLF line ends, U+2028 and NBSP: positions must still line up
    [dup] = parse_text(text).consumed
    app = start((path.name, text))
    split, view = _open(app, qtbot)
    assert split.page.dropped == ((dup.span[0], dup.span[1], "duplicate"),)
    fmt = _format_at(view, dup.span[0])
    assert fmt.toolTip() == "duplicate, dropped · in no article"
    # the article text right after it is tinted, not grey
    after = next(s for a in split.page.articles for s in a.spans if s[0] > dup.span[1])
    assert _format_at(view, after[0]).toolTip() != fmt.toolTip()
    assert _format_at(view, after[0]).background().color().alpha() > 0


def test_every_piece_of_the_parsers_evidence_reads_in_chinese(qapp) -> None:  # type: ignore[no-untyped-def]
    """What the parser gives as evidence on the real and simulated pages is shown in the
    window's language: a phrase the parser learns must be added to gui/split_evidence.py."""
    import re

    from reader.gui.i18n import Translations
    from reader.gui.split_evidence import evidence_label
    from tests.splitcheck_pages import pages

    seen = {e for _, text in pages(20) for d in parse_text(text).decisions for e in d.evidence}
    t = Translations(qapp)
    t.apply("zh_CN")
    try:
        english = sorted(e for e in seen if re.search("[A-Za-z]{3,}", evidence_label(e)))
    finally:
        for installed in t._installed:  # leave the application as it was
            qapp.removeTranslator(installed)
    assert english == []
