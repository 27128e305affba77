"""The tag manager's operations: rename, merge, delete, recolour, nest, and counts.

Functions take an open write connection (the caller owns the transaction) and return
what undo needs to put things back: the old name, colour or parent, or a
:class:`TagSnapshot` of a tag with every link it had.

Tags are unique by :func:`~reader.store.naming.tag_key` (NFKC, case and space folded).
**Renaming onto another tag's name is refused** with :class:`TagExistsError`, which
names the way out (merge): a rename never silently changes which articles a tag holds.
Changing only case or width of a tag's own name is a rename.

Deleting or merging away a tag moves its children up to its own parent (delete) or
under the target (merge); nothing is ever left pointing at a missing tag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Select, delete, select, text, update

from reader.errors import KnownError
from reader.store import tables
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId, HighlightId, TagId
from reader.store.models import ArticleTag, HighlightRow, HighlightTag, TagRow
from reader.store.naming import tag_key, tag_name


class TagError(KnownError):
    """A tag operation that makes no sense (a cycle, an empty name…)."""


class TagExistsError(TagError):
    def __init__(self, message: str, existing: TagId) -> None:
        super().__init__(message)
        self.existing = existing


@dataclass(frozen=True)
class TagSnapshot:
    """A tag row with its links, enough to recreate it with the same id."""

    id: TagId
    name: str
    key: str
    colour: str | None
    parent_id: TagId | None
    created_at: str
    articles: tuple[ArticleId, ...]
    highlights: tuple[HighlightId, ...]
    children: tuple[TagId, ...]


@dataclass(frozen=True)
class MergeRecord:
    source: TagSnapshot
    target: TagId
    added_articles: tuple[ArticleId, ...]  # links the target did not have before
    added_highlights: tuple[HighlightId, ...]
    target_parent: TagId | None  # the target's parent before (it changes when the
    target_moved: bool  # target was under the source)


@dataclass(frozen=True)
class TagCount:
    articles: int  # tagged directly
    highlights: int
    articles_total: int  # tagged with it or a tag under it (each counted once)
    highlights_total: int


def row(conn: Connection, tid: TagId) -> TagRow:
    found = conn.execute(select(TagRow).where(TagRow.id == tid)).first()
    if found is None:
        raise NotFoundError(f"no tag {tid}")
    return found  # type: ignore[return-value]


def find(conn: Connection, name: str) -> TagId | None:
    found = conn.execute(select(TagRow.id).where(TagRow.key == tag_key(name))).scalar()
    return None if found is None else TagId(found)


def linked(conn: Connection, tid: TagId) -> tuple[tuple[ArticleId, ...], tuple[HighlightId, ...]]:
    arts = conn.execute(
        select(ArticleTag.article_id)
        .where(ArticleTag.tag_id == tid)
        .order_by(ArticleTag.article_id)
    ).scalars()
    hls = conn.execute(
        select(HighlightTag.highlight_id)
        .where(HighlightTag.tag_id == tid)
        .order_by(HighlightTag.highlight_id)
    ).scalars()
    return tuple(map(ArticleId, arts)), tuple(map(HighlightId, hls))


def snapshot(conn: Connection, tid: TagId) -> TagSnapshot:
    r = row(conn, tid)
    arts, hls = linked(conn, tid)
    children = conn.execute(
        select(TagRow.id).where(TagRow.parent_id == tid).order_by(TagRow.id)
    ).scalars()
    return TagSnapshot(
        id=tid,
        name=r.name,
        key=r.key,
        colour=r.colour,
        parent_id=None if r.parent_id is None else TagId(r.parent_id),
        created_at=r.created_at,
        articles=arts,
        highlights=hls,
        children=tuple(map(TagId, children)),
    )


def restore(conn: Connection, snap: TagSnapshot) -> None:
    """Recreate a deleted tag with its id, links and children."""
    tables.TAGS.insert(
        conn,
        {
            "id": snap.id,
            "name": snap.name,
            "key": snap.key,
            "colour": snap.colour,
            "parent_id": snap.parent_id,
            "created_at": snap.created_at,
        },
    )
    tables.link_article_tags(conn, ((aid, snap.id) for aid in snap.articles))
    tables.link_highlight_tags(conn, ((hid, snap.id) for hid in snap.highlights))
    tables.TAGS.update(conn, ({"id": c, "parent_id": snap.id} for c in snap.children))


def delete_tag(conn: Connection, tid: TagId) -> TagSnapshot:
    """Delete a tag and its links; its children move up to its parent."""
    snap = snapshot(conn, tid)
    if snap.children:
        conn.execute(update(TagRow).where(TagRow.parent_id == tid).values(parent_id=snap.parent_id))
    conn.execute(delete(ArticleTag).where(ArticleTag.tag_id == tid))
    conn.execute(delete(HighlightTag).where(HighlightTag.tag_id == tid))
    conn.execute(delete(TagRow).where(TagRow.id == tid))
    return snap


def rename(conn: Connection, tid: TagId, name: str) -> str:
    """Rename a tag; returns its old name. Refuses another tag's name (merge instead)."""
    r = row(conn, tid)
    key = tag_key(name)
    if not key:
        raise TagError("a tag needs a name")
    other = find(conn, name)
    if other is not None and other != tid:
        raise TagExistsError(
            f"a tag named {tag_name(name)!r} already exists; merge {r.name!r} into it instead",
            other,
        )
    tables.TAGS.update(conn, [{"id": tid, "name": tag_name(name), "key": key}])
    return str(r.name)


