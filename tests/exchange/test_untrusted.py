"""Hostile and broken share files are refused in one line, the library untouched."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.cli import main
from reader.exchange.share import write_share
from reader.exchange.untrusted import Limits, ShareRefused, read_share
from reader.store.library import Library


@pytest.fixture
def good(lib: Library, tmp_path: Path) -> Path:
    out = tmp_path / "good.pizhu"
    write_share(lib, out)
    return out


def _edit(path: Path, *statements: str) -> None:
    db = sqlite3.connect(path)
    for s in statements:
        db.execute(s)
    db.commit()
    db.close()


def _library_bytes(lib: Library) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in lib.path.parent.iterdir() if p.is_file()}


HOSTILE: dict[str, tuple[Callable[[Path], None], str]] = {
    "trigger": (
        lambda p: _edit(p, "CREATE TRIGGER t AFTER INSERT ON tags BEGIN DELETE FROM tags; END"),
        "contains a trigger",
    ),
    "view": (lambda p: _edit(p, "CREATE VIEW v AS SELECT * FROM highlights"), "contains a view"),
    "unknown table": (lambda p: _edit(p, "CREATE TABLE extra (x)"), "unexpected table"),
    "virtual table": (
        lambda p: _edit(p, "CREATE VIRTUAL TABLE fts USING fts5(x)"),
        "unexpected table",
    ),
    "generated column": (
        lambda p: _edit(p, "ALTER TABLE tags ADD COLUMN g AS (upper(name))"),
        "generated or hidden column",
    ),
    "expression index": (
        lambda p: _edit(p, "CREATE INDEX ix_tags_name ON tags (lower(name))"),
        "unexpected index",
    ),
    "newer schema": (
        lambda p: _edit(p, "UPDATE alembic_version SET version_num = '9999_future'"),
        "newer Pizhu",
    ),
    "newer format": (lambda p: _edit(p, "PRAGMA user_version = 99"), "newer Pizhu"),
    "bad uuid": (
        lambda p: _edit(p, "UPDATE highlights SET uuid = 'x' || uuid"),
        "uuid is malformed",
    ),
    "bad range": (
        lambda p: _edit(
            p, "PRAGMA ignore_check_constraints = ON", 'UPDATE highlights SET start = 5, "end" = 5'
        ),
        "not after start",
    ),
    "huge note": (
        lambda p: _edit(p, "UPDATE highlights SET note = hex(zeroblob(200000))"),
        "longer than",
    ),
    "huge value": (
        lambda p: _edit(p, "UPDATE article_notes SET text = hex(zeroblob(17000000))"),
        "too large",
    ),
    "note author not text": (
        lambda p: _edit(p, "UPDATE article_notes SET author = x'e794b2'"),
        "author is not text",
    ),
    "broken reference": (
        lambda p: _edit(p, "PRAGMA foreign_keys = OFF", "DELETE FROM articles WHERE id = 1"),
        "broken references",
    ),
}


def _foreign(p: Path) -> None:
    p.unlink()
    _edit(p, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")


def _truncate(p: Path) -> None:
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])


def _not_a_db(p: Path) -> None:
    p.write_text("这不是数据库\n" * 100, encoding="utf-8")


def _corrupt(p: Path) -> None:
    data = bytearray(p.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for i in range(page * 2, page * 2 + 200):  # scribble over a b-tree page
        data[i] = 0xA5
    p.write_bytes(bytes(data))


HOSTILE |= {
    "foreign schema": (_foreign, "not a Pizhu share file"),
    "truncated": (_truncate, "truncated"),
    "not a database": (_not_a_db, "not a SQLite database"),
    "empty file": (lambda p: p.write_bytes(b""), "not a SQLite database"),
    "corrupt": (_corrupt, "corrupt"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_refused(
    case: str, good: Path, other: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    make, reason = HOSTILE[case]
    bad = good.with_name(f"bad-{case}.pizhu")
    shutil.copyfile(good, bad)
    make(bad)
    before = _library_bytes(other)
    with pytest.raises(ShareRefused, match=reason):
        read_share(bad)
    assert main(["--library", str(other.path), "merge", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pizhu: ") and str(bad) in err
    assert _library_bytes(other) == before


def test_wal_mode_share_still_reads(good: Path) -> None:
    _edit(good, "PRAGMA journal_mode = WAL")
    assert good.read_bytes()[18:20] == b"\x02\x02"
    assert len(read_share(good).highlights) == 3


def test_limits_are_configurable(good: Path) -> None:
    with pytest.raises(ShareRefused, match="longer than 10"):
        read_share(good, Limits(note=10))
    with pytest.raises(ShareRefused, match="larger than"):
        read_share(good, Limits(file_bytes=1000))
