"""Fixtures for the library tests: every library lives in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.store.library import Library
from tests.conftest import SAMPLES, SHARED

SMALL_PAGE = (
    "# 青城公园新增十二处便民驿站\n\n●本报记者 王晓\n\n"
    "本报讯(记者 王晓 通讯员 李青)记者从市园林局了解到,今年全市公园新增便民驿站十二处,"
    "提供饮水、充电和休息服务,PM2.5监测屏同步上线。\n\n"
    "市民张女士说:“带孩子来公园方便多了。”\n\n"
    "# 呼和浩特地铁3号线试运行\n\n●本报记者 李青\n\n"
    "本报讯(记者 李青)呼和浩特市地铁3号线今日开始试运行,全长21.5公里,设站15座。"
    "Metro Line 3 连接赛罕区与新城区。\n"
)


def corpus_pages() -> list[Path]:
    """The sample pages and the shared corpus pages that are present."""
    pages = [*sorted(SAMPLES.glob("*.txt")), *sorted(SAMPLES.glob("*.md"))]
    pages += sorted((SHARED / "corpus").glob("*.txt"))
    return [p for p in pages if p.is_file()]


def variant(text: str, i: int) -> str:
    """A distinct page with the same layout: one more paragraph naming its number."""
    return text.rstrip("\n") + f"\n\n第{i}号补充说明:本页样本编号为{i},仅供测试。\n"


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def library(lib_path: Path) -> Iterator[Library]:
    lib = Library.open(lib_path)
    yield lib
    lib.close()


@pytest.fixture
def small_page(tmp_path: Path) -> Path:
    page = tmp_path / "pages" / "呼和浩特日报_2026-01-15_第03版.txt"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(SMALL_PAGE, encoding="utf-8")
    return page


@pytest.fixture(scope="session")
def corpus_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """One library holding every sample/corpus page plus the small page, shared read-only."""
    root = tmp_path_factory.mktemp("corpus")
    pages = root / "pages"
    pages.mkdir()
    (pages / "small.txt").write_text(SMALL_PAGE, encoding="utf-8")
    for p in corpus_pages():
        (pages / p.name).write_bytes(p.read_bytes())
    lib = Library.open(root / "library.sqlite")
    summary = lib.import_paths([pages])
    assert summary.failed == 0, summary.to_json()
    yield lib
    lib.close()
