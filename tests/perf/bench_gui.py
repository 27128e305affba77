"""Reader window at scale (run by hand; not collected by pytest):

    .venv/bin/python tests/perf/bench_gui.py [--articles 100000]

1. builds (once, cached in the temp folder) a library of N articles on N/10 pages,
   written straight into SQLite: the benchmark is about the window, not the parser;
2. starts ``pizhu --library …`` in a fresh process and reports the time from process
   start to the first paint of the main window;
3. in this process, scrolls the article list from top to bottom a page at a time and
   reports the slowest and median step (fetch + layout + paint).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.store import database, pagetext  # noqa: E402

PARAGRAPH = "呼和浩特市推动创新链、产业链、资金链、人才链深度融合,为高质量发展积蓄充足动能。"


def insert_page(con: sqlite3.Connection, page: int, stamp: str, day: str, number: str) -> int:
    """One page row of a generated library (its text is not needed by the benchmarks)."""
    cur = con.execute(
        "INSERT INTO source_files (path, name, sha256, text_hash, encoding, size, text, "
        "imported_at, paper, page_date, page) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            f"/p/{page}.txt",
            f"{page}.txt",
            f"{page:064x}",
            f"t{page:063x}",
            "utf-8",
            1,
            "",
            stamp,
            "青城晚报",
            day,
            number,
        ),
    )
    return int(cur.lastrowid or 0)


def build(path: Path, n: int) -> None:
    from reader.store.library import Library

    Library.open(path).close()  # schema and search fingerprint
    con = sqlite3.connect(path)
    database.add_functions(con)  # the blocks view reads the article text through it
    stamp = "2026-01-01T00:00:00+00:00"
    per_page = 10
    with con:
        for page in range(n // per_page):
            day = f"2025-{1 + page // 280 % 12:02d}-{1 + page // 10 % 28:02d}"
            sid = insert_page(con, page, stamp, day, str(page % 10 + 1))
            for k in range(per_page):
                title = f"第{page}版第{k}篇:城市更新织密生活圈"
                cur = con.execute(
                    "INSERT INTO articles (uuid, source_id, ordinal, title, kind, kicker, authors, "
                    "photographers, continued_from, continued_on, text, content_hash, flags, consumed, "
                    "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        str(uuid.uuid4()),
                        sid,
                        k,
                        title,
                        "article",
                        None,
                        json.dumps([f"记者{k}"]),
                        "[]",
                        None,
                        None,
                        pagetext.encode_plain(PARAGRAPH),  # as a library stores it
                        "h",
                        "[]",
                        "[]",
                        stamp,
                    ),
                )
                con.execute(
                    "INSERT INTO blocks (article_id, ordinal, type, text, start, spans, flags) "
                    "VALUES (?,?,?,?,?,?,?)",
                    (cur.lastrowid, 0, "paragraph", PARAGRAPH, 0, "[[0, 40]]", "[]"),
                )
    con.close()


STARTUP = r"""
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication
from reader.gui.app import App, _back_up_daily, make_application
from reader.gui.settings import Settings
from reader.store.library import Library
app = make_application()
lib = Library.open(sys.argv[2], daily_backup=False)  # as reader.gui.app.run opens it
main = App(app, lib, Settings())
class Painted(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint and not hasattr(self, "t"):
            self.t = time.time()
            print(f"SHOWN {self.t - t0:.3f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
painted = Painted()
main.window.installEventFilter(painted)
main.show()
backing_up = _back_up_daily(main)  # a day's first start: the backup runs beside the paint
app.exec()
backing_up.join()
"""


def startup(path: Path) -> float:
    # An installed Pizhu has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile every module at each start instead.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "reader")], check=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=tempfile.mkdtemp())
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", STARTUP, repr(t0), str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out.split("SHOWN", 1)[1].split()[0])


def scroll(path: Path) -> tuple[float, float, int, int]:
    from PySide6.QtCore import QSettings
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
    table = main.window.library.articles
    bar = table.verticalScrollBar()
    steps: list[float] = []
    value = 0
    while value < bar.maximum():
        value = min(bar.maximum(), value + bar.pageStep())
        t = time.perf_counter()
        bar.setValue(value)
        table.viewport().repaint()
        QApplication.processEvents()
        steps.append(time.perf_counter() - t)
    fetches = main.controller.lib.articles.fetches
    main.window.close()
    lib.close()
    return max(steps), statistics.median(steps), len(steps), fetches


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path = Path(tempfile.gettempdir()) / f"pizhu-bench-{args.articles}.sqlite"
    if not path.exists():
        t = time.perf_counter()
        build(path, args.articles)
        print(f"built {args.articles} articles in {time.perf_counter() - t:.1f} s")
    runs = [startup(path) for _ in range(3)]
    print(f"process start → window painted: {min(runs):.2f} s best, {max(runs):.2f} s worst of 3")
    worst, median, n, fetches = scroll(path)
    print(
        f"scrolled {n} pages of the article list: median {median * 1000:.1f} ms, "
        f"worst {worst * 1000:.1f} ms per page ({fetches} chunk fetches)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
