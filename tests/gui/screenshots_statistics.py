"""Screenshots of the Statistics window, in English and in Chinese (run by hand).

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python tests/gui/screenshots_statistics.py /tmp/shots

A library of dated pages over a year (tags, colours, two authors, a reprint) and an empty
one; every tab, the share line, the saved PNG and SVG, and the empty states. Everything
the app writes goes to a temporary folder.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

STORIES = [
    (
        "呼和浩特地铁{n}号线进展顺利",
        "呼和浩特市地铁{n}号线建设进展顺利,连接赛罕区与新城区。市交通运输局局长王建国介绍了工期安排。",
    ),
    (
        "赛罕区老旧小区改造第{n}批启动",
        "赛罕区今年改造老旧小区{n}十个,加装电梯、更新管网。区住建局表示方案已征求居民意见。",
    ),
    (
        "青城公园新增便民驿站{n}处",
        "记者从市园林局了解到,青城公园新增便民驿站{n}处。市民苏日娜说,带孩子来公园方便多了。",
    ),
    (
        "冬季供热第{n}周运行平稳",
        "市供热公司表示,全市供热运行平稳,热线接到的报修均已处理完毕,包头和鄂尔多斯也在推进。",
    ),
    (
        "内蒙古博物院推出第{n}期展览",
        "内蒙古博物院推出马头琴演奏和非遗展示,游客可在大召寺附近的塞上老街品尝特色美食。",
    ),
]


def write_year(folder: Path) -> None:
    rng = random.Random(5)
    folder.mkdir(parents=True, exist_ok=True)
    day = date(2025, 1, 6)
    for week in range(52):
        d = day + timedelta(days=7 * week)
        parts = []
        for title, body in rng.sample(STORIES, rng.randint(1, 3)):
            n = rng.randint(1, 9)
            parts.append(f"# {title.format(n=n)}\n\n本报讯 {body.format(n=n)}\n")
        (folder / f"呼和浩特日报_{d.isoformat()}_第01版.txt").write_text(
            "\n".join(parts), encoding="utf-8"
        )


def annotate(library) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(9)
    place = library.ensure_tag("地点")[0]
    saihan = library.ensure_tag("赛罕区")[0]
    library.nest_tag(saihan, place)
    transport = library.ensure_tag("交通")[0]
    livelihood = library.ensure_tag("民生")[0]
    for s in library.list_articles():
        title = s.title or ""
        if "地铁" in title:
            library.tag_article(s.id, transport)
        if "小区" in title or "供热" in title:
            library.tag_article(s.id, livelihood)
        if "赛罕区" in title:
            library.tag_article(s.id, saihan)
        if rng.random() < 0.5:
            for who in ("甲", "乙"):
                h, _ = library.add_highlight(
                    s.id, 0, 6, author=who, colour=rng.choice(["疑问", "重要", "数据"])
                )
                if who == "甲" or rng.random() < 0.6:
                    library.tag_highlight(h, rng.choice([place, transport, livelihood]))


def main(out: Path) -> int:
    from tests.gui.shots import Shots

    shots = Shots(out)  # first: the user folders move before anything looks them up
    tmp, app = shots.tmp, shots.app
    from reader.gui.i18n import Translations
    from reader.gui.statistics_controller import StatisticsController
    from reader.store.library import Library

    translations = Translations(app)
    shot = shots.shot

    class Chooser:
        def save(self, parent, caption, name, kinds):  # type: ignore[no-untyped-def]
            return str(out / name)

    library = Library.open(tmp / "library.sqlite")
    write_year(tmp / "pages")
    library.import_paths([tmp / "pages"])
    annotate(library)
    empty = Library.open(tmp / "empty.sqlite")

    for lang in ("en", "zh_CN"):
        translations.apply(lang)
        c = StatisticsController(library, None, None, Chooser())
        w = c.window
        w.resize(1100, 640)
        c.show()
        t = w.over_time
        shot(w, f"stats-{lang}-1-all-by-month")
        t.tag.setCurrentIndex(t.tag.findData("地点"))
        shot(w, f"stats-{lang}-2-tag-by-month")
        t.by.setCurrentIndex(t.by.findData("week"))
        shot(w, f"stats-{lang}-3-tag-by-week")
        t.by.setCurrentIndex(t.by.findData("month"))
        t.tag.setCurrentIndex(0)
        t.term.setText("地铁")
        t.term.editingFinished.emit()
        t.share.setChecked(True)
        shot(w, f"stats-{lang}-4-term-share")
        c.save_chart("png")
        c.save_chart("svg")
        t.share.setChecked(False)
        t.term.setText("")
        t.term.editingFinished.emit()
        t.entity.setText("没有这个人")
        t.entity.editingFinished.emit()
        shot(w, f"stats-{lang}-5-nothing-matched")
        t.entity.setText("")
        t.entity.editingFinished.emit()
        for i, name in ((1, "6-together"), (2, "7-entities"), (3, "8-agreement")):
            w.tabs.setCurrentIndex(i)
            if i == 1:
                w.together.matrix.setCurrentCell(0, 0)
                c.drill_down(0, 0)
            if i == 3 and w.agreement.table.rowCount():
                w.agreement.table.setCurrentCell(0, 0)
            shot(w, f"stats-{lang}-{name}")
        w.close()
        e = StatisticsController(empty, None, None, Chooser())
        e.window.resize(1100, 640)
        e.show()
        shot(e.window, f"stats-{lang}-9-empty-library")
        for i in (1, 2, 3):
            e.window.tabs.setCurrentIndex(i)
            shot(e.window, f"stats-{lang}-9-empty-library-tab{i}")
        e.window.close()
    os.replace(out / "pizhu-chart.png", out / "saved-chart.png")
    os.replace(out / "pizhu-chart.svg", out / "saved-chart.svg")
    library.close()
    empty.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "shots")))
