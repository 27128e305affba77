"""Counts over issue dates: articles and highlights per day, week or month.

A count is filtered by a tag (with the tags nested under it, on the article or on one
of its highlights), a highlight colour or its meaning, an annotation author, an entity
or a search term (the library's own search, so a term counts exactly the articles a
search finds). Each period also carries the number of articles in the library for it,
so a term's hits can be read as a share (an n-gram viewer).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, select, text

from reader.analysis import dates
from reader.analysis.dates import ISSUE_DATE, Period
from reader.store import palette, searchtext, tagging
from reader.store.analysis_models import ArticleEntity, EntityName, EntityRow
from reader.store.errors import NotFoundError
from reader.store.models import ArticleRow, HighlightRow, HighlightTag


@dataclass(frozen=True)
class Filters:
    tag: str | None = None
    colour: str | None = None  # key or meaning
    author: str | None = None
    entity: str | None = None  # name or alias
    term: str | None = None

    def describe(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v is not None}

    @property
    def on_highlights(self) -> bool:
        return self.colour is not None or self.author is not None


@dataclass(frozen=True)
class Row:
    period: str
    articles: int  # in the library for this period
    matched: int  # articles the filters select
    highlights: int  # live highlights the filters select

    @property
    def share(self) -> float:
        return self.matched / self.articles if self.articles else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "articles": self.articles,
            "matched": self.matched,
            "highlights": self.highlights,
            "share": round(self.share, 6),
        }


@dataclass
class Series:
    by: Period
    filters: Filters
    rows: list[Row] = field(default_factory=list)
    undated: Row = field(default_factory=lambda: Row("undated", 0, 0, 0))

    def to_json(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "filters": self.filters.describe(),
            "rows": [r.to_json() for r in self.rows],
            "undated": self.undated.to_json(),
        }

    def to_csv(self) -> str:
        lines = ["period,articles,matched,highlights,share"]
        for r in [*self.rows, *([self.undated] if self.undated.articles else [])]:
            lines.append(f"{r.period},{r.articles},{r.matched},{r.highlights},{r.share:.6f}")
        return "\r\n".join(lines) + "\r\n"


def entity_ids(conn: Connection, name: str) -> list[int]:
    """Entities called ``name``, or what ``name`` stands for in the local-names dictionary."""
    canonical = conn.execute(
        select(EntityName.canonical).where(EntityName.name == name)
    ).scalar_one_or_none()
    wanted = canonical or name
    ids = [int(i) for i in conn.scalars(select(EntityRow.id).where(EntityRow.name == wanted))]
    if not ids:
        raise NotFoundError(f"no person, place or organisation named {name!r}")
    return ids


def _article_conditions(conn: Connection, f: Filters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.tag is not None:
        root = tagging.find(conn, f.tag)
        if root is None:
            raise NotFoundError(f"no tag named {f.tag!r}")
        conds.append(ArticleRow.id.in_(tagging.tagged_articles(tagging.subtree(conn, root))))
    if f.entity is not None:
        ids = entity_ids(conn, f.entity)
        conds.append(
            ArticleRow.id.in_(
                select(ArticleEntity.article_id).where(ArticleEntity.entity_id.in_(ids))
            )
        )
    if f.term is not None:
        built = searchtext.build_query(f.term, None)
        if built is None:
            raise NotFoundError(f"nothing to count in {f.term!r}: no letters or digits")
        conds.append(
            ArticleRow.id.in_(
                select(text("rowid"))
                .select_from(text("search_articles"))
                .where(text("search_articles MATCH :q").bindparams(q=built.match))
            )
        )
    return conds


def _highlight_conditions(conn: Connection, f: Filters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [HighlightRow.deleted.is_(False)]
    if f.colour is not None:
        conds.append(HighlightRow.colour == palette.resolve(conn, f.colour))
    if f.author is not None:
        conds.append(HighlightRow.author == f.author)
    if f.tag is not None:
        root = tagging.find(conn, f.tag)
        assert root is not None  # checked with the article conditions
        conds.append(
            HighlightRow.id.in_(
                select(HighlightTag.highlight_id).where(
                    HighlightTag.tag_id.in_(tagging.subtree(conn, root))
                )
            )
        )
    return conds


def _by_day(conn: Connection, q: Any) -> Counter[str | None]:
    return Counter({day: int(n) for day, n in conn.execute(q)})


def series(conn: Connection, by: Period, filters: Filters) -> Series:
    """Per period: articles in the library, articles and highlights the filters select."""
    art_conds = _article_conditions(conn, filters)
    hl_conds = _highlight_conditions(conn, filters)
    totals = _by_day(
        conn, dates.with_issue_date(select(ISSUE_DATE, func.count())).group_by(ISSUE_DATE)
    )
    matched_q = dates.with_issue_date(select(ISSUE_DATE, func.count(ArticleRow.id.distinct())))
    if filters.on_highlights:
        matched_q = matched_q.join(HighlightRow, HighlightRow.article_id == ArticleRow.id).where(
            *hl_conds
        )
    matched = _by_day(conn, matched_q.where(*art_conds).group_by(ISSUE_DATE))
    hl_q = (
        dates.with_issue_date(select(ISSUE_DATE, func.count(HighlightRow.id)))
        .join(HighlightRow, HighlightRow.article_id == ArticleRow.id)
        .where(and_(*art_conds, *hl_conds))
        .group_by(ISSUE_DATE)
    )
    highlights = _by_day(conn, hl_q)
    return build(by, filters, totals, matched, highlights)


def build(
    by: Period,
    filters: Filters,
    totals: Counter[str | None],
    matched: Counter[str | None],
    highlights: Counter[str | None],
) -> Series:
    """Roll per-day counts up into continuous periods (empty periods included)."""
    out = Series(by, filters)
    days = sorted(d for d in totals if d is not None)
    if days:
        per: dict[str, list[int]] = {
            p: [0, 0, 0] for p in dates.periods_between(days[0], days[-1], by)
        }
        for i, counts in enumerate((totals, matched, highlights)):
            for day, n in counts.items():
                if day is not None:
                    per[dates.period_of(day, by)][i] += n
        out.rows = [Row(p, *v) for p, v in per.items()]
    out.undated = Row("undated", totals.get(None, 0), matched.get(None, 0), highlights.get(None, 0))
    return out


def total(rows: Sequence[Row]) -> Row:
    return Row(
        "total",
        sum(r.articles for r in rows),
        sum(r.matched for r in rows),
        sum(r.highlights for r in rows),
    )
