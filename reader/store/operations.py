"""Undoable annotation operations: highlights, notes, tags and the palette.

Each operation applies inside a unit of work (:class:`~reader.store.unit.Unit`) and
answers with an :class:`~reader.store.unit.Applied`: the change record, the operation
that undoes it, and the id it created, if any (see :mod:`reader.store.unit`).

Ids are stable across undo and redo: a deleted highlight is a tombstone that undo
revives, a deleted or merged-away tag comes back with its id, links and children.
Applying an operation and then its inverse leaves every annotation row as it was
(tests/store/test_tags.py checks this row by row). Only adding a highlight leaves a
trace: undone, it stays a tombstone (which merge needs anyway).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from reader.store import anchoring, highlights, palette, search, tables, tagging
from reader.store import rows as page_rows
from reader.store.changes import Changes
from reader.store.clock import now_iso
from reader.store.ids import ArticleId, HighlightId, TagId
from reader.store.models import ArticleNote
from reader.store.naming import default_author
from reader.store.unit import Applied, Batch, Operation, Unit


def _tag_ref(conn: Connection, tag: TagId | str, stamp: str) -> tuple[TagId, bool]:
    if isinstance(tag, str):
        return tagging.create(conn, tag, parent=None, colour=None, stamp=stamp)
    tagging.row(conn, tag)
    return tag, False


def _articles_of(snap: tagging.TagSnapshot) -> Changes:
    return Changes(
        tags=frozenset({snap.id}),
        article_tags=frozenset(snap.articles),
        highlights=frozenset(snap.highlights),
    )


# --- highlights ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddHighlight:
    """Highlight ``[start, end)`` of an article; tags are ids or names (created as needed)."""

    article: ArticleId
    start: int
    end: int
    colour: str = palette.DEFAULT_COLOUR
    note: str = ""
    tags: tuple[TagId | str, ...] = ()
    author: str | None = None  # None: default_author()
    label: str = "Add highlight"
    uuid: str | None = None  # None: a new one

    def apply(self, tx: Unit) -> Applied:
        stamp = now_iso()
        conn = tx.conn
        colour = palette.resolve(conn, self.colour)
        hid = highlights.insert_highlight(
            conn,
            self.article,
            self.start,
            self.end,
            colour=colour,
            note=self.note,
            author=default_author() if self.author is None else self.author,
            stamp=stamp,
            cut=tx.cut if self.note else None,
            highlight_uuid=self.uuid,
        )
        made: list[TagId] = []
        ids: list[TagId] = []
        for t in self.tags:
            tid, new = _tag_ref(conn, t, stamp)
            ids.append(tid)
            if new:
                made.append(tid)
        highlights.link_tags(conn, hid, tuple(ids))
        changes = Changes(highlights=frozenset({hid}), tags=frozenset(made))
        return Applied(changes, DeleteHighlight(hid, drop_tags=tuple(made)), hid)


@dataclass(frozen=True)
class HighlightQuote:
    """Highlight the ``occurrence``-th (1-based) place ``quote`` occurs in the article;
    :class:`~reader.store.anchoring.QuoteError` when it is absent or ambiguous."""

    article: ArticleId
    quote: str
    occurrence: int | None = None
    colour: str = palette.DEFAULT_COLOUR
    note: str = ""
    tags: tuple[TagId | str, ...] = ()
    label: str = "Add highlight"

    def apply(self, tx: Unit) -> Applied:
        body = highlights.article_text(tx.conn, self.article)
        try:
            start, end = anchoring.find_quote(body, self.quote, self.occurrence)
        except anchoring.QuoteError as exc:
            exc.message = f"article {self.article}: {exc.message}"  # the thing, then the reason
            raise
        add = AddHighlight(self.article, start, end, self.colour, self.note, self.tags)
        return add.apply(tx)


@dataclass(frozen=True)
class DeleteHighlight:
    """Delete (tombstone) a highlight; ``drop_tags``: tags to delete with it (tags its
    adding created, when this undoes the add)."""

    highlight: HighlightId
    drop_tags: tuple[TagId, ...] = ()
    stamp: str | None = None  # a redo deletes at the time the deletion was first made
    label: str = "Delete highlight"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        stamp = self.stamp or now_iso()
        was = highlights.tombstone(conn, self.highlight, stamp=stamp, cut=tx.cut)
        dropped = tuple(tagging.delete_tag(conn, t) for t in self.drop_tags)
        changes = Changes(highlights=frozenset({self.highlight}), tags=frozenset(self.drop_tags))
        return Applied(changes, ReviveHighlight(was, dropped, stamp))


@dataclass(frozen=True)
class ReviveHighlight:
    """Undo a delete: the same row comes back with its colour, note, time and tags."""

    was: highlights.HighlightState
    tags: tuple[tagging.TagSnapshot, ...] = ()  # tags to recreate first
    deleted_at: str | None = None  # when the deletion this undoes was made
    label: str = "Restore highlight"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        for snap in self.tags:
            tagging.restore(conn, snap)
        highlights.revive(conn, self.was, tx.cut)
        changes = Changes(
            highlights=frozenset({self.was.id}), tags=frozenset(s.id for s in self.tags)
        )
        dropped = tuple(s.id for s in self.tags)
        return Applied(changes, DeleteHighlight(self.was.id, dropped, self.deleted_at))


@dataclass(frozen=True)
class EditHighlight:
    """Change a highlight's colour (a palette key or label) and/or its note."""

    highlight: HighlightId
    colour: str | None = None
    note: str | None = None
    updated_at: str | None = None  # undo puts the old time back
    label: str = "Edit highlight"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        colour = None if self.colour is None else palette.resolve(conn, self.colour)
        was = highlights.edit(
            conn,
            self.highlight,
            colour=colour,
            note=self.note,
            stamp=self.updated_at or now_iso(),
            cut=tx.cut if self.note is not None else None,
        )
        inverse = EditHighlight(
            self.highlight,
            colour=None if self.colour is None else was.colour,
            note=None if self.note is None else was.note,
            updated_at=was.updated_at,
            label=self.label,
        )
        return Applied(Changes(highlights=frozenset({self.highlight})), inverse)


