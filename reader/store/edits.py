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

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from reader.errors import KnownError
from reader.store import search
from reader.store.changes import Changes
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId
from reader.store.importer import content_hash
from reader.store.unit import Applied, Unit

ARTICLE_COLUMNS = (
    "id, uuid, source_id, ordinal, title, kind, kicker, authors, photographers, "
    "continued_from, continued_on, text, content_hash, flags, consumed, created_at"
)


class EditError(KnownError):
    """An edit that makes no sense here (no next article, a cut at the very start…)."""


@dataclass(frozen=True)
class Snapshot:
    articles: dict[int, dict[str, Any]]  # id → article row
    blocks: dict[int, list[dict[str, Any]]]
    highlights: dict[int, list[dict[str, Any]]]
    tags: dict[int, list[int]]
    notes: dict[int, dict[str, Any]]
    ordinals: dict[int, int]  # every article of the touched pages → its position


@dataclass(frozen=True)
class Edit:
    changes: Changes
    before: Snapshot
    after: Snapshot
    ids: frozenset[int] = field(default_factory=frozenset)  # everything either side holds
    created: tuple[ArticleId, ...] = ()


def _rows(conn: Connection, sql: str, **params: Any) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def snapshot(conn: Connection, ids: set[int]) -> Snapshot:
    arts: dict[int, dict[str, Any]] = {}
    blocks: dict[int, list[dict[str, Any]]] = {}
    hls: dict[int, list[dict[str, Any]]] = {}
    tags: dict[int, list[int]] = {}
    notes: dict[int, dict[str, Any]] = {}
    sources: set[int] = set()
    for aid in sorted(ids):
        row = _rows(conn, f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = :id", id=aid)
        if not row:
            continue
        arts[aid] = row[0]
        sources.add(row[0]["source_id"])
        blocks[aid] = _rows(
            conn,
            "SELECT ordinal, type, text, start, spans, flags FROM blocks "
            "WHERE article_id = :id ORDER BY ordinal",
            id=aid,
        )
        hls[aid] = _rows(conn, "SELECT * FROM highlights WHERE article_id = :id", id=aid)
        tags[aid] = [
            r["tag_id"]
            for r in _rows(conn, "SELECT tag_id FROM article_tags WHERE article_id = :id", id=aid)
        ]
        note = _rows(conn, "SELECT * FROM article_notes WHERE article_id = :id", id=aid)
        if note:
            notes[aid] = note[0]
    ordinals: dict[int, int] = {}
    for sid in sources:
        for r in _rows(conn, "SELECT id, ordinal FROM articles WHERE source_id = :s", s=sid):
            ordinals[r["id"]] = r["ordinal"]
    return Snapshot(arts, blocks, hls, tags, notes, ordinals)


def _unindex(conn: Connection, tx: Unit, aid: int) -> None:
    row = conn.execute(text("SELECT title, text FROM articles WHERE id = :id"), {"id": aid}).first()
    if row is not None:
        search.delete_article(conn, aid, row[0], row[1], tx.cut)


def _index(conn: Connection, tx: Unit, aid: int) -> None:
    row = conn.execute(text("SELECT title, text FROM articles WHERE id = :id"), {"id": aid}).first()
    if row is not None:
        search.insert_article(conn, aid, search.article_tokens(row[0], row[1], tx.cut))
        search.reindex_notes(conn, aid, tx.cut)


def _set_ordinals(conn: Connection, ordinals: dict[int, int]) -> None:
    """Assign positions without tripping UNIQUE(source_id, ordinal) halfway."""
    present = [aid for aid in ordinals if _exists(conn, aid)]
    for aid in present:  # first every one to a private negative slot, then to its place
        conn.execute(
            text("UPDATE articles SET ordinal = -1000000 - id WHERE id = :id"), {"id": aid}
        )
    for aid in present:
        conn.execute(
            text("UPDATE articles SET ordinal = :o WHERE id = :id"), {"o": ordinals[aid], "id": aid}
        )


def _exists(conn: Connection, aid: int) -> bool:
    found = conn.execute(text("SELECT 1 FROM articles WHERE id = :id"), {"id": aid}).first()
    return found is not None


def _insert(conn: Connection, table: str, row: dict[str, Any]) -> None:
    cols = ", ".join(f'"{c}"' for c in row)
    conn.execute(
        text(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(':' + c for c in row)})"), row
    )


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    import json

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
        if _exists(conn, aid):
            _unindex(conn, tx, aid)
            conn.execute(text("DELETE FROM articles WHERE id = :id"), {"id": aid})
    # park the surviving articles' positions so restored rows can take theirs
    others = [a for a in target.ordinals if a not in target.articles and _exists(conn, a)]
    for aid in others:
        conn.execute(
            text("UPDATE articles SET ordinal = -1000000 - id WHERE id = :id"), {"id": aid}
        )
    for aid, row in target.articles.items():
        _insert(conn, "articles", _jsonable({**row, "ordinal": -2_000_000 - aid}))
        for b in target.blocks.get(aid, []):
            _insert(conn, "blocks", _jsonable({**b, "article_id": aid}))
        for h in target.highlights.get(aid, []):
            _insert(conn, "highlights", h)
        for t in target.tags.get(aid, []):
            _insert(conn, "article_tags", {"article_id": aid, "tag_id": t})
        if aid in target.notes:
            _insert(conn, "article_notes", target.notes[aid])
        _index(conn, tx, aid)
    _set_ordinals(conn, target.ordinals)


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
    blocks = _rows(
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
    conn.execute(text("DELETE FROM blocks WHERE article_id = :id"), {"id": art.id})
    for i, (b, start) in enumerate(zip(art.blocks, art.starts, strict=True)):
        _insert(
            conn,
            "blocks",
            _jsonable({"article_id": art.id, "ordinal": i, "start": start, **b}),
        )
    body = art.text
    conn.execute(
        text("UPDATE articles SET text = :t, content_hash = :h, title = :title WHERE id = :id"),
        {"t": body, "h": content_hash(body), "title": art.title, "id": art.id},
    )


def _move_highlights(
    conn: Connection, src: int, lo: int, hi: int, dst: int, shift: int, cut_at: list[int]
) -> None:
    """Highlights of ``src`` inside [lo, hi) go to ``dst`` shifted; ones crossing a cut die."""
    rows = _rows(
        conn, 'SELECT id, start, "end" FROM highlights WHERE article_id = :a AND NOT deleted', a=src
    )
    for r in rows:
        s, e = r["start"], r["end"]
        if any(s < c < e for c in cut_at):
            conn.execute(text("UPDATE highlights SET deleted = 1 WHERE id = :id"), {"id": r["id"]})
        elif lo <= s and e <= hi:
            conn.execute(
                text(
                    'UPDATE highlights SET article_id = :d, start = :s, "end" = :e WHERE id = :id'
                ),
                {"d": dst, "s": s + shift, "e": e + shift, "id": r["id"]},
            )


def _shift_highlights(conn: Connection, aid: int, after: int, shift: int) -> None:
    conn.execute(
        text(
            'UPDATE highlights SET start = start + :k, "end" = "end" + :k '
            "WHERE article_id = :a AND start >= :after"
        ),
        {"k": shift, "a": aid, "after": after},
    )


def _run(tx: Unit, ids: set[int], body: Callable[[Connection], tuple[set[int], set[int]]]) -> Edit:
    """Snapshot ``ids``, run ``body`` (→ created ids, removed ids), reindex, snapshot again."""
    tx.ensure_index_current()
    conn = tx.conn
    for aid in ids:
        if not _exists(conn, aid):
            raise NotFoundError(f"no article {aid} in {tx.path}")
    before = snapshot(conn, ids)
    for aid in ids:
        _unindex(conn, tx, aid)
    created, removed = body(conn)
    for aid in (ids | created) - removed:
        _index(conn, tx, aid)
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
        row = conn.execute(
            text(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = :id"), {"id": a.id}
        ).one()
        later = _rows(
            conn,
            "SELECT id, ordinal FROM articles WHERE source_id = :s AND ordinal > :o",
            s=a.source_id,
            o=a.ordinal,
        )
        _set_ordinals(conn, {r["id"]: r["ordinal"] + 1 for r in later})
        import uuid

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
        new_id = int(
            conn.execute(
                text(
                    f"INSERT INTO articles ({', '.join(new)}) VALUES "
                    f"({', '.join(':' + c for c in new)}) RETURNING id"
                ),
                _jsonable(new),
            ).scalar_one()
        )
        conn.execute(text("UPDATE articles SET continued_on = NULL WHERE id = :id"), {"id": a.id})
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
            _shift_highlights(conn, a.id, starts[last], -removed)
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
        conn.execute(
            text("UPDATE articles SET kind = :k WHERE id = :id"),
            {"k": "fragment" if fragment else "article", "id": article_id},
        )
        return set(), set()

    return _run(tx, {article_id}, body)


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
