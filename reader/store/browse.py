"""Read-only queries for browsing a library: filtered article ids, rows, papers, facets.

The reader window's item models hold ids and fetch rows on demand; these functions are
what they call. Pure SQLAlchemy over :class:`~reader.store.library.Library`'s engine,
each call one short read transaction, nothing here knows about Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Connection, Select, func, literal_column, select, text

from reader.store import pageinfo, searchtext, tagging
from reader.store.ids import ArticleId, SourceId, TagId
from reader.store.libindex import PAGE_SORTS, LibraryIndex, Page
from reader.store.library import Library
from reader.store.models import ArticleRow, SourceFile, TagRow
from reader.store.trash import LIVE, LIVE_PAGE
from reader.store.unit import connection

ROW_CHUNK = 500  # ids per IN (…) query

NO_DATE = ""  # the "date" of pages whose date is unknown
NO_PAPER = ""  # the "paper" of dated pages whose paper is unknown


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles to list; None means "any"."""

    kind: str | None = None
    tag: TagId | None = None
    author: str | None = None
    source: SourceId | None = None
    date: str | None = None  # YYYY-MM-DD, or NO_DATE for undated pages
    paper: str | None = None  # a paper's name, or NO_PAPER
    period: str | None = None  # a year ("2026") or a month ("2026-02") of page dates
    entity: int | None = None  # articles naming this person, place or organisation

    @property
    def empty(self) -> bool:
        return self == ArticleFilter()

    @property
    def about_pages_only(self) -> bool:
        """Whether every field set is about the page (so the in-memory index can answer);
        a field added later counts as looking inside articles until listed here."""
        return all(
            getattr(self, f.name) is None for f in fields(self) if f.name not in _PAGE_FIELDS
        )


_PAGE_FIELDS = frozenset({"source", "date", "paper", "period"})


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
    highlights: int = 0  # live highlights
    page_name: str | None = None


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
    page_name: str | None = None


@dataclass(frozen=True)
class TagCount:
    id: TagId
    name: str
    label: str
    count: int


# The article list's sort keys (columns a user can sort by); "library" is page date,
# page, position on the page.
SORT_KEYS = ("library", "title", "date", "page", "kind", "authors", "highlights", "source")

_HIGHLIGHT_COUNT: Any = literal_column(
    "(SELECT count(*) FROM highlights h WHERE h.article_id = articles.id AND NOT h.deleted)"
)


def _keys(sort: str) -> list[tuple[Any | None, Any]]:
    """(unknown-last flag, value) pairs a sort orders by before library order."""
    page = [
        (SourceFile.page.is_(None), func.length(SourceFile.page)),  # "3" < "12" < "A1"
        (None, SourceFile.page),
    ]
    keys: dict[str, list[tuple[Any | None, Any]]] = {
        "library": [],
        "title": [(ArticleRow.title.is_(None), ArticleRow.title)],
        "date": [(SourceFile.page_date.is_(None), SourceFile.page_date)],
        "page": page,
        "kind": [(None, ArticleRow.kind)],
        "authors": [(func.json_array_length(ArticleRow.authors) == 0, ArticleRow.authors)],
        "highlights": [(None, _HIGHLIGHT_COUNT)],
        "source": [(None, SourceFile.name)],
    }
    return keys[sort]


def _order(q: Select[Any], sort: str = "library", descending: bool = False) -> Select[Any]:
    first = _keys(sort)
    keys: list[Any] = []
    then = [*_keys("date"), (None, SourceFile.paper), *_keys("page")]
    for i, (unknown, value) in enumerate([*first, *then]):
        if unknown is not None:
            keys.append(unknown)  # unknown values stay last either way
        keys.append(value.desc() if descending and i < len(first) else value)
    return q.order_by(*keys, SourceFile.id, ArticleRow.ordinal)


