"""Statistics over issue dates: periods, filters, nested tags, terms, CSV/JSON, co-occurrence."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis import dates
from reader.analysis.service import Analysis
from reader.analysis.stats import Filters
from reader.cli import main
from reader.store.library import Library
from tests.analysis.conftest import article


def _tagged(lib: Library) -> None:
    metro = article(lib, "呼和浩特地铁3号线试运行", "2026-01-05")
    old = article(lib, "赛罕区老旧小区改造启动")
    heat = article(lib, "冬季供热保障有力")
    place = lib.ensure_tag("地点")[0]
    saihan = lib.ensure_tag("赛罕区")[0]
    lib.nest_tag(saihan, place)
    livelihood = lib.ensure_tag("民生")[0]
    lib.tag_article(old, saihan)  # counts for 地点 through nesting
    lib.tag_article(old, livelihood)
    lib.tag_article(heat, livelihood)
    hid, _ = lib.add_highlight(metro, 0, 5, colour="疑问", author="甲")
    lib.tag_highlight(hid, place)
    lib.add_highlight(old, 0, 3, colour="yellow", author="乙")


def test_monthly_counts_roll_nested_tags_up(dated: Library) -> None:
    _tagged(dated)
    series = Analysis(dated).stats("month", Filters(tag="地点"))
    rows = {r.period: r for r in series.rows}
    assert list(rows) == ["2026-01", "2026-02"]
    assert (rows["2026-01"].articles, rows["2026-01"].matched) == (4, 2)
    assert rows["2026-01"].highlights == 1  # the tagged highlight, not the untagged one
    assert rows["2026-02"].matched == 0
    assert rows["2026-01"].share == pytest.approx(0.5)


def test_days_and_weeks_are_continuous_and_colour_author_filter(dated: Library) -> None:
    _tagged(dated)
    an = Analysis(dated)
    days = an.stats("day", Filters())
    assert days.rows[0].period == "2026-01-05" and days.rows[-1].period == "2026-02-03"
    assert len(days.rows) == 30 and sum(r.articles for r in days.rows) == 6
    weeks = an.stats("week", Filters(colour="疑问"))
    assert weeks.rows[0].period == "2026-W02"
    assert sum(r.matched for r in weeks.rows) == 1
    assert sum(r.highlights for r in an.stats("month", Filters(author="乙")).rows) == 1


def test_term_counts_match_the_search(dated: Library) -> None:
    series = Analysis(dated).stats("month", Filters(term="地铁"))
    assert [(r.period, r.matched, r.articles) for r in series.rows] == [
        ("2026-01", 1, 4),
        ("2026-02", 1, 2),
    ]
    assert dated.count_matches("地铁") == 2


def test_cli_csv_and_json(
    dated: Library, lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tagged(dated)
    lib = str(lib_path)
    assert main(["--library", lib, "stats", "--by", "month", "--tag", "民生", "--csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "period,articles,matched,highlights,share"
    assert out[1] == "2026-01,4,2,0,0.500000"
    assert main(["--library", lib, "stats", "--term", "地铁", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["filters"] == {"term": "地铁"} and data["rows"][1]["share"] == 0.5
    assert main(["--library", lib, "stats", "--tag", "没有这个"]) == 1
    assert capsys.readouterr().err.strip() == "pizhu: no tag named '没有这个'"


def test_cooccurrence_matrix_and_drill_down(
    dated: Library, lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tagged(dated)
    m = Analysis(dated).cooccurrence("article")
    i, j, k = (m.tags.index(t) for t in ("民生", "地点", "地点 › 赛罕区"))
    assert m.counts[i][j] == m.counts[j][i] == 1  # the old-housing article
    assert m.counts[j][j] == 2 and m.counts[i][i] == 2 and m.counts[j][k] == 1
    assert Analysis(dated).with_both("民生", "地点") == [article(dated, "赛罕区老旧小区改造启动")]
    hl = Analysis(dated).cooccurrence("highlight")
    assert hl.counts[hl.tags.index("民生")][hl.tags.index("地点")] == 0
    assert main(["--library", str(lib_path), "cooccur", "--both", "民生", "地点"]) == 0
    assert "赛罕区老旧小区改造启动" in capsys.readouterr().out


_DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@settings(deadline=None, max_examples=50)
@given(_DAYS, _DAYS)
def test_periods_cover_every_day_once(a: date, b: date) -> None:
    first, last = sorted([a, b])
    for by in dates.PERIODS:
        labels = dates.periods_between(first.isoformat(), last.isoformat(), by)
        assert len(labels) == len(set(labels))
        assert labels[0] == dates.period_of(first.isoformat(), by)
        assert labels[-1] == dates.period_of(last.isoformat(), by)
        assert labels == sorted(labels)
