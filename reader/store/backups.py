"""Backups of the library, like Zotero's and Anki's: made by SQLite, kept in one folder.

Every copy is made through SQLite's online backup API, never by reading the library
file: on POSIX, closing *any* descriptor a process holds on a database file drops all of
that process's SQLite locks on it (sqlite.org/howtocorrupt.html, section 2.2), so a
``shutil.copy`` of the library inside the window's process can corrupt it.

Backups live in ``backups/`` beside the library, named ``<library name>.<UTC time>.<reason>
.sqlite``; at most :data:`DEFAULT_KEEP` (or the library's ``backup_keep`` setting) are
kept, the oldest pruned. An automatic backup is made at most once a day on open, and
before every merge and schema upgrade.

Restoring copies the backup into the live library with the backup API in one write
transaction: other processes keep their connections and see either the old or the
restored library, and a restore killed half-way leaves the old one (the transaction is
rolled back from the WAL on the next open).
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, text

from reader.store.errors import LibraryError, known_errors

FOLDER = "backups"
DEFAULT_KEEP = 10
KEEP_KEY = "backup_keep"
DAILY = timedelta(days=1)
STALE_PART = timedelta(hours=1)
STAMP = "%Y%m%dT%H%M%S%fZ"
BUSY_TIMEOUT_MS = 10_000


class BackupError(LibraryError):
    """A backup that cannot be made, found or restored."""


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    reason: str

    @property
    def name(self) -> str:
        return self.path.name

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "made": self.made.isoformat(timespec="seconds"),
            "reason": self.reason,
            "size": size_of(self.path),
        }


def size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def folder_of(library: Path) -> Path:
    return library.parent / FOLDER


def _pattern(library: Path) -> re.Pattern[str]:
    return re.compile(re.escape(library.name) + r"\.(\d{8}T\d{12}Z)\.([a-z0-9-]{1,32})\.sqlite")


def list_backups(library: Path) -> list[Backup]:
    """This library's backups, newest first."""
    folder = folder_of(library)
    if not folder.is_dir():
        return []
    pattern = _pattern(library)
    found: list[Backup] = []
    for entry in os.scandir(folder):
        match = pattern.fullmatch(entry.name)
        if match is None or not entry.is_file():
            continue
        made = datetime.strptime(match.group(1), STAMP).replace(tzinfo=UTC)
        found.append(Backup(Path(entry.path), made, match.group(2)))
    found.sort(key=lambda b: b.made, reverse=True)
    return found


@contextlib.contextmanager
def _connect(path: Path, *, read_only: bool = False) -> Iterator[sqlite3.Connection]:
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    conn.isolation_level = None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        yield conn
    finally:
        conn.close()


def set_keep(conn: Connection, keep: int) -> None:
    """Record how many backups to keep (the caller's transaction)."""
    conn.execute(
        text(
            "INSERT INTO settings (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"k": KEEP_KEY, "v": str(keep)},
    )


def keep_count(library: Path) -> int:
    """How many backups to keep: the library's ``backup_keep`` setting, else 10."""
    try:
        with _connect(library) as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (KEEP_KEY,)).fetchone()
    except sqlite3.Error:
        return DEFAULT_KEEP
    try:
        return max(1, int(row[0])) if row else DEFAULT_KEEP
    except ValueError:
        return DEFAULT_KEEP


def make_backup(
    library: Path, reason: str, keep: int | None = None, spare: Path | None = None
) -> Backup:
    """A consistent copy of ``library`` in its backups folder; the oldest are pruned
    (never the new one, nor ``spare``)."""
    if not re.fullmatch(r"[a-z0-9-]{1,32}", reason):
        raise ValueError(f"bad backup reason {reason!r}")
    folder = folder_of(library)
    with known_errors(library):
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise BackupError(
                f"{folder}: cannot create the backups folder ({exc.strerror})"
            ) from None
        made = datetime.now(UTC)
        dest = folder / f"{library.name}.{made.strftime(STAMP)}.{reason}.sqlite"
        # Written under a temporary name: a killed backup never looks like a backup.
        part = dest.with_name(f".{dest.name}.part")
        try:
            with _connect(library) as src, _connect(part) as dst:
                src.backup(dst)
                # A backup stands alone: one file, no -wal beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
            os.replace(part, dest)
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise BackupError(f"{dest}: the backup could not be written ({exc.strerror})") from None
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    kept = [dest] if spare is None else [dest, spare]
    prune(library, keep if keep is not None else keep_count(library), spare=kept)
    return Backup(dest, made, reason)


