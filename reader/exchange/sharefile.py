"""The share file before its rows are read: its type, header, private copy, SQLite
connection and schema allow-list (steps 1-4 of :mod:`reader.exchange.untrusted`)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.errors import KnownError
from reader.exchange import checks, schema
from reader.store import database

HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 2 * 1024**3
    value_bytes: int = 32 * 1024**2  # SQLite's length limit while reading
    page_text: int = 4_000_000  # characters
    article_text: int = 2_000_000
    note: int = 200_000
    quote: int = 200_000
    context: int = 4_000  # prefix, suffix
    short: int = 1_000  # names, titles, paths, tag names
    colour: int = 32
    rows: int = 2_000_000  # per table
    json_depth: int = 8  # nesting of authors, spans, consumed, flags


class ShareRefused(KnownError):
    """A share file that is not safe or not valid to merge; the library is untouched."""


# --- the file before SQLite sees it --------------------------------------------------------


def copy_checked(path: Path, copy: Path, limits: Limits) -> None:
    try:
        fd = checks.open_regular(path)
    except checks.Invalid as exc:
        raise ShareRefused(f"{path}: {exc}") from None
    except FileNotFoundError:
        raise ShareRefused(f"{path}: no such file") from None
    except OSError as exc:
        raise ShareRefused(f"{path}: cannot read it ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as src:
        size = os.fstat(src.fileno()).st_size
        if size > limits.file_bytes:
            raise ShareRefused(f"{path}: refused: larger than {limits.file_bytes} bytes")
        head = src.read(100)
        check_header(path, head, size)
        src.seek(0)
        with copy.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
    with copy.open("r+b") as f:  # WAL mark -> rollback mode: the copy stands alone
        f.seek(18)
        if f.read(2) == b"\x02\x02":
            f.seek(18)
            f.write(b"\x01\x01")


def check_header(path: Path, head: bytes, size: int) -> None:
    if len(head) < 100 or not head.startswith(HEADER):
        raise ShareRefused(f"{path}: refused: not a SQLite database")
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    if page < 512 or page & (page - 1):
        raise ShareRefused(f"{path}: refused: corrupt SQLite header")
    pages = int.from_bytes(head[28:32], "big")
    valid = head[92:96] == head[24:28]
    if size % page or (valid and pages * page > size) or size < page:
        raise ShareRefused(f"{path}: refused: the file is truncated")


def connect(copy: Path, limits: Limits) -> sqlite3.Connection:
    uri = f"file:{urllib.parse.quote(str(copy))}?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limits.value_bytes)
    conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA query_only = ON")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")
    return conn


# --- the schema ----------------------------------------------------------------------------


def check_schema(conn: sqlite3.Connection, path: Path) -> str:
    """Refuse anything but the exact share schema; the schema revision."""

    def refuse(reason: str) -> ShareRefused:
        return ShareRefused(f"{path}: refused: {reason}")

    app = conn.execute("PRAGMA application_id").fetchone()[0]
    fmt = conn.execute("PRAGMA user_version").fetchone()[0]
    if app != schema.APPLICATION_ID or fmt < 1:
        raise refuse("not a Pizhu share file")
    if fmt > schema.SHARE_FORMAT:
        raise refuse(f"written by a newer Pizhu (share format {fmt}); please update Pizhu")
    allowed = {*schema.SHARE_TABLES, "alembic_version"}
    seen: set[str] = set()
    indexes: list[tuple[str, str]] = []
    for kind, name, table, sql in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
    ).fetchall():
        if kind in ("view", "trigger"):
            raise refuse(f"it contains a {kind} ({str(name)[:60]!r})")
        if kind == "table":
            if name not in allowed:
                raise refuse(f"unexpected table {str(name)[:60]!r}")
            if str(sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
                raise refuse(f"virtual table {name!r}")
            seen.add(str(name))
        elif kind == "index":
            indexes.append((str(name), str(table)))
        else:
            raise refuse(f"unexpected schema entry {str(kind)[:20]!r}")
    missing = allowed - seen
    if missing:
        raise refuse(f"not a Pizhu share file (no table {sorted(missing)[0]!r})")
    for name, table in indexes:
        if table not in allowed:
            raise refuse(f"index {name[:60]!r} on an unknown table")
        known = schema.expected_indexes(table) if table in schema.SHARE_TABLES else set()
        if name not in known and not name.startswith(f"sqlite_autoindex_{table}_"):
            raise refuse(f"unexpected index {name[:60]!r}")
        for row in conn.execute(f'PRAGMA index_xinfo("{name}")'):
            if row[1] == -2:
                raise refuse(f"index {name!r} on an expression")
    for table in schema.SHARE_TABLES:
        for row in conn.execute(f'PRAGMA index_list("{table}")'):
            if row[4]:  # partial
                raise refuse(f"partial index {row[1]!r}")
        _check_columns(conn, table, refuse)
    cols = [r[1] for r in conn.execute('PRAGMA table_xinfo("alembic_version")')]
    if cols != ["version_num"]:
        raise refuse("unexpected columns in alembic_version")
    versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    if len(versions) != 1 or not isinstance(versions[0][0], str):
        raise refuse("no single schema revision")
    revision = versions[0][0]
    try:
        known_rev = database.script_directory().get_revision(revision)
    except Exception:
        known_rev = None
    if known_rev is None:
        raise refuse(
            f"written by a newer Pizhu (schema {revision[:40]!r}; this Pizhu knows up to "
            f"{database.head_revision()}); please update Pizhu"
        )
    if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise refuse("broken references between its rows")
    return revision


def _check_columns(conn: sqlite3.Connection, table: str, refuse: Any) -> None:
    expected = schema.expected_columns(table)
    found: set[str] = set()
    for _cid, name, decl, notnull, _default, pk, hidden in conn.execute(
        f'PRAGMA table_xinfo("{table}")'
    ):
        if hidden:
            raise refuse(f"generated or hidden column {table}.{name}")
        shape = expected.get(name)
        if shape is None:
            raise refuse(f"unexpected column {table}.{str(name)[:60]}")
        if (str(decl).upper(), bool(notnull), pk) != (shape.type, shape.notnull, shape.pk):
            raise refuse(f"column {table}.{name} has another type or key")
        found.add(name)
    for name in expected.keys() - found:
        if (table, name) not in schema.ADDED_LATER:
            raise refuse(f"missing column {table}.{name}")
