"""Reading a share file from someone else, which may be damaged or hostile.

Nothing in the file is trusted, and nothing in it runs:

1. it must be a regular file (a FIFO, device or folder is refused without blocking on
   it) and its header is checked (SQLite, sane page size, not truncated) before SQLite
   opens it (:mod:`reader.exchange.sharefile`);
2. a private copy is opened read-only and immutable (a ``-wal`` beside the original is
   never read), with ``trusted_schema`` off, ``query_only`` on, and SQLite's length
   limit lowered so one huge value cannot exhaust memory;
3. ``quick_check`` runs first;
4. the schema must match an exact allow-list: Pizhu's mark and share format, the known
   tables with exactly their columns (no generated or hidden ones), only the known
   indexes on plain columns, no views, no triggers, no virtual tables, nothing else;
   a schema revision this Pizhu does not know (a newer Pizhu) is refused;
5. every row is read into Python and checked (types, JSON shapes and nesting, uuids,
   ranges, sizes, tag parents without cycles) with the central validators of
   :mod:`reader.exchange.checks`; hashes and tag keys are recomputed here, never taken
   from the file;
6. times must be real dates and not from the future: a timestamp later than the
   file's own creation time (or now, whichever is earlier) plus a day of clock skew
   refuses the whole file. Refusing, not clamping: a forged tombstone dated 9999 would
   still win any comparison once clamped; refused, it deletes nothing.

Highlights are not kept in memory: they are checked in one pass and read again, in
id order, from the private copy whenever the merge walks them.

Any failure raises :class:`ShareRefused`: one line naming the file and the reason. The
receiving library is never opened by this module.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.exchange import checks, fixes, schema
from reader.exchange.fixes import SharedFix
from reader.exchange.sharefile import Limits as Limits
from reader.exchange.sharefile import ShareRefused as ShareRefused
from reader.exchange.sharefile import check_schema, connect, copy_checked
from reader.store.importer import content_hash
from reader.store.library import tag_key
from reader.store.models import ARTICLE_KINDS, BLOCK_TYPES


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
    highlights: SharedHighlights | list[SharedHighlight] = field(default_factory=list)
    tags: dict[str, SharedTag] = field(default_factory=dict)  # by key
    article_tags: dict[int, set[str]] = field(default_factory=dict)  # article id -> keys
    notes: dict[int, SharedNote] = field(default_factory=dict)
    split_fixes: list[SharedFix] = field(default_factory=list)  # see reader.exchange.fixes


# --- the rows ------------------------------------------------------------------------------


class _Rows:
    """Typed access to one row, refusing the file on the first bad value."""

    def __init__(self, path: Path, table: str, limits: Limits, not_after: datetime) -> None:
        self.path, self.table, self.limits, self.not_after = path, table, limits, not_after
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
        return None if self.row.get(col) is None else self.time(col)

    def match(self, col: str, pattern: re.Pattern[str], limit: int = 64) -> str:
        v = self.txt(col, limit).lower() if pattern is checks.UUID else self.txt(col, limit)
        if not checks.matches(pattern, v):
            raise self.bad(col, "is malformed")
        return v

    def time(self, col: str) -> str:
        """A real date and time, no later than the file's creation (see Limits)."""
        v = self.txt(col, 40)
        try:
            when = checks.parse_time(v)
        except checks.Invalid as exc:
            raise self.bad(col, str(exc)) from None
        if when > self.not_after:
            raise self.bad(col, f"is in the future ({v[:25]!r}; later than the file itself)")
        return v

    def json_list(self, col: str, limit: int = 100_000) -> list[Any]:
        raw = self.txt(col, limit)
        try:
            v = checks.json_value(raw, self.limits.json_depth)
        except checks.Invalid as exc:
            raise self.bad(col, str(exc)) from None
        if not isinstance(v, list):
            raise self.bad(col, "is not a list")
        return v

    def str_list(self, col: str) -> list[str]:
        v = self.json_list(col)
        if not all(isinstance(x, str) and len(x) <= self.limits.short for x in v):
            raise self.bad(col, "is not a list of short texts")
        return [str(x) for x in v]


