"""People, places and organisations: found on import, local names with aliases, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from reader.analysis.service import Analysis
from reader.analysis.stats import Filters
from reader.cli import main
from reader.store.library import Library
from reader.text.entities import extract
from tests.analysis.conftest import article


def test_names_are_found_by_their_shape() -> None:
    found = {
        (m.name, m.kind) for m in extract("市民苏日娜说,内蒙古博物院在呼和浩特,养老和文明很重要。")
    }
    assert ("苏日娜", "person") in found  # unknown to jieba's dictionary
    assert ("内蒙古博物院", "org") in found
    assert ("呼和浩特", "place") in found
    assert not {n for n, _ in found} & {"养老", "文明"}  # tagged nr by jieba, not names


def test_import_extracts_entities_with_dates(dated: Library) -> None:
    rows = {(e.name, e.kind): e for e in Analysis(dated).entities()}
    assert rows[("王建国", "person")].articles == 2
    saihan = rows[("赛罕区", "place")]
    assert (saihan.articles, saihan.first, saihan.last) == (3, "2026-01-05", "2026-02-03")
    with dated.engine.connect() as conn:  # analysed during the import, nothing pending
        assert conn.execute(text("SELECT count(*) FROM article_signatures")).scalar() == 6


def test_an_alias_counts_for_its_canonical_name(dated: Library) -> None:
    an = Analysis(dated)
    changed = an.add_local_name("呼市", "place", "呼和浩特")
    assert changed >= 1
    old = article(dated, "赛罕区老旧小区改造启动")
    assert old in an.entity_articles("呼和浩特")
    assert old in an.entity_articles("呼市")  # the alias finds the same articles
    names = {(n.name, n.canonical) for n in an.local_names()}
    assert names == {("呼市", "呼和浩特"), ("呼和浩特", "呼和浩特")}
    timeline = an.stats("month", Filters(entity="呼市"))
    assert [r.matched for r in timeline.rows] == [2, 1]  # metro + old housing; the reprint
    an.remove_local_name("呼市")
    assert old not in an.entity_articles("呼和浩特")


def test_articles_from_a_reparse_or_merge_are_caught_up(dated: Library) -> None:
    with dated.engine.begin() as conn:
        conn.execute(text("DELETE FROM article_signatures"))
        conn.execute(text("DELETE FROM article_entities"))
    an = Analysis(dated)
    assert len(an.pending()) == 6
    assert an.catch_up() == 6 and an.pending() == []


def test_cli_entities(dated: Library, lib_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = str(lib_path)
    assert main(["--library", lib, "entities", "--kind", "person", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {e["kind"] for e in data["entities"]} == {"person"}
    assert "王建国" in {e["name"] for e in data["entities"]}
    assert (
        main(
            [
                "--library",
                lib,
                "entities",
                "--add",
                "呼市",
                "--kind",
                "place",
                "--alias-of",
                "呼和浩特",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["--library", lib, "entities", "--kind", "planet"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "planet" in err


def test_an_edited_article_is_analysed_again(dated: Library) -> None:
    from reader.store import edits

    metro = article(dated, "呼和浩特地铁3号线试运行", "2026-01-05")
    an = Analysis(dated)
    assert metro not in an.entity_articles("苏日娜")  # she is in the park story
    dated.run(edits.MergeWithNext(metro))  # the park story joins the metro story
    assert metro in an.pending()
    an.catch_up()
    assert metro in an.entity_articles("苏日娜")
