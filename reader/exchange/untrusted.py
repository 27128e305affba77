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

import shutil
import sqlite3
import tempfile
import weakref
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reader.exchange import checks, fixes
from reader.exchange.fixes import SharedFix
from reader.exchange.shared import (
    Rows,
    SharedArticle,
    SharedBlock,
    SharedHighlight,
    SharedHighlights,
    SharedNote,
    SharedSource,
    SharedTag,
    refusing,
    table_rows,
)
from reader.exchange.sharefile import Limits as Limits
from reader.exchange.sharefile import ShareRefused as ShareRefused
from reader.exchange.sharefile import check_schema, connect, copy_checked
from reader.store.importer import content_hash
from reader.store.models import ARTICLE_KINDS, BLOCK_TYPES
from reader.store.naming import tag_key


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

    def rows(table: str) -> Rows:
        return Rows(path, table, L, not_after)

    r = rows("source_files")
    for r.row in table_rows(conn, "source_files", L):
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
    for r.row in table_rows(conn, "blocks", L):
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
    for r.row in table_rows(conn, "articles", L):
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
            edited_at=r.time_or_none("edited_at"),
        )
        if bundle.articles[aid].source_id not in bundle.sources:
            raise r.bad("source_id", "names no page")
    tag_rows: dict[int, tuple[str, str, str | None, int | None, str]] = {}
    r = rows("tags")
    for r.row in table_rows(conn, "tags", L):
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
    for r.row in table_rows(conn, "article_tags", L):
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
    for r.row in table_rows(conn, "article_notes", L):
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
            with refusing(p):
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
