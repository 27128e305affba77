"""Benchmark: an article with 500 highlights — load it, add one more (core only).

Run by hand: ``.venv/bin/python tests/perf/bench_annotations.py``. The GUI side adds
the render time on top of the load measured here (``gui()``: the real window offscreen,
opening the article — load, document, 500 highlights painted, cards, first paint — and
adding a highlight from a selection — core operation, repaint of its range, panel).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.store import operations
from reader.store.library import Library

SENTENCE = (
    "呼和浩特市今年新建改造老旧小区一百二十个,惠及居民三万余户,"
    "赛罕区新城区同步推进便民驿站建设,PM2.5年均浓度下降百分之八。"
)


def page(paragraphs: int) -> str:
    rng = random.Random(7)
    body = []
    for i in range(paragraphs):
        words = list(SENTENCE)
        rng.shuffle(words)
        body.append(f"第{i}段:" + "".join(words[:60]) + "。")
    return "# 城市更新织密生活圈\n\n●本报记者 王晓\n\n" + "\n\n".join(body) + "\n"


def ms(samples: list[float]) -> str:
    s = sorted(samples)
    return f"median {statistics.median(s) * 1000:.1f} ms, p95 {s[int(len(s) * 0.95)] * 1000:.1f} ms"


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="pizhu-bench-"))
    (root / "p.txt").write_text(page(300), encoding="utf-8")
    lib = Library.open(root / "library.sqlite")
    lib.import_paths([root / "p.txt"])
    (aid,) = lib.article_ids()
    text = lib.get_article(aid).text
    lib.cut("预热")
    rng = random.Random(1)
    tags = [lib.ensure_tag(n)[0] for n in ("重要", "地点", "数据", "人物", "待查")]
    colours = ["yellow", "blue", "green", "pink", "purple"]
    t0 = time.perf_counter()
    for i in range(500):
        s = rng.randrange(0, len(text) - 40)
        hid, _ = lib.add_highlight(
            aid,
            s,
            s + rng.randrange(2, 40),
            colour=colours[i % 5],
            note=f"第{i}条笔记" if i % 3 == 0 else "",
        )
        if i % 2 == 0:
            lib.tag_highlight(hid, tags[i % 5])
    fill = time.perf_counter() - t0
    print(
        f"article: {len(text)} characters; 500 highlights (1/3 with notes, 1/2 tagged) "
        f"added in {fill:.1f} s"
    )

    loads = []
    for _ in range(30):
        t = time.perf_counter()
        detail = lib.get_article(aid)
        loads.append(time.perf_counter() - t)
    assert len(detail.highlights) == 500
    print(f"load article with 500 highlights (get_article): {ms(loads)}")

    adds, notes, ops = [], [], []
    for i in range(30):
        s = rng.randrange(0, len(text) - 40)
        t = time.perf_counter()
        hid, _ = lib.add_highlight(aid, s, s + 12)
        adds.append(time.perf_counter() - t)
        t = time.perf_counter()
        lib.update_highlight(hid, note=f"补充笔记{i}")
        notes.append(time.perf_counter() - t)
        t = time.perf_counter()
        done = lib.run(operations.AddHighlight(aid, s, s + 8, "blue", "", ("新标签",)))
        ops.append(time.perf_counter() - t)
        lib.run(done.inverse)
    print(f"add a highlight (add_highlight, no note): {ms(adds)}")
    print(f"set a highlight's note (update_highlight; re-indexes the article's notes): {ms(notes)}")
    print(f"add a highlight with a new tag (AddHighlight operation): {ms(ops)}")

    (src,) = lib.sources()
    t = time.perf_counter()
    report = lib.reparse_source(src.id)
    print(
        f"re-parse the page, re-anchoring {sum(report.methods.values())} highlights: "
        f"{(time.perf_counter() - t) * 1000:.0f} ms {report.methods}"
    )
    gui(root, lib, aid)
    lib.close()


def gui(root: Path, lib: Library, aid: int) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import App, make_application
    from reader.gui.settings import Settings

    qapp = make_application(["bench"])
    settings = Settings(QSettings(str(root / "pizhu.ini"), QSettings.Format.IniFormat))
    settings.set_language("en")
    app = App(qapp, lib, settings)
    c = app.controller
    c.annotations.tagging.suggestions.request = lambda _aid: None  # type: ignore[method-assign]
    app.window.resize(1360, 860)
    app.show()
    view = app.window.reading.view

    def painted() -> None:
        QApplication.processEvents()
        view.viewport().repaint()
        app.window.annotations.cards.viewport().repaint()

    c.reading.open(aid)  # warm-up: the first paint loads fonts and builds glyph caches
    painted()
    opens = []
    for _ in range(50):
        c.reading.close()
        painted()
        t = time.perf_counter()
        c.reading.open(aid)
        painted()
        opens.append(time.perf_counter() - t)
    n = len(c.annotations.highlights)
    print(f"GUI: open and render the article with {n} highlights (cards, first paint): {ms(opens)}")

    rng = random.Random(3)
    adds = []
    body = c.reading.detail.text if c.reading.detail else ""
    for _ in range(50):
        s = rng.randrange(0, len(body) - 40)
        ranges = c.annotations.reading.built.offsets  # type: ignore[union-attr]
        ds, de = ranges.to_doc(s), ranges.to_doc(s + 10)
        if ds is None or de is None:
            continue
        cur = QTextCursor(view.document())
        cur.setPosition(ds)
        cur.setPosition(de, QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cur)
        t = time.perf_counter()
        c.annotations.highlight_selection("green")
        painted()
        adds.append(time.perf_counter() - t)
    print(f"GUI: add a highlight to it (operation, repaint, cards): {ms(adds)}")
    app.window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
