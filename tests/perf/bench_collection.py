"""The collection at scale (run by hand; not collected by pytest):

    .venv/bin/python tests/perf/bench_collection.py [--articles 150000]

1. builds (once, cached in the temp folder) a library of N articles on N/10 pages
   (tests/perf/bench_gui.py's generator) and moves 1% of the articles to the trash;
2. process start → main window painted (the Papers tree by paper/year/month/issue/page,
   the article list), best and worst of 3 fresh processes; target under 1.0 s;
3. in one window: sorting the article list by date (newest first), by title, by
   highlights, and back to library order — each the header click's whole path (query,
   model reset, repaint); target under 200 ms for the date.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf.bench_gui import build, startup  # noqa: E402


def _trash_some(path: Path, n: int) -> None:
    with sqlite3.connect(path) as con:
        con.execute(
            "UPDATE articles SET deleted_at = '2026-01-02T00:00:00+00:00' WHERE id % 100 = 7"
        )
        con.execute("UPDATE source_files SET page_name = '要闻' WHERE page = '1'")


def sorting(path: Path, runs: int = 5) -> dict[str, list[float]]:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import App, make_application
    from reader.gui.settings import Settings
    from reader.store.library import Library

    app = make_application()
    lib = Library.open(path)
    main = App(
        app,
        lib,
        Settings(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)),
    )
    main.show()
    QApplication.processEvents()
    header = main.window.library.articles.horizontalHeader()
    table = main.window.library.articles
    out: dict[str, list[float]] = {}
    cases = [
        ("date, newest first", 1, Qt.SortOrder.DescendingOrder),
        ("title", 0, Qt.SortOrder.AscendingOrder),
        ("highlights", 5, Qt.SortOrder.DescendingOrder),
    ]
    for _ in range(runs):
        for name, col, order in cases:
            t = time.perf_counter()
            header.setSortIndicator(col, order)
            table.viewport().repaint()
            QApplication.processEvents()
            out.setdefault(name, []).append(time.perf_counter() - t)
            t = time.perf_counter()
            main.controller.lib.library_order()
            table.viewport().repaint()
            QApplication.processEvents()
            out.setdefault("library order", []).append(time.perf_counter() - t)
    main.window.close()
    lib.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=150_000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path = Path(tempfile.gettempdir()) / f"pizhu-bench-collection-{args.articles}.sqlite"
    if not path.exists():
        t = time.perf_counter()
        build(path, args.articles)
        _trash_some(path, args.articles)
        print(f"built {args.articles} articles in {time.perf_counter() - t:.1f} s")
    runs = [startup(path) for _ in range(3)]
    print(f"process start → window painted: {min(runs):.2f} s best, {max(runs):.2f} s worst of 3")
    for name, times in sorting(path).items():
        print(
            f"sort by {name}: median {statistics.median(times) * 1000:.0f} ms, "
            f"worst {max(times) * 1000:.0f} ms ({len(times)} runs)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