def _rows(
    conn: sqlite3.Connection, table: str, limits: Limits, order: str = ""
) -> Iterator[dict[str, Any]]:
    cols = [r[1] for r in conn.execute(f'PRAGMA table_xinfo("{table}")')]
    names = ", ".join(f'"{c}"' for c in cols)
    by = f' ORDER BY "{order}"' if order else ""
    cur = conn.execute(f'SELECT {names} FROM "{table}"{by}')
    for n, row in enumerate(cur):
        if n >= limits.rows:
            raise ShareRefused(f"refused: more than {limits.rows} rows in {table}")
        yield dict(zip(cols, row, strict=True))


def _settings(
    conn: sqlite3.Connection, path: Path, revision: str, limits: Limits
) -> tuple[SharedBundle, datetime]:
    """The bundle's header, and the latest time its rows may carry."""
    settings = dict(conn.execute("SELECT key, value FROM settings LIMIT 100").fetchall())
    author = settings.get("share.author")
    created = settings.get("share.created")
    made: datetime | None = None
    if created is not None:
        try:
            made = checks.parse_time(created if isinstance(created, str) else "")
        except checks.Invalid as exc:
            raise ShareRefused(f"{path}: refused: its creation time {exc}") from None
    bundle = SharedBundle(
        path=path,
        revision=revision,
        author=author[: limits.short] if isinstance(author, str) else "",
        created=created if isinstance(created, str) else "",
    )
    return bundle, checks.latest_allowed(made)


def _read(conn: sqlite3.Connection, path: Path, revision: str, limits: Limits) -> SharedBundle:
    bundle, not_after = _settings(conn, path, revision, limits)
    L = limits

    def rows(table: str) -> _Rows:
        return _Rows(path, table, L, not_after)

    r = rows("source_files")
    for r.row in _rows(conn, "source_files", L):
        text = r.txt("text", L.page_text)
        date = r.opt("page_date", 10)
        if date is not None:
            try:
                checks.parse_date(date)
            except checks.Invalid as exc:
                raise r.bad("page_date", str(exc)) from None
        s = SharedSource(
            id=r.num("id"),
            name=r.txt("name", L.short),
            sha256=r.match("sha256", checks.HEX64),
            text_hash=r.match("text_hash", checks.HEX64),
            encoding=r.txt("encoding", 32),
            size=r.num("size"),
            text=text,
            imported_at=r.time("imported_at"),
            paper=r.opt("paper", L.short),
            page_date=date,
            page=r.opt("page", 16),
            page_name=r.opt("page_name", L.short),
            deleted_at=r.time_or_none("deleted_at"),
        )
        bundle.sources[s.id] = s
    blocks: dict[int, list[SharedBlock]] = {}
    r = rows("blocks")
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
    r = rows("articles")
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
            uuid=r.match("uuid", checks.UUID),
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
            created_at=r.time("created_at"),
            blocks=sorted(blocks.get(aid, []), key=lambda b: b.ordinal),
            deleted_at=r.time_or_none("deleted_at"),
        )
        if bundle.articles[aid].source_id not in bundle.sources:
            raise r.bad("source_id", "names no page")
    tag_rows: dict[int, tuple[str, str, str | None, int | None, str]] = {}
    r = rows("tags")
    for r.row in _rows(conn, "tags", L):
        name = " ".join(r.txt("name", L.short).split())
        key = tag_key(name)
        if not key:
            raise r.bad("name", "is empty")
        colour = r.opt("colour", L.colour)
        parent = r.row.get("parent_id")
        if parent is not None:
            parent = r.num("parent_id")
        tag_rows[r.num("id")] = (key, name, colour, parent, r.time("created_at"))
    for key, name, colour, parent, created in tag_rows.values():
        parent_key = tag_rows[parent][0] if parent in tag_rows else None
        if parent_key == key:
            parent_key = None
        if key not in bundle.tags:
            bundle.tags[key] = SharedTag(key, name, colour, parent_key, created)
    _refuse_tag_cycles(path, bundle.tags)
    r = rows("article_tags")
    for r.row in _rows(conn, "article_tags", L):
        tid = r.num("tag_id")
        aid = r.num("article_id")
        if tid not in tag_rows or aid not in bundle.articles:
            raise r.bad("tag_id", "names no tag or article")
        bundle.article_tags.setdefault(aid, set()).add(tag_rows[tid][0])
    stream = SharedHighlights(
        path, Path(), L, not_after, {t: v[0] for t, v in tag_rows.items()}, set(bundle.articles)
    )
    stream.count = sum(1 for _ in stream.read(conn))  # every row checked once, none kept
    twice = conn.execute(
        "SELECT lower(uuid) FROM highlights GROUP BY lower(uuid) HAVING count(*) > 1 LIMIT 1"
    ).fetchone()
    if twice is not None:
        uuid = str(twice[0])[:40]
        raise ShareRefused(f"{path}: refused: highlights: uuid {uuid!r} is used twice")
    bundle.highlights = stream
    r = rows("article_notes")
    for r.row in _rows(conn, "article_notes", L):
        aid = r.num("article_id")
        if aid not in bundle.articles:
            raise r.bad("article_id", "names no article")
        bundle.notes[aid] = SharedNote(
            aid, r.txt("text", L.note), r.time("updated_at"), r.txt("author", L.short)
        )
    raw_fixes = conn.execute(
        "SELECT value FROM settings WHERE key = ?", (fixes.SETTINGS_KEY,)
    ).fetchone()
    try:
        bundle.split_fixes = fixes.read(
            None if raw_fixes is None else raw_fixes[0], bundle.sources.values(), not_after
        )
    except ValueError as exc:
        raise ShareRefused(f"{path}: refused: {exc}") from None
    return bundle


