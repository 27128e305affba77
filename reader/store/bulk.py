"""Operations on many highlights at once (the notebook's selection), each one transaction.

A batch of single-highlight operations costs a transaction and a few statements per
highlight (recolouring 50,000 took 75 s); these read the highlights' states with a few
chunked queries, write with set-based statements in one transaction (1.7 s), and answer
with an inverse that puts every highlight back as it was (colour and time, tags, the
deleted rows with their notes and tags). Notes are re-indexed once per article touched
(most of a large delete's time: 50,000 highlights, a third with notes, 8.5 s).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from reader.store import highlights, palette, search, tables, tagging
from reader.store.changes import Changes
from reader.store.clock import now_iso
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId, HighlightId, TagId
from reader.store.operations import DeleteTag
from reader.store.unit import Applied, Batch, Operation, Unit

CHUNK = tables.CHUNK


def _changed(ids: tuple[HighlightId, ...], tags: frozenset[TagId] = frozenset()) -> Changes:
    return Changes(highlights=frozenset(ids), tags=tags)


def _chunks(ids: Sequence[HighlightId]) -> Iterator[str]:
    for lo in range(0, len(ids), CHUNK):
        yield ",".join(str(int(h)) for h in ids[lo : lo + CHUNK])


def states(conn: Connection, ids: Sequence[HighlightId]) -> list[highlights.HighlightState]:
    """The live highlights ``ids`` as they are, read in a few queries; an id that is not
    a live highlight is a NotFoundError (nothing has changed yet)."""
    rows: dict[int, tuple[int, str, str, str]] = {}
    tags: dict[int, list[TagId]] = {}
    for chunk in _chunks(ids):
        for hid, aid, colour, note, at in conn.execute(
            text(
                "SELECT id, article_id, colour, note, updated_at FROM highlights "
                f"WHERE id IN ({chunk}) AND NOT deleted"
            )
        ):
            rows[hid] = (aid, colour, note, at)
        for hid, tid in conn.execute(
            text(
                f"SELECT highlight_id, tag_id FROM highlight_tags WHERE highlight_id IN ({chunk}) "
                "ORDER BY highlight_id, tag_id"
            )
        ):
            tags.setdefault(hid, []).append(TagId(tid))
    missing = [h for h in ids if h not in rows]
    if missing:
        raise NotFoundError(f"no highlight {missing[0]}")
    return [
        highlights.HighlightState(
            h, ArticleId(rows[h][0]), rows[h][1], rows[h][2], rows[h][3], tuple(tags.get(h, ()))
        )
        for h in dict.fromkeys(ids)
    ]


@dataclass(frozen=True)
class SetColours:
    """Give each highlight its colour; ``stamps`` (undo) put the old edit times back."""

    items: tuple[tuple[HighlightId, str], ...]
    stamps: tuple[str, ...] = ()
    label: str = "Change colour"

    def apply(self, tx: Unit) -> Applied:
        now = now_iso()
        ids = tuple(h for h, _ in self.items)
        conn = tx.conn
        was = {s.id: s for s in states(conn, ids)}
        keys = {c: palette.resolve(conn, c) for c in {c for _, c in self.items}}
        stamps = self.stamps or tuple(now for _ in self.items)
        tables.HIGHLIGHTS.update(
            conn,
            (
                {"id": h, "colour": keys[c], "updated_at": t}
                for (h, c), t in zip(self.items, stamps, strict=True)
            ),
        )
        before = tuple((h, was[h].colour) for h in ids)
        times = tuple(was[h].updated_at for h in ids)
        return Applied(_changed(ids), SetColours(before, times, self.label))


def recolour(ids: tuple[HighlightId, ...], colour: str) -> SetColours:
    return SetColours(tuple((h, colour) for h in dict.fromkeys(ids)))


@dataclass(frozen=True)
class DeleteHighlights:
    highlights: tuple[HighlightId, ...]
    label: str = "Delete highlights"

    def apply(self, tx: Unit) -> Applied:
        stamp = now_iso()
        conn = tx.conn
        before = states(conn, self.highlights)
        tables.tombstone_highlights(conn, self.highlights, stamp)
        _reindex(conn, tx, {s.article_id for s in before if s.note})
        return Applied(_changed(self.highlights), ReviveHighlights(tuple(before), self.label))


@dataclass(frozen=True)
class ReviveHighlights:
    states: tuple[highlights.HighlightState, ...]
    label: str = "Restore highlights"

    def apply(self, tx: Unit) -> Applied:
        ids = tuple(s.id for s in self.states)
        conn = tx.conn
        found = {
            int(r[0])
            for chunk in _chunks(ids)
            for r in conn.execute(text(f"SELECT id FROM highlights WHERE id IN ({chunk})"))
        }
        missing = [h for h in ids if h not in found]
        if missing:
            raise NotFoundError(f"no highlight {missing[0]}")
        tables.HIGHLIGHTS.update(conn, (highlights.revived(s) for s in self.states))
        tables.link_highlight_tags(conn, ((s.id, t) for s in self.states for t in s.tags))
        _reindex(conn, tx, {s.article_id for s in self.states if s.note})
        return Applied(_changed(ids), DeleteHighlights(ids, self.label))


def _reindex(conn: Connection, tx: Unit, articles: set[ArticleId]) -> None:
    """Search indexes the notes of live highlights; once per article touched."""
    for aid in sorted(articles):
        search.reindex_notes(conn, aid, tx.cut)


@dataclass(frozen=True)
class TagHighlights:
    """Tag every highlight with ``tag`` (an id, or a name created when needed)."""

    highlights: tuple[HighlightId, ...]
    tag: TagId | str
    label: str = "Tag highlights"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        if isinstance(self.tag, str):
            tid, new = tagging.create(conn, self.tag, parent=None, colour=None, stamp=now_iso())
        else:
            tagging.row(conn, self.tag)
            tid, new = self.tag, False
        before = states(conn, self.highlights)
        added = tuple(s.id for s in before if tid not in s.tags)
        tables.link_highlight_tags(conn, ((h, tid) for h in added))
        untag: Operation = UntagHighlights(added, tid, self.label)
        inverse: Operation = Batch((untag, DeleteTag(tid)), self.label) if new else untag
        return Applied(_changed(self.highlights, frozenset({tid} if new else ())), inverse, tid)


@dataclass(frozen=True)
class UntagHighlights:
    highlights: tuple[HighlightId, ...]
    tag: TagId
    label: str = "Remove tag from highlights"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        before = states(conn, self.highlights)
        removed = tuple(s.id for s in before if self.tag in s.tags)
        tables.unlink_highlight_tags(conn, removed, [self.tag])
        return Applied(_changed(self.highlights), TagHighlights(removed, self.tag, self.label))