def _nothing(label: str) -> Batch:
    return Batch((), label)


def _linked(
    changes: Changes, tid: TagId, new: bool, added: bool, untag: Operation, label: str
) -> Applied:
    """What tagging answers: its undo removes the link, and the tag if tagging made it."""
    inverse: Operation = _nothing(label)
    if new:
        inverse = Batch((untag, DeleteTag(tid)), label)
    elif added:
        inverse = untag
    return Applied(changes | Changes(tags=frozenset({tid} if new else ())), inverse, tid)


@dataclass(frozen=True)
class TagHighlight:
    highlight: HighlightId
    tag: TagId | str  # a name is created when needed
    label: str = "Tag highlight"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        highlights.state(conn, self.highlight)
        tid, new = _tag_ref(conn, self.tag, now_iso())
        added = highlights.link_tags(conn, self.highlight, (tid,))
        changes = Changes(highlights=frozenset({self.highlight}))
        untag = UntagHighlight(self.highlight, tid, self.label)
        return _linked(changes, tid, new, bool(added), untag, self.label)


@dataclass(frozen=True)
class UntagHighlight:
    highlight: HighlightId
    tag: TagId
    label: str = "Remove tag from highlight"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        removed = highlights.unlink_tags(conn, self.highlight, (self.tag,))
        retag = TagHighlight(self.highlight, self.tag, self.label)
        return Applied(
            Changes(highlights=frozenset({self.highlight})),
            retag if removed else _nothing(self.label),
        )


# --- articles --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetNote:
    """Replace an article's note ("" removes it)."""

    article: ArticleId
    text: str
    updated_at: str | None = None
    label: str = "Edit note"
    author: str | None = None  # None: default_author()

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        old = conn.execute(
            select(ArticleNote.text, ArticleNote.updated_at, ArticleNote.author).where(
                ArticleNote.article_id == self.article
            )
        ).first()
        stamp = self.updated_at or now_iso()
        author = default_author() if self.author is None else self.author
        page_rows.put_note(conn, self.article, self.text, stamp, author)
        search.reindex_notes(conn, self.article, tx.cut)
        inverse = SetNote(
            self.article,
            old.text if old else "",
            old.updated_at if old else None,
            self.label,
            old.author if old else "",
        )
        return Applied(Changes(notes=frozenset({self.article})), inverse)


@dataclass(frozen=True)
class TagArticle:
    article: ArticleId
    tag: TagId | str  # a name is created when needed
    label: str = "Tag article"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        tid, new = _tag_ref(conn, self.tag, now_iso())
        added = tables.link_article_tags(conn, [(self.article, tid)])
        changes = Changes(article_tags=frozenset({self.article}))
        untag = UntagArticle(self.article, tid, self.label)
        return _linked(changes, tid, new, bool(added), untag, self.label)


