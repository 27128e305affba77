"""Opening a library file: the engine, its pragmas, and schema upgrades on open.

pysqlite does not make DDL transactional on its own. Following SQLAlchemy's documented
recipe for SQLite, the driver's own transaction handling is switched off
(``isolation_level = None``) and every SQLAlchemy transaction emits an explicit
``BEGIN`` — ``BEGIN IMMEDIATE`` for writers, so two processes never deadlock upgrading a
read lock — which makes a whole migration, DDL included, commit or roll back as one.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from reader.paths import migrations_dir
from reader.store import pagetext
from reader.store.errors import (
    LibraryCorruptError,
    LibraryError,
    LibraryVersionError,
    MigrationError,
    known_errors,
    translate,
)

if TYPE_CHECKING:  # Alembic loads only when a library must be upgraded (or checked)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

BUSY_TIMEOUT_MS = 10_000
BEGIN_OPTION = "pizhu_begin"


def add_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the library's schema calls, on a connection to it: the
    ``blocks`` view and its triggers read article text through ``pizhu_text``."""
    conn.create_function(pagetext.SQL_NAME, 1, pagetext.sql_decode, deterministic=True)


def make_engine(path: Path, busy_timeout_ms: int | None = None) -> Engine:
    """An engine on ``path`` with WAL, foreign keys, a busy timeout and explicit BEGINs."""
    timeout = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
    url = URL.create("sqlite+pysqlite", database=str(path))
    engine = create_engine(
        url,
        connect_args={"timeout": timeout / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        add_functions(dbapi_connection)
        cur = dbapi_connection.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {int(timeout)}")
            cur.execute("PRAGMA foreign_keys = ON")
            # The blocks view calls pizhu_text (a pure decode): an SQLite built with
            # untrusted schemas as its default would refuse any application function in
            # a view or trigger.
            cur.execute("PRAGMA trusted_schema = ON")
            # A new library lets freed pages be handed back to the file system
            # (reader.store.indexing.compact); an older one keeps them for reuse (the
            # setting takes effect only before the first table, and asking it of an
            # existing file would wait for another program's write lock).
            if cur.execute("PRAGMA page_count").fetchone()[0] == 0:
                cur.execute("PRAGMA auto_vacuum = INCREMENTAL")
            cur.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL keeps the library consistent across crashes and kills;
            # only the last commits before a power loss may be rolled back.
            cur.execute("PRAGMA synchronous = NORMAL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


# Every write transaction bumps a counter in the library; each process remembers the
# values its own commits produced, so a value it did not produce is another process's
# write (see reader.store.watch). PRAGMA data_version alone cannot tell them apart.
WRITE_SEQ_KEY = "write_seq"
_BUMP = (
    "INSERT INTO settings (key, value) VALUES ('write_seq', '1') "
    "ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) "
    "RETURNING CAST(value AS INTEGER)"
)
_own_writes: weakref.WeakKeyDictionary[Engine, set[int]] = weakref.WeakKeyDictionary()


def own_writes(engine: Engine) -> set[int]:
    """The write counter values this process committed through ``engine``."""
    return _own_writes.setdefault(engine, set())


def _bump(conn: Connection) -> int | None:
    try:
        return int(conn.exec_driver_sql(_BUMP).scalar_one())
    except OperationalError:  # no settings table: not a Pizhu library (yet)
        return None


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction (``BEGIN IMMEDIATE``): committed on success, rolled back on error."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
        with conn.begin():
            yield conn
            seq = _bump(conn)
        if seq is not None:
            own_writes(engine).add(seq)


@contextlib.contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read transaction: one consistent snapshot of the library."""
    with engine.connect() as conn, conn.begin():
        yield conn


# --- migrations ----------------------------------------------------------------------------


def alembic_config(script_location: Path | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or migrations_dir()))
    return cfg


def script_directory(script_location: Path | None = None) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(script_location))


def head_revision(script_location: Path | None = None) -> str:
    head = script_directory(script_location).get_current_head()
    if head is None:
        raise RuntimeError("the migrations have no head revision")
    return head


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


_REVISION = re.compile(r'^(down_revision|revision)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|None)', re.M)


def quick_head(script_location: Path | None = None) -> str | None:
    """The head revision read from the migration files' ``revision``/``down_revision``
    lines, without loading Alembic (a third of a command's start-up); None when the
    files do not make one linear chain, and Alembic decides."""
    folder = (script_location or migrations_dir()) / "versions"
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        for path in folder.glob("*.py"):
            found = dict(
                (m.group(1), m.group(2) or m.group(3))
                for m in _REVISION.finditer(path.read_text(encoding="utf-8"))
            )
            if found.get("revision"):
                revisions.add(str(found["revision"]))
                if found.get("down_revision"):
                    parents.add(str(found["down_revision"]))
    except OSError:
        return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def _stored_revision(conn: Connection) -> str | None:
    """``alembic_version`` read with plain SQL (None when there is none)."""
    has = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if has is None:
        return None
    rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


@dataclass(frozen=True)
class Upgrade:
    """What happened to the schema on open."""

    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def backup_copy(path: Path, revision: str | None, reason: str = "upgrade") -> Path:
    """A consistent copy of the library in its backups folder (SQLite's online backup,
    WAL-safe; the library file is never opened outside SQLite)."""
    from reader.store import backups

    tag = f"{reason}-from-{revision}" if revision and reason == "upgrade" else reason
    return backups.make_backup(path, tag.lower()).path


def _user_tables(conn: Connection) -> list[str]:
    rows = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [r[0] for r in rows]


def upgrade(engine: Engine, path: Path, script_location: Path | None = None) -> Upgrade:
    """Bring the library at ``path`` to the newest schema, backing it up first.

    Refuses a library from a newer Pizhu (or any unknown schema history). The whole
    upgrade is one transaction: if any step fails, the library is left as it was.
    """
    quick = quick_head(script_location)
    if quick is not None:  # the common case, an up-to-date library: no Alembic
        with known_errors(path), engine.connect() as conn, conn.begin():
            if _stored_revision(conn) == quick:
                return Upgrade(quick, quick, None)
    from alembic import command

    scripts = script_directory(script_location)
    head = head_revision(script_location)
    with known_errors(path), engine.connect() as conn:
        with conn.begin():
            current = current_revision(conn)
            tables = _user_tables(conn)
        if current == head:
            return Upgrade(current, head, None)
        if current is None and tables:
            raise LibraryCorruptError(f"{path}: not a Pizhu library (it has other tables)")
        if current is not None:
            try:
                scripts.get_revision(current)
            except Exception:
                raise LibraryVersionError(
                    f"{path}: the library was written by a newer Pizhu (schema {current}; "
                    f"this Pizhu knows up to {head}); please update Pizhu"
                ) from None
    backup = backup_copy(path, current) if current is not None else None
    cfg = alembic_config(script_location)
    with known_errors(path), engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        # Table rebuilds (batch mode) must not cascade deletes; checked before commit.
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            conn = conn.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
            try:
                with conn.begin():
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                    bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if bad:
                        raise MigrationError(
                            f"{path}: upgrade would break {len(bad)} references; "
                            "the library was left unchanged"
                        )
            except LibraryError:
                raise
            except Exception as exc:
                known = translate(exc, path)
                if known is not None:
                    raise known from exc
                where = f" (backup: {backup.name})" if backup else ""
                reason = (str(exc).strip().splitlines() or [""])[0]
                raise MigrationError(
                    f"{path}: upgrading the library failed ({type(exc).__name__}: {reason}); "
                    f"it was left unchanged{where}"
                ) from exc
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
    return Upgrade(current, head, backup)


def schema_version(engine: Engine) -> str | None:
    with reading(engine) as conn:
        return current_revision(conn)


def quick_check(conn: Connection, full: bool = False) -> list[str]:
    pragma = "integrity_check" if full else "quick_check"
    rows = [str(r[0]) for r in conn.execute(text(f"PRAGMA {pragma}"))]
    return [] if rows == ["ok"] else rows
