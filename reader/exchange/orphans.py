"""Highlights a merge kept but could not place in this library's text.

They are never dropped: the GUI lists them beside the article (quote, note, tags), the
Markdown and JSON exports carry them, and a later merge places them when it can.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from reader.store.ids import ArticleId, HighlightId
from reader.store.unit import Unit


@dataclass(frozen=True)
class OrphanView:
    id: HighlightId
    uuid: str
    article_id: ArticleId
    article_title: str | None
    exact: str
    prefix: str
    suffix: str
    colour: str
    note: str
    author: str
    updated_at: str

    def to_json(self) -> dict[str, object]:
        return {
            "uuid": self.uuid,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "quote": {"exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            "colour": self.colour,
            "note": self.note,
            "author": self.author,
            "updated_at": self.updated_at,
        }


def list_orphans(tx: Unit, article_id: ArticleId | None = None) -> list[OrphanView]:
    """Live orphaned highlights, of one article or of the whole library."""
    sql = (
        "SELECT h.id, h.uuid, h.article_id, a.title, h.exact, h.prefix, h.suffix, h.colour, "
        "h.note, h.author, h.updated_at FROM highlights h JOIN articles a ON a.id = h.article_id "
        "WHERE h.orphaned AND NOT h.deleted"
    )
    params: dict[str, object] = {}
    if article_id is not None:
        sql += " AND h.article_id = :a"
        params["a"] = article_id
    rows = tx.conn.execute(text(sql + " ORDER BY h.article_id, h.id"), params).all()
    return [
        OrphanView(
            HighlightId(r[0]),
            r[1],
            ArticleId(r[2]),
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
        )
        for r in rows
    ]
