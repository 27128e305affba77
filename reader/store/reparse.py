"""Re-parsing an imported page: new article rows, the user's annotations carried over.

Importing the same page again changes nothing (the importer recognises it), so
highlights keep their exact offsets. When the parser improves, re-parsing
(:mod:`reader.store.reparsing`) parses the stored page text again and replaces the
page's articles:

* a new article with the same text as an old one, else the one sharing most source
  characters with it (both parses index the same page text), *is* that old article: it
  keeps its id, uuid, tags and note; old articles left without a partner give their
  tags and note to the new article that took most of their characters, and go;
* every live highlight is re-anchored (:func:`reader.store.anchoring.reanchor`) into its
  article's new text, else into the other new articles of the page, nearest first;
  one found nowhere is kept as an orphan (``orphaned``: quote, note and tags kept).

Structural fixes made by hand (:mod:`reader.store.edits`) are replaced by the new parse;
split fixes (accepted or flipped parser decisions, :mod:`reader.store.splitfix`) are
passed to the parser again as its overrides.
One transaction: a failure leaves the page as it was.
"""

from __future__ import annotations

import uuid as uuidlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, select, update

from reader.ingest import Article
from reader.store import anchoring, importer, search, tables
from reader.store import rows as page_rows
from reader.store.changes import Changes
from reader.store.clock import now_iso
from reader.store.ids import ArticleId, HighlightId, SourceId
from reader.store.models import ArticleNote, ArticleRow, BlockRow, HighlightRow


@dataclass(frozen=True)
class ReparseReport:
    changes: Changes
    kept: tuple[ArticleId, ...]  # old articles that live on (same id) in the new parse
    added: tuple[ArticleId, ...]
    removed: tuple[ArticleId, ...]
    methods: dict[str, int] = field(default_factory=dict)  # how highlights were placed
    orphaned: tuple[HighlightId, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "kept": list(self.kept),
            "added": list(self.added),
            "removed": list(self.removed),
            "highlights": dict(self.methods),
            "orphaned": list(self.orphaned),
        }


