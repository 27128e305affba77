"""Writing a planned merge in the caller's write transaction: pages, articles and tags
first, then each chunk of highlights as it is planned, then notes and article tags."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import Connection, select, text

from reader.exchange import merge_collection
from reader.exchange.merge_plan import Plan, rows_in
from reader.exchange.untrusted import SharedBundle
from reader.store import rows as page_rows
from reader.store import search, tables
from reader.store.changes import Changes
from reader.store.clock import now_iso
from reader.store.ids import ArticleId, HighlightId, SourceId, TagId
from reader.store.models import ArticleRow
from reader.store.unit import Unit


@dataclass
class Written:
    """What the write transaction has done so far: new rows' ids, for the later steps."""

    conn: Connection
    tx: Unit  # its segmentation is loaded only when text must be indexed
    source_ids: dict[int, int] = field(default_factory=dict)  # shared source id -> id
    ids: dict[int, int] = field(default_factory=dict)  # temp article id -> id
    tag_ids: dict[str, int] = field(default_factory=dict)  # key -> id
    new_tag_ids: set[int] = field(default_factory=set)
    touched: set[int] = field(default_factory=set)  # highlight ids

    def real(self, aid: int) -> int:
        return self.ids[aid] if aid < 0 else aid


def apply_base(tx: Unit, bundle: SharedBundle, plan: Plan) -> Written:
    """Write the pages, articles and tags the highlights will refer to."""
    conn = tx.conn
    stamp = now_iso()
    source_ids: dict[int, int] = {}
    for sid in plan.new_sources:
        s = bundle.sources[sid]
        source_ids[sid] = tables.SOURCES.insert(
            conn,
            {
                "path": s.name,  # the sender's folders never travel
                "name": s.name,
                "sha256": s.sha256,
                "text_hash": s.text_hash,
                "encoding": s.encoding,
                "size": s.size,
                "text": s.text,
                "imported_at": stamp,
                "paper": s.paper,
                "page_date": s.page_date,
                "page": s.page,
                "page_name": s.page_name,
                "deleted_at": s.deleted_at,
            },
        )
    ids: dict[int, int] = {}
    for na in plan.new_articles:
        a = na.shared
        source_id = -na.source_key if na.source_key < 0 else source_ids[na.source_key]
        aid = tables.ARTICLES.insert(
            conn,
            {
                "uuid": na.uuid,
                "source_id": source_id,
                "ordinal": na.ordinal,
                "title": a.title,
                "kind": a.kind,
                "kicker": a.kicker,
                "authors": a.authors,
                "photographers": a.photographers,
                "continued_from": a.continued_from,
                "continued_on": a.continued_on,
                "text": a.text,
                "content_hash": a.content_hash,
                "flags": a.flags,
                "consumed": a.consumed,
                "created_at": stamp,
                "deleted_at": a.deleted_at,
                "edited_at": a.edited_at,
            },
        )
        ids[na.temp_id] = aid
        tables.BLOCKS.insert_many(conn, [{"article_id": aid, **asdict(b)} for b in a.blocks])
        tokens = search.article_tokens(a.title, a.text, tx.cut)
        search.insert_article(conn, aid, tokens)
    if plan.new_articles:
        search.note_tokenizer_used(conn, search.tokenizer_fingerprint())

    tag_ids = {k: int(i) for k, i in conn.execute(text("SELECT key, id FROM tags")).all()}
    new_tag_ids: set[int] = set()
    for key in plan.new_tags:
        t = bundle.tags[key]
        tid = tables.TAGS.insert(
            conn,
            {
                "name": t.name,
                "key": key,
                "colour": t.colour,
                "parent_id": tag_ids.get(t.parent) if t.parent else None,
                "created_at": t.created_at,
            },
        )
        tag_ids[key] = int(tid)
        new_tag_ids.add(int(tid))
    return Written(conn, tx, source_ids, ids, tag_ids, new_tag_ids)


def apply_highlights(done: Written, plan: Plan) -> None:
    """Write the current chunk of highlights, then forget it (``plan.flush``)."""
    conn, real, tag_ids = done.conn, done.real, done.tag_ids
    if plan.hl_insert:
        for row in plan.hl_insert:
            row["article_id"] = real(row["article_id"])
        tables.HIGHLIGHTS.insert_many(conn, plan.hl_insert)
    tables.HIGHLIGHTS.update(conn, plan.hl_update)
    hl_ids: dict[str, int] = {}
    if plan.hl_tags:
        hl_ids = {
            str(u): int(i)
            for u, i in rows_in(
                conn, "SELECT uuid, id FROM highlights WHERE uuid IN (:v)", sorted(plan.hl_tags)
            )
        }
        # The planned tags replace the highlight's own (see merge_highlights).
        tables.unlink_highlight_tags(conn, [hl_ids[u] for u in plan.hl_tags])
        tables.link_highlight_tags(
            conn,
            (
                (hl_ids[u], tag_ids[k])
                for u, keys in plan.hl_tags.items()
                for k in sorted(keys)
                if k in tag_ids
            ),
        )
    uuids = [str(r["uuid"]) for r in plan.hl_insert] + list(plan.hl_tags)
    done.touched |= {int(r["id"]) for r in plan.hl_update}
    done.touched |= {
        int(i) for (i,) in rows_in(conn, "SELECT id FROM highlights WHERE uuid IN (:v)", uuids)
    }
    plan.flush()


def apply_rest(done: Written, plan: Plan) -> Changes:
    """Write notes and article tags, re-index what changed; what changed, in all."""
    conn, real, tag_ids = done.conn, done.real, done.tag_ids
    if plan.meta:
        done.tx.ensure_index_current()
    for aid, meta in plan.meta.items():  # the same article's later title, kind, authors
        old = conn.execute(select(ArticleRow.title, ArticleRow.text).where(ArticleRow.id == aid))
        title, body = old.one()
        values = dict(zip(("title", "kind", "authors", "edited_at"), meta, strict=True))
        tables.ARTICLES.update(conn, [{"id": aid, **values}])
        if meta[0] != title:
            search.delete_article(conn, aid, title, body, done.tx.cut)
            search.insert_article(conn, aid, search.article_tokens(meta[0], body, done.tx.cut))
    for aid, (note, at, author) in plan.notes.items():
        page_rows.put_note(conn, real(aid), note, at, author, keep=True)
    tables.link_article_tags(
        conn, ((real(a), tag_ids[k]) for a, k in sorted(plan.article_tags) if k in tag_ids)
    )
    for aid in sorted(plan.reindex):
        search.reindex_notes(conn, real(aid), done.tx.cut)
    pages_changed, trashed = merge_collection.apply(conn, plan.collection)
    return Changes(
        sources_added=frozenset(SourceId(i) for i in done.source_ids.values()),
        articles_added=frozenset(ArticleId(i) for i in done.ids.values()),
        highlights=frozenset(HighlightId(i) for i in done.touched),
        tags=frozenset(TagId(i) for i in done.new_tag_ids),
        notes=frozenset(ArticleId(real(a)) for a in plan.notes),
        article_tags=frozenset(ArticleId(real(a)) for a, _ in plan.article_tags),
        articles_removed=frozenset(trashed),
        articles_changed=frozenset(ArticleId(a) for a in plan.meta),
        sources_changed=frozenset(pages_changed),
    )
