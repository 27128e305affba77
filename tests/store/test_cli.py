"""The library commands: output, JSON, exit codes, and one-line errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import database
from reader.store.library import Library
from tests.store.conftest import SMALL_PAGE, variant


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("pizhu: ") and "Traceback" not in err
    return lines[0]


def test_import_list_show_search_check(
    capsys: pytest.CaptureFixture[str], lib_path: Path, small_page: Path
) -> None:
    lib = str(lib_path)
    code, out, err = run(capsys, "--library", lib, "import", str(small_page.parent))
    assert code == 0 and "1 imported (2 articles)" in out and err == ""
    code, out, _ = run(capsys, "--library", lib, "import", "--json", str(small_page))
    assert code == 0 and json.loads(out)["skipped"] == 1

    code, out, _ = run(capsys, "--library", lib, "list", "--json")
    rows = json.loads(out)
    assert [r["title"] for r in rows] == ["青城公园新增十二处便民驿站", "呼和浩特地铁3号线试运行"]
    assert set(rows[0]) >= {"id", "uuid", "title", "kind", "source", "date", "authors", "tags"}
    assert rows[0]["authors"] == ["王晓", "李青"] and rows[0]["date"] == "2026-01-15"
    code, out, _ = run(capsys, "--library", lib, "list")
    assert out.count("\n") == 2 and rows[0]["uuid"] in out

    first = rows[0]["id"]
    with Library.open(lib_path) as library:
        place, _ = library.ensure_tag("地点")
        saihan, _ = library.ensure_tag("赛罕区", parent=place)
        library.tag_article(first, saihan)
        library.set_note(first, "值得跟进")
        hid, _ = library.add_highlight(first, 0, 6, colour="green", note="开头")
        library.tag_highlight(hid, place)
    code, out, _ = run(capsys, "--library", lib, "show", str(first), "--json")
    shown = json.loads(out)
    assert shown["id"] == first and shown["uuid"] == rows[0]["uuid"]
    assert {"title", "kind", "kicker", "authors", "blocks", "consumed"} <= set(shown)
    assert shown["tags"] == ["赛罕区"] and shown["note"] == "值得跟进"
    assert shown["note_author"] == "测试者"
    (h,) = shown["highlights"]
    assert h["start"] == 0 and h["end"] == 6 and h["colour"] == "green" and h["tags"] == ["地点"]
    assert h["quote"]["exact"] == shown["text"][:6] and h["author"] == "测试者"
    code, out, _ = run(capsys, "--library", lib, "show", rows[0]["uuid"])
    assert code == 0 and out.startswith("# 青城公园") and "值得跟进" in out

    # --tag takes the tag or any tag below it, by NFKC/case-insensitive name.
    for tag in ("赛罕区", "地点"):
        code, out, _ = run(capsys, "--library", lib, "list", "--json", "--tag", tag)
        assert [r["id"] for r in json.loads(out)] == [first]

    code, out, _ = run(capsys, "--library", lib, "search", "--json", "PM2.5")
    result = json.loads(out)
    assert [r["id"] for r in result["results"]] == [first]
    assert "【PM2.5】" in result["results"][0]["snippet"]
    code, out, _ = run(capsys, "--library", lib, "search", "和浩")
    assert code == 0 and "呼【和浩】特" in out
    code, out, err = run(capsys, "--library", lib, "search", '"', "NEAR(", "*")
    assert code == 0 and out == "" and "no articles" in err

    code, out, _ = run(capsys, "--library", lib, "check")
    assert code == 0 and "ok" in out
    code, out, _ = run(capsys, "--library", lib, "check", "--json", "--full")
    assert code == 0 and json.loads(out)["ok"] is True


def test_pizhu_library_environment_variable(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lib_path: Path,
    small_page: Path,
) -> None:
    monkeypatch.setenv("PIZHU_LIBRARY", str(lib_path))
    assert run(capsys, "import", str(small_page))[0] == 0
    assert lib_path.is_file()


def test_the_library_option_may_follow_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, small_page: Path
) -> None:
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    assert run(capsys, "import", str(small_page), "--library", str(first))[0] == 0
    assert run(capsys, "--library", str(second), "list")[1] == ""  # nothing went there
    code, out, _ = run(capsys, "list", "--library", str(first))
    assert code == 0 and out.strip()
    # given on both sides, the one after the command wins (it is what was typed last)
    code, out, _ = run(capsys, "--library", str(first), "list", "--library", str(second))
    assert code == 0 and out == ""


def test_default_library_lives_in_the_user_data_dir(
    capsys: pytest.CaptureFixture[str], small_page: Path, _isolated_home: Path
) -> None:
    from reader.store.location import default_library_path

    assert run(capsys, "import", str(small_page))[0] == 0
    path = default_library_path()
    assert path.is_file() and _isolated_home in path.parents


def test_failed_file_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], lib_path: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(variant(SMALL_PAGE, 1), encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 50)
    code, out, err = run(
        capsys, "--library", str(lib_path), "import", str(bad), str(good), str(tmp_path / "nope")
    )
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("pizhu: ") for line in lines)
    assert any("bad.txt" in line for line in lines) and any("nope" in line for line in lines)
    assert "1 imported" in out and "2 failed" in out


@pytest.mark.parametrize(
    "argv",
    [("show", "999"), ("show", "no-such-uuid"), ("list", "--tag", "无此标签")],
    ids=["unknown-id", "unknown-uuid", "unknown-tag"],
)
def test_unknown_things_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], lib_path: Path, argv: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, "--library", str(lib_path), *argv)
    assert code == 1 and out == ""
    _one_line_error(err)


def test_corrupt_library_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "corrupt.sqlite"
    bad.write_bytes(b"this is not a database at all " * 200)
    code, _, err = run(capsys, "--library", str(bad), "list")
    assert code == 1 and "corrupt" in _one_line_error(err)


def test_library_in_a_missing_folder_or_a_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--library", str(tmp_path / "no" / "lib.sqlite"), "list")
    assert code == 1 and "does not exist" in _one_line_error(err)
    code, _, err = run(capsys, "--library", str(tmp_path), "list")
    assert code == 1 and "folder" in _one_line_error(err)


def test_locked_library_is_a_known_error(lib_path: Path, small_page: Path) -> None:
    from reader.store.errors import LibraryLockedError

    Library.open(lib_path).close()
    holder = sqlite3.connect(lib_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        lib = Library.open(lib_path, busy_timeout_ms=50)
        try:
            with pytest.raises(LibraryLockedError, match="locked"):
                lib.import_paths([small_page])
            assert lib.list_articles() == []  # readers are not blocked (WAL)
        finally:
            lib.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_check_reports_orphans_and_exits_1(
    capsys: pytest.CaptureFixture[str], lib_path: Path, small_page: Path
) -> None:
    with Library.open(lib_path) as library:
        library.import_paths([small_page])
    with sqlite3.connect(lib_path) as conn:
        database.add_functions(conn)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(
            "INSERT INTO blocks (article_id, ordinal, type, text, start, spans, flags) "
            "VALUES (4242, 0, 'paragraph', 'x', 0, '[]', '[]')"
        )
        conn.execute("INSERT INTO search_notes (rowid, words, grams) VALUES (4243, 'x', 'x')")
    code, _, err = run(capsys, "--library", str(lib_path), "check")
    assert code == 1
    assert "orphan row: blocks" in err and "notes index row without an article: 4243" in err
    assert all(line.startswith("pizhu: ") for line in err.strip().splitlines())