def _refuse_tag_cycles(path: Path, tags: dict[str, SharedTag]) -> None:
    for key in tags:
        seen = {key}
        parent = tags[key].parent
        while parent is not None and parent in tags:
            if parent in seen:
                raise ShareRefused(
                    f"{path}: refused: tags: the parents of {key[:60]!r} form a cycle"
                )
            seen.add(parent)
            parent = tags[parent].parent


_HIGHLIGHT_COLUMNS = (
    "id", "uuid", "article_id", "start", "end", "exact", "prefix", "suffix", "colour",
    "note", "author", "created_at", "updated_at", "deleted", "orphaned",
)  # fmt: skip


@dataclass
class SharedHighlights:
    """The share's highlights, read again from the private copy on every pass, so a
    file with a million of them is never held in memory at once. Every row was
    checked when the file was read; a pass yields them in id order."""

    path: Path
    copy: Path
    limits: Limits
    not_after: datetime
    tags: dict[int, str]  # tag id -> key
    articles: set[int]
    count: int = 0

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[SharedHighlight]:
        conn = connect(self.copy, self.limits)
        try:
            with _refusing(self.path):
                yield from self._reread(conn)
        finally:
            conn.close()

    def _reread(self, conn: sqlite3.Connection) -> Iterator[SharedHighlight]:
        """A later pass over the private copy whose rows :meth:`read` checked: the
        values are only unpacked (the uuid lower-cased, as the check returned it)."""
        have = {str(r[1]) for r in conn.execute('PRAGMA table_xinfo("highlights")')}
        cols, params = [], []
        for name in _HIGHLIGHT_COLUMNS:
            if name in have:
                cols.append(f'"{name}"')
            else:  # a column older share files lack: the value the check assumed
                cols.append("?")
                params.append(schema.ADDED_LATER[("highlights", name)])
        rows = conn.execute(f"SELECT {', '.join(cols)} FROM highlights ORDER BY id", params)
        links = conn.execute(
            "SELECT highlight_id, tag_id FROM highlight_tags ORDER BY highlight_id"
        )
        link = links.fetchone()
        for hid, uuid, aid, start, end, exact, prefix, suffix, *rest in rows:
            colour, note, author, created, updated, deleted, orphaned = rest
            keys: set[str] = set()
            while link is not None and link[0] <= hid:
                if link[0] == hid:
                    keys.add(self.tags[link[1]])
                link = links.fetchone()
            yield SharedHighlight(
                str(uuid).lower(), aid, start, end, exact, prefix, suffix, colour, note,
                author, created, updated, bool(deleted), bool(orphaned), frozenset(keys),
            )  # fmt: skip

    def read(self, conn: sqlite3.Connection) -> Iterator[SharedHighlight]:
        L = self.limits
        links = _Rows(self.path, "highlight_tags", L, self.not_after)
        pairs = _rows(conn, "highlight_tags", L, order="highlight_id")
        links.row = next(pairs, {})
        r = _Rows(self.path, "highlights", L, self.not_after)
        for r.row in _rows(conn, "highlights", L, order="id"):
            hid = r.num("id")
            keys: set[str] = set()
            while links.row and links.num("highlight_id") <= hid:
                tid = links.num("tag_id")
                if tid not in self.tags:
                    raise links.bad("tag_id", "names no tag")
                if links.num("highlight_id") == hid:
                    keys.add(self.tags[tid])
                links.row = next(pairs, {})
            aid = r.num("article_id")
            if aid not in self.articles:
                raise r.bad("article_id", "names no article")
            start, end = r.num("start"), r.num("end")
            if start >= end:
                raise r.bad("end", "is not after start")
            colour = r.txt("colour", L.colour, empty=False)
            if any(not (c.isalnum() or c in "-_#") for c in colour):
                raise r.bad("colour", "is not a colour name")
            yield SharedHighlight(
                uuid=r.match("uuid", checks.UUID),
                article_id=aid,
                start=start,
                end=end,
                exact=r.txt("exact", L.quote, empty=False),
                prefix=r.txt("prefix", L.context),
                suffix=r.txt("suffix", L.context),
                colour=colour,
                note=r.txt("note", L.note),
                author=r.txt("author", L.short),
                created_at=r.time("created_at"),
                updated_at=r.time("updated_at"),
                deleted=r.flag("deleted"),
                orphaned=r.flag("orphaned"),
                tags=frozenset(keys),
            )


