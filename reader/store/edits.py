"""Fixing the parser's mistakes: merge, split, move a section, mark as fragment.

Every edit runs in one write transaction and returns an :class:`Edit`: the change
record plus snapshots of the touched articles before and after, so undo and redo are
"put these rows back" (:func:`restore`) and ids stay stable across undo/redo.

Highlights travel with the text they mark; one that straddles a cut is tombstoned.
Edits live in the library rows, so re-importing the same page (which the importer
recognises and skips) leaves them in place.

Each edit is also an operation (:class:`MergeWithNext`, :class:`SplitAt`,
:class:`MoveSection`, :class:`MarkFragment`) whose inverse is a :class:`Rewrite` that puts
the snapshot rows back. A rewritten article is reported in ``articles_rewritten`` (same
id, its rows written anew: the window shows just that article again), a new one in
``articles_added``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select, text

from reader.errors import KnownError
from reader.store import tables
from reader.store.changes import Changes
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId
from reader.store.importer import content_hash
from reader.store.models import ArticleRow
from reader.store.snapshots import (
    Rewrite,
    Snapshot,
    exists,
    index,
    rows_of,
    set_ordinals,
    snapshot,
    unindex,
)
from reader.store.unit import Applied, Unit


class EditError(KnownError):
    """An edit that makes no sense here (no next article, a cut at the very start…)."""


@dataclass(frozen=True)
class Edit:
    changes: Changes
    before: Snapshot
    after: Snapshot
    ids: frozenset[int] = field(default_factory=frozenset)  # everything either side holds
    created: tuple[ArticleId, ...] = ()


# --- the edits -----------------------------------------------------------------------------


@dataclass
class _Article:
    id: int
    source_id: int
    ordinal: int
    title: str | None
    blocks: list[dict[str, Any]]

    @property
    def starts(self) -> list[int]:
        out, pos = [], 0
        for b in self.blocks:
            out.append(pos)
            pos += len(b["text"]) + 2
        return out

    @property
    def text(self) -> str:
        return "\n\n".join(b["text"] for b in self.blocks)


def _load(conn: Connection, aid: int) -> _Article:
    row = conn.execute(
        text("SELECT id, source_id, ordinal, title FROM articles WHERE id = :id"), {"id": aid}
    ).first()
    if row is None:
        raise NotFoundError(f"no article {aid}")
    blocks = rows_of(
        conn,
        "SELECT type, text, spans, flags FROM blocks WHERE article_id = :id ORDER BY ordinal",
        id=aid,
    )
    for b in blocks:
        for key in ("spans", "flags"):
            if isinstance(b[key], str):
                import json

                b[key] = json.loads(b[key])
    return _Article(row[0], row[1], row[2], row[3], blocks)


def _write_blocks(conn: Connection, art: _Article) -> None:
    tables.replace_blocks(
        conn,
        art.id,
        [
            {"article_id": art.id, "ordinal": i, "start": start, **b}
            for i, (b, start) in enumerate(zip(art.blocks, art.starts, strict=True))
        ],
    )
    body = art.text
    tables.ARTICLES.update(
        conn, [{"id": art.id, "text": body, "content_hash": content_hash(body), "title": art.title}]
    )


def _move_highlights(
    conn: Connection, src: int, lo: int, hi: int, dst: int, shift: int, cut_at: list[int]
) -> None:
    """Highlights of ``src`` inside [lo, hi) go to ``dst`` shifted; ones crossing a cut die."""
    rows = rows_of(
        conn, 'SELECT id, start, "end" FROM highlights WHERE article_id = :a AND NOT deleted', a=src
    )
    cut = [r["id"] for r in rows if any(r["start"] < c < r["end"] for c in cut_at)]
    # Tombstoned as they are: the edit's undo puts the rows back from its snapshot.
    tables.HIGHLIGHTS.update(conn, ({"id": h, "deleted": True} for h in cut))
    tables.HIGHLIGHTS.update(
        conn,
        (
            {"id": r["id"], "article_id": dst, "start": r["start"] + shift, "end": r["end"] + shift}
            for r in rows
            if r["id"] not in cut and lo <= r["start"] and r["end"] <= hi
        ),
    )


def _run(tx: Unit, ids: set[int], body: Callable[[Connection], tuple[set[int], set[int]]]) -> Edit:
    """Snapshot ``ids``, run ``body`` (→ created ids, removed ids), reindex, snapshot again."""
    tx.ensure_index_current()
    conn = tx.conn
    for aid in ids:
        if not exists(conn, aid):
            raise NotFoundError(f"no article {aid} in {tx.path}")
    before = snapshot(conn, ids)
    for aid in ids:
        unindex(conn, tx, aid)
    created, removed = body(conn)
    for aid in (ids | created) - removed:
        index(conn, tx, aid)
    after = snapshot(conn, (ids | created) - removed)
    return Edit(
        changes=Changes(
            articles_rewritten=frozenset(ArticleId(a) for a in ids - removed),
            articles_added=frozenset(ArticleId(a) for a in created - removed),
            articles_removed=frozenset(ArticleId(a) for a in removed),
        ),
        before=before,
        after=after,
        ids=frozenset(ids | created),
        created=tuple(ArticleId(a) for a in sorted(created)),
    )


def _next_article(conn: Connection, art: _Article) -> int | None:
    row = conn.execute(
        text(
            "SELECT id FROM articles WHERE source_id = :s AND ordinal > :o ORDER BY ordinal LIMIT 1"
        ),
        {"s": art.source_id, "o": art.ordinal},
    ).first()
    return None if row is None else int(row[0])


def next_article(tx: Unit, article_id: int) -> ArticleId | None:
    """The article printed after ``article_id`` on the same page, if any."""
    conn = tx.conn
    nxt = _next_article(conn, _load(conn, article_id))
    return None if nxt is None else ArticleId(nxt)


def merge_with_next(tx: Unit, article_id: int) -> Edit:
    """Append the next article on the page to this one (its title becomes a heading)."""
    conn = tx.conn
    nxt = _next_article(conn, _load(conn, article_id))
    if nxt is None:
        raise EditError(f"article {article_id} is the last on its page: nothing to merge")

    def body(conn: Connection) -> tuple[set[int], set[int]]:
        a, b = _load(conn, article_id), _load(conn, nxt)
        shift = len(a.text) + 2 if a.blocks else 0
        extra = [{"type": "heading", "text": b.title, "spans": [], "flags": []}] if b.title else []
        if extra:
            shift += len(b.title or "") + 2
        _move_highlights(conn, b.id, 0, len(b.text) + 1, a.id, shift, [])
        a.blocks += extra + b.blocks
        _write_blocks(conn, a)
        conn.execute(text("DELETE FROM articles WHERE id = :id"), {"id": b.id})
        return set(), {b.id}

    return _run(tx, {article_id, nxt}, body)


def split_at(tx: Unit, article_id: int, block_index: int) -> Edit:
    """Blocks from ``block_index`` on become a new article right after this one.

    A heading at the cut becomes the new article's title."""

    def body(conn: Connection) -> tuple[set[int], set[int]]:
        a = _load(conn, article_id)
        if not 0 < block_index < len(a.blocks):
            raise EditError(f"cannot split article {article_id} before block {block_index}")
        starts = a.starts
        cut = starts[block_index]
        tail = a.blocks[block_index:]
        title = None
        shift = -cut
        if tail[0]["type"] == "heading":
            title = tail[0]["text"]
            tail = tail[1:]
            shift -= len(title) + 2
        row = conn.execute(select(ArticleRow.__table__).where(ArticleRow.id == a.id)).one()
        later = rows_of(
            conn,
            "SELECT id, ordinal FROM articles WHERE source_id = :s AND ordinal > :o",
            s=a.source_id,
            o=a.ordinal,
        )
        set_ordinals(conn, {r["id"]: r["ordinal"] + 1 for r in later})
        new = dict(row._mapping)
        new.pop("id")
        new.update(
            uuid=str(uuid.uuid4()),
            ordinal=a.ordinal + 1,
            title=title,
            kind="article" if title else "fragment",
            kicker=None,
            continued_from=None,
            text="",
            content_hash="",
            consumed=[],
        )
        new_id = tables.ARTICLES.insert(conn, new)
        tables.ARTICLES.update(conn, [{"id": a.id, "continued_on": None}])
        _move_highlights(conn, a.id, cut, len(a.text) + 1, new_id, shift, [cut - 2, cut])
        a.blocks = a.blocks[:block_index]
        _write_blocks(conn, a)
        _write_blocks(conn, _Article(new_id, a.source_id, a.ordinal + 1, title, tail))
        return {new_id}, set()

    return _run(tx, {article_id}, body)


