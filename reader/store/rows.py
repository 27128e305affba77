"""Rows as the writers build them: one place for their columns.

The importer, re-parse, the hand edits and merge write ``articles`` and ``blocks``
rows built here, and snapshots read :data:`ARTICLE_COLUMNS` (every column of the
model, so a column added by a migration travels with undo and redo). An article's note
has one writer (:func:`put_note`), for the note operation and merge alike.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert

from reader.ingest import Article
from reader.store.models import ArticleNote, ArticleRow
from reader.store.preparing import PreparedArticle

ARTICLE_COLUMNS: tuple[str, ...] = tuple(c.name for c in ArticleRow.__table__.columns)


def article_values(pa: PreparedArticle) -> dict[str, object]:
    """The ``articles`` columns a parse decides (not id, uuid, source, position, time)."""
    a = pa.article
    return {
        "title": a.title,
        "kind": a.kind,
        "kicker": a.kicker,
        "authors": list(a.authors),
        "photographers": list(a.photographers),
        "continued_from": a.continued_from,
        "continued_on": a.continued_on,
        "text": pa.text,
        "content_hash": pa.content_hash,
        "flags": sorted(set(a.flags)),
        "consumed": [[c.span[0], c.span[1], c.reason] for c in a.consumed],
    }


def block_rows(article_id: int, article: Article) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    start = 0
    for ordinal, block in enumerate(article.blocks):
        rows.append(
            {
                "article_id": article_id,
                "ordinal": ordinal,
                "type": block.type,
                "text": block.text,
                "start": start,
                "spans": [[s, e] for s, e in block.spans],
                "flags": sorted(set(block.flags)),
            }
        )
        start += len(block.text) + 2  # blocks are joined by a blank line
    return rows


def put_note(
    conn: Connection, article: int, text: str, updated_at: str, author: str, *, keep: bool = False
) -> None:
    """Replace an article's note, in the caller's transaction (the caller re-indexes the
    article's notes). A blank note removes it, unless ``keep`` (a merge keeps the blank
    note it received: its time stops an older note coming back)."""
    conn.execute(delete(ArticleNote).where(ArticleNote.article_id == article))
    if keep or text.strip():
        conn.execute(
            insert(ArticleNote),
            {"article_id": article, "text": text, "updated_at": updated_at, "author": author},
        )
