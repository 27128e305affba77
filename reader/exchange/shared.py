"""A share file's rows as validated Python values, and the row checker that reads them.

:mod:`reader.exchange.untrusted` opens and checks the file; the values it hands the
merge are these. Highlights are not held in memory (:class:`SharedHighlights`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.exchange import checks, schema
from reader.exchange.sharefile import Limits, ShareRefused, connect


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
    edited_at: str | None = None  # title, kind or authors edited by hand (revision 0011)


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


# --- the rows ------------------------------------------------------------------------------


class Rows:
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


def table_rows(
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


# A share's highlight rows hold these columns (the model's; tags come from their links).
HIGHLIGHT_FIELDS = tuple(f.name for f in fields(SharedHighlight) if f.name != "tags")
HIGHLIGHT_FLAGS = tuple(f.name for f in fields(SharedHighlight) if f.type == "bool")
# Built positionally: a merge reads every highlight of the file, maybe a million.
_UUID_AT = HIGHLIGHT_FIELDS.index("uuid")
_FLAGS_AT = tuple(HIGHLIGHT_FIELDS.index(f) for f in HIGHLIGHT_FLAGS)
_TAGS_AT = [f.name for f in fields(SharedHighlight)].index("tags")


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
            with refusing(self.path):
                yield from self._reread(conn)
        finally:
            conn.close()

    def _reread(self, conn: sqlite3.Connection) -> Iterator[SharedHighlight]:
        """A later pass over the private copy whose rows :meth:`read` checked: the
        values are only unpacked (the uuid lower-cased, as the check returned it)."""
        have = {str(r[1]) for r in conn.execute('PRAGMA table_xinfo("highlights")')}
        cols, params = [], []
        for name in HIGHLIGHT_FIELDS:
            if name in have:
                cols.append(f'"{name}"')
            else:  # a column older share files lack: the value the check assumed
                cols.append("?")
                params.append(schema.ADDED_LATER[("highlights", name)])
        rows = conn.execute(f"SELECT id, {', '.join(cols)} FROM highlights ORDER BY id", params)
        links = conn.execute(
            "SELECT highlight_id, tag_id FROM highlight_tags ORDER BY highlight_id"
        )
        link = links.fetchone()
        for hid, *values in rows:
            keys: set[str] = set()
            while link is not None and link[0] <= hid:
                if link[0] == hid:
                    keys.add(self.tags[link[1]])
                link = links.fetchone()
            values[_UUID_AT] = str(values[_UUID_AT]).lower()
            for i in _FLAGS_AT:
                values[i] = bool(values[i])
            values.insert(_TAGS_AT, frozenset(keys))
            yield SharedHighlight(*values)

    def read(self, conn: sqlite3.Connection) -> Iterator[SharedHighlight]:
        L = self.limits
        links = Rows(self.path, "highlight_tags", L, self.not_after)
        pairs = table_rows(conn, "highlight_tags", L, order="highlight_id")
        links.row = next(pairs, {})
        r = Rows(self.path, "highlights", L, self.not_after)
        for r.row in table_rows(conn, "highlights", L, order="id"):
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
def refusing(path: Path) -> Iterator[None]:
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
