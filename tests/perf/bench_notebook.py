"""The notebook at scale (run by hand; not collected by pytest):

    .venv/bin/python tests/perf/bench_notebook.py [--articles 150000] [--highlights 50000]

Builds (once, cached in the temp folder) a library of N articles on N/10 pages written
straight into SQLite (bench_gui's builder), then H highlights spread over the articles
(a third with notes, a quarter tagged under a nested tag, all six colours). Reports:

1. the core: the id query for each grouping and the first 200 rows' fields;
2. the window: from creating the notebook (filters filled, ids queried, model set) to
   the first paint of its table, offscreen, median and worst of several opens after one
   warm-up open.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf.bench_gui import PARAGRAPH, build  # noqa: E402

COLOURS = ["yellow", "blue", "green", "pink", "purple", "orange"]


def add_highlights(path: Path, n: int) -> None:
    con = sqlite3.connect(path)
    stamp = "2026-02-01T08:00:00+00:00"
    articles = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id")]
    with con:
        con.execute(
            "INSERT INTO tags (name, key, colour, parent_id, created_at) "
            "VALUES ('地点', '地点', NULL, NULL, ?)",
            (stamp,),
        )
        parent = con.execute("SELECT id FROM tags WHERE key = '地点'").fetchone()[0]
        tags = []
        for k in range(20):
            cur = con.execute(
                "INSERT INTO tags (name, key, colour, parent_id, created_at) VALUES (?,?,?,?,?)",
                (f"区{k}", f"区{k}", None, parent, stamp),
            )
            tags.append(cur.lastrowid)
        step = max(1, len(articles) // n)
        for i in range(n):
            aid = articles[(i * step) % len(articles)]
            start = (i * 7) % 30
            end = start + 5 + i % 6
            cur = con.execute(
                'INSERT INTO highlights (uuid, article_id, start, "end", exact, prefix, suffix, '
                "colour, note, author, created_at, updated_at, deleted, orphaned) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,0)",
                (
                    str(uuid.uuid4()),
                    aid,
                    start,
                    end,
                    PARAGRAPH[start:end],
                    PARAGRAPH[max(0, start - 32) : start],
                    PARAGRAPH[end : end + 32],
                    COLOURS[i % 6],
                    "需要核实的数据" if i % 3 == 0 else "",
                    f"编辑{i % 4}",
                    stamp,
                    stamp,
                ),
            )
            if i % 4 == 0:
                con.execute(
                    "INSERT INTO highlight_tags (highlight_id, tag_id) VALUES (?,?)",
                    (cur.lastrowid, tags[i % len(tags)]),
                )
    con.close()


def timed(fn, runs: int = 7) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """Median and worst wall time, and median CPU time of this process (ms): on a shared
    machine the CPU time says what the work costs, the wall time what waiting adds."""
    fn()
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(times), max(times), statistics.median(cpu)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=150_000)
    ap.add_argument("--highlights", type=int, default=50_000)
    args = ap.parse_args()
    folder = Path(tempfile.gettempdir()) / f"pizhu-bench-notebook-{args.articles}-{args.highlights}"
    folder.mkdir(exist_ok=True)
    path = folder / "library.sqlite"
    if not path.exists():
        t = time.perf_counter()
        build(path, args.articles)
        add_highlights(path, args.highlights)
        print(f"built {path} in {time.perf_counter() - t:.1f} s")

    from reader.store.library import Library
    from reader.store.notebook import NotebookFilter, notebook_index, notebook_rows

    lib = Library.open(path)
    print(f"{len(lib.article_ids())} articles, {len(notebook_index(lib).rows)} highlights")

    def report(what: str, med: float, worst: float, cpu: float) -> None:
        print(f"{what}: median {med:.0f} ms, worst {worst:.0f} ms, CPU median {cpu:.0f} ms")

    for group in ("article", "tag", "colour"):
        report(
            f"core: ids grouped by {group}", *timed(lambda g=group: notebook_index(lib, group=g))
        )  # type: ignore[misc]
    ids = notebook_index(lib).highlight_ids[:200]
    report("core: first 200 rows", *timed(lambda: notebook_rows(lib, ids)))
    report(
        "core: filter by a nested tag",
        *timed(lambda: notebook_index(lib, NotebookFilter(tag="地点"))),
    )

    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from reader.gui.changes import ChangeBus
    from reader.gui.notebook_controller import NotebookController
    from reader.gui.settings import Settings

    app = QApplication.instance() or QApplication([])
    settings = Settings(QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat))
    bus, undo = ChangeBus(), QUndoStack()

    class Painted(QObject):
        done = False

        def eventFilter(self, obj, ev):  # type: ignore[no-untyped-def]
            if ev.type() == QEvent.Type.Paint:
                self.done = True
            return False

    def open_once() -> None:
        nb = NotebookController(lib, bus, undo, settings)
        painted = Painted()
        nb.window.table.viewport().installEventFilter(painted)
        nb.window.show()
        while not painted.done:
            app.processEvents()
        opened.append(nb)

    def close_all() -> None:
        for nb in opened:
            nb.window.close()
            nb.window.deleteLater()
        opened.clear()
        app.processEvents()

    opened: list[NotebookController] = []
    # after one warm-up open (fonts, styles); closing is outside the timing
    times, cpu = [], []
    for _ in range(8):
        t, c = time.perf_counter(), time.process_time()
        open_once()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        close_all()
    times, cpu = times[1:], cpu[1:]
    report(
        "window: notebook open to first paint (target < 300 ms)",
        statistics.median(times),
        max(times),
        statistics.median(cpu),
    )
    lib.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
