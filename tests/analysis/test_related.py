"""Related stories and reprints, found through the stored LSH bands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.analysis import signature as sig
from reader.analysis.service import Analysis
from reader.cli import main
from reader.store.library import Library
from tests.analysis.conftest import article


def test_a_reprint_is_the_most_related_and_clusters_with_its_first_date(dated: Library) -> None:
    first = article(dated, "呼和浩特地铁3号线试运行", "2026-01-05")
    again = article(dated, "呼和浩特地铁3号线试运行", "2026-02-03")
    an = Analysis(dated)
    top = an.related(again)[0]
    assert (top.article_id, top.reprint, top.date) == (first, True, "2026-01-05")
    clusters = an.clusters()
    assert len(clusters) == 1
    assert clusters[0].first_date == "2026-01-05" and clusters[0].first_id == first
    assert [m[0] for m in clusters[0].members] == [first, again]


def test_unrelated_articles_are_not_listed(dated: Library) -> None:
    heat = article(dated, "冬季供热保障有力")
    culture = article(dated, "春节文化活动丰富")
    assert culture not in {r.article_id for r in Analysis(dated).related(heat)}


def test_signature_estimates_jaccard() -> None:
    a = sig.signature("标题", "呼和浩特 地铁 试运行 赛罕区 新城区 公里 车站 乘客 免费 体验")
    b = sig.signature("标题", "呼和浩特 地铁 试运行 赛罕区 新城区 公里 车站 乘客 收费 体验")
    c = sig.signature(None, "冬季 供热 运行 平稳 热线 报修 室温 达标")
    assert sig.similarity(a, [a])[0] == 1.0
    assert sig.similarity(a, [b])[0] > sig.similarity(a, [c])[0]
    assert len(sig.band_keys(a)) == sig.BANDS
    assert sig.is_empty(sig.signature(None, "123 456"))


def test_cli_related_json(
    dated: Library, lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    again = article(dated, "呼和浩特地铁3号线试运行", "2026-02-03")
    assert main(["--library", str(lib_path), "related", str(again), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["article"] == again and data["related"][0]["reprint"] is True
    assert main(["--library", str(lib_path), "related", "--clusters", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["clusters"][0]["first_date"] == "2026-01-05"
    assert main(["--library", str(lib_path), "related", "99999"]) == 1