@dataclass(frozen=True)
class UntagArticle:
    article: ArticleId
    tag: TagId
    label: str = "Remove tag from article"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        removed = tables.unlink_article_tag(conn, self.article, self.tag)
        inverse: Operation = TagArticle(self.article, self.tag, self.label)
        return Applied(
            Changes(article_tags=frozenset({self.article})),
            inverse if removed else _nothing(self.label),
        )


# --- tags ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreateTag:
    name: str
    parent: TagId | None = None
    colour: str | None = None
    label: str = "New tag"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        tid, new = tagging.create(
            conn, self.name, parent=self.parent, colour=self.colour, stamp=now_iso()
        )
        if not new:
            return Applied(Changes(), _nothing(self.label), tid)
        return Applied(Changes(tags=frozenset({tid})), DeleteTag(tid), tid)


@dataclass(frozen=True)
class RenameTag:
    """Rename a tag; another tag's name is refused (:class:`~reader.store.tagging.TagExistsError`):
    use :class:`MergeTags`."""

    tag: TagId
    name: str
    label: str = "Rename tag"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        old = tagging.rename(conn, self.tag, self.name)
        arts, hls = tagging.linked(conn, self.tag)
        changes = Changes(
            tags=frozenset({self.tag}), article_tags=frozenset(arts), highlights=frozenset(hls)
        )
        return Applied(changes, RenameTag(self.tag, old, self.label))


@dataclass(frozen=True)
class RecolourTag:
    tag: TagId
    colour: str | None
    label: str = "Recolour tag"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        old = tagging.recolour(conn, self.tag, self.colour)
        return Applied(Changes(tags=frozenset({self.tag})), RecolourTag(self.tag, old, self.label))


@dataclass(frozen=True)
class NestTag:
    """Put a tag under another (None: at the top level); cycles are refused."""

    tag: TagId
    parent: TagId | None
    label: str = "Move tag"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        old = tagging.nest(conn, self.tag, self.parent)
        return Applied(Changes(tags=frozenset({self.tag})), NestTag(self.tag, old, self.label))


@dataclass(frozen=True)
class DeleteTag:
    """Delete a tag and its links; its children move up to its parent."""

    tag: TagId
    label: str = "Delete tag"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        snap = tagging.delete_tag(conn, self.tag)
        changes = _articles_of(snap) | Changes(tags=frozenset(snap.children))
        return Applied(changes, RestoreTag(snap, self.label))


@dataclass(frozen=True)
class RestoreTag:
    snapshot: tagging.TagSnapshot
    label: str = "Restore tag"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        tagging.restore(conn, self.snapshot)
        changes = _articles_of(self.snapshot) | Changes(tags=frozenset(self.snapshot.children))
        return Applied(changes, DeleteTag(self.snapshot.id, self.label), self.snapshot.id)


@dataclass(frozen=True)
class MergeTags:
    """Move every link and child of ``source`` to ``target`` and drop ``source``."""

    source: TagId
    target: TagId
    label: str = "Merge tags"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        rec = tagging.merge(conn, self.source, self.target)
        changes = _articles_of(rec.source) | Changes(
            tags=frozenset({self.target, *rec.source.children})
        )
        return Applied(changes, UnmergeTags(rec, self.label))


@dataclass(frozen=True)
class UnmergeTags:
    record: tagging.MergeRecord
    label: str = "Unmerge tags"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        tagging.unmerge(conn, self.record)
        rec = self.record
        changes = _articles_of(rec.source) | Changes(
            tags=frozenset({rec.target, *rec.source.children})
        )
        return Applied(changes, MergeTags(rec.source.id, rec.target, self.label))


# --- palette ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenameColour:
    """Rename a highlight colour's meaning (e.g. yellow: 重要 → 关键)."""

    key: str
    name: str
    label: str = "Rename colour"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        key = palette.resolve(conn, self.key)
        old = palette.set_label(conn, key, self.name)
        return Applied(Changes(palette=True), RenameColour(key, old, self.label))


__all__ = [
    "AddHighlight",
    "Applied",
    "Batch",
    "CreateTag",
    "DeleteHighlight",
    "DeleteTag",
    "EditHighlight",
    "MergeTags",
    "NestTag",
    "Operation",
    "RecolourTag",
    "RenameColour",
    "RenameTag",
    "RestoreTag",
    "ReviveHighlight",
    "SetNote",
    "TagArticle",
    "TagHighlight",
    "UnmergeTags",
    "UntagArticle",
    "UntagHighlight",
]
