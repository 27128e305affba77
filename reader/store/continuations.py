"""Stories printed in parts: a ``(下转第N版)`` part and its ``(上接第M版)`` part on
another page of the same issue, linked by evidence.

The decision is one pure function (:func:`link`) over the parts of an issue: a part
that says it continues on page N is linked to a part on page N that says it continues
from the first part's page (marker evidence on both sides), or that has the same
title (marker on one side, title on the other). The text adds evidence: a first part
that stops mid-sentence. When two candidates tie, nothing is linked (no guessing);
the rows are never changed, so a corrected page number or a re-parse re-decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from reader.store.ids import ArticleId
from reader.store.pageinfo import MetadataError, check_page

_END = "。！？!?”」』…）)"
_MARKER_PAGE = re.compile(r"([A-Za-z]?\d{1,3})")


@dataclass(frozen=True)
class Part:
    id: ArticleId
    page: str | None  # the page it is printed on, stored form ("3", "A3")
    title: str | None
    continued_from: str | None  # as parsed: "第1版"
    continued_on: str | None
    text: str = ""


@dataclass(frozen=True)
class Link:
    first: ArticleId  # the part that says 下转
    then: ArticleId  # the part that says 上接
    evidence: tuple[str, ...] = field(default=())


def marker_page(marker: str | None) -> str | None:
    """The page a marker names, in stored form ("第03版" → "3")."""
    if not marker:
        return None
    m = _MARKER_PAGE.search(marker)
    if m is None:
        return None
    try:
        return check_page(m[1])
    except MetadataError:
        return None


def _norm(title: str | None) -> str:
    return "".join((title or "").split())


def evidence(a: Part, b: Part) -> tuple[str, ...]:
    """Why ``b`` continues ``a`` (empty: it does not)."""
    if a.id == b.id or a.page is None or marker_page(a.continued_on) != b.page:
        return ()
    found = ["marker 下转"]
    if marker_page(b.continued_from) == a.page:
        found.append("marker 上接")
    if _norm(a.title) and _norm(a.title) == _norm(b.title):
        found.append("title")
    if len(found) < 2:
        return ()
    if a.text and a.text.rstrip()[-1:] not in _END:
        found.append("text breaks off")
    return tuple(found)


def link(parts: Sequence[Part]) -> list[Link]:
    """The links among the parts of one issue: each part continues at most one and is
    continued by at most one; a tie for the best evidence links nothing."""
    out: list[Link] = []
    taken: set[ArticleId] = set()
    for a in parts:
        scored = [(len(e), b, e) for b in parts if (e := evidence(a, b))]
        if not scored:
            continue
        scored.sort(key=lambda t: -t[0])
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            continue  # ambiguous
        _n, b, e = scored[0]
        if b.id in taken:
            continue
        taken.add(b.id)
        out.append(Link(a.id, b.id, e))
    return out


# --- reading the library ---------------------------------------------------------------------


def issue_parts(conn: Connection, article: ArticleId) -> list[Part]:
    """Every live part with a continuation marker in the article's issue (same paper,
    same date); [] when the article's page has no date."""
    me = conn.execute(
        text(
            "SELECT s.paper, s.page_date FROM articles a JOIN source_files s "
            "ON s.id = a.source_id WHERE a.id = :a"
        ),
        {"a": article},
    ).first()
    if me is None or me.page_date is None:
        return []
    rows = conn.execute(
        text(
            "SELECT a.id, s.page, a.title, a.continued_from, a.continued_on, pizhu_text(a.text) "
            "FROM articles a JOIN source_files s ON s.id = a.source_id "
            "WHERE s.page_date = :d AND s.paper IS :p "
            "AND a.deleted_at IS NULL AND s.deleted_at IS NULL "
            "AND (a.continued_from IS NOT NULL OR a.continued_on IS NOT NULL) "
            "ORDER BY s.id, a.ordinal"
        ),
        {"d": me.page_date, "p": me.paper},
    ).all()
    return [Part(ArticleId(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]


@dataclass(frozen=True)
class Story:
    parts: tuple[ArticleId, ...]  # in reading order; one part: not continued
    continued_from: ArticleId | None  # of the article asked about
    continued_on: ArticleId | None
    pages: dict[ArticleId, str | None] = field(default_factory=dict)


def story(conn: Connection, article: ArticleId) -> Story:
    parts = issue_parts(conn, article)
    if not any(p.id == article for p in parts):
        return Story((article,), None, None)
    links = link(parts)
    nxt = {lk.first: lk.then for lk in links}
    prev = {lk.then: lk.first for lk in links}
    head = article
    seen = {head}
    while head in prev and prev[head] not in seen:
        head = prev[head]
        seen.add(head)
    chain = [head]
    while chain[-1] in nxt and nxt[chain[-1]] not in chain:
        chain.append(nxt[chain[-1]])
    pages = {p.id: p.page for p in parts}
    return Story(tuple(chain), prev.get(article), nxt.get(article), pages)