def recolour(conn: Connection, tid: TagId, colour: str | None) -> str | None:
    old = row(conn, tid).colour
    tables.TAGS.update(conn, [{"id": tid, "colour": colour or None}])
    return None if old is None else str(old)


def ancestors(conn: Connection, tid: TagId) -> list[TagId]:
    """The tag's parents up to the root (nearest first)."""
    out: list[TagId] = []
    cur = row(conn, tid).parent_id
    while cur is not None and cur not in out:
        out.append(TagId(cur))
        cur = conn.execute(select(TagRow.parent_id).where(TagRow.id == cur)).scalar()
    return out


def nest(conn: Connection, tid: TagId, parent: TagId | None) -> TagId | None:
    """Put a tag under ``parent`` (None: at the top); returns its old parent."""
    r = row(conn, tid)
    if parent is not None:
        row(conn, parent)
        if parent == tid or tid in ancestors(conn, parent):
            raise TagError(f"{r.name!r} cannot go under itself or a tag inside it")
    tables.TAGS.update(conn, [{"id": tid, "parent_id": parent}])
    return None if r.parent_id is None else TagId(r.parent_id)


def merge(conn: Connection, source: TagId, target: TagId) -> MergeRecord:
    """Give ``target`` every link of ``source``, move its children, drop ``source``."""
    if source == target:
        raise TagError("a tag cannot be merged into itself")
    snap = snapshot(conn, source)
    target_row = row(conn, target)
    target_parent = None if target_row.parent_id is None else TagId(target_row.parent_id)
    moved = source in ancestors(conn, target)
    if moved:  # the target leaves the source's subtree first, or it would loop
        tables.TAGS.update(conn, [{"id": target, "parent_id": snap.parent_id}])
    have_a, have_h = linked(conn, target)
    added_a = tuple(a for a in snap.articles if a not in set(have_a))
    added_h = tuple(h for h in snap.highlights if h not in set(have_h))
    tables.link_article_tags(conn, ((aid, target) for aid in added_a))
    tables.link_highlight_tags(conn, ((hid, target) for hid in added_h))
    conn.execute(
        update(TagRow)
        .where(TagRow.parent_id == source, TagRow.id != target)
        .values(parent_id=target)
    )
    conn.execute(delete(ArticleTag).where(ArticleTag.tag_id == source))
    conn.execute(delete(HighlightTag).where(HighlightTag.tag_id == source))
    conn.execute(delete(TagRow).where(TagRow.id == source))
    return MergeRecord(snap, target, added_a, added_h, target_parent, moved)


def unmerge(conn: Connection, rec: MergeRecord) -> None:
    """Undo :func:`merge`: the source comes back with its links and children."""
    if rec.added_articles:
        conn.execute(
            delete(ArticleTag).where(
                ArticleTag.tag_id == rec.target, ArticleTag.article_id.in_(rec.added_articles)
            )
        )
    tables.unlink_highlight_tags(conn, rec.added_highlights, [rec.target])
    restore(conn, rec.source)
    if rec.target_moved:
        tables.TAGS.update(conn, [{"id": rec.target, "parent_id": rec.target_parent}])


_SUBTREE = text(
    "WITH RECURSIVE sub(id) AS (SELECT :root UNION "
    "SELECT tags.id FROM tags JOIN sub ON tags.parent_id = sub.id) SELECT id FROM sub"
)


def subtree(conn: Connection, root: TagId) -> list[TagId]:
    """``root`` and every tag nested under it (地点 › 赛罕区 › …)."""
    return [TagId(int(r[0])) for r in conn.execute(_SUBTREE, {"root": root})]