def article_ids(
    lib: Library, f: ArticleFilter | None = None, sort: str = "library", descending: bool = False
) -> list[ArticleId]:
    """Ids of the articles ``f`` selects, in library order (page date, page, position)
    or sorted by one of :data:`SORT_KEYS` (then library order)."""
    f = f or ArticleFilter()
    q = select(ArticleRow.id).join(SourceFile, SourceFile.id == ArticleRow.source_id).where(LIVE)
    if f.kind is not None:
        q = q.where(ArticleRow.kind == f.kind)
    if f.source is not None:
        q = q.where(ArticleRow.source_id == f.source)
    if f.date is not None:
        if f.date == NO_DATE:
            q = q.where(SourceFile.page_date.is_(None))
        else:
            q = q.where(SourceFile.page_date == f.date)
    if f.paper is not None:
        q = q.where(
            SourceFile.paper.is_(None) if f.paper == NO_PAPER else SourceFile.paper == f.paper
        )
    if f.period is not None:
        q = q.where(SourceFile.page_date.like(f.period.replace("%", "") + "-%"))
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
    with connection(lib) as conn:
        if f.tag is not None:
            # The tag, the tags nested under it, on articles or on their highlights.
            q = q.where(ArticleRow.id.in_(tagging.tagged_articles(tagging.subtree(conn, f.tag))))
        return _raw_ids(conn, _order(q, sort, descending))


def _raw_ids(conn: Connection, q: Select[Any]) -> list[ArticleId]:
    """The first column of ``q``'s rows, read from the driver's cursor: a list of a
    hundred thousand ids is mostly the cost of making rows, which this skips."""
    compiled = q.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    names = compiled.positiontup or []
    args = [compiled.params[n] for n in names]
    raw = conn.connection.driver_connection
    assert raw is not None
    return [ArticleId(r[0]) for r in raw.execute(str(compiled), args)]


def article_rows(lib: Library, ids: Sequence[ArticleId]) -> list[ArticleRowView]:
    """Rows for ``ids`` in the given order; ids that no longer exist are left out."""
    found: dict[int, ArticleRowView] = {}
    with connection(lib) as conn:
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
                    SourceFile.page_name,
                    _HIGHLIGHT_COUNT.label("highlights"),
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
                    highlights=int(r.highlights),
                    page_name=r.page_name,
                )
    return [found[i] for i in ids if i in found]


def article_count(lib: Library) -> int:
    with connection(lib) as conn:
        return int(
            conn.execute(
                select(func.count())
                .select_from(ArticleRow)
                .join(SourceFile, SourceFile.id == ArticleRow.source_id)
                .where(LIVE)
            ).scalar_one()
        )


def paper_dates(lib: Library) -> list[PaperDate]:
    """Every page date (newest first, undated last) with its page and article counts."""
    with connection(lib) as conn:
        pages = dict(
            conn.execute(
                select(SourceFile.page_date, func.count())
                .where(LIVE_PAGE)
                .group_by(SourceFile.page_date)
            ).all()
        )
        arts = dict(
            conn.execute(
                select(SourceFile.page_date, func.count())
                .select_from(ArticleRow)
                .join(SourceFile, SourceFile.id == ArticleRow.source_id)
                .where(LIVE)
                .group_by(SourceFile.page_date)
            ).all()
        )
    dated = sorted((d for d in pages if d is not None), reverse=True)
    out = [PaperDate(d, int(pages[d]), int(arts.get(d, 0))) for d in dated]
    if None in pages:
        out.append(PaperDate(NO_DATE, int(pages[None]), int(arts.get(None, 0))))
    return out


def _page_key(p: PageView) -> tuple[tuple[str, int], str, str]:
    return (pageinfo.page_key(p.page), p.paper or "", p.name)


