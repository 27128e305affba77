"""Search in the caller's unit of work: the hits, their count, the filters they take.

:meth:`reader.store.library.Library.search` answers with :func:`search`; the ranking
and the filters themselves live in :mod:`reader.store.queries`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from reader.store import continuations, queries, searchtext, tagging
from reader.store.ids import ArticleId
from reader.store.models import ArticleRow
from reader.store.queries import DateOrder, Where
from reader.store.reading import listing, tag_closure_ids
from reader.store.unit import Unit
from reader.store.views import SearchHit


def search(
    tx: Unit,
    query: str,
    limit: int = 50,
    sort: str = "relevance",
    where: Where | None = None,
    *,
    stories: bool = False,
    dated: Callable[[Connection], DateOrder] = lambda c: DateOrder.of(queries.date_order(c)),
) -> list[SearchHit]:
    """Articles containing every whitespace-separated term of ``query``, best first
    (``sort="relevance"``: title hits, then whole articles, then bm25), or
    ``"newest"``/``"oldest"`` page first; ``where`` narrows them (page dates, kinds,
    author, paper, page, tag).

    A term matches wherever it is a substring of the title, the body or the notes
    (after NFKC and case folding), so 和浩 finds 呼和浩特 and PM2.5 finds PM2.5.
    Any text is a valid query; one without terms finds nothing.
    """
    if not searchtext.terms(query):
        return []
    if sort not in queries.SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    conn = tx.conn
    # The index keeps trashed articles (restoring them is instant): ask for as
    # many more as the trash could hide, and leave those out.
    hidden = len(queries.trashed(conn))
    filters = _filters(conn, where or Where())
    order = lambda: dated(conn)  # noqa: E731
    matches, terms = queries.query(conn, query, limit + int(hidden), sort, order, filters)
    if not matches:
        return []
    ids = [m.article_id for m in matches]
    rows = {
        r.id: r
        for r in listing(conn, ids, ArticleRow.text)
        if r.deleted_at is None and r.page_deleted_at is None
    }
    # ``stories``: a story printed in parts is one hit (the best-ranked part
    # stands for it), as the window lists them.
    story_of = {
        int(r[0]): continuations.story(conn, ArticleId(int(r[0]))).parts[0]
        for r in conn.execute(
            select(ArticleRow.id).where(
                ArticleRow.id.in_(list(rows) if stories else []),
                (ArticleRow.continued_on.is_not(None)) | (ArticleRow.continued_from.is_not(None)),
            )
        )
    }
    hits: list[SearchHit] = []
    told: set[int] = set()
    for m in matches:
        if len(hits) >= limit:
            break
        head = story_of.get(m.article_id, m.article_id)
        if head in told:
            continue
        told.add(head)
        r = rows.get(m.article_id)
        if r is None:
            continue
        hits.append(
            SearchHit(
                id=m.article_id,
                uuid=r.uuid,
                title=r.title,
                kind=r.kind,
                source=r.name,
                date=r.page_date,
                score=m.score,
                snippet=searchtext.snippet(r.text, terms),
            )
        )
    return hits


def story(tx: Unit, article_id: ArticleId) -> continuations.Story:
    """The parts of the story an article belongs to, in reading order."""
    conn = tx.conn
    return continuations.story(conn, article_id)


def _filters(conn: Connection, where: Where) -> queries.Filters:
    tagged = None
    if where.tag is not None:
        ids = tagging.tagged_articles(tag_closure_ids(conn, where.tag))
        rows: Sequence[Any] = conn.execute(ids).all()
        tagged = tuple(int(r[0]) for r in rows)
    w = where
    return queries.Filters(w.since, w.until, w.kinds, w.author, w.paper, w.page, tagged)


def count_matches(
    tx: Unit,
    query: str,
    where: Where | None = None,
) -> int:
    """How many articles :meth:`search` finds for ``query`` (every hit, notes too)."""
    conn = tx.conn
    filters = _filters(conn, where or Where())
    return queries.total(conn, query, filters)
