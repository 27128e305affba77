"""File → Export…, Share…, Merge… and View → Unplaced highlights, driven like a user would."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from reader.exchange import markdown
from reader.exchange.merge import merge_bundle
from reader.exchange.orphans import list_orphans
from reader.exchange.share import share_rows, write_share
from reader.exchange.untrusted import read_share
from reader.gui.exchange_view import ANNOTATED, CURRENT, JSON, MARKDOWN_FILE, MARKDOWN_FOLDER
from reader.store.library import Library
from tests.gui.conftest import HOSTILE, write_pages

HOSTILE_QUOTE = "正文<img src=file:///etc/passwd>继续"
HOSTILE_NOTE = "<b>粗体</b> <a href='http://example.com/'>链接</a> &amp;"


class Chooser:
    """Answers the file dialogs with paths under tmp_path."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.asked: list[str] = []

    def _answer(self, what: str) -> str | None:
        self.asked.append(what)
        return None if self.path is None else str(self.path)

    def export_folder(self, _parent) -> str | None:  # type: ignore[no-untyped-def]
        return self._answer("folder")

    def export_file(self, _parent, fmt: str) -> str | None:  # type: ignore[no-untyped-def]
        return self._answer(fmt)

    def share_file(self, _parent) -> str | None:  # type: ignore[no-untyped-def]
        return self._answer("share")

    def merge_file(self, _parent) -> str | None:  # type: ignore[no-untyped-def]
        return self._answer("merge")


def article_with(lib: Library, quote: str) -> int:
    for aid in lib.article_ids():
        if quote in lib.get_article(aid).text:
            return int(aid)
    raise AssertionError(f"no article holds {quote!r}")


def annotate(lib: Library) -> list[int]:
    """Highlights in three articles; their ids."""
    quotes = ["科技服务业营收突破138亿元", "举办群众文化活动120余场", "公益鉴定活动"]
    ids = []
    for q in quotes:
        aid = article_with(lib, q)
        lib.highlight_quote(aid, q, note="要点")
        ids.append(aid)
    return ids


@pytest.fixture
def exchange(app):  # type: ignore[no-untyped-def]
    c = app.controller.exchange
    c.chooser = Chooser()
    c.open_url = lambda url: pytest.fail(f"opened {url}")
    yield c
    c.shutdown()


