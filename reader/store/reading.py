"""The bulk readers of articles, highlights, sources and tags, in the caller's unit of work.

:class:`~reader.store.library.Library` answers its read methods with these (each in a
read transaction of its own); other readers (export, the notebook, merge) take them in
theirs. Ids come back in library order (:func:`ordered_ids`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Select, func, select

from reader.store import continuations, tagging, trash
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId, HighlightId, SourceId, TagId
from reader.store.models import (
    ArticleNote,
    ArticleRow,
    ArticleTag,
    BlockRow,
    HighlightRow,
    HighlightTag,
    SourceFile,
    TagRow,
)
from reader.store.naming import tag_key
from reader.store.unit import Unit
from reader.store.views import (
    ArticleDetail,
    ArticleSummary,
    HighlightView,
    SourceView,
    TagView,
    rebuild_article,
)


def tag_closure_ids(conn: Connection, tag: str) -> list[TagId]:
    root = tagging.find(conn, tag)
    if root is None:
        raise NotFoundError(f"no tag named {tag!r}")
    return tagging.subtree(conn, root)


def article_ids(tx: Unit, tag: str | None = None) -> list[ArticleId]:
    """Every article id in library order (page date, file, position); cheap."""
    conn = tx.conn
    q = (
        select(ArticleRow.id)
        .join(SourceFile, SourceFile.id == ArticleRow.source_id)
        .where(trash.LIVE)
    )
    if tag is not None:
        q = q.where(ArticleRow.id.in_(tagging.tagged_articles(tag_closure_ids(conn, tag))))
    return ordered_ids(conn, q)


def summaries(tx: Unit, ids: Iterable[ArticleId]) -> list[ArticleSummary]:
    """Summaries of the given articles, in the given order (unknown ids are left out)."""
    wanted = list(ids)
    if not wanted:
        return []
    out: dict[int, ArticleSummary] = {}
    conn = tx.conn
    for chunk_start in range(0, len(wanted), 500):
        chunk = wanted[chunk_start : chunk_start + 500]
        out.update(_summaries(conn, chunk))
    return [out[i] for i in wanted if i in out]


def _summaries(conn: Connection, ids: list[ArticleId] | None) -> dict[int, ArticleSummary]:
    """Summaries of ``ids``, or of every article (None: three queries in all)."""
    rows = listing(conn, ids, ArticleRow.authors)
    tags: dict[int, list[str]] = {}
    tag_query = select(ArticleTag.article_id, TagRow.name).join(
        TagRow, TagRow.id == ArticleTag.tag_id
    )
    count_query = select(HighlightRow.article_id, func.count()).where(
        HighlightRow.deleted.is_(False)
    )
    if ids is not None:
        tag_query = tag_query.where(ArticleTag.article_id.in_(ids))
        count_query = count_query.where(HighlightRow.article_id.in_(ids))
    for article_id, name in conn.execute(tag_query.order_by(TagRow.key)):
        tags.setdefault(article_id, []).append(name)
    counts = dict(conn.execute(count_query.group_by(HighlightRow.article_id)).all())
    return {
        r.id: ArticleSummary(
            id=ArticleId(r.id),
            uuid=r.uuid,
            title=r.title,
            kind=r.kind,
            source=r.name,
            date=r.page_date,
            authors=tuple(r.authors),
            tags=tuple(tags.get(r.id, ())),
            highlights=int(counts.get(r.id, 0)),
        )
        for r in rows
    }


def list_articles(tx: Unit, tag: str | None = None) -> list[ArticleSummary]:
    if tag is not None:
        return summaries(tx, article_ids(tx, tag))
    ids = article_ids(tx)
    out = _summaries(tx.conn, None)  # the whole library: no id lists to send
    return [out[i] for i in ids if i in out]


def resolve(tx: Unit, ref: str | int) -> ArticleId:
    """An article id from a number or a uuid (as printed by ``list``)."""
    conn = tx.conn
    if isinstance(ref, int) or str(ref).isdigit():
        found = conn.execute(select(ArticleRow.id).where(ArticleRow.id == int(ref))).scalar()
    else:
        found = conn.execute(
            select(ArticleRow.id).where(ArticleRow.uuid == str(ref).lower())
        ).scalar()
    if found is None:
        raise NotFoundError(f"no article {ref} in {tx.path}")
    return ArticleId(found)


def get_article(tx: Unit, article_id: ArticleId | int | str) -> ArticleDetail:
    aid = resolve(tx, article_id)
    conn = tx.conn
    row = conn.execute(select(ArticleRow).where(ArticleRow.id == aid)).one()
    blocks = conn.execute(
        select(BlockRow).where(BlockRow.article_id == aid).order_by(BlockRow.ordinal)
    ).all()
    src = conn.execute(select(*_SOURCE_VIEW_COLUMNS).where(SourceFile.id == row.source_id)).one()
    tags = conn.execute(
        select(TagRow.name)
        .join(ArticleTag, ArticleTag.tag_id == TagRow.id)
        .where(ArticleTag.article_id == aid)
        .order_by(TagRow.key)
    ).scalars()
    note = conn.execute(
        select(ArticleNote.text, ArticleNote.author).where(ArticleNote.article_id == aid)
    ).first()
    highlights = _highlights(conn, aid)
    told = continuations.story(conn, aid)
    return ArticleDetail(
        id=aid,
        uuid=row.uuid,
        article=rebuild_article(row, list(blocks)),
        text=row.text,
        content_hash=row.content_hash,
        source=source_view(src),
        tags=tuple(tags),
        note=note.text if note else "",
        note_author=note.author if note else "",
        highlights=tuple(highlights),
        in_trash=row.deleted_at is not None or src.deleted_at is not None,
        continued_on_id=told.continued_on,
        continued_from_id=told.continued_from,
    )


def article_highlights(
    tx: Unit, article_id: ArticleId, only: Iterable[HighlightId]
) -> list[HighlightView]:
    """The live, placed highlights of an article among ``only`` (after an operation
    said which highlights it touched: the window updates just those)."""
    ids = [int(h) for h in only]
    conn = tx.conn
    return _highlights(conn, article_id, ids)


def _highlights(
    conn: Connection, aid: ArticleId, only: list[int] | None = None
) -> list[HighlightView]:
    query = select(HighlightRow).where(
        HighlightRow.article_id == aid,
        HighlightRow.deleted.is_(False),
        HighlightRow.orphaned.is_(False),  # reader.exchange.orphans lists those
    )
    if only is not None:
        query = query.where(HighlightRow.id.in_(only))
    rows = conn.execute(query.order_by(HighlightRow.start, HighlightRow.id)).all()
    tag_names: dict[int, list[str]] = {}
    for hid, name in conn.execute(
        select(HighlightTag.highlight_id, TagRow.name)
        .join(TagRow, TagRow.id == HighlightTag.tag_id)
        .where(HighlightTag.highlight_id.in_([r.id for r in rows]))
        .order_by(TagRow.key)
    ):
        tag_names.setdefault(hid, []).append(name)
    return [HighlightView.from_row(r, tag_names.get(r.id, ())) for r in rows]


def sources(tx: Unit) -> list[SourceView]:
    conn = tx.conn
    # Not the page text: it is not shown here, and each page's would be decompressed.
    rows = conn.execute(select(*_SOURCE_VIEW_COLUMNS).order_by(SourceFile.id)).all()
    return [source_view(r) for r in rows]


def source_text(tx: Unit, source_id: SourceId) -> str:
    """The decoded page text every block span points into."""
    conn = tx.conn
    found = conn.execute(select(SourceFile.text).where(SourceFile.id == source_id)).scalar()
    if found is None:
        raise NotFoundError(f"no source file {source_id} in {tx.path}")
    return str(found)


def tags(tx: Unit) -> list[TagView]:
    conn = tx.conn
    rows = conn.execute(select(TagRow.id, TagRow.name, TagRow.colour, TagRow.parent_id)).all()
    by_id = {r.id: r for r in rows}

    def path(tid: int) -> tuple[str, ...]:
        names: list[str] = []
        seen: set[int] = set()
        cur: int | None = tid
        while cur is not None and cur not in seen and cur in by_id:
            seen.add(cur)
            names.append(by_id[cur].name)
            cur = by_id[cur].parent_id
        return tuple(reversed(names))

    views = [
        TagView(
            TagId(r.id),
            r.name,
            r.colour,
            TagId(r.parent_id) if r.parent_id is not None else None,
            path(r.id),
        )
        for r in rows
    ]
    return sorted(views, key=lambda v: [tag_key(n) for n in v.path])


def ordered_ids(conn: Connection, q: Select[Any]) -> list[ArticleId]:
    """The ids ``q`` selects in library order: dated pages, then undated ones. Two
    queries, each read straight off the page-date index and the articles' (source,
    position) index, where one ORDER BY over both sorted every article (a quarter of
    the window's start at 150,000 articles); fetched whole, not row by row."""
    dated = q.where(SourceFile.page_date.is_not(None)).order_by(
        SourceFile.page_date, SourceFile.id, ArticleRow.ordinal
    )
    undated = q.where(SourceFile.page_date.is_(None)).order_by(SourceFile.id, ArticleRow.ordinal)
    ids: list[ArticleId] = [*conn.execute(dated).scalars(), *conn.execute(undated).scalars()]
    return ids


def listing(conn: Connection, ids: Sequence[int] | None, *extra: Any) -> Sequence[Any]:
    """id, uuid, title, kind, source file name, page date (and ``extra``) of articles
    (of every article when ``ids`` is None)."""
    query = select(
        ArticleRow.id,
        ArticleRow.uuid,
        ArticleRow.title,
        ArticleRow.kind,
        SourceFile.name,
        SourceFile.page_date,
        ArticleRow.deleted_at,
        SourceFile.deleted_at.label("page_deleted_at"),
        *extra,
    ).join(SourceFile, SourceFile.id == ArticleRow.source_id)
    if ids is not None:
        query = query.where(ArticleRow.id.in_(ids))
    return conn.execute(query).all()


_SOURCE_VIEW_COLUMNS = tuple(
    getattr(SourceFile, c)
    for c in (
        "id",
        "path",
        "name",
        "sha256",
        "encoding",
        "imported_at",
        "paper",
        "page_date",
        "page",
        "page_name",
        "deleted_at",
    )
)


def source_view(r: Any) -> SourceView:
    return SourceView(
        id=SourceId(r.id),
        path=r.path,
        name=r.name,
        sha256=r.sha256,
        encoding=r.encoding,
        imported_at=r.imported_at,
        paper=r.paper,
        date=r.page_date,
        page=r.page,
        page_name=r.page_name,
        in_trash=r.deleted_at is not None,
    )
