"""Hostile and broken share files are refused in one line, the library untouched."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.exchange.share import share_rows, write_share
from reader.exchange.untrusted import Limits, ShareRefused, read_share
from reader.store.library import Library


@pytest.fixture
def good(lib: Library, tmp_path: Path) -> Path:
    out = tmp_path / "good.pizhu"
    write_share(lib.read(share_rows), out)
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


# --- issue 14: dates, nesting, flipped bytes, cycles, trailing newlines --------------------


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _flip_index_name(p: Path) -> None:
    """Damage the schema so SQLite's complaint quotes a name that is not UTF-8 (0xff),
    as a flipped byte in an index's name and root page would."""
    _edit(
        p,
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET name = CAST(x'69ff78' AS TEXT), rootpage = NULL "
        "WHERE name = (SELECT max(name) FROM sqlite_master WHERE name LIKE 'ix_%')",
    )


FUTURE = "9999-12-31T23:59:59+00:00"
ISSUE_14: dict[str, tuple[Callable[[Path], None], str]] = {
    "forged future tombstone": (
        lambda p: _edit(p, f"UPDATE highlights SET deleted = 1, updated_at = '{FUTURE}'"),
        "updated_at is in the future",
    ),
    "note from the future": (
        lambda p: _edit(p, "UPDATE article_notes SET updated_at = '2099-01-01T00:00:00+00:00'"),
        "updated_at is in the future",
    ),
    "file itself from the future": (  # its creation time cannot vouch for later rows
        lambda p: _edit(
            p,
            "UPDATE settings SET value = '9999-01-01T00:00:00+00:00' WHERE key = 'share.created'",
            "UPDATE highlights SET updated_at = '2999-01-01T00:00:00+00:00'",
        ),
        "in the future",
    ),
    "impossible date": (
        lambda p: _edit(p, "UPDATE highlights SET updated_at = '2026-13-45T99:99:99'"),
        "updated_at is not a real date",
    ),
    "year 0": (
        lambda p: _edit(p, "UPDATE highlights SET created_at = '0000-01-01T00:00:00'"),
        "created_at is not a real date",
    ),
    "negative year": (
        lambda p: _edit(p, "UPDATE tags SET created_at = '-001-01-01T00:00:00'"),
        "created_at is malformed",
    ),
    "impossible page date": (
        lambda p: _edit(p, "UPDATE source_files SET page_date = '2026-02-30'"),
        "page_date is not a real date",
    ),
    "impossible creation time": (
        lambda p: _edit(p, "UPDATE settings SET value = '2026-02-30' WHERE key = 'share.created'"),
        "creation time is not a real date",
    ),
    "uuid with a trailing newline": (
        lambda p: _edit(p, "UPDATE highlights SET uuid = uuid || char(10)"),
        "uuid is malformed",
    ),
    "article uuid with a trailing newline": (
        lambda p: _edit(p, "UPDATE articles SET uuid = uuid || char(10)"),
        "uuid is malformed",
    ),
    "hash with a trailing newline": (
        lambda p: _edit(p, "UPDATE source_files SET text_hash = substr(text_hash, 2) || char(10)"),
        "text_hash is malformed",
    ),
    "time with a trailing newline": (
        lambda p: _edit(p, "UPDATE highlights SET updated_at = updated_at || char(10)"),
        "updated_at is malformed",
    ),
    "nested authors": (
        lambda p: _edit(p, f"UPDATE articles SET authors = '{_nested(45_000)}'"),
        "authors nests deeper",
    ),
    "nested consumed": (
        lambda p: _edit(p, f"UPDATE articles SET consumed = '{_nested(50_000)}'"),
        "consumed nests deeper",
    ),
    "nested spans": (
        lambda p: _edit(p, f"UPDATE blocks SET spans = '[{_nested(40_000)}]'"),
        "spans nests deeper",
    ),
    "flipped bytes": (_flip_index_name, "corrupt"),
    "tag cycle": (
        lambda p: _edit(
            p,
            "PRAGMA foreign_keys = OFF",
            "UPDATE tags SET parent_id = (SELECT max(id) FROM tags) WHERE id = (SELECT min(id) FROM tags)",
            "UPDATE tags SET parent_id = (SELECT min(id) FROM tags) WHERE id = (SELECT max(id) FROM tags)",
        ),
        "form a cycle",
    ),
}


HOSTILE |= ISSUE_14


@pytest.mark.parametrize("case", sorted(ISSUE_14))
def test_hostile_dates_nesting_bytes_cycles_newlines_are_refused(
    case: str, good: Path, other: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    test_hostile_file_is_refused(case, good, other, capsys)


def _backups(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if "backup" in p.name or p.suffix == ".bak"]


@pytest.mark.parametrize("case", ["forged future tombstone", "tag cycle", "nested authors"])
def test_refused_file_leaves_no_backup(case: str, good: Path, other: Library) -> None:
    make, _reason = HOSTILE[case]
    bad = good.with_name("bad.pizhu")
    shutil.copyfile(good, bad)
    make(bad)
    assert main(["--library", str(other.path), "merge", str(bad)]) == 1
    assert not _backups(other.path.parent)


def test_within_a_day_of_skew_is_accepted(good: Path) -> None:
    """A colleague's clock a few hours fast is not an attack."""
    _edit(
        good,
        "UPDATE highlights SET updated_at = "
        "(SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', value, '+6 hours') FROM settings "
        "WHERE key = 'share.created')",
    )
    assert len(read_share(good).highlights) == 3


@pytest.fixture
def not_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "pipe.pizhu"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.pizhu"
    folder.mkdir()
    return {"FIFO": fifo, "folder": folder, "device": Path("/dev/zero")}


@pytest.mark.parametrize("kind", ["FIFO", "folder", "device"])
def test_fifo_device_or_folder_is_refused_without_hanging(
    kind: str, not_files: dict[str, Path], other: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    path = not_files[kind]
    before = _library_bytes(other)
    with pytest.raises(ShareRefused, match=f"is a {kind}|is a {kind.lower()}"):
        read_share(path)  # a FIFO with no writer would block a plain open() forever
    assert main(["--library", str(other.path), "merge", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pizhu: ") and str(path) in err
    assert _library_bytes(other) == before


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    flips=st.lists(st.tuples(st.integers(0, 10**9), st.integers(1, 255)), min_size=1, max_size=8)
)
def test_flipped_bytes_are_refused_or_read_never_a_traceback(
    good: Path, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(good.read_bytes())
    for where, mask in flips:
        data[100 + where % (len(data) - 100)] ^= mask  # the header is checked separately
    with tempfile.TemporaryDirectory() as tmp:
        bad = Path(tmp) / "flipped.pizhu"
        bad.write_bytes(bytes(data))
        try:
            bundle = read_share(bad)
            list(bundle.highlights)
        except ShareRefused as exc:
            assert "\n" not in str(exc)


def test_highlights_read_again_match_the_checked_ones(good: Path) -> None:
    """The merge's passes unpack the rows the first pass checked: the same values,
    a column older files lack (highlights.orphaned before 0003) filled in the same way."""
    _edit(good, "UPDATE highlights SET uuid = upper(uuid)")
    _edit(good, "ALTER TABLE highlights DROP COLUMN orphaned")
    bundle = read_share(good)
    again = list(bundle.highlights)
    db = sqlite3.connect(good)
    checked = list(bundle.highlights.read(db))  # type: ignore[union-attr]
    db.close()
    assert again == checked and len(again) == 3
    assert all(h.uuid == h.uuid.lower() and not h.orphaned for h in again)
    assert any(h.tags for h in again)