@contextmanager
def _refusing(path: Path) -> Iterator[None]:
    """SQLite's and Python's complaints about the file, as one-line refusals."""
    try:
        yield
    except sqlite3.DataError as exc:
        raise ShareRefused(f"{path}: refused: a value is too large ({exc})") from None
    except sqlite3.DatabaseError as exc:
        reason = " ".join(str(exc).split())[:120]
        raise ShareRefused(f"{path}: refused: corrupt or not a database ({reason})") from None
    except UnicodeDecodeError:
        raise ShareRefused(f"{path}: refused: corrupt (text that is not UTF-8)") from None
    except RecursionError:
        raise ShareRefused(f"{path}: refused: values nested too deeply") from None


def read_share(path: str | Path, limits: Limits | None = None) -> SharedBundle:
    """Validate the share file at ``path`` and read it, or refuse it.

    Highlights stay in a private copy of the file (deleted when the bundle is
    collected, or by :func:`close_share`) and are read again on every pass.
    """
    p = Path(path)
    lim = limits or Limits()
    tmp = Path(tempfile.mkdtemp(prefix="pizhu-share-"))
    try:
        copy = tmp / "share.sqlite"
        copy_checked(p, copy, lim)
        try:
            conn = connect(copy, lim)
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            reason = " ".join(str(exc).split())[:120]
            raise ShareRefused(f"{p}: refused: cannot open it as SQLite ({reason})") from None
        try:
            with _refusing(p):
                _quick_check(conn, p)
                revision = check_schema(conn, p)
                bundle = _read(conn, p, revision, lim)
        finally:
            conn.close()
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if isinstance(bundle.highlights, SharedHighlights):
        bundle.highlights.copy = copy
    weakref.finalize(bundle, shutil.rmtree, tmp, True)
    return bundle


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    # A damaged file's complaint may quote damaged bytes: decode leniently to report it.
    conn.text_factory = lambda b: b.decode("utf-8", "replace")
    try:
        problems = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
    finally:
        conn.text_factory = str
    if problems != ["ok"]:
        first = " ".join(problems[0].split())[:120]
        raise ShareRefused(f"{path}: refused: the database is corrupt ({first})")