def pages_on(lib: Library, date: str) -> list[PageView]:
    """The pages of one date (NO_DATE: undated pages), in page order."""
    counts = (
        select(ArticleRow.source_id, func.count().label("n"))
        .where(ArticleRow.deleted_at.is_(None))
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
    q = q.where(LIVE_PAGE)
    q = q.where(SourceFile.page_date.is_(None) if date == NO_DATE else SourceFile.page_date == date)
    with connection(lib) as conn:
        views = [
            PageView(SourceId(r[0]), r[1], r[2], r[3], r[4], int(r[5])) for r in conn.execute(q)
        ]
    return sorted(views, key=_page_key)


def page_index(lib: Library) -> list[PageView]:
    """Every page in the library with its facts and article count (one short query;
    the Papers tree is built from it)."""
    counts = (
        select(ArticleRow.source_id, func.count().label("n"))
        .where(ArticleRow.deleted_at.is_(None))
        .group_by(ArticleRow.source_id)
        .subquery()
    )
    q = (
        select(
            SourceFile.id,
            SourceFile.name,
            SourceFile.paper,
            SourceFile.page_date,
            SourceFile.page,
            func.coalesce(counts.c.n, 0),
            SourceFile.page_name,
        )
        .outerjoin(counts, counts.c.source_id == SourceFile.id)
        .where(LIVE_PAGE)
    )
    with connection(lib) as conn:
        return [
            PageView(SourceId(r[0]), r[1], r[2], r[3], r[4], int(r[5]), r[6])
            for r in conn.execute(q)
        ]


def page_articles(lib: Library, source: SourceId) -> list[tuple[ArticleId, str | None]]:
    """The live articles of a page in their printed order: (id, title)."""
    with connection(lib) as conn:
        rows = conn.execute(
            select(ArticleRow.id, ArticleRow.title)
            .where(ArticleRow.source_id == source, ArticleRow.deleted_at.is_(None))
            .order_by(ArticleRow.ordinal)
        ).all()
    return [(ArticleId(int(r[0])), r[1]) for r in rows]


def source_of(lib: Library, article: ArticleId) -> SourceId | None:
    with connection(lib) as conn:
        found = conn.execute(select(ArticleRow.source_id).where(ArticleRow.id == article)).scalar()
    return SourceId(int(found)) if found is not None else None


def neighbour_page(lib: Library, source: SourceId, delta: int) -> SourceId | None:
    """The next (+1) or previous (-1) page of the same issue (same paper and date)."""
    with connection(lib) as conn:
        me = conn.execute(
            select(SourceFile.paper, SourceFile.page_date).where(SourceFile.id == source)
        ).first()
        if me is None or me.page_date is None:
            return None
        paper = SourceFile.paper.is_(None) if me.paper is None else SourceFile.paper == me.paper
        rows = conn.execute(
            select(SourceFile.id, SourceFile.page, SourceFile.name).where(
                LIVE_PAGE, SourceFile.page_date == me.page_date, paper
            )
        ).all()
    order = sorted(rows, key=lambda r: (pageinfo.page_key(r.page), r.name, r.id))
    ids = [SourceId(int(r.id)) for r in order]
    if source not in ids:
        return None
    at = ids.index(source) + delta
    return ids[at] if 0 <= at < len(ids) else None


def indexed_ids(
    index: LibraryIndex, f: ArticleFilter, sort: str = "library", descending: bool = False
) -> list[ArticleId] | None:
    """:func:`article_ids` from a :class:`LibraryIndex` when the filter and the order
    are about pages alone (None otherwise: ask :func:`article_ids`)."""
    if not f.about_pages_only or sort not in PAGE_SORTS:
        return None
    tests: list[Callable[[Page], bool]] = []
    if f.source is not None:
        tests.append(lambda p: p.id == f.source)
    if f.date is not None:
        tests.append(lambda p: p.date is None if f.date == NO_DATE else p.date == f.date)
    if f.paper is not None:
        tests.append(lambda p: p.paper is None if f.paper == NO_PAPER else p.paper == f.paper)
    if f.period is not None:
        prefix = f.period + "-"
        tests.append(lambda p: p.date is not None and p.date.startswith(prefix))
    keep = (lambda p: all(t(p) for t in tests)) if tests else None
    return index.ids(sort, descending, keep)


def page_views(index: LibraryIndex) -> list[PageView]:
    """Every live page with its live article count (what :func:`page_index` answers)."""
    return [
        PageView(p.id, p.name, p.paper, p.date, p.page, index.count(p.id), p.page_name)
        for p in index.pages.values()
    ]


def tag_counts(lib: Library) -> list[TagCount]:
    """Every tag with the number of articles its filter shows (nested tags and tagged
    highlights included), in the library's tag order."""
    with connection(lib) as conn:
        counts = tagging.article_counts(conn)
        known = {r[0] for r in conn.execute(select(TagRow.id))}
    return [
        TagCount(t.id, t.name, t.label, int(counts.get(t.id, 0)))
        for t in lib.tags()
        if t.id in known
    ]


def author_counts(lib: Library, limit: int = 500) -> list[tuple[str, int]]:
    """Authors with their article counts, most prolific first."""
    with connection(lib) as conn:
        rows = conn.execute(
            text(
                "SELECT j.value, count(*) AS n FROM articles "
                "JOIN source_files s ON s.id = articles.source_id, "
                "json_each(articles.authors) AS j "
                "WHERE articles.deleted_at IS NULL AND s.deleted_at IS NULL "
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
