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


def test_three_authors_get_alpha_by_hand() -> None:
    """Four articles, three authors, yellow or not (every author marked every article):
    甲 1 1 0 1, 乙 1 1 0 0, 丙 1 0 0 0. Coincidences o11 = o00 = 4, o10 = o01 = 2, so
    D_o = 4/12, D_e = 2·6·6/(12·11) = 6/11 and α = 1 - 11/18 = 7/18."""
    code = Code("colour", "重要", "yellow")
    plan = {1: "YYY", 2: "YYB", 3: "BBB", 4: "YBB"}
    marks = {
        a: [
            _mark(a, who, 0, 4, "yellow" if c == "Y" else "blue")
            for who, c in zip(("甲", "乙", "丙"), coded, strict=True)
        ]
        for a, coded in plan.items()
    }
    rep = compare(code, ["甲", "乙", "丙"], marks, {a: 8 for a in plan})
    assert rep.article.items == 4
    assert rep.article.kappa is None  # Cohen's kappa is for two authors
    assert rep.article.alpha == pytest.approx(7 / 18)
    krippendorff = pytest.importorskip("krippendorff")
    data = [[1, 1, 0, 1], [1, 1, 0, 0], [1, 0, 0, 0]]
    assert rep.article.alpha == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    )
    # the disagreements are the mixed articles, each naming who coded it and who did not
    mixed = {
        (d.article_id, d.coded_by, d.not_by) for d in rep.disagreements if d.level == "article"
    }
    assert mixed == {(2, ("甲", "乙"), ("丙",)), (4, ("甲",), ("乙", "丙"))}


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