def section_range(blocks: list[dict[str, Any]], heading_index: int) -> tuple[int, int]:
    """[first, last) block indices of the section that starts at ``heading_index``."""
    end = heading_index + 1
    while end < len(blocks) and blocks[end]["type"] != "heading":
        end += 1
    return heading_index, end


def move_section(tx: Unit, article_id: int, heading_index: int, target_id: int) -> Edit:
    """Move a section (a heading and the blocks up to the next heading) to the end of
    another article."""
    if target_id == article_id:
        raise EditError("a section cannot be moved into its own article")

    def body(conn: Connection) -> tuple[set[int], set[int]]:
        a, t = _load(conn, article_id), _load(conn, target_id)
        if not 0 <= heading_index < len(a.blocks) or a.blocks[heading_index]["type"] != "heading":
            raise EditError(f"block {heading_index} of article {article_id} is not a heading")
        first, last = section_range(a.blocks, heading_index)
        starts = a.starts
        lo = starts[first]
        hi = starts[last - 1] + len(a.blocks[last - 1]["text"])
        shift = (len(t.text) + 2 if t.blocks else 0) - lo
        _move_highlights(conn, a.id, lo, hi, t.id, shift, [lo, hi])
        removed = (starts[last] - lo) if last < len(a.blocks) else (hi - lo + 2)
        if last < len(a.blocks):
            tables.shift_highlights(conn, a.id, starts[last], -removed)
        section = a.blocks[first:last]
        for b in section:
            b["flags"] = sorted(set(b["flags"]) - {"misplaced"} | {"moved"})
        a.blocks = a.blocks[:first] + a.blocks[last:]
        t.blocks = t.blocks + section
        _write_blocks(conn, a)
        _write_blocks(conn, t)
        return set(), set()

    return _run(tx, {article_id, target_id}, body)


