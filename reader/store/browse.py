"""Read-only queries for browsing a library: filtered article ids, rows, papers, facets.

The reader window's item models hold ids and fetch rows on demand; these functions are
what they call. Pure SQLAlchemy over :class:`~reader.store.library.Library`'s engine,
each call one short read transaction, nothing here knows about Qt.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, func, select, text

from reader.store import database, searchtext, tagging
from reader.store.errors import known_errors
from reader.store.ids import ArticleId, SourceId, TagId
from reader.store.library import Library
from reader.store.models import ArticleRow, SourceFile, TagRow

ROW_CHUNK = 500  # ids per IN (…) query

NO_DATE = ""  # the "date" of pages whose date is unknown


@contextmanager
def _read(lib: Library) -> Iterator[Connection]:
    with known_errors(lib.path), database.reading(lib.engine) as conn:
        yield conn


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles to list; None means "any"."""

    kind: str | None = None
    tag: TagId | None = None
    author: str | None = None
    source: SourceId | None = None
    date: str | None = None  # YYYY-MM-DD, or NO_DATE for undated pages
    entity: int | None = None  # articles naming this person, place or organisation

    @property
    def empty(self) -> bool:
        return self == ArticleFilter()


@dataclass(frozen=True)
class ArticleRowView:
    """What one row of the article list shows."""

    id: ArticleId
    title: str | None
    kind: str
    date: str | None
    page: str | None
    paper: str | None
    source: str
    authors: tuple[str, ...]
    flags: tuple[str, ...]


@dataclass(frozen=True)
class PaperDate:
    date: str  # NO_DATE for undated pages
    pages: int
    articles: int


@dataclass(frozen=True)
class PageView:
    id: SourceId
    name: str
    paper: str | None
    date: str | None
    page: str | None
    articles: int


@dataclass(frozen=True)
class TagCount:
    id: TagId
    name: str
    label: str
    count: int


def _order(q: Select[Any]) -> Select[Any]:
    return q.order_by(
        SourceFile.page_date.is_(None),
        SourceFile.page_date,
        SourceFile.id,
        ArticleRow.ordinal,
    )


def article_ids(lib: Library, f: ArticleFilter | None = None) -> list[ArticleId]:
    """Ids of the articles ``f`` selects, in library order (page date, page, position)."""
    f = f or ArticleFilter()
    q = select(ArticleRow.id).join(SourceFile, SourceFile.id == ArticleRow.source_id)
    if f.kind is not None:
        q = q.where(ArticleRow.kind == f.kind)
    if f.source is not None:
        q = q.where(ArticleRow.source_id == f.source)
    if f.date is not None:
        if f.date == NO_DATE:
            q = q.where(SourceFile.page_date.is_(None))
        else:
            q = q.where(SourceFile.page_date == f.date)
    if f.author is not None:
        q = q.where(
            text("EXISTS (SELECT 1 FROM json_each(articles.authors) WHERE value = :author)")
        ).params(author=f.author)
    if f.entity is not None:
        q = q.where(
            text(
                "EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = articles.id "
                "AND ae.entity_id = :entity)"
            )
        ).params(entity=f.entity)
    with _read(lib) as conn:
        if f.tag is not None:
            # The tag, the tags nested under it, on articles or on their highlights.
            q = q.where(ArticleRow.id.in_(tagging.tagged_articles(tagging.subtree(conn, f.tag))))
        return [ArticleId(int(r[0])) for r in conn.execute(_order(q))]


def article_rows(lib: Library, ids: Sequence[ArticleId]) -> list[ArticleRowView]:
    """Rows for ``ids`` in the given order; ids that no longer exist are left out."""
    found: dict[int, ArticleRowView] = {}
    with _read(lib) as conn:
        for lo in range(0, len(ids), ROW_CHUNK):
            chunk = list(ids[lo : lo + ROW_CHUNK])
            rows = conn.execute(
                select(
                    ArticleRow.id,
                    ArticleRow.title,
                    ArticleRow.kind,
                    ArticleRow.authors,
                    ArticleRow.flags,
                    SourceFile.page_date,
                    SourceFile.page,
                    SourceFile.paper,
                    SourceFile.name,
                )
                .join(SourceFile, SourceFile.id == ArticleRow.source_id)
                .where(ArticleRow.id.in_(chunk))
            )
            for r in rows:
                found[r.id] = ArticleRowView(
                    id=ArticleId(r.id),
                    title=r.title,
                    kind=r.kind,
                    date=r.page_date,
                    page=r.page,
                    paper=r.paper,
                    source=r.name,
                    authors=tuple(str(a) for a in r.authors),
                    flags=tuple(str(x) for x in r.flags),
                )
    return [found[i] for i in ids if i in found]


