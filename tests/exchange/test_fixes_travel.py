"""Split fixes travel: a share file carries them, merge shows them and takes them when asked."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.exchange.merge import merge_file
from reader.exchange.share import write_share
from reader.exchange.untrusted import ShareRefused, read_share
from reader.store import decisions, importer, splitfix
from reader.store.library import Library
from tests.splitpages import parser_with_decisions, write_page


@pytest.fixture(autouse=True)
def _decisions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "default_parser", parser_with_decisions)


def _open(path: Path, pages: Path) -> Library:
    lib = Library.open(path)
    lib.import_paths([pages])
    return lib


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Library, Library]]:
    """Two colleagues who imported the same page; the first one fixed its split."""
    pages = tmp_path / "pages"
    write_page(pages)
    mine, theirs = _open(tmp_path / "mine.sqlite", pages), _open(tmp_path / "theirs.sqlite", pages)
    sid = mine.sources()[0].id
    found = mine.read(decisions.for_source, sid)
    join = next(d for d in found if d.kind == "join")
    role = next(d for d in found if d.kind == "title_role" and d.doubtful)
    mine.run(splitfix.Choose(sid, join, join.alternative))  # keep the broken paragraph apart
    mine.run(splitfix.Choose(sid, role, "section"))  # the second story is a section of the first
    only = mine.article_ids()[0]
    mine.highlight_quote(only, "沿线居民表示出行更方便了", note="同事的批注")
    yield mine, theirs
    mine.close()
    theirs.close()


def _shape(lib: Library) -> list[tuple[str | None, str]]:
    return [(a.title, lib.get_article(a.id).text) for a in lib.list_articles()]


def test_the_share_file_carries_the_fixes(pair: tuple[Library, Library], tmp_path: Path) -> None:
    mine, _ = pair
    share = write_share(mine, tmp_path / "a.pizhu")
    bundle = read_share(share.path)
    assert [(f.kind, f.chosen, f.flipped) for f in bundle.split_fixes] == [
        ("join", "truncated", True),
        ("title_role", "section", True),
    ]
    assert {f.page_name for f in bundle.split_fixes} == {"晚报-2026-03-01-第2版.txt"}


def test_dry_run_lists_them_and_merge_takes_them_only_when_asked(
    pair: tuple[Library, Library], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine, theirs = pair
    path = write_share(mine, tmp_path / "a.pizhu").path
    own = theirs.article_ids()[1]  # the colleague's own highlight, on the second story
    theirs.highlight_quote(own, "全长21.5公里", note="我的")
    before = _shape(theirs)
    args = ["--library", str(theirs.path), "merge", str(path)]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "split fixes: 2 to take (--with-fixes)" in out
    assert "split fix\tapply\t晚报-2026-03-01-第2版.txt\ttitle_role: title → section" in out
    assert main([*args, "--dry-run", "--with-fixes", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["action"] for f in data["split_fixes"]] == ["apply", "apply"]
    assert _shape(theirs) == before  # a dry run changes nothing

    report = merge_file(theirs, path)  # not asked: the colleague's articles stay as they are
    assert [f.action for f in report.fixes] == ["apply", "apply"]
    assert theirs.read(splitfix.fixes, theirs.sources()[0].id) == []

    assert main([*args, "--with-fixes"]) == 0
    assert "split fixes: 2 taken" in capsys.readouterr().out
    assert _shape(theirs) == _shape(mine)  # the same articles on both sides
    only = theirs.get_article(theirs.article_ids()[0])
    notes = [h for h in only.highlights if h.note == "同事的批注" and not h.orphaned]
    assert len(notes) == 1  # the highlight sits on the words it marks
    assert only.text[notes[0].start : notes[0].end] == "沿线居民表示出行更方便了"
    [mark] = [h for h in only.highlights if h.note == "我的"]  # re-anchored, not orphaned
    assert not mark.orphaned and only.text[mark.start : mark.end] == "全长21.5公里"
    sid = theirs.sources()[0].id
    assert [f.chosen for f in theirs.read(splitfix.fixes, sid)] == ["truncated", "section"]
    theirs.reparse_source(sid)  # and they are the colleague's now: re-parsing keeps them
    assert _shape(theirs) == _shape(mine)
    again = merge_file(theirs, path, with_fixes=True)
    assert [f.action for f in again.fixes] == ["unchanged", "unchanged"]


def test_a_page_the_merge_adds_keeps_its_fixes(
    pair: tuple[Library, Library], tmp_path: Path
) -> None:
    mine, _ = pair
    path = write_share(mine, tmp_path / "a.pizhu").path
    fresh = Library.open(tmp_path / "fresh.sqlite")
    try:
        report = merge_file(fresh, path, with_fixes=True)
        assert [f.action for f in report.fixes] == ["recorded", "recorded"]
        assert len(fresh.read(splitfix.fixes, fresh.sources()[0].id)) == 2
    finally:
        fresh.close()


@pytest.mark.parametrize(
    "value",
    [
        "not json",
        json.dumps({"format": 99, "fixes": []}),
        json.dumps({"format": 1, "fixes": [{"page": "0" * 64}]}),
        "SPANS",
        "FUTURE",  # dated after the file was made: it would win every later answer
        "NEWLINE",  # a page hash with a trailing newline
        "DEEP",  # nested past what a fix can hold
    ],
)
def test_bad_fixes_refuse_the_file_in_one_line(
    pair: tuple[Library, Library], tmp_path: Path, value: str
) -> None:
    mine, _ = pair
    path = write_share(mine, tmp_path / "a.pizhu").path
    with sqlite3.connect(path) as db:
        doc = json.loads(
            db.execute("SELECT value FROM settings WHERE key = 'share.split_fixes'").fetchone()[0]
        )
        fix = doc["fixes"][0]
        if value == "SPANS":  # a fix pointing outside its page
            fix["spans"] = [[0, 10**9]]
        elif value == "FUTURE":
            fix["created_at"] = "9999-01-01T00:00:00+00:00"
        elif value == "NEWLINE":
            fix["page"] += "\n"
        elif value == "DEEP":
            fix["spans"] = [[[[[[0, 1]]]]]]
        if value in ("SPANS", "FUTURE", "NEWLINE", "DEEP"):
            value = json.dumps(doc)
        db.execute("UPDATE settings SET value = ? WHERE key = 'share.split_fixes'", (value,))
    with pytest.raises(ShareRefused, match=r"refused: .*split fix") as err:
        read_share(path)
    assert "\n" not in str(err.value)
