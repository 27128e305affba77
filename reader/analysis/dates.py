"""The date an article counts under: its page's issue date.

Every statistic reads dates through this module only, so when pages gain their own
metadata columns (the collection work) one edit here moves every count.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal, TypeVar

from sqlalchemy import Select

from reader.store.models import ArticleRow, SourceFile

Period = Literal["day", "week", "month"]
PERIODS: tuple[Period, ...] = ("day", "week", "month")

ISSUE_DATE = SourceFile.page_date  # YYYY-MM-DD or NULL


S = TypeVar("S", bound=Select)  # type: ignore[type-arg]


def with_issue_date(q: S) -> S:
    """``q`` (selecting from articles) joined to where the issue date lives."""
    return q.join_from(ArticleRow, SourceFile, SourceFile.id == ArticleRow.source_id)


def period_of(day: str, by: Period) -> str:
    """The period label of an ISO day: 2026-02-26, 2026-W09 or 2026-02."""
    if by == "day":
        return day
    if by == "month":
        return day[:7]
    y, w, _ = date.fromisoformat(day).isocalendar()
    return f"{y}-W{w:02d}"


def _start(label: str, by: Period) -> date:
    if by == "day":
        return date.fromisoformat(label)
    if by == "month":
        return date.fromisoformat(label + "-01")
    y, w = label.split("-W")
    return date.fromisocalendar(int(y), int(w), 1)


def _next(d: date, by: Period) -> date:
    if by == "day":
        return d + timedelta(days=1)
    if by == "week":
        return d + timedelta(weeks=1)
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def periods_between(first: str, last: str, by: Period) -> list[str]:
    """Every period label from the one holding ``first`` to the one holding ``last``."""
    cur, end = _start(period_of(first, by), by), _start(period_of(last, by), by)
    out: list[str] = []
    while cur <= end:
        out.append(period_of(cur.isoformat(), by))
        cur = _next(cur, by)
    return out
