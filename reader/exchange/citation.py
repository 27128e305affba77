"""GB/T 7714-2015 citations of newspaper articles: ``authors. title[N]. paper, date(page).``

The standard's newspaper form (reference type ``[N]``): at most three authors separated
by ", ", then ", 等"; the date in ISO form and the page ("版次") in parentheses. Parts the
page file does not tell are left out rather than guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.store.views import ArticleDetail

MAX_AUTHORS = 3


@dataclass(frozen=True)
class Cited:
    """What a citation is built from; exports, the window and the CLI fill it alike."""

    title: str | None
    authors: Sequence[str]
    paper: str | None
    date: str | None  # ISO YYYY-MM-DD
    page: str | None  # "3", "A3"


def of_article(detail: ArticleDetail) -> Cited:
    """An open article's citation fields (its page's paper, date and page)."""
    s = detail.source
    return Cited(detail.article.title, detail.article.authors, s.paper, s.date, s.page)


def _authors(names: Sequence[str]) -> str:
    names = [" ".join(n.split()) for n in names if n.strip()]
    shown = ", ".join(names[:MAX_AUTHORS])
    return shown + ", 等" if len(names) > MAX_AUTHORS else shown


def gbt7714(c: Cited) -> str:
    """The newspaper citation of ``c``, ending with a full stop."""
    parts: list[str] = []
    authors = _authors(c.authors)
    if authors:
        parts.append(authors + ".")
    title = " ".join((c.title or "").split()) or "无题"
    parts.append(f"{title}[N].")
    where = ", ".join(x for x in (c.paper, c.date) if x)
    if c.page:
        where += f"({c.page})"
    if where:
        parts.append(where + ".")
    return " ".join(parts)


def quoted(quote: str, c: Cited) -> str:
    """A highlight as people quote it: the passage in quotation marks, then the source."""
    return f"“{' '.join(quote.split())}”\n{gbt7714(c)}"
