"""A small dated library for the analysis tests: pages on three days, a reprint."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.store.library import Library

PAGES = {
    "呼和浩特日报_2026-01-05_第01版.txt": (
        "# 呼和浩特地铁3号线试运行\n\n●本报记者 李青\n\n"
        "本报讯(记者 李青)呼和浩特市地铁3号线今日开始试运行,全长21.5公里,设站15座,"
        "连接赛罕区与新城区。市交通运输局局长王建国介绍,试运行期间乘客可免费体验。\n\n"
        "# 青城公园新增便民驿站\n\n"
        "记者从市园林局了解到,青城公园新增便民驿站十二处,提供饮水、充电和休息服务。"
        "市民苏日娜说:“带孩子来公园方便多了。”\n"
    ),
    "呼和浩特日报_2026-01-20_第02版.txt": (
        "# 赛罕区老旧小区改造启动\n\n"
        "赛罕区今年将改造老旧小区四十个,加装电梯、更新管网,惠及居民一万二千户。"
        "区住建局表示,改造方案已征求居民意见。呼市各区将陆续跟进。\n\n"
        "# 冬季供热保障有力\n\n"
        "市供热公司表示,全市供热运行平稳,热线接到的报修均已处理完毕,室温普遍达标。\n"
    ),
    # A reprint: the metro story again in another paper a month later.
    "北方晨报_2026-02-03_第05版.txt": (
        "# 呼和浩特地铁3号线试运行\n\n"
        "本报讯(记者 李青)呼和浩特市地铁3号线今日开始试运行,全长21.5公里,设站15座,"
        "连接赛罕区与新城区。市交通运输局局长王建国介绍,试运行期间乘客可免费体验。\n\n"
        "# 春节文化活动丰富\n\n"
        "春节期间,内蒙古博物院推出马头琴演奏和非遗展示,游客可在大召寺附近的塞上老街"
        "品尝特色美食,感受浓浓年味。\n"
    ),
}


def write_pages(root: Path) -> Path:
    pages = root / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for name, text in PAGES.items():
        (pages / name).write_text(text, encoding="utf-8")
    return pages


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def dated(lib_path: Path, tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(lib_path)
    summary = lib.import_paths([write_pages(tmp_path)])
    assert summary.failed == 0, summary.to_json()
    yield lib
    lib.close()


def article(lib: Library, title: str, date: str | None = None) -> int:
    """The id of the article with this title (on this date)."""
    for s in lib.list_articles():
        if s.title == title and (date is None or s.date == date):
            return int(s.id)
    raise AssertionError(f"no article {title!r} {date or ''}")