def tagged_articles(tag_ids: Sequence[TagId]) -> Select[tuple[int]]:
    """Ids of the articles carrying one of ``tag_ids``, or a live highlight that does.

    Filtering the library by a tag shows where that tag was used, on the article or on
    a passage in it.
    """
    on_article = select(ArticleTag.article_id).where(ArticleTag.tag_id.in_(tag_ids))
    on_highlight = (
        select(HighlightRow.article_id)
        .join(HighlightTag, HighlightTag.highlight_id == HighlightRow.id)
        .where(HighlightTag.tag_id.in_(tag_ids), HighlightRow.deleted.is_(False))
    )
    return on_article.union(on_highlight)  # type: ignore[return-value]


_TAGGED_ARTICLE_COUNTS = text(
    "WITH RECURSIVE sub(root, id) AS (SELECT id, id FROM tags UNION "
    "SELECT sub.root, tags.id FROM tags JOIN sub ON tags.parent_id = sub.id), "
    "used(tag_id, article_id) AS (SELECT tag_id, article_id FROM article_tags UNION "
    "SELECT ht.tag_id, h.article_id FROM highlight_tags ht "
    "JOIN highlights h ON h.id = ht.highlight_id AND NOT h.deleted) "
    "SELECT sub.root, count(DISTINCT used.article_id) FROM sub "
    "JOIN used ON used.tag_id = sub.id "
    # Articles in the trash (or on a page in it) are not counted: the list hides them.
    "JOIN articles a ON a.id = used.article_id JOIN source_files s ON s.id = a.source_id "
    "WHERE a.deleted_at IS NULL AND s.deleted_at IS NULL GROUP BY sub.root"
)


def article_counts(conn: Connection) -> dict[TagId, int]:
    """Per tag: how many articles :func:`tagged_articles` selects for its subtree."""
    return {TagId(int(t)): int(n) for t, n in conn.execute(_TAGGED_ARTICLE_COUNTS)}


def counts(conn: Connection) -> dict[TagId, TagCount]:
    """Per tag: articles and live highlights tagged with it, directly and with its subtree."""
    direct_a: dict[int, int] = dict(
        conn.execute(select(ArticleTag.tag_id, text("count(*)")).group_by(ArticleTag.tag_id)).all()
    )
    direct_h: dict[int, int] = dict(
        conn.execute(
            select(HighlightTag.tag_id, text("count(*)"))
            .join(HighlightRow, HighlightRow.id == HighlightTag.highlight_id)
            .where(HighlightRow.deleted.is_(False))
            .group_by(HighlightTag.tag_id)
        ).all()
    )
    closure = (
        "WITH RECURSIVE sub(root, id) AS (SELECT id, id FROM tags UNION "
        "SELECT sub.root, tags.id FROM tags JOIN sub ON tags.parent_id = sub.id) "
    )
    total_a: dict[int, int] = dict(
        conn.execute(
            text(
                closure + "SELECT sub.root, count(DISTINCT at.article_id) FROM sub "
                "JOIN article_tags at ON at.tag_id = sub.id GROUP BY sub.root"
            )
        ).all()
    )
    total_h: dict[int, int] = dict(
        conn.execute(
            text(
                closure + "SELECT sub.root, count(DISTINCT ht.highlight_id) FROM sub "
                "JOIN highlight_tags ht ON ht.tag_id = sub.id "
                "JOIN highlights h ON h.id = ht.highlight_id AND NOT h.deleted "
                "GROUP BY sub.root"
            )
        ).all()
    )
    ids = conn.execute(select(TagRow.id)).scalars()
    return {
        TagId(t): TagCount(
            int(direct_a.get(t, 0)),
            int(direct_h.get(t, 0)),
            int(total_a.get(t, 0)),
            int(total_h.get(t, 0)),
        )
        for t in ids
    }


def create(
    conn: Connection, name: str, *, parent: TagId | None, colour: str | None, stamp: str
) -> tuple[TagId, bool]:
    """The tag named ``name`` and whether it was created just now."""
    key = tag_key(name)
    if not key:
        raise TagError("a tag needs a name")
    found = find(conn, name)
    if found is not None:
        return found, False
    if parent is not None:
        row(conn, parent)
    tid = tables.TAGS.insert(
        conn,
        {
            "name": tag_name(name),
            "key": key,
            "colour": colour,
            "parent_id": parent,
            "created_at": stamp,
        },
    )
    return tid, True