def article_count(lib: Library) -> int:
    with _read(lib) as conn:
        return int(conn.execute(select(func.count()).select_from(ArticleRow)).scalar_one())


def paper_dates(lib: Library) -> list[PaperDate]:
    """Every page date (newest first, undated last) with its page and article counts."""
    with _read(lib) as conn:
        pages = dict(
            conn.execute(
                select(SourceFile.page_date, func.count()).group_by(SourceFile.page_date)
            ).all()
        )
        arts = dict(
            conn.execute(
                select(SourceFile.page_date, func.count())
                .select_from(ArticleRow)
                .join(SourceFile, SourceFile.id == ArticleRow.source_id)
                .group_by(SourceFile.page_date)
            ).all()
        )
    dated = sorted((d for d in pages if d is not None), reverse=True)
    out = [PaperDate(d, int(pages[d]), int(arts.get(d, 0))) for d in dated]
    if None in pages:
        out.append(PaperDate(NO_DATE, int(pages[None]), int(arts.get(None, 0))))
    return out


def _page_key(p: PageView) -> tuple[str, int, str, str]:
    page = p.page or ""
    letter = page[:1] if page[:1].isalpha() else ""
    digits = page[len(letter) :]
    return (letter, int(digits) if digits.isdigit() else 10**6, p.paper or "", p.name)


def pages_on(lib: Library, date: str) -> list[PageView]:
    """The pages of one date (NO_DATE: undated pages), in page order."""
    counts = (
        select(ArticleRow.source_id, func.count().label("n"))
        .group_by(ArticleRow.source_id)
        .subquery()
    )
    q = select(
        SourceFile.id,
        SourceFile.name,
        SourceFile.paper,
        SourceFile.page_date,
        SourceFile.page,
        func.coalesce(counts.c.n, 0),
    ).outerjoin(counts, counts.c.source_id == SourceFile.id)
    q = q.where(SourceFile.page_date.is_(None) if date == NO_DATE else SourceFile.page_date == date)
    with _read(lib) as conn:
        views = [
            PageView(SourceId(r[0]), r[1], r[2], r[3], r[4], int(r[5])) for r in conn.execute(q)
        ]
    return sorted(views, key=_page_key)


def tag_counts(lib: Library) -> list[TagCount]:
    """Every tag with the number of articles its filter shows (nested tags and tagged
    highlights included), in the library's tag order."""
    with _read(lib) as conn:
        counts = tagging.article_counts(conn)
        known = {r[0] for r in conn.execute(select(TagRow.id))}
    return [
        TagCount(t.id, t.name, t.label, int(counts.get(t.id, 0)))
        for t in lib.tags()
        if t.id in known
    ]


def author_counts(lib: Library, limit: int = 500) -> list[tuple[str, int]]:
    """Authors with their article counts, most prolific first."""
    with _read(lib) as conn:
        rows = conn.execute(
            text(
                "SELECT j.value, count(*) AS n FROM articles, json_each(articles.authors) AS j "
                "GROUP BY j.value ORDER BY n DESC, j.value LIMIT :limit"
            ),
            {"limit": limit},
        ).all()
    return [(str(r[0]), int(r[1])) for r in rows]


def first_hit(body: str, query: str) -> tuple[int, int] | None:
    """Where the first term of ``query`` first occurs in ``body`` (search's own matching)."""
    terms = searchtext.terms(query)
    if not terms:
        return None
    norm, where = searchtext.normalized_with_map(body)
    best: tuple[int, int] | None = None
    for term in terms:
        at = norm.find(term)
        if at >= 0:
            hit = (where[at], where[at + len(term) - 1] + 1)
            if best is None or hit < best:
                best = hit
    return best


def hits(body: str, query: str) -> list[tuple[int, int]]:
    """Every occurrence of every term of ``query`` in ``body``, in order."""
    norm, where = searchtext.normalized_with_map(body)
    out: list[tuple[int, int]] = []
    for term in searchtext.terms(query):
        at = norm.find(term)
        while at >= 0:
            out.append((where[at], where[at + len(term) - 1] + 1))
            at = norm.find(term, at + len(term))
    return sorted(out)