def _sweep_parts(library: Path, now: datetime) -> None:
    """Remove what killed backups left (an hour old: a running backup is spared)."""
    for part in folder_of(library).glob(f".{glob.escape(library.name)}.*.part"):
        with contextlib.suppress(OSError):
            made = datetime.fromtimestamp(part.stat().st_mtime, UTC)
            if now - made > STALE_PART:
                part.unlink()


def prune(library: Path, keep: int, spare: list[Path] | None = None) -> list[Path]:
    """Delete all but the ``keep`` newest backups (never those in ``spare``, which
    count among the kept); returns what went."""
    _sweep_parts(library, datetime.now(UTC))
    gone: list[Path] = []
    spared = {p.resolve() for p in spare or []}
    backups = [b for b in list_backups(library) if b.path.resolve() not in spared]
    room = max(0, keep - len(spared))
    for old in backups[room:]:
        with contextlib.suppress(FileNotFoundError):
            old.path.unlink()
            gone.append(old.path)
    return gone


def daily_backup(library: Path, now: datetime | None = None) -> Backup | None:
    """A backup if the newest one is a day old or more (or there is none) and the
    library holds something worth keeping."""
    now = now or datetime.now(UTC)
    newest = next(iter(list_backups(library)), None)
    if newest is not None and now - newest.made < DAILY:
        return None
    try:
        with _connect(library) as conn:
            row = conn.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()
    except sqlite3.Error:
        return None  # not a library yet: nothing to keep
    if not row or not row[0]:
        return None
    return make_backup(library, "daily")


def find(library: Path, name: str) -> Path:
    """A backup named on the command line: a path, or a name in the backups folder."""
    given = Path(name).expanduser()
    for candidate in (given, folder_of(library) / name):
        if candidate.is_file():
            return candidate
    raise BackupError(f"{name}: no such backup (pizhu restore lists them)")


def _check_backup(path: Path) -> None:
    try:
        with _connect(path, read_only=True) as conn:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
            if rows != ["ok"]:
                raise BackupError(f"{path}: the backup is damaged ({rows[0]}); nothing restored")
            tables = {
                str(r[0])
                for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
    except sqlite3.Error as exc:
        raise BackupError(f"{path}: not a readable backup ({exc}); nothing restored") from None
    if not {"alembic_version", "articles"} <= tables:
        raise BackupError(f"{path}: not a Pizhu library; nothing restored")


def restore(library: Path, backup: Path) -> Backup:
    """Replace the library's content with ``backup``'s, after backing the library up.

    Returns the backup made of the library as it was. One write transaction on the live
    file: concurrent readers are never shown a mix, and a kill leaves the old library.
    """
    if backup.resolve() == library.resolve():
        raise BackupError(f"{backup}: is the library itself; nothing restored")
    _check_backup(backup)
    before = make_backup(library, "before-restore", spare=backup)
    with (
        known_errors(library),
        _connect(backup, read_only=True) as src,
        _connect(library) as dst,
    ):
        try:
            src.backup(dst)  # all pages in one step: one transaction on the library
        except sqlite3.OperationalError as exc:
            raise BackupError(
                f"{library}: restoring {backup.name} failed ({exc}); the library is unchanged"
            ) from None
        # The backup was stored standalone; the library stays in WAL mode.
        dst.execute("PRAGMA journal_mode = WAL")
    return before
