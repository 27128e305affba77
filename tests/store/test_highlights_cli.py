"""`pizhu highlight` and `pizhu tag`: rows after each step, overlaps, one-line errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.store.library import Library


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pizhu: ") and "Traceback" not in err, err
    return lines[0]


def db_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def lib_arg(lib_path: Path, small_page: Path) -> str:
    with Library.open(lib_path) as lib:
        lib.import_paths([small_page])
    return str(lib_path)


def test_highlight_quote_step_by_step(
    capsys: pytest.CaptureFixture[str], lib_path: Path, lib_arg: str
) -> None:
    with Library.open(lib_path) as lib:
        aid = lib.article_ids()[1]
        body = lib.get_article(aid).text
    code, out, err = run(
        capsys,
        "--library",
        lib_arg,
        "highlight",
        str(aid),
        "--quote",
        "地铁3号线",
        "--occurrence",
        "1",
        "--color",
        "地点",
        "--note",
        "新线路",
        "--tag",
        "交通",
        "--tag",
        "地铁",
        "--json",
    )
    assert code == 0 and err == ""
    h = json.loads(out)
    start = body.index("地铁3号线")
    assert (h["start"], h["end"], h["colour"], h["note"]) == (start, start + 5, "purple", "新线路")
    assert h["quote"]["exact"] == "地铁3号线" and h["author"] == "测试者"
    assert sorted(h["tags"]) == ["交通", "地铁"]
    assert db_rows(
        lib_path,
        'SELECT article_id, start, "end", exact, colour, note, author, deleted FROM highlights',
    ) == [(aid, start, start + 5, "地铁3号线", "purple", "新线路", "测试者", 0)]
    assert sorted(r[0] for r in db_rows(lib_path, "SELECT name FROM tags")) == ["交通", "地铁"]
    assert db_rows(lib_path, "SELECT count(*) FROM highlight_tags") == [(2,)]

    # An overlapping highlight (a sub-range of the first) is its own row.
    code, out, _ = run(
        capsys,
        "--library",
        lib_arg,
        "highlight",
        str(aid),
        "--quote",
        "3号线今日",
        "--color",
        "blue",
    )
    assert code == 0
    hid2, colour, span, quote = out.rstrip("\n").split("\t")
    s2 = body.index("3号线今日")
    assert (colour, span, quote) == ("blue", f"{s2}-{s2 + 5}", "3号线今日")
    rows = db_rows(lib_path, 'SELECT id, start, "end" FROM highlights ORDER BY start')
    assert len(rows) == 2 and rows[0][2] > rows[1][1]  # they overlap
    assert str(rows[1][0]) == hid2
    # The article shows both in reading order.
    with Library.open(lib_path) as lib:
        assert [x.exact for x in lib.get_article(aid).highlights] == ["地铁3号线", "3号线今日"]
        assert lib.search("新线路")[0].id == aid  # the note is searchable

    # Width and case do not matter when the exact quote is absent.
    code, out, _ = run(
        capsys, "--library", lib_arg, "highlight", str(aid), "--quote", "ｍｅｔｒｏ line"
    )
    assert code == 0 and out.rstrip().endswith("Metro Line")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--quote", "不存在的句子"], "not in the text"),
        (["--quote", "区"], "occurs 2 times"),
        (["--quote", "区", "--occurrence", "3"], "no occurrence 3"),
        (["--quote", "地铁", "--color", "magenta"], "no highlight colour"),
    ],
)
def test_highlight_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], lib_path: Path, lib_arg: str, args: list[str], needle: str
) -> None:
    with Library.open(lib_path) as lib:
        aid = lib.article_ids()[1]
    code, out, err = run(capsys, "--library", lib_arg, "highlight", str(aid), *args)
    assert code == 1 and out == ""
    assert needle in one_line_error(err)
    assert db_rows(lib_path, "SELECT count(*) FROM highlights") == [(0,)]
    assert db_rows(lib_path, "SELECT count(*) FROM tags") == [(0,)]


def test_highlight_unknown_article(capsys: pytest.CaptureFixture[str], lib_arg: str) -> None:
    code, _, err = run(capsys, "--library", lib_arg, "highlight", "999", "--quote", "地铁")
    assert code == 1 and "no article 999" in one_line_error(err)


def test_tag_creates_and_reuses_tags(
    capsys: pytest.CaptureFixture[str], lib_path: Path, lib_arg: str
) -> None:
    with Library.open(lib_path) as lib:
        first, second = lib.article_ids()
    code, out, err = run(capsys, "--library", lib_arg, "tag", str(first), "公园", "民生", "--json")
    assert code == 0 and err == ""
    assert json.loads(out) == {"id": first, "tags": ["公园", "民生"], "created": ["公园", "民生"]}
    code, out, _ = run(capsys, "--library", lib_arg, "tag", str(second), "ＰＭ２.５", "民生")
    assert code == 0 and out == f"{second}\tＰＭ２.５, 民生\n"  # as typed, sorted by key
    assert db_rows(lib_path, "SELECT count(*) FROM tags") == [(3,)]
    assert sorted(db_rows(lib_path, "SELECT article_id, tag_id FROM article_tags")) == [
        (first, 1),
        (first, 2),
        (second, 2),
        (second, 3),
    ]
    code, out, _ = run(capsys, "--library", lib_arg, "tag", str(second), "民生", "--json")
    assert json.loads(out)["created"] == []
    code, _, err = run(capsys, "--library", lib_arg, "tag", "nope", "民生")
    assert code == 1 and "no article nope" in one_line_error(err)
    code, _, err = run(capsys, "--library", lib_arg, "tag", str(first), "  ")
    assert code == 1 and "a tag needs a name" in one_line_error(err)
    assert db_rows(lib_path, "SELECT count(*) FROM article_tags") == [(4,)]
