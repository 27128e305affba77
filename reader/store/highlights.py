"""Highlight rows: add, edit, tombstone and bring back, inside a caller's transaction.

Functions here take an open write :class:`~sqlalchemy.Connection`; the library facade
and :mod:`reader.store.operations` own the transactions. Highlights may overlap; a
highlight's colour is a palette key (:mod:`reader.store.palette`). Deleting keeps the
row as a tombstone (so a merge does not bring it back, and undo can restore the very
same row); its tag links are removed and reported so undo can put them back.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass

from sqlalchemy import Connection, select

from reader.store import anchoring, search, tables
from reader.store.errors import LibraryError, NotFoundError
from reader.store.ids import ArticleId, HighlightId, TagId
from reader.store.models import ArticleRow, HighlightRow


@dataclass(frozen=True)
class HighlightState:
    """What an edit or a delete changes, kept so it can be put back exactly."""

    id: HighlightId
    article_id: ArticleId
    colour: str
    note: str
    updated_at: str
    tags: tuple[TagId, ...]


def article_text(conn: Connection, aid: ArticleId) -> str:
    body = conn.execute(select(ArticleRow.text).where(ArticleRow.id == aid)).scalar()
    if body is None:
        raise NotFoundError(f"no article {aid}")
    return str(body)


def insert_highlight(
    conn: Connection,
    aid: ArticleId,
    start: int,
    end: int,
    *,
    colour: str,
    note: str,
    author: str,
    stamp: str,
    cut: search.Cut | None,
    highlight_uuid: str | None = None,
) -> HighlightId:
    """Insert a live highlight over ``[start, end)`` of the article's text."""
    body = article_text(conn, aid)
    try:
        sel = anchoring.build(body, start, end)
    except anchoring.RangeError:
        raise LibraryError(
            f"highlight [{start}, {end}) is outside article {aid} (0…{len(body)})"
        ) from None
    hid = tables.HIGHLIGHTS.insert(
        conn,
        {
            "uuid": highlight_uuid or str(uuidlib.uuid4()),
            "article_id": aid,
            "start": start,
            "end": end,
            "exact": sel.exact,
            "prefix": sel.prefix,
            "suffix": sel.suffix,
            "colour": colour,
            "note": note,
            "author": author,
            "created_at": stamp,
            "updated_at": stamp,
        },
    )
    if note and cut is not None:
        search.reindex_notes(conn, aid, cut)
    return hid


def state(conn: Connection, hid: HighlightId, *, live: bool = True) -> HighlightState:
    q = select(
        HighlightRow.article_id, HighlightRow.colour, HighlightRow.note, HighlightRow.updated_at
    ).where(HighlightRow.id == hid)
    if live:
        q = q.where(HighlightRow.deleted.is_(False))
    row = conn.execute(q).first()
    if row is None:
        raise NotFoundError(f"no highlight {hid}")
    return HighlightState(
        hid,
        ArticleId(row.article_id),
        row.colour,
        row.note,
        row.updated_at,
        tuple(tables.highlight_tags(conn, hid)),
    )


def edit(
    conn: Connection,
    hid: HighlightId,
    *,
    colour: str | None,
    note: str | None,
    stamp: str,
    cut: search.Cut | None,
) -> HighlightState:
    """Change a live highlight's colour and/or note; returns its state before."""
    before = state(conn, hid)
    values: dict[str, object] = {"id": hid, "updated_at": stamp}
    if colour is not None:
        values["colour"] = colour
    if note is not None:
        values["note"] = note
    tables.HIGHLIGHTS.update(conn, [values])
    if note is not None and note != before.note and cut is not None:
        search.reindex_notes(conn, before.article_id, cut)
    return before


def tombstone(conn: Connection, hid: HighlightId, *, stamp: str, cut: search.Cut) -> HighlightState:
    """Delete a live highlight (kept as a tombstone); returns its state before."""
    before = state(conn, hid)
    tables.tombstone_highlights(conn, [hid], stamp)
    if before.note:
        search.reindex_notes(conn, before.article_id, cut)
    return before


def revive(conn: Connection, was: HighlightState, cut: search.Cut) -> None:
    """Bring a tombstoned highlight back as it was (colour, note, time, tags)."""
    found = conn.execute(select(HighlightRow.deleted).where(HighlightRow.id == was.id)).scalar()
    if found is None:
        raise NotFoundError(f"no highlight {was.id}")
    tables.HIGHLIGHTS.update(conn, [revived(was)])
    tables.link_highlight_tags(conn, ((was.id, t) for t in was.tags))
    if was.note:
        search.reindex_notes(conn, was.article_id, cut)


def revived(was: HighlightState) -> dict[str, object]:
    """The row values that bring a tombstone back as ``was`` (one or many: bulk undo)."""
    return {
        "id": was.id,
        "deleted": False,
        "colour": was.colour,
        "note": was.note,
        "updated_at": was.updated_at,
    }


def link_tags(conn: Connection, hid: HighlightId, tags: tuple[TagId, ...]) -> list[TagId]:
    """Link tags to a highlight; returns the ones that were not linked yet."""
    have = set(tables.highlight_tags(conn, hid))
    added = [t for t in dict.fromkeys(tags) if t not in have]
    tables.link_highlight_tags(conn, ((hid, t) for t in added))
    return added


def unlink_tags(conn: Connection, hid: HighlightId, tags: tuple[TagId, ...]) -> list[TagId]:
    """Remove tag links from a highlight; returns the ones that were linked."""
    have = set(tables.highlight_tags(conn, hid))
    removed = [t for t in dict.fromkeys(tags) if t in have]
    if removed:
        tables.unlink_highlight_tags(conn, [hid], removed)
    return removed
