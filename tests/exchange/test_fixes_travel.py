"""Split fixes travel: a share file carries them, merge shows them and takes them when
asked, for every kind of decision the real parser takes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.exchange.merge import merge_file
from reader.exchange.share import share_rows, write_share
from reader.exchange.untrusted import ShareRefused, read_share
from reader.store import splitcheck, splitfix
from reader.store.database import reading
from reader.store.library import Library
from tests.splitcheck_pages import cases, quote_near, reading_of

CASES = cases()
NOTE = "同事的批注"


def _ids(case: tuple[str, ...]) -> str:
    return f"{case[3]}-{case[4]}-to-{case[5]}"


def _open(path: Path, page: Path) -> Library:
    lib = Library.open(path)
    lib.import_paths([page])
    return lib


def _shape(lib: Library) -> list[object]:
    with reading(lib.engine) as conn:
        return splitfix.shape(splitfix.page_articles(conn, lib.sources()[0].id)[2])


def _colleagues(tmp_path: Path, case: tuple[str, ...]) -> tuple[Library, Library, str]:
    """Two colleagues who imported the same page; the first one highlighted words near a
    decision and then took that decision the other way. Returns the words too."""
    name, text, key, *_rest, alternative = case
    folder = tmp_path / "pages"
    folder.mkdir()
    page = folder / name
    page.write_bytes(text.encode("utf-8"))
    mine, theirs = _open(tmp_path / "mine.sqlite", page), _open(tmp_path / "theirs.sqlite", page)
    sid = mine.sources()[0].id
    with reading(mine.engine) as conn:
        arts = splitfix.page_articles(conn, sid)[2]
    state = next(s for s in mine.read(splitcheck.overview, sid).decisions if s.decision.key == key)
    ai, words = quote_near(arts, list(state.decision.spans))
    mine.highlight_quote(mine.article_ids()[ai], words, note=NOTE)
    mine.run(splitfix.Choose(sid, state.decision, alternative))
    return mine, theirs, words


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Library, Library]]:
    mine, theirs, _ = _colleagues(tmp_path, CASES[0])
    yield mine, theirs
    mine.close()
    theirs.close()


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_a_fix_travels_and_the_highlights_land_on_its_articles(
    case: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, _text, key, kind, chosen, alternative = case
    mine, theirs, words = _colleagues(tmp_path, case)
    try:
        path = write_share(mine.read(share_rows), tmp_path / "a.pizhu").path
        [shared] = read_share(path).split_fixes
        assert (shared.key, shared.chosen, shared.parser_chosen) == (key, alternative, chosen)
        assert shared.page_name == name
        before = _shape(theirs)
        args = ["--library", str(theirs.path), "merge", str(path)]
        assert main([*args, "--dry-run"]) == 0
        out = capsys.readouterr().out
        assert "split fixes: 1 to take (--with-fixes)" in out
        assert f"split fix\tapply\t{name}\t{kind}: {chosen} → {alternative}" in out
        assert _shape(theirs) == before  # a dry run changes nothing

        assert main([*args, "--with-fixes"]) == 0
        assert "split fixes: 1 taken" in capsys.readouterr().out
        assert _shape(theirs) == _shape(mine) != before  # the same articles on both sides
        sid = theirs.sources()[0].id
        with reading(theirs.engine) as conn:
            arts = splitfix.page_articles(conn, sid)[2]
        spans = list(shared.spans)
        assert reading_of(arts, kind, spans, _target(mine)) == alternative
        marks = [
            (theirs.get_article(a).article.text, h)
            for a in theirs.article_ids()
            for h in theirs.get_article(a).highlights
            if h.note == NOTE
        ]
        assert [body[h.start : h.end] for body, h in marks if not h.orphaned] == [words]
        assert [f.chosen for f in theirs.read(splitfix.fixes, sid)] == [alternative]
        theirs.reparse_source(sid)  # and they are the colleague's now: re-parsing keeps them
        assert _shape(theirs) == _shape(mine)
        again = merge_file(theirs, path, with_fixes=True)
        assert [f.action for f in again.fixes] == ["unchanged"]
    finally:
        mine.close()
        theirs.close()


def _target(lib: Library) -> str | None:
    page = lib.read(splitcheck.overview, lib.sources()[0].id)
    return next((s.decision.target for s in page.decisions if s.fix is not None), None)


def test_without_being_asked_the_merge_leaves_the_split_alone(
    pair: tuple[Library, Library], tmp_path: Path
) -> None:
    mine, theirs = pair
    path = write_share(mine.read(share_rows), tmp_path / "a.pizhu").path
    before = _shape(theirs)
    report = merge_file(theirs, path)
    assert [f.action for f in report.fixes] == ["apply"]
    assert theirs.read(splitfix.fixes, theirs.sources()[0].id) == []
    assert _shape(theirs) == before
    assert json.loads(json.dumps(report.to_json()))["split_fixes"][0]["action"] == "apply"


def test_a_page_the_merge_adds_keeps_its_fixes(
    pair: tuple[Library, Library], tmp_path: Path
) -> None:
    mine, _ = pair
    path = write_share(mine.read(share_rows), tmp_path / "a.pizhu").path
    fresh = Library.open(tmp_path / "fresh.sqlite")
    try:
        report = merge_file(fresh, path, with_fixes=True)
        assert [f.action for f in report.fixes] == ["recorded"]
        assert len(fresh.read(splitfix.fixes, fresh.sources()[0].id)) == 1
        # the shared (annotated) articles arrive cut as the sender cut them
        assert all(a in _shape(mine) for a in _shape(fresh))
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
    path = write_share(mine.read(share_rows), tmp_path / "a.pizhu").path
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


def test_a_pages_fixes_are_taken_together_and_one_that_does_not_fit_is_skipped(
    tmp_path: Path,
) -> None:
    case = next(c for c in CASES if c[3:] == ("title_role", "kicker", "title"))
    mine, theirs, _ = _colleagues(tmp_path, case)
    try:
        sid = mine.sources()[0].id
        # a second answer on the same page, and a forged one no parser asks
        second = next(
            s
            for s in mine.read(splitcheck.overview, sid).decisions
            if s.fix is None and s.choices()
        )
        mine.run(splitfix.Choose(sid, second.decision, second.choices()[0]))
        path = write_share(mine.read(share_rows), tmp_path / "a.pizhu").path
        with sqlite3.connect(path) as db:
            doc = json.loads(
                db.execute("SELECT value FROM settings WHERE key = 'share.split_fixes'").fetchone()[
                    0
                ]
            )
            forged = {"kind": "join", "spans": [[0, 5], [300, 305]], "chosen": "apart"}
            doc["fixes"].append({**doc["fixes"][0], **forged, "parser_chosen": "join"})
            db.execute(
                "UPDATE settings SET value = ? WHERE key = 'share.split_fixes'", (json.dumps(doc),)
            )
        report = merge_file(theirs, path, with_fixes=True)
        assert [f.action for f in report.fixes] == ["applied", "applied", "skipped"]
        assert "no longer takes" in report.fixes[2].detail
        assert _shape(theirs) == _shape(mine)
        assert len(theirs.read(splitfix.fixes, theirs.sources()[0].id)) == 2
    finally:
        mine.close()
        theirs.close()
