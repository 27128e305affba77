"""Writing a share file: the chosen articles' text with their annotations, tags, authors.

The rows are copied from one read snapshot of the library into a fresh in-memory
database, which ``VACUUM INTO`` writes out as one compact, consistent file in
rollback-journal mode (no ``-wal`` beside it); the file appears under its final name
only when complete. Page files travel with their articles (the blocks' source spans
point into them), their absolute paths do not (only the file name).
"""

from __future__ import annotations

import os
import sqlite3
import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from reader.errors import KnownError
from reader.exchange import fixes, schema
from reader.exchange.collect import annotated_ids
from reader.exchange.report import Cancel, Progress, never, no_progress, output_file
from reader.store import database, pagetext, trash
from reader.store.clock import now_iso
from reader.store.ids import ArticleId
from reader.store.location import refuse_library_file
from reader.store.naming import default_author
from reader.store.unit import Unit

CHUNK = 500
STEPS = 8  # of progress: three reading, five writing


class ShareCancelled(KnownError):
    """The user stopped writing a share file; nothing was written."""


@dataclass(frozen=True)
class ShareReport:
    path: Path
    articles: int
    highlights: int  # live ones
    tombstones: int  # deleted highlights, so the deletion travels
    notes: int
    tags: int
    size: int  # bytes

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "articles": self.articles,
            "highlights": self.highlights,
            "tombstones": self.tombstones,
            "notes": self.notes,
            "tags": self.tags,
            "bytes": self.size,
        }


def _columns(table: str) -> list[str]:
    return list(schema.expected_columns(table))


def _select(
    conn: Connection, table: str, where_col: str, ids: Sequence[int]
) -> list[dict[str, Any]]:
    cols = ", ".join(f'"{c}"' for c in _columns(table))
    rows: list[dict[str, Any]] = []
    for i in range(0, len(ids), CHUNK):
        chunk = ",".join(str(int(x)) for x in ids[i : i + CHUNK])
        sql = f'SELECT {cols} FROM {table} WHERE "{where_col}" IN ({chunk})'
        rows += [dict(r._mapping) for r in conn.execute(text(sql))]
    return rows


def _tag_closure(conn: Connection, tag_ids: set[int]) -> set[int]:
    parents: dict[int, int | None] = dict(
        conn.execute(text("SELECT id, parent_id FROM tags")).all()
    )
    out: set[int] = set()
    for tid in tag_ids:
        cur: int | None = tid
        while cur is not None and cur not in out and cur in parents:
            out.add(cur)
            cur = parents[cur]
    return out


def _insert(db: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    cols = _columns(table)
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    db.executemany(
        f"INSERT INTO {table} ({names}) VALUES ({marks})",
        [tuple(r[c] for c in cols) for r in rows],
    )


@dataclass(frozen=True)
class ShareRows:
    """The rows a share file holds, read in one transaction (:func:`share_rows`)."""

    library: Path  # no share may overwrite it
    revision: str | None  # the schema's, as Alembic names it
    tables: dict[str, list[dict[str, Any]]]  # in the order they are written
    split_fixes: str | None

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.tables[table]


def share_rows(
    tx: Unit, ids: Sequence[ArticleId] | None = None, progress: Progress | None = None
) -> ShareRows:
    """The rows of the articles ``ids`` (default: every annotated article, those in the
    trash too, as tombstones: the deletion travels)."""
    progress = progress or no_progress
    conn = tx.conn
    chosen = list(annotated_ids(tx) + trash.annotated_in_trash(tx) if ids is None else ids)
    revision = database.current_revision(conn)
    articles = _select(conn, "articles", "id", chosen)
    for a in articles:
        a["text"] = pagetext.decode(a["text"])  # a share holds the article as text
    progress(1, STEPS)
    source_ids = sorted({int(a["source_id"]) for a in articles})
    sources = _select(conn, "source_files", "id", source_ids)
    for s in sources:
        s["path"] = s["name"]  # the sender's folders stay private
        s["text"] = pagetext.decode(s["text"])  # a share holds the page as text
    blocks = _select(conn, "blocks", "article_id", chosen)
    progress(2, STEPS)
    highlights = _select(conn, "highlights", "article_id", chosen)
    hl_tags = _select(conn, "highlight_tags", "highlight_id", [h["id"] for h in highlights])
    art_tags = _select(conn, "article_tags", "article_id", chosen)
    notes = _select(conn, "article_notes", "article_id", chosen)
    progress(3, STEPS)
    used = {int(r["tag_id"]) for r in hl_tags} | {int(r["tag_id"]) for r in art_tags}
    tags = _select(conn, "tags", "id", sorted(_tag_closure(conn, used)))
    tables = {
        "source_files": sources,
        "tags": tags,
        "articles": articles,
        "blocks": blocks,
        "highlights": highlights,
        "highlight_tags": hl_tags,
        "article_tags": art_tags,
        "article_notes": notes,
    }
    return ShareRows(tx.path, revision, tables, fixes.encode(conn, source_ids))


def write_share(
    rows: ShareRows,
    out: str | Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ShareReport:
    """Write the rows :func:`share_rows` read to the share file ``out``."""
    progress = progress or no_progress
    cancel = cancel or never
    target = output_file(out, "the share file")
    refuse_library_file(target, rows.library, "a share file")
    if target.exists() and not force:
        raise KnownError(f"{target}: already exists (use --force to replace it)")
    db = sqlite3.connect(":memory:")
    try:
        for stmt in schema.ddl():
            db.execute(stmt)
        if cancel():
            raise ShareCancelled(f"{target}: cancelled; nothing was written")
        db.execute("BEGIN")
        db.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (rows.revision,))
        meta = {
            "share.created": now_iso(),
            "share.author": default_author(),
            "share.format": str(schema.SHARE_FORMAT),
        }
        if rows.split_fixes:
            meta[fixes.SETTINGS_KEY] = rows.split_fixes
        db.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", sorted(meta.items()))
        for step, (table, values) in enumerate(rows.tables.items()):
            _insert(db, table, values)
            progress(min(STEPS, 3 + step // 2), STEPS)
        db.execute("COMMIT")
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {schema.SHARE_FORMAT}")
        if cancel():
            raise ShareCancelled(f"{target}: cancelled; nothing was written")
        tmp = target.with_name(f".{target.name}.{uuidlib.uuid4().hex}.tmp")
        try:
            db.execute("VACUUM INTO ?", (str(tmp),))
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise KnownError(f"{target}: cannot write the share file ({exc.strerror})") from exc
    finally:
        db.close()
    progress(STEPS, STEPS)
    highlights = rows.rows("highlights")
    return ShareReport(
        path=target,
        articles=len(rows.rows("articles")),
        highlights=sum(1 for h in highlights if not h["deleted"]),
        tombstones=sum(1 for h in highlights if h["deleted"]),
        notes=len(rows.rows("article_notes")),
        tags=len(rows.rows("tags")),
        size=target.stat().st_size,
    )
