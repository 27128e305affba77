"""Reading a share file from someone else, which may be damaged or hostile.

Nothing in the file is trusted, and nothing in it runs:

1. the header is checked (SQLite, sane page size, not truncated) before SQLite opens it;
2. a private copy is opened read-only and immutable (a ``-wal`` beside the original is
   never read), with ``trusted_schema`` off, ``query_only`` on, and SQLite's length
   limit lowered so one huge value cannot exhaust memory;
3. ``quick_check`` runs first;
4. the schema must match an exact allow-list: Pizhu's mark and share format, the known
   tables with exactly their columns (no generated or hidden ones), only the known
   indexes on plain columns, no views, no triggers, no virtual tables, nothing else;
   a schema revision this Pizhu does not know (a newer Pizhu) is refused;
5. every row is read into Python and checked (types, JSON shapes, uuids, ranges,
   sizes); hashes and tag keys are recomputed here, never taken from the file.

Any failure raises :class:`ShareRefused`: one line naming the file and the reason. The
receiving library is never opened by this module.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import tempfile
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import KnownError
from reader.exchange import schema
from reader.store import database
from reader.store.importer import content_hash
from reader.store.library import tag_key
from reader.store.models import ARTICLE_KINDS, BLOCK_TYPES

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


class ShareRefused(KnownError):
    """A share file that is not safe or not valid to merge; the library is untouched."""


@dataclass(frozen=True)
class SharedSource:
    id: int
    name: str
    sha256: str
    text_hash: str
    encoding: str
    size: int
    text: str
    imported_at: str
    paper: str | None
    page_date: str | None
    page: str | None
    page_name: str | None = None  # revision 0005
    deleted_at: str | None = None  # in the sender's trash since


@dataclass(frozen=True)
class SharedBlock:
    ordinal: int
    type: str
    text: str
    start: int
    spans: list[list[int]]
    flags: list[str]


@dataclass(frozen=True)
class SharedArticle:
    id: int
    uuid: str
    source_id: int
    ordinal: int
    title: str | None
    kind: str
    kicker: str | None
    authors: list[str]
    photographers: list[str]
    continued_from: str | None
    continued_on: str | None
    text: str
    content_hash: str  # recomputed from the text
    flags: list[str]
    consumed: list[list[Any]]
    created_at: str
    blocks: list[SharedBlock]
    deleted_at: str | None = None  # in the sender's trash since (revision 0005)


@dataclass(frozen=True)
class SharedHighlight:
    uuid: str
    article_id: int
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    colour: str
    note: str
    author: str
    created_at: str
    updated_at: str
    deleted: bool
    orphaned: bool
    tags: frozenset[str]  # tag keys


@dataclass(frozen=True)
class SharedTag:
    key: str
    name: str
    colour: str | None
    parent: str | None  # parent's key
    created_at: str


@dataclass(frozen=True)
class SharedNote:
    article_id: int
    text: str
    updated_at: str
    author: str  # "" in a share written before notes carried an author


@dataclass
class SharedBundle:
    """Everything a share file holds, validated, as plain Python values."""

    path: Path
    revision: str
    author: str
    created: str
    sources: dict[int, SharedSource] = field(default_factory=dict)
    articles: dict[int, SharedArticle] = field(default_factory=dict)
    highlights: list[SharedHighlight] = field(default_factory=list)
    tags: dict[str, SharedTag] = field(default_factory=dict)  # by key
    article_tags: dict[int, set[str]] = field(default_factory=dict)  # article id -> keys
    notes: dict[int, SharedNote] = field(default_factory=dict)


# --- the file before SQLite sees it --------------------------------------------------------


def _check_header(path: Path, limits: Limits) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(100)
    except FileNotFoundError:
        raise ShareRefused(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ShareRefused(f"{path}: is a folder, not a share file") from None
    except OSError as exc:
        raise ShareRefused(f"{path}: cannot read it ({exc.strerror})") from None
    if size > limits.file_bytes:
        raise ShareRefused(f"{path}: refused: larger than {limits.file_bytes} bytes")
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


@contextmanager
def _private_copy(path: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="pizhu-share-") as tmp:
        copy = Path(tmp) / "share.sqlite"
        shutil.copyfile(path, copy)
        with copy.open("r+b") as f:  # WAL mark -> rollback mode: the copy stands alone
            f.seek(18)
            if f.read(2) == b"\x02\x02":
                f.seek(18)
                f.write(b"\x01\x01")
        yield copy


def _connect(copy: Path, limits: Limits) -> sqlite3.Connection:
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


def _check_schema(conn: sqlite3.Connection, path: Path) -> str:
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


# --- the rows ------------------------------------------------------------------------------

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([+-]\d{2}:\d{2}|Z)?)?$"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class _Rows:
    """Typed access to one row, refusing the file on the first bad value."""

    def __init__(self, path: Path, table: str, limits: Limits) -> None:
        self.path, self.table, self.limits = path, table, limits
        self.row: dict[str, Any] = {}

    def bad(self, col: str, why: str) -> ShareRefused:
        rid = self.row.get("id", self.row.get("article_id", "?"))
        return ShareRefused(f"{self.path}: refused: {self.table} row {rid}: {col} {why}")

    def num(self, col: str, low: int = 0) -> int:
        v = self.row.get(col)
        if not isinstance(v, int) or isinstance(v, bool) or v < low or v > 2**53:
            raise self.bad(col, "is not a valid number")
        return v

    def flag(self, col: str) -> bool:
        v = self.row.get(col, schema.ADDED_LATER.get((self.table, col)))
        if v not in (0, 1):
            raise self.bad(col, "is not a flag")
        return bool(v)

    def txt(self, col: str, limit: int, *, empty: bool = True) -> str:
        v = self.row.get(col, schema.ADDED_LATER.get((self.table, col)))
        if not isinstance(v, str):
            raise self.bad(col, "is not text")
        if len(v) > limit:
            raise self.bad(col, f"is longer than {limit} characters")
        if not empty and not v:
            raise self.bad(col, "is empty")
        return v

    def opt(self, col: str, limit: int) -> str | None:
        return None if self.row.get(col) is None else self.txt(col, limit)

    def time_or_none(self, col: str) -> str | None:
        return None if self.row.get(col) is None else self.match(col, _TIME)

    def match(self, col: str, pattern: re.Pattern[str], limit: int = 64) -> str:
        v = self.txt(col, limit).lower() if pattern is _UUID else self.txt(col, limit)
        if not pattern.match(v):
            raise self.bad(col, "is malformed")
        return v

    def json_list(self, col: str, limit: int = 100_000) -> list[Any]:
        raw = self.txt(col, limit)
        try:
            v = json.loads(raw)
        except ValueError:
            raise self.bad(col, "is not JSON") from None
        if not isinstance(v, list):
            raise self.bad(col, "is not a list")
        return v

    def str_list(self, col: str) -> list[str]:
        v = self.json_list(col)
        if not all(isinstance(x, str) and len(x) <= self.limits.short for x in v):
            raise self.bad(col, "is not a list of short texts")
        return [str(x) for x in v]


def _rows(conn: sqlite3.Connection, table: str, limits: Limits) -> Iterator[dict[str, Any]]:
    cols = [r[1] for r in conn.execute(f'PRAGMA table_xinfo("{table}")')]
    names = ", ".join(f'"{c}"' for c in cols)
    cur = conn.execute(f'SELECT {names} FROM "{table}"')
    for n, row in enumerate(cur):
        if n >= limits.rows:
            raise ShareRefused(f"refused: more than {limits.rows} rows in {table}")
        yield dict(zip(cols, row, strict=True))


def _read(conn: sqlite3.Connection, path: Path, revision: str, limits: Limits) -> SharedBundle:
    settings = dict(conn.execute("SELECT key, value FROM settings LIMIT 100").fetchall())
    author = settings.get("share.author")
    created = settings.get("share.created")
    bundle = SharedBundle(
        path=path,
        revision=revision,
        author=author[: limits.short] if isinstance(author, str) else "",
        created=created[:40] if isinstance(created, str) else "",
    )
    L = limits
    r = _Rows(path, "source_files", L)
    for r.row in _rows(conn, "source_files", L):
        text = r.txt("text", L.page_text)
        date = r.opt("page_date", 10)
        if date is not None and not _DATE.match(date):
            raise r.bad("page_date", "is malformed")
        s = SharedSource(
            id=r.num("id"),
            name=r.txt("name", L.short),
            sha256=r.match("sha256", _HEX64),
            text_hash=r.match("text_hash", _HEX64),
            encoding=r.txt("encoding", 32),
            size=r.num("size"),
            text=text,
            imported_at=r.match("imported_at", _TIME),
            paper=r.opt("paper", L.short),
            page_date=date,
            page=r.opt("page", 16),
            page_name=r.opt("page_name", L.short),
            deleted_at=r.time_or_none("deleted_at"),
        )
        bundle.sources[s.id] = s
    blocks: dict[int, list[SharedBlock]] = {}
    r = _Rows(path, "blocks", L)
    for r.row in _rows(conn, "blocks", L):
        btype = r.txt("type", 16)
        if btype not in BLOCK_TYPES:
            raise r.bad("type", "is unknown")
        spans = r.json_list("spans")
        if not all(
            isinstance(s, list) and len(s) == 2 and all(isinstance(x, int) for x in s)
            for s in spans
        ):
            raise r.bad("spans", "are malformed")
        blocks.setdefault(r.num("article_id"), []).append(
            SharedBlock(
                ordinal=r.num("ordinal"),
                type=btype,
                text=r.txt("text", L.article_text),
                start=r.num("start"),
                spans=spans,
                flags=r.str_list("flags"),
            )
        )
    r = _Rows(path, "articles", L)
    for r.row in _rows(conn, "articles", L):
        kind = r.txt("kind", 16)
        if kind not in ARTICLE_KINDS:
            raise r.bad("kind", "is unknown")
        body = r.txt("text", L.article_text)
        aid = r.num("id")
        consumed = r.json_list("consumed")
        if not all(isinstance(c, list) and len(c) == 3 for c in consumed):
            raise r.bad("consumed", "is malformed")
        bundle.articles[aid] = SharedArticle(
            id=aid,
            uuid=r.match("uuid", _UUID),
            source_id=r.num("source_id"),
            ordinal=r.num("ordinal"),
            title=r.opt("title", L.short),
            kind=kind,
            kicker=r.opt("kicker", L.short),
            authors=r.str_list("authors"),
            photographers=r.str_list("photographers"),
            continued_from=r.opt("continued_from", L.short),
            continued_on=r.opt("continued_on", L.short),
            text=body,
            content_hash=content_hash(body),
            flags=r.str_list("flags"),
            consumed=consumed,
            created_at=r.match("created_at", _TIME),
            blocks=sorted(blocks.get(aid, []), key=lambda b: b.ordinal),
            deleted_at=r.time_or_none("deleted_at"),
        )
        if bundle.articles[aid].source_id not in bundle.sources:
            raise r.bad("source_id", "names no page")
    tag_rows: dict[int, tuple[str, str, str | None, int | None, str]] = {}
    r = _Rows(path, "tags", L)
    for r.row in _rows(conn, "tags", L):
        name = " ".join(r.txt("name", L.short).split())
        key = tag_key(name)
        if not key:
            raise r.bad("name", "is empty")
        colour = r.opt("colour", L.colour)
        parent = r.row.get("parent_id")
        if parent is not None:
            parent = r.num("parent_id")
        tag_rows[r.num("id")] = (key, name, colour, parent, r.match("created_at", _TIME))
    for key, name, colour, parent, created in tag_rows.values():
        parent_key = tag_rows[parent][0] if parent in tag_rows else None
        if parent_key == key:
            parent_key = None
        if key not in bundle.tags:
            bundle.tags[key] = SharedTag(key, name, colour, parent_key, created)
    hl_tags: dict[int, set[str]] = {}
    r = _Rows(path, "highlight_tags", L)
    for r.row in _rows(conn, "highlight_tags", L):
        tid = r.num("tag_id")
        if tid not in tag_rows:
            raise r.bad("tag_id", "names no tag")
        hl_tags.setdefault(r.num("highlight_id"), set()).add(tag_rows[tid][0])
    r = _Rows(path, "article_tags", L)
    for r.row in _rows(conn, "article_tags", L):
        tid = r.num("tag_id")
        aid = r.num("article_id")
        if tid not in tag_rows or aid not in bundle.articles:
            raise r.bad("tag_id", "names no tag or article")
        bundle.article_tags.setdefault(aid, set()).add(tag_rows[tid][0])
    seen: set[str] = set()
    r = _Rows(path, "highlights", L)
    for r.row in _rows(conn, "highlights", L):
        aid = r.num("article_id")
        if aid not in bundle.articles:
            raise r.bad("article_id", "names no article")
        uuid = r.match("uuid", _UUID)
        if uuid in seen:
            raise r.bad("uuid", "is used twice")
        seen.add(uuid)
        start, end = r.num("start"), r.num("end")
        if start >= end:
            raise r.bad("end", "is not after start")
        colour = r.txt("colour", L.colour, empty=False)
        if any(not (c.isalnum() or c in "-_#") for c in colour):
            raise r.bad("colour", "is not a colour name")
        bundle.highlights.append(
            SharedHighlight(
                uuid=uuid,
                article_id=aid,
                start=start,
                end=end,
                exact=r.txt("exact", L.quote, empty=False),
                prefix=r.txt("prefix", L.context),
                suffix=r.txt("suffix", L.context),
                colour=colour,
                note=r.txt("note", L.note),
                author=r.txt("author", L.short),
                created_at=r.match("created_at", _TIME),
                updated_at=r.match("updated_at", _TIME),
                deleted=r.flag("deleted"),
                orphaned=r.flag("orphaned"),
                tags=frozenset(hl_tags.get(r.num("id"), ())),
            )
        )
    r = _Rows(path, "article_notes", L)
    for r.row in _rows(conn, "article_notes", L):
        aid = r.num("article_id")
        if aid not in bundle.articles:
            raise r.bad("article_id", "names no article")
        bundle.notes[aid] = SharedNote(
            aid, r.txt("text", L.note), r.match("updated_at", _TIME), r.txt("author", L.short)
        )
    return bundle


def read_share(path: str | Path, limits: Limits | None = None) -> SharedBundle:
    """Validate the share file at ``path`` and read it into Python, or refuse it."""
    p = Path(path)
    lim = limits or Limits()
    _check_header(p, lim)
    with _private_copy(p) as copy:
        try:
            conn = _connect(copy, lim)
        except sqlite3.Error as exc:
            raise ShareRefused(f"{p}: refused: cannot open it as SQLite ({exc})") from None
        try:
            problems = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                first = " ".join(problems[0].split())[:120]
                raise ShareRefused(f"{p}: refused: the database is corrupt ({first})")
            revision = _check_schema(conn, p)
            return _read(conn, p, revision, lim)
        except sqlite3.DataError as exc:
            raise ShareRefused(f"{p}: refused: a value is too large ({exc})") from None
        except sqlite3.DatabaseError as exc:
            reason = " ".join(str(exc).split())[:120]
            raise ShareRefused(f"{p}: refused: corrupt or not a database ({reason})") from None
        finally:
            conn.close()