def _chars(spans: list[list[int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _match(
    old: list[Any], old_chars: dict[int, set[int]], new: list[importer.PreparedArticle]
) -> tuple[dict[int, int], list[set[int]]]:
    """old article id → index of its new article."""
    new_chars = [_chars([list(sp) for b in pa.article.blocks for sp in b.spans]) for pa in new]
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for o in old:  # same text first
        for j, pa in enumerate(new):
            if j not in taken and pa.content_hash == o.content_hash:
                pairs[o.id] = j
                taken.add(j)
                break
    overlaps = sorted(
        (
            (len(old_chars[o.id] & new_chars[j]), o.id, j)
            for o in old
            if o.id not in pairs
            for j in range(len(new))
            if j not in taken
        ),
        reverse=True,
    )
    for size, oid, j in overlaps:
        if size > 0 and oid not in pairs and j not in taken:
            pairs[oid] = j
            taken.add(j)
    return pairs, new_chars


def prepare(articles: Sequence[Article], cut: search.Cut) -> list[importer.PreparedArticle]:
    """A page's new articles ready to be written: text, hash, search words, a fresh uuid."""
    return [
        importer.PreparedArticle(
            article=a,
            content_hash=importer.content_hash(a.text),
            tokens=search.article_tokens(a.title, a.text, cut),
            uuid=str(uuidlib.uuid4()),
        )
        for a in articles
    ]


def replace_page(
    conn: Connection, source_id: SourceId, new: list[importer.PreparedArticle], cut: search.Cut
) -> ReparseReport:
    stamp = now_iso()
    old = conn.execute(
        select(ArticleRow.id, ArticleRow.title, ArticleRow.text, ArticleRow.content_hash)
        .where(ArticleRow.source_id == source_id)
        .order_by(ArticleRow.ordinal)
    ).all()
    old_chars: dict[int, set[int]] = {o.id: set() for o in old}
    for aid, spans in conn.execute(
        select(BlockRow.article_id, BlockRow.spans).where(
            BlockRow.article_id.in_([o.id for o in old])
        )
    ):
        old_chars[aid] |= _chars(spans)
    pairs, new_chars = _match(list(old), old_chars, new)
    for o in old:
        search.delete_article(conn, o.id, o.title, o.text, cut)
    # Positions are unique per page: park the old rows out of the way first.
    conn.execute(
        update(ArticleRow).where(ArticleRow.source_id == source_id).values(ordinal=-ArticleRow.id)
    )
    ids: list[int] = []
    by_new = {j: oid for oid, j in pairs.items()}
    for j, pa in enumerate(new):
        if j in by_new:
            aid = by_new[j]
            tables.ARTICLES.update(
                conn, [{"id": aid, "ordinal": j, **page_rows.article_values(pa)}]
            )
        else:
            aid = tables.ARTICLES.insert(
                conn,
                {
                    "uuid": pa.uuid,
                    "source_id": source_id,
                    "ordinal": j,
                    **page_rows.article_values(pa),
                    "created_at": stamp,
                },
            )
        ids.append(aid)
        tables.replace_blocks(conn, aid, page_rows.block_rows(aid, pa.article))
        tokens = pa.tokens or search.article_tokens(pa.article.title, pa.text, cut)
        search.insert_article(conn, aid, tokens)

    def heirs(oid: int) -> list[int]:
        """New articles by how much of the old one's page text they took."""
        order = sorted(range(len(new)), key=lambda j: -len(old_chars[oid] & new_chars[j]))
        if oid in pairs:
            order.remove(pairs[oid])
            order.insert(0, pairs[oid])
        return [ids[j] for j in order]

    methods: Counter[str] = Counter()
    orphans: list[HighlightId] = []
    touched: set[int] = set(ids)
    texts = {aid: new[j].text for j, aid in enumerate(ids)}
    moved: list[dict[str, Any]] = []
    for h in conn.execute(
        select(HighlightRow).where(
            HighlightRow.article_id.in_([o.id for o in old]), HighlightRow.deleted.is_(False)
        )
    ).all():
        sel = anchoring.Selector(h.exact, h.prefix, h.suffix, h.start, h.end)
        home = heirs(h.article_id)
        placed = None
        for aid in home:
            placed = anchoring.reanchor(sel, texts[aid])
            if placed is not None:
                break
        if placed is None:
            if not home:
                continue  # the page has no articles left; the highlight goes with its own
            orphans.append(HighlightId(h.id))
            methods["orphaned"] += 1
            moved.append({"id": h.id, "article_id": home[0], "orphaned": True})
            continue
        methods[placed.method] += 1
        values: dict[str, Any] = {
            "id": h.id,
            "article_id": aid,
            "start": placed.start,
            "end": placed.end,
            "orphaned": False,
        }
        if placed.method != "position" or aid != h.article_id:
            fresh = anchoring.build(texts[aid], placed.start, placed.end)
            values.update(exact=fresh.exact, prefix=fresh.prefix, suffix=fresh.suffix)
        moved.append(values)
    tables.HIGHLIGHTS.update(conn, moved)
    removed = [o.id for o in old if o.id not in pairs]
    for oid in removed:
        home = heirs(oid)
        if home and old_chars[oid] & new_chars[ids.index(home[0])]:
            _bequeath(conn, oid, home[0], stamp)
            touched.add(home[0])
        # Tombstones (and orphans of a page left empty) go with their article.
        conn.execute(delete(ArticleRow).where(ArticleRow.id == oid))
    for aid in touched:
        search.reindex_notes(conn, aid, cut)
    kept = tuple(ArticleId(o.id) for o in old if o.id in pairs)
    added = tuple(ArticleId(a) for a in ids if a not in pairs)
    changes = Changes(
        articles_rewritten=frozenset(kept),
        articles_added=frozenset(added),
        articles_removed=frozenset(map(ArticleId, removed)),
        highlights=frozenset(
            HighlightId(r[0])
            for r in conn.execute(select(HighlightRow.id).where(HighlightRow.article_id.in_(ids)))
        ),
        notes=frozenset(map(ArticleId, touched)),
        article_tags=frozenset(map(ArticleId, touched)),
    )
    return ReparseReport(
        changes, kept, added, tuple(map(ArticleId, removed)), dict(methods), tuple(orphans)
    )


def _bequeath(conn: Connection, old: int, heir: int, stamp: str) -> None:
    """An article that goes gives its tags and note to the one that took its text."""
    tables.link_article_tags(conn, ((heir, t) for t in tables.article_tags(conn, old)))
    note = conn.execute(
        select(ArticleNote.text, ArticleNote.author).where(ArticleNote.article_id == old)
    ).first()
    if not note or not note.text:
        return
    mine = conn.execute(
        select(ArticleNote.text, ArticleNote.author).where(ArticleNote.article_id == heir)
    ).first()
    # The carried note keeps its author; joined to the heir's own note, the heir's author
    # stays (the one who wrote there), unless that note has none.
    if mine and mine.text:
        merged, author = f"{mine.text}\n\n{note.text}", mine.author or note.author
    else:
        merged, author = note.text, note.author
    page_rows.put_note(conn, heir, merged, stamp, author)
