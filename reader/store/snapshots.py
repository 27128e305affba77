"""Articles as rows, put back: the undo (and redo) of every rewrite of a page's articles.

A :class:`Snapshot` holds the rows of some articles (article, blocks, highlights, tag
links, note) and the positions of every article on their pages; :func:`restore` makes
the articles exactly as a snapshot holds them, and :class:`Rewrite` is that as an
operation. The hand edits (:mod:`reader.store.edits`), the answers in Check the split
(:mod:`reader.store.splitfix`) and re-parse (:mod:`reader.store.reparsing`) answer with
one as their inverse.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from reader.store import rows as page_rows
from reader.store import search, tables
from reader.store.changes import Changes
from reader.store.ids import ArticleId
from reader.store.unit import Applied, Unit

ARTICLE_COLUMNS = ", ".join(page_rows.ARTICLE_COLUMNS)


@dataclass(frozen=True)
class Snapshot:
    articles: dict[int, dict[str, Any]]  # id → article row
    blocks: dict[int, list[dict[str, Any]]]
    highlights: dict[int, list[dict[str, Any]]]
    tags: dict[int, list[int]]
    notes: dict[int, dict[str, Any]]
    ordinals: dict[int, int]  # every article of the touched pages → its position
    highlight_tags: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def rows_of(conn: Connection, sql: str, **params: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def snapshot(conn: Connection, ids: set[int]) -> Snapshot:
    arts: dict[int, dict[str, Any]] = {}
    blocks: dict[int, list[dict[str, Any]]] = {}
    hls: dict[int, list[dict[str, Any]]] = {}
    tags: dict[int, list[int]] = {}
    notes: dict[int, dict[str, Any]] = {}
    hl_tags: dict[int, list[tuple[int, int]]] = {}
    sources: set[int] = set()
    for aid in sorted(ids):
        row = rows_of(conn, f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = :id", id=aid)
        if not row:
            continue
        arts[aid] = row[0]
        sources.add(row[0]["source_id"])
        blocks[aid] = rows_of(
            conn,
            "SELECT ordinal, type, text, start, spans, flags FROM blocks "
            "WHERE article_id = :id ORDER BY ordinal",
            id=aid,
        )
        hls[aid] = rows_of(conn, "SELECT * FROM highlights WHERE article_id = :id", id=aid)
        # Deleting the article on undo drops these links with its highlights.
        hl_tags[aid] = [
            (r["highlight_id"], r["tag_id"])
            for r in rows_of(
                conn,
                "SELECT l.highlight_id, l.tag_id FROM highlight_tags l "
                "JOIN highlights h ON h.id = l.highlight_id WHERE h.article_id = :id",
                id=aid,
            )
        ]
        tags[aid] = [
            r["tag_id"]
            for r in rows_of(conn, "SELECT tag_id FROM article_tags WHERE article_id = :id", id=aid)
        ]
        note = rows_of(conn, "SELECT * FROM article_notes WHERE article_id = :id", id=aid)
        if note:
            notes[aid] = note[0]
    ordinals: dict[int, int] = {}
    for sid in sources:
        for r in rows_of(conn, "SELECT id, ordinal FROM articles WHERE source_id = :s", s=sid):
            ordinals[r["id"]] = r["ordinal"]
    return Snapshot(arts, blocks, hls, tags, notes, ordinals, hl_tags)


def unindex(conn: Connection, tx: Unit, aid: int) -> None:
    stored = search.title_and_text(conn, aid)
    if stored is not None:
        search.delete_article(conn, aid, *stored, tx.cut)


def index(conn: Connection, tx: Unit, aid: int) -> None:
    stored = search.title_and_text(conn, aid)
    if stored is not None:
        search.insert_article(conn, aid, search.article_tokens(*stored, tx.cut))
        search.reindex_notes(conn, aid, tx.cut)


def set_ordinals(conn: Connection, ordinals: dict[int, int]) -> None:
    """Assign positions without tripping UNIQUE(source_id, ordinal) halfway."""
    present = [aid for aid in ordinals if exists(conn, aid)]
    for aid in present:  # first every one to a private negative slot, then to its place
        conn.execute(
            text("UPDATE articles SET ordinal = -1000000 - id WHERE id = :id"), {"id": aid}
        )
    for aid in present:
        conn.execute(
            text("UPDATE articles SET ordinal = :o WHERE id = :id"), {"o": ordinals[aid], "id": aid}
        )


def exists(conn: Connection, aid: int) -> bool:
    found = conn.execute(text("SELECT 1 FROM articles WHERE id = :id"), {"id": aid}).first()
    return found is not None


def insert_row(conn: Connection, table: str, row: dict[str, Any]) -> None:
    cols = ", ".join(f'"{c}"' for c in row)
    conn.execute(
        text(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(':' + c for c in row)})"), row
    )


def jsonable(row: dict[str, Any]) -> dict[str, Any]:

    return {k: json.dumps(v) if isinstance(v, list) else v for k, v in row.items()}


def restore(
    tx: Unit,
    target: Snapshot,
    ids: frozenset[int],
    also: Callable[[Connection], None] | None = None,
) -> None:
    """Make the articles ``ids`` exactly as ``target`` holds them (absent if it lacks them);
    ``also`` puts back other rows in the same transaction."""
    tx.ensure_index_current()
    conn = tx.conn
    if also is not None:
        also(conn)
    for aid in ids:
        if exists(conn, aid):
            unindex(conn, tx, aid)
            conn.execute(text("DELETE FROM articles WHERE id = :id"), {"id": aid})
    # park the surviving articles' positions so restored rows can take theirs
    others = [a for a in target.ordinals if a not in target.articles and exists(conn, a)]
    for aid in others:
        conn.execute(
            text("UPDATE articles SET ordinal = -1000000 - id WHERE id = :id"), {"id": aid}
        )
    for aid, row in target.articles.items():
        insert_row(conn, "articles", jsonable({**row, "ordinal": -2_000_000 - aid}))
        for b in target.blocks.get(aid, []):
            insert_row(conn, "blocks", jsonable({**b, "article_id": aid}))
        for h in target.highlights.get(aid, []):
            insert_row(conn, "highlights", h)
        tables.link_highlight_tags(conn, target.highlight_tags.get(aid, []))
        tables.link_article_tags(conn, ((aid, t) for t in target.tags.get(aid, [])))
        if aid in target.notes:
            insert_row(conn, "article_notes", target.notes[aid])
        index(conn, tx, aid)
    set_ordinals(conn, target.ordinals)


def restored(now: Snapshot, was: Snapshot) -> Changes:
    """What putting ``now`` back in place of ``was`` changed."""
    present = frozenset(ArticleId(a) for a in now.articles)
    gone = frozenset(ArticleId(a) for a in was.articles if a not in now.articles)
    new = frozenset(ArticleId(a) for a in now.articles if a not in was.articles)
    return Changes(articles_rewritten=present - new, articles_added=new, articles_removed=gone)


@dataclass(frozen=True)
class Rewrite:
    """Put articles back as a snapshot holds them: an edit's undo, and its redo."""

    put: Snapshot
    was: Snapshot
    ids: frozenset[int]
    label: str = "Edit articles"

    def apply(self, tx: Unit) -> Applied:
        restore(tx, self.put, self.ids)
        inverse = Rewrite(self.was, self.put, self.ids, self.label)
        return Applied(restored(self.put, self.was), inverse)