@pytest.fixture
def sender(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Someone else's library: the same pages plus a hostile one, annotated."""
    (tmp_path / "sender").mkdir()
    lib = Library.open(tmp_path / "sender" / "library.sqlite")
    pages = write_pages(tmp_path / "sender-pages")
    hostile = tmp_path / "sender-pages" / "晚报-2026-02-12-第2版.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    lib.import_paths([*pages, hostile])
    yield lib
    lib.close()


def share_of(lib: Library, path: Path) -> Path:
    write_share(lib.read(share_rows), path)
    return path


def library_bytes(lib: Library) -> dict[str, str]:
    """Hashes of the library's files, read by a child process: reading them here, where
    SQLite has them open, would drop this process's locks (see sqlite_guard)."""
    code = (
        "import hashlib, json, sys, pathlib\n"
        "lib = pathlib.Path(sys.argv[1])\n"
        "print(json.dumps({p.name: hashlib.sha256(p.read_bytes()).hexdigest()\n"
        "    for p in lib.parent.iterdir() if p.name.startswith(lib.name) and p.is_file()}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(lib.path)], capture_output=True, text=True, check=True
    )
    return dict(json.loads(out.stdout))


# --- export --------------------------------------------------------------------------


def test_export_writes_files_and_reports(qtbot, app, exchange, tmp_path) -> None:  # type: ignore[no-untyped-def]
    annotate(app.library)
    out = tmp_path / "export"
    out.mkdir()
    exchange.chooser.path = out
    dialog = exchange.open_export()
    assert not dialog.export_button.isEnabled()  # no destination yet
    dialog.scope.choose(ANNOTATED)
    dialog.choose_format(MARKDOWN_FOLDER)
    dialog.destination.button.click()
    assert exchange.chooser.asked == ["folder"] and dialog.target() == str(out)
    with qtbot.waitSignal(exchange.export_done, timeout=10_000) as done:
        dialog.export_button.click()
    report = done.args[0]
    assert len(report.written) == 3 and report.highlights == 3 and not report.cancelled
    names = sorted(p.name for p in out.glob("*.md"))
    assert len(names) == 3
    assert "要点" in (out / names[0]).read_text(encoding="utf-8")
    summary = exchange.summary
    assert summary.summary.textFormat() == Qt.TextFormat.PlainText
    assert "3 files written, 0 unchanged, 0 kept" in summary.summary.text()
    assert summary.open_button.isEnabled()
    opened = []
    exchange.open_url = opened.append
    summary.open_button.click()
    assert [u.toLocalFile() for u in opened] == [str(out)]
    assert not exchange.running

    # again, after editing one file: it is kept, the others are unchanged
    edited = out / names[0]
    edited.write_text("my own words\n", encoding="utf-8")
    dialog = exchange.open_export()
    dialog.scope.choose(ANNOTATED)
    dialog.destination.button.click()
    with qtbot.waitSignal(exchange.export_done, timeout=10_000) as done:
        dialog.export_button.click()
    report = done.args[0]
    assert report.kept == [edited] and len(report.unchanged) == 2 and not report.written
    assert "1 kept because you edited them" in exchange.summary.summary.text()
    assert edited.read_text(encoding="utf-8") == "my own words\n"


def test_export_current_article_as_one_markdown_file_and_json(
    qtbot, app, exchange, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    aid = annotate(app.library)[0]
    app.controller.lib.select(aid)
    assert app.controller.reading.current_id == aid
    target = tmp_path / "one.md"
    exchange.chooser.path = target
    dialog = exchange.open_export()
    assert dialog.scope.kind() == CURRENT
    dialog.choose_format(MARKDOWN_FILE)
    dialog.destination.button.click()
    with qtbot.waitSignal(exchange.export_done, timeout=10_000) as done:
        dialog.export_button.click()
    assert done.args[0].articles == 1 and target.is_file()
    assert "科技服务业营收突破138亿元" in target.read_text(encoding="utf-8")

    target = tmp_path / "all.jsonld"
    exchange.chooser.path = target
    dialog = exchange.open_export()
    dialog.scope.choose(ANNOTATED)
    dialog.choose_format(JSON)
    dialog.destination.button.click()
    assert exchange.chooser.asked[-1] == JSON
    with qtbot.waitSignal(exchange.export_done, timeout=10_000) as done:
        dialog.export_button.click()
    assert done.args[0].highlights == 3
    assert '"type": "AnnotationCollection"' in target.read_text(encoding="utf-8")


def test_export_of_nothing_says_so(qtbot, app, exchange, tmp_path) -> None:  # type: ignore[no-untyped-def]
    exchange.chooser.path = tmp_path / "none"
    dialog = exchange.open_export()
    dialog.scope.choose(ANNOTATED)  # nothing is annotated yet
    dialog.destination.button.click()
    with qtbot.waitSignal(exchange.export_done, timeout=10_000) as done:
        dialog.export_button.click()
    assert done.args[0] is None
    assert exchange.summary.summary.text() == "No articles match: nothing was exported."
    assert not exchange.summary.open_button.isEnabled()
    assert not (tmp_path / "none").exists()


def test_cancelling_an_export_keeps_the_finished_files(
    qtbot, app, exchange, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    annotate(app.library)
    real = markdown.export_markdown
    worker_waited = []

    def export_until_cancelled(loaded, out, **kw):  # type: ignore[no-untyped-def]
        progress, event = kw["progress"], exchange.worker.cancel_event

        def after_each_file(done: int, total: int) -> None:
            progress(done, total)
            if done == 1:  # the user presses Cancel while the first file is done
                worker_waited.append(event.wait(10))

        return real(loaded, out, **{**kw, "progress": after_each_file})

    monkeypatch.setattr(markdown, "export_markdown", export_until_cancelled)  # loaded on use
    out = tmp_path / "export"
    exchange.chooser.path = out
    dialog = exchange.open_export()
    dialog.scope.choose(ANNOTATED)
    dialog.destination.button.click()
    dialog.export_button.click()
    qtbot.waitUntil(lambda: exchange.progress is not None and exchange.progress.value() == 1)
    progress = exchange.progress
    assert progress.labelText() == "Writing export…"
    with qtbot.waitSignal(exchange.export_done, timeout=10_000) as done:
        progress.findChild(QPushButton).click()
    report = done.args[0]
    assert worker_waited == [True]
    assert report.cancelled and len(report.written) == 1
    assert [p.name for p in out.glob("*.md")] == [report.written[0].name]
    assert "Export cancelled: the files written before stay." in exchange.summary.summary.text()
    assert exchange.progress is None and not exchange.running


# --- share ---------------------------------------------------------------------------


def test_share_writes_a_file_read_share_accepts(qtbot, app, exchange, tmp_path) -> None:  # type: ignore[no-untyped-def]
    annotate(app.library)
    target = tmp_path / "out" / "mine.sqlite"
    target.parent.mkdir()
    exchange.chooser.path = target
    dialog = exchange.open_share()
    assert dialog.scope.kind() == ANNOTATED and not dialog.share_button.isEnabled()
    dialog.destination.button.click()
    with qtbot.waitSignal(exchange.share_done, timeout=10_000) as done:
        dialog.share_button.click()
    report = done.args[0]
    assert report.path == target and report.articles == 3 and report.highlights == 3
    bundle = read_share(target)
    assert len(bundle.articles) == 3 and len(bundle.highlights) == 3
    assert exchange.message.textFormat() == Qt.TextFormat.PlainText
    assert exchange.message.text().startswith("Wrote mine.sqlite: 3 articles, 3 highlights")


# --- merge ---------------------------------------------------------------------------


def test_a_hostile_share_file_is_refused_and_the_library_untouched(
    qtbot, app, exchange, sender, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    annotate(sender)
    good = share_of(sender, tmp_path / "good.sqlite")
    hostile = tmp_path / "hostile.sqlite"
    shutil.copy(good, hostile)
    db = sqlite3.connect(hostile)
    db.execute("CREATE TRIGGER wipe AFTER INSERT ON highlights BEGIN DELETE FROM articles; END")
    db.commit()
    db.close()
    before = library_bytes(app.library)
    exchange.chooser.path = hostile
    with qtbot.waitSignal(exchange.failed, timeout=10_000) as failed:
        assert exchange.open_merge()
    message = failed.args[0]
    assert "hostile.sqlite" in message and "trigger" in message and "\n" not in message
    assert exchange.report is None  # no dry-run report, no Merge button
    assert exchange.message.text() == message
    assert exchange.message.textFormat() == Qt.TextFormat.PlainText
    assert library_bytes(app.library) == before
    assert not list(tmp_path.glob("library.sqlite.backup*"))


def test_dry_run_report_then_merge(qtbot, app, exchange, sender, tmp_path) -> None:  # type: ignore[no-untyped-def]
    lib = app.library
    annotate(sender)
    sender.highlight_quote(article_with(sender, HOSTILE_QUOTE), HOSTILE_QUOTE)
    share = share_of(sender, tmp_path / "theirs.sqlite")
    exchange.chooser.path = share
    with qtbot.waitSignal(exchange.merge_previewed, timeout=10_000) as previewed:
        assert exchange.open_merge()
    report = previewed.args[0]
    assert report.dry_run
    dialog = exchange.report
    rows = {
        dialog.counts.topLevelItem(i).text(0): [
            dialog.counts.topLevelItem(i).text(c) for c in range(1, 7)
        ]
        for i in range(dialog.counts.topLevelItemCount())
    }
    # added, updated, unchanged, conflicts, re-anchored, orphaned
    assert rows["highlight"] == ["4", "0", "0", "0", "0", "0"]
    assert rows["article"][:3] == ["1", "0", "3"]  # the hostile page's article is new
    assert rows["note"][4:] == ["—", "—"]
    assert dialog.items.topLevelItemCount() == len(report.items) == 5
    assert dialog.merge_button.isEnabled()
    assert sum(1 for a in lib.article_ids() for h in lib.get_article(a).highlights) == 0
    assert not list(tmp_path.glob("library.sqlite.backup*"))  # a dry run writes nothing

    with qtbot.waitSignal(exchange.merged, timeout=10_000) as merged:
        dialog.merge_button.click()
    done = merged.args[0]
    assert not done.dry_run and done.backup is not None and done.backup.is_file()
    assert done.backup.name in exchange.message.text()
    assert exchange.message.text().startswith("Merged theirs.sqlite.")
    assert len(lib.article_ids()) == 5
    assert sum(len(lib.get_article(a).highlights) for a in lib.article_ids()) == 4
    assert app.controller.lib.articles.rowCount() == 5  # the window refreshed


def test_report_and_orphans_show_hostile_text_literally(
    qtbot, app, exchange, sender, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    aid = article_with(sender, HOSTILE_QUOTE)
    title = sender.get_article(aid).article.title
    assert title is not None and "<script>" in title
    sender.highlight_quote(aid, HOSTILE_QUOTE, note=HOSTILE_NOTE)
    share = share_of(sender, tmp_path / "hostile-text.sqlite")
    exchange.chooser.path = share
    with qtbot.waitSignal(exchange.merge_previewed, timeout=10_000):
        exchange.open_merge()
    dialog = exchange.report
    assert dialog.heading.textFormat() == Qt.TextFormat.PlainText
    rows = [
        [dialog.items.topLevelItem(i).text(c) for c in range(4)]
        for i in range(dialog.items.topLevelItemCount())
    ]
    assert any(r[:3] == ["article", "added", title] for r in rows)
    assert ["highlight", "added", title, HOSTILE_QUOTE] in rows
    dialog.reject()

    # merged where the quote cannot be placed: kept as an orphan, shown literally
    merge_bundle(app.library, read_share(share), placer=lambda _s, _b: None, backup=False)
    orphans = exchange.show_orphans()
    assert orphans.table.topLevelItemCount() == 1
    row = orphans.table.topLevelItem(0)
    assert [row.text(c) for c in range(4)] == [
        HOSTILE_QUOTE,
        HOSTILE_NOTE,
        sender.get_article(aid).highlights[0].author,
        title,
    ]
    assert row.text(4) == "重要"  # the colour's meaning from the palette
    assert orphans.explain.textFormat() == Qt.TextFormat.PlainText


def test_orphans_are_listed_and_noticed_when_their_article_opens(
    qtbot, app, exchange, sender
) -> None:  # type: ignore[no-untyped-def]
    annotate(sender)
    lib = app.library
    bundle = read_share(share_of(sender, lib.path.parent / "orphans.sqlite"))
    report = merge_bundle(lib, bundle, placer=lambda _s, _b: None, backup=False)
    assert len(report.orphans) == 3
    app.controller.bus.publish(report.changes)
    app.window.actions_.orphans.trigger()
    dialog = exchange.orphans_dialog
    assert dialog.table.topLevelItemCount() == 3
    quotes = {dialog.table.topLevelItem(i).text(0) for i in range(3)}
    assert "科技服务业营收突破138亿元" in quotes

    aid = article_with(lib, "科技服务业营收突破138亿元")
    dialog.accept()
    app.controller.lib.select(aid)
    qtbot.waitUntil(lambda: exchange.orphan_button.isVisible())
    assert exchange.orphan_button.text() == "1 unplaced highlight"
    assert "could not be placed" in app.window.statusBar().currentMessage()
    exchange.orphan_button.click()
    one = exchange.orphans_dialog
    assert one.table.topLevelItemCount() == 1
    assert one.explain.text().startswith("In “")

    with_orphans = {o.article_id for o in lib.read(list_orphans)}
    other = next(a for a in lib.article_ids() if a not in with_orphans)
    app.controller.lib.select(other)
    qtbot.waitUntil(lambda: not exchange.orphan_button.isVisible())


def test_menus_and_shortcut(app) -> None:  # type: ignore[no-untyped-def]
    a = app.window.actions_
    assert a.export.shortcut().toString() == "Ctrl+E"
    file_menu = app.window.menuBar().actions()[0].menu()
    assert {a.export, a.share, a.merge_share} <= set(file_menu.actions())
    from reader.gui.shortcuts_view import shortcut_rows

    assert ("Export…", "Ctrl+E") in shortcut_rows(a.all())


def test_reading_view_names_unplaced_highlights_and_shows_them(
    qtbot, app, exchange, sender
) -> None:  # type: ignore[no-untyped-def]
    annotate(sender)
    lib = app.library
    bundle = read_share(share_of(sender, lib.path.parent / "orphans.sqlite"))
    merge_bundle(lib, bundle, placer=lambda _s, _b: None, backup=False)
    pane = app.window.reading
    aid = article_with(lib, "科技服务业营收突破138亿元")
    app.controller.lib.select(aid)
    qtbot.waitUntil(lambda: pane.orphan_note.isVisible())
    assert pane.orphan_text.text() == "1 highlight could not be placed —"
    assert pane.orphan_text.textFormat() == Qt.TextFormat.PlainText
    assert pane.orphan_note.geometry().bottom() <= pane.stack.geometry().top()  # above the text
    pane.orphan_show.click()
    dialog = exchange.orphans_dialog
    assert dialog.isVisible() and dialog.table.topLevelItemCount() == 1
    assert {o.article_id for o in lib.read(list_orphans, aid)} == {aid}
    dialog.reject()
    with_orphans = {o.article_id for o in lib.read(list_orphans)}
    other = next(a for a in lib.article_ids() if a not in with_orphans)
    app.controller.lib.select(other)
    qtbot.waitUntil(lambda: not pane.orphan_note.isVisible())


def test_report_lists_edits_not_applied_because_of_their_author(
    qtbot, app, exchange, sender, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    annotate(sender)
    merge_bundle(app.library, read_share(share_of(sender, tmp_path / "one.sqlite")), backup=False)
    with sqlite3.connect(sender.path) as db:
        db.execute(
            "UPDATE highlights SET note = '改写', author = '冒名者', updated_at = "
            "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '+1 hour') "
            "WHERE id = (SELECT min(id) FROM highlights)"
        )
    exchange.chooser.path = share_of(sender, tmp_path / "two.sqlite")
    with qtbot.waitSignal(exchange.merge_previewed, timeout=10_000):
        assert exchange.open_merge()
    dialog = exchange.report
    assert dialog.counts.headerItem().text(7) == "not applied"
    rows = [
        [dialog.items.topLevelItem(i).text(c) for c in range(4)]
        for i in range(dialog.items.topLevelItemCount())
    ]
    [row] = [r for r in rows if r[1] == "not applied"]
    assert row[0] == "highlight" and row[3].startswith("冒名者 is not the author (")
    assert not dialog.merge_button.isEnabled()  # nothing else would change
    dialog.reject()
