"""Backups like Zotero's and Anki's: daily on open, before merges, pruned, restorable."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.cli import main
from reader.exchange.share import share_rows
from reader.store import backups
from reader.store.library import Library
from tests.conftest import REPO, run_pizhu


def _tags(path: Path) -> set[str]:
    with Library.open(path, daily_backup=False) as lib:
        return {t.name for t in lib.tags()}


@pytest.fixture
def loaded(library: Library, small_page: Path) -> Library:
    library.import_paths([small_page])
    return library


def test_a_library_with_articles_is_backed_up_once_a_day_on_open(
    loaded: Library, lib_path: Path
) -> None:
    assert backups.list_backups(lib_path) == []  # it was empty when opened
    Library.open(lib_path).close()
    Library.open(lib_path).close()
    [daily] = backups.list_backups(lib_path)
    assert daily.reason == "daily" and daily.path.parent == lib_path.parent / "backups"
    assert not list(lib_path.parent.glob("library.sqlite.*"))  # nothing beside the library
    tomorrow = datetime.now(UTC) + timedelta(days=1, minutes=1)
    assert backups.daily_backup(lib_path, now=tomorrow) is not None
    assert len(backups.list_backups(lib_path)) == 2


def test_a_backup_is_a_standalone_library_with_the_same_content(
    loaded: Library, lib_path: Path
) -> None:
    loaded.tag_article(loaded.article_ids()[0], "保留")
    made = backups.make_backup(lib_path, "manual")
    assert not Path(f"{made.path}-wal").exists()
    with sqlite3.connect(made.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert _tags(made.path) == {"保留"}


def test_a_killed_backup_leaves_nothing_that_looks_like_a_backup(
    loaded: Library, lib_path: Path
) -> None:
    import os

    folder = lib_path.parent / "backups"
    folder.mkdir()
    old = folder / f".{lib_path.name}.20260101T000000000000Z.daily.sqlite.part"
    fresh = folder / f".{lib_path.name}.20260101T000001000000Z.daily.sqlite.part"
    for part in (old, fresh):
        part.write_bytes(b"half a backup")
    os.utime(old, (0, 0))
    assert backups.list_backups(lib_path) == []
    backups.make_backup(lib_path, "manual")
    assert not old.exists() and fresh.exists()  # a backup may still be writing that one


def test_only_the_newest_backups_are_kept(loaded: Library, lib_path: Path) -> None:
    loaded.set_backup_keep(3)
    made = [backups.make_backup(lib_path, "manual").path for _ in range(5)]
    assert [b.path for b in backups.list_backups(lib_path)] == made[:-4:-1]
    assert backups.keep_count(lib_path) == 3


def test_merge_backups_go_to_the_backups_folder(loaded: Library, lib_path: Path) -> None:
    from reader.exchange.merge import merge_file
    from reader.exchange.share import write_share

    loaded.tag_article(loaded.article_ids()[0], "共享")
    share = lib_path.parent / "share.sqlite"
    write_share(loaded.read(share_rows), share)
    other = Library.open(lib_path.parent / "other.sqlite")
    try:
        report = merge_file(other, share)
    finally:
        other.close()
    assert report.backup is not None and report.backup.parent.name == "backups"
    assert ".merge." in report.backup.name


def test_cli_backup_restore_lists_and_restores_after_backing_up(
    loaded: Library, lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = loaded.article_ids()[0]
    loaded.tag_article(aid, "之前")
    assert main(["--library", str(lib_path), "backup", "--json"]) == 0
    saved = Path(json.loads(capsys.readouterr().out)["path"])
    loaded.tag_article(aid, "之后")
    assert main(["--library", str(lib_path), "restore"]) == 0
    assert saved.name in capsys.readouterr().out
    assert main(["--library", str(lib_path), "restore", saved.name]) == 0
    out = capsys.readouterr().out
    assert f"restored: {saved.name}" in out and "before-restore" in out
    # The open handle (like the window) sees the restored library, no reopen needed.
    assert {t.name for t in loaded.tags()} == {"之前"}
    assert loaded.check(full=True).ok
    [before] = [b for b in backups.list_backups(lib_path) if b.reason == "before-restore"]
    assert _tags(before.path) == {"之前", "之后"}


def test_a_damaged_or_foreign_backup_is_refused_and_the_library_kept(
    loaded: Library, lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded.tag_article(loaded.article_ids()[0], "留着")
    foreign = lib_path.parent / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    junk = lib_path.parent / "junk.sqlite"
    junk.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    for bad in (foreign, junk, lib_path.parent / "missing.sqlite", lib_path):
        assert main(["--library", str(lib_path), "restore", str(bad)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(bad.name) in err, err
    assert {t.name for t in loaded.tags()} == {"留着"}
    assert backups.list_backups(lib_path) == []  # refused before backing anything up


def _pad(path: Path, key: str, size: int) -> None:
    """Make the library big enough that a restore takes a while to kill."""
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, "x" * size)
        )


@pytest.mark.slow
def test_a_killed_restore_leaves_the_old_or_the_restored_library(
    loaded: Library, lib_path: Path
) -> None:
    import random
    import signal
    import time

    aid = loaded.article_ids()[0]
    loaded.tag_article(aid, "旧")
    _pad(lib_path, "pad-old", 30_000_000)
    saved = backups.make_backup(lib_path, "manual", keep=100).path
    loaded.tag_article(aid, "新")
    _pad(lib_path, "pad-new", 30_000_000)
    loaded.close()
    old, restored = {"旧", "新"}, {"旧"}
    command = [sys.executable, "-m", "reader.cli", "--library", str(lib_path)]
    started = time.monotonic()
    assert subprocess.run([*command, "restore", str(saved)], cwd=REPO, timeout=120).returncode == 0
    whole = time.monotonic() - started
    assert _tags(lib_path) == restored
    rng = random.Random(14)
    seen = set()
    for _ in range(8):
        # Back to the old library, then kill a restore somewhere in its run.
        assert run_pizhu(lib_path, "tag", str(aid), "新").returncode == 0
        before = _tags(lib_path)
        assert before == old
        proc = subprocess.Popen([*command, "restore", str(saved)], cwd=REPO)
        try:
            proc.wait(timeout=rng.uniform(0.05, whole))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        check = run_pizhu(lib_path, "check", "--full")
        assert check.returncode == 0, check.stdout + check.stderr
        now = _tags(lib_path)
        assert now in (old, restored)
        seen.add(frozenset(now))
    assert not list(lib_path.parent.glob("backups/*.sqlite-journal"))


def test_a_backup_that_cannot_be_written_warns_and_the_command_still_runs(
    loaded: Library, lib_path: Path
) -> None:
    (lib_path.parent / "backups").write_text("a file where the folder should be")
    article = str(loaded.article_ids()[0])
    result = run_pizhu(lib_path, "tag", article, "待查")  # a command that backs up first
    assert result.returncode == 0
    assert result.stderr.startswith("pizhu: warning: ") and result.stderr.count("\n") == 1
    assert "backups" in result.stderr
    assert _tags(lib_path) == {"待查"}


def test_a_backup_from_an_older_schema_is_restored_and_upgraded(
    loaded: Library, lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.store import database
    from tests.store.test_migrations import _make_at, _revision

    old = lib_path.parent / "old.sqlite"
    _make_at(old, "0001")
    assert main(["--library", str(lib_path), "restore", str(old)]) == 0
    assert "restored: old.sqlite" in capsys.readouterr().out
    assert _revision(lib_path) == database.head_revision()
    assert loaded.article_ids() == []  # the open handle sees the restored (empty) library
    reasons = {b.reason for b in backups.list_backups(lib_path)}
    assert "before-restore" in reasons and "upgrade-from-0001" in reasons


def test_commands_that_only_read_skip_the_daily_backup(loaded: Library, lib_path: Path) -> None:
    # A day's first `pizhu list` on a large library waited seconds for the copy.
    for argv in (["list"], ["search", "本报"], ["show", str(loaded.article_ids()[0])]):
        assert main(["--library", str(lib_path), *argv]) == 0
    assert backups.list_backups(lib_path) == []
    # A command that changes what the user made is backed up first.
    article = str(loaded.article_ids()[0])
    assert main(["--library", str(lib_path), "tag", article, "待查"]) == 0
    [daily] = backups.list_backups(lib_path)
    assert daily.reason == "daily"
    assert _tags(daily.path) == set()  # made before the tag