def mark_fragment(tx: Unit, article_id: int, fragment: bool = True) -> Edit:
    """Mark an article as a fragment of a story printed elsewhere (or undo that)."""

    def body(conn: Connection) -> tuple[set[int], set[int]]:
        tables.ARTICLES.update(
            conn, [{"id": article_id, "kind": "fragment" if fragment else "article"}]
        )
        return set(), set()

    return _run(tx, {article_id}, body)


def _applied(edit: Edit, label: str) -> Applied:
    first = next(iter(edit.created), None)
    return Applied(edit.changes, Rewrite(edit.before, edit.after, edit.ids, label), first)


@dataclass(frozen=True)
class MergeWithNext:
    article: int
    label: str = "Merge with the next article"

    def apply(self, tx: Unit) -> Applied:
        return _applied(merge_with_next(tx, self.article), self.label)


@dataclass(frozen=True)
class SplitAt:
    article: int
    block: int
    label: str = "Split the article here"

    def apply(self, tx: Unit) -> Applied:
        return _applied(split_at(tx, self.article, self.block), self.label)


@dataclass(frozen=True)
class MoveSection:
    article: int
    heading: int
    target: int
    label: str = "Move section"

    def apply(self, tx: Unit) -> Applied:
        return _applied(move_section(tx, self.article, self.heading, self.target), self.label)


@dataclass(frozen=True)
class MarkFragment:
    article: int
    fragment: bool = True
    label: str = "Mark as fragment"

    def apply(self, tx: Unit) -> Applied:
        return _applied(mark_fragment(tx, self.article, self.fragment), self.label)
