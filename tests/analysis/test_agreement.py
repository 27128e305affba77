"""Agreement between authors of merged annotations, per tag and colour, articles and spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.analysis.agreement import Code, Mark, compare
from reader.analysis.service import Analysis
from reader.cli import main
from reader.store.library import Library
from tests.analysis.conftest import article


def _mark(article_id: int, author: str, start: int, end: int, colour: str = "yellow") -> Mark:
    return Mark(article_id, author, start, end, colour, frozenset(), True)


def test_span_agreement_weighs_characters() -> None:
    code = Code("colour", "重要", "yellow")
    marks = {
        1: [_mark(1, "甲", 0, 10), _mark(1, "乙", 0, 10)],
        2: [_mark(2, "甲", 0, 10), _mark(2, "乙", 5, 10)],
    }
    rep = compare(code, ["甲", "乙"], marks, {1: 20, 2: 20})
    # article level: both coded both articles yellow -> no variation, undefined
    assert rep.article.items == 2 and rep.article.kappa is None
    # span level: 40 characters, 5 disagree (article 2, 0..5)
    assert rep.span.kappa == pytest.approx(
        (35 / 40 - (20 * 15 + 20 * 25) / 1600) / (1 - 800 / 1600)
    )
    [d] = rep.disagreements
    assert (d.article_id, d.start, d.end, d.coded_by, d.not_by) == (2, 0, 5, ("甲",), ("乙",))


def test_an_author_who_did_not_annotate_is_missing_not_no() -> None:
    code = Code("colour", "重要", "yellow")
    marks = {1: [_mark(1, "甲", 0, 4), _mark(1, "乙", 0, 4)], 2: [_mark(2, "甲", 0, 4)]}
    rep = compare(code, ["甲", "乙", "丙"], marks, {1: 8, 2: 8})
    assert rep.article.items == 1  # article 2 was coded by one author only
    assert rep.article.kappa is None  # three authors: alpha only


def _annotate(lib: Library) -> None:
    metro = article(lib, "呼和浩特地铁3号线试运行", "2026-01-05")
    park = article(lib, "青城公园新增便民驿站")
    old = article(lib, "赛罕区老旧小区改造启动")
    place = lib.ensure_tag("地点")[0]
    for author in ("甲", "乙"):
        h, _ = lib.add_highlight(metro, 0, 8, author=author)
        lib.tag_highlight(h, place)
        lib.add_highlight(park, 0, 6, colour="blue", author=author)
    h, _ = lib.add_highlight(old, 0, 3, author="甲")
    lib.tag_highlight(h, place)
    lib.add_highlight(old, 10, 14, colour="blue", author="乙")


def test_report_per_tag_and_colour(dated: Library) -> None:
    _annotate(dated)
    rep = Analysis(dated).agreement()
    assert rep.authors == sorted(["甲", "乙"])
    codes = {c.code.label: c for c in rep.codes}
    place = codes["tag:地点"]
    assert place.article.items == 3
    assert place.article.kappa == pytest.approx(0.4)  # yes/yes, no/no, yes/no
    assert [d.level for d in place.disagreements][:1] == ["article"]
    assert codes["colour:疑问"].article.items == 3


def test_cli_agreement_json(
    dated: Library, lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _annotate(dated)
    assert main(["--library", str(lib_path), "agreement", "--tag", "地点", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [code] = data["codes"]
    assert set(code["article"]) == {"kappa", "alpha", "items"}
    assert code["article"]["items"] == 3
