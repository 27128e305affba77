"""Importing off the UI thread, with progress, cancel (what finished stays) and a report."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Slot

from reader.gui.import_worker import ImportWorker
from tests.gui.conftest import PAGE_ONE, PAGE_TWO


class Receiver(QObject):
    """Lives in the GUI thread, so signals from the worker reach it queued."""

    def __init__(self, on_progress) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.on_progress = on_progress
        self.summary = None

    @Slot(object)
    def finished(self, summary) -> None:  # type: ignore[no-untyped-def]
        self.summary = summary

    @Slot(int, int, str)
    def progress(self, done: int, total: int, path: str) -> None:
        self.on_progress(done, total, path)


def _many(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"晚报-2026-04-{i + 1:02d}-第1版.txt"
        p.write_text(
            (PAGE_ONE if i % 2 else PAGE_TWO)
            .replace("呼和浩特", f"城市{i}")
            .replace("博物院", f"博物院{i}"),
            encoding="utf-8",
        )
        out.append(p)
    return out


def test_worker_runs_in_its_thread_and_reports_progress(qtbot, library, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pages = _many(tmp_path / "p", 3)
    worker = ImportWorker(library, pages)
    thread = QThread()
    worker.moveToThread(thread)
    seen: list[tuple[int, int]] = []
    threads: list[int] = []
    receiver = Receiver(
        lambda d, t, _p: (seen.append((d, t)), threads.append(threading.get_ident()))
    )
    worker.progress.connect(receiver.progress)
    worker.finished.connect(receiver.finished)
    thread.started.connect(worker.run)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    qtbot.waitUntil(lambda: receiver.summary is not None, timeout=20_000)
    thread.quit()
    thread.wait()
    assert receiver.summary.imported == 3
    assert seen[-1] == (3, 3)
    assert set(threads) == {threading.get_ident()}  # slots ran on the GUI thread, via signals


def test_cancel_keeps_what_finished(app, qtbot, filled, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pages = _many(tmp_path / "many", 6)
    imports = app.controller.imports
    # The worker waits after its first file until the GUI thread has pressed Cancel.
    gate = threading.Event()
    plain = ImportWorker._on_progress

    def gated(self, p) -> None:  # type: ignore[no-untyped-def]
        plain(self, p)
        if p.result is not None and p.index == 0:
            gate.wait(10)

    monkeypatch.setattr(ImportWorker, "_on_progress", gated)

    def press_cancel(done: int, _total: int, _path: str) -> None:
        if done >= 1 and not gate.is_set():
            imports.cancel()
            gate.set()

    receiver = Receiver(press_cancel)
    with qtbot.waitSignal(imports.done, timeout=20_000) as done:
        assert imports.start(pages)
        imports.worker.progress.connect(receiver.progress)
        assert not imports.start(pages)  # one import at a time
    summary = done.args[0]
    assert summary.cancelled and summary.imported == 1, summary.to_json()
    assert len(filled.sources()) == 2 + summary.imported  # what finished stays
    assert imports.report is not None and "cancelled" in imports.report.summary.text()
    assert app.controller.lib.articles.rowCount() == len(filled.article_ids())
    imports.report.close()


def test_failures_are_listed_with_reasons(app, qtbot, tmp_path, pages) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8broken" * 3)
    missing = tmp_path / "missing.txt"
    imports = app.controller.imports
    with qtbot.waitSignal(imports.done, timeout=20_000) as done:
        imports.start([bad, missing, pages[0]])
    summary = done.args[0]
    assert summary.skipped == 1  # pages[0] is already in the library
    report = imports.report
    rows = {
        report.files.topLevelItem(i).text(0): report.files.topLevelItem(i)
        for i in range(report.files.topLevelItemCount())
    }
    assert "missing.txt" in rows and rows["missing.txt"].text(1) == "failed"
    assert "no such file" in rows["missing.txt"].text(2)
    assert rows[pages[0].name].text(1) == "skipped" and "already imported" in rows[
        pages[0].name
    ].text(2)
    report.close()
