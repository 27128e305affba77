"""What "Check the split" shows of a page: its articles, the parser's decisions, the answers.

The decisions are those the parser takes with the page's fixes in force (a flip can
bring new decisions further down, or remove some), each shown as the parser took it on
its own: its confidence and evidence, the reading it chose. Parses are kept per page
text and set of answers, so opening an article (which asks for the notice) is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select

from reader.ingest import SourceInfo
from reader.store.decisions import Decision, Span, decisions_of, normalise
from reader.store.ids import ArticleId, SourceId
from reader.store.models import SourceFile
from reader.store.splitfix import (
    Fix,
    for_page,
    overrides,
    page_articles,
    page_hash,
    parse_page,
    shape,
    source_info,
)
from reader.store.unit import Unit


@dataclass(frozen=True)
class PageArticle:
    id: ArticleId
    title: str | None
    kind: str
    spans: tuple[Span, ...]  # its blocks' source ranges, in reading order
    consumed: tuple[tuple[int, int, str], ...]  # (start, end, reason)


@dataclass(frozen=True)
class DecisionState:
    decision: Decision  # as the parser took it, before the user's answer
    fix: Fix | None
    stale: bool = False  # answered, but the parser no longer takes this decision

    @property
    def current(self) -> str:
        """The choice in force: the user's if they answered, else the parser's."""
        return self.fix.chosen if self.fix else self.decision.chosen

    @property
    def other(self) -> str:
        d = self.decision
        return (
            d.alternative
            if normalise(d.kind, self.current) == normalise(d.kind, d.chosen)
            else d.chosen
        )

    @property
    def open(self) -> bool:
        """Doubtful and not yet answered: what the view and the notice point at."""
        return self.decision.doubtful and self.fix is None

    def choices(self) -> list[str]:
        """Readings the user can switch to: the other one first, then the rest of the kind's."""
        now = normalise(self.decision.kind, self.current)
        first = normalise(self.decision.kind, self.other)
        rest = [r for r in self.decision.readings() if r not in (now, first)]
        return ([first] if first and first != now else []) + rest


@dataclass(frozen=True)
class PageOverview:
    source_id: SourceId
    name: str
    text: str
    articles: tuple[PageArticle, ...]
    decisions: tuple[DecisionState, ...]
    recut: bool = False  # the stored articles are not what the parser makes of the page now
    dropped: tuple[tuple[int, int, str], ...] = ()  # consumed outside any article (reason)

    @property
    def open_count(self) -> int:
        return sum(1 for d in self.decisions if d.open)


Ranges = tuple[tuple[int, int, str], ...]  # (start, end, reason)


@dataclass(frozen=True)
class _Reading:
    decisions: list[Decision]
    shape: list[object]
    dropped: Ranges  # what the page drops outside any article (duplicates, stray markup)


_cache: dict[tuple[str, frozenset[tuple[str, str]]], _Reading] = {}


def _read(text: str, info: SourceInfo, page: str, forced: dict[str, str]) -> _Reading:
    """The page as the parser reads it with ``forced``: decisions, articles, drops."""
    key = (page, frozenset(forced.items()))
    if key not in _cache:
        if len(_cache) > 64:
            _cache.clear()
        parsed = parse_page(text, info, forced)
        dropped = tuple((c.span[0], c.span[1], c.reason) for c in parsed.consumed)
        _cache[key] = _Reading(decisions_of(parsed, len(text)), shape(parsed.articles), dropped)
    return _cache[key]


def decision_states(
    now: Sequence[Decision], plain: Sequence[Decision], page_fixes: Sequence[Fix]
) -> list[DecisionState]:
    """The decisions in force (``now``) with the user's answers, each shown as the parser
    took it on its own (``plain``: its confidence and evidence); an answer to a decision
    the parser no longer takes is listed too."""
    by_key = {f.key: f for f in page_fixes}
    own = {d.key: d for d in plain}
    out: list[DecisionState] = []
    for d in now:
        f = by_key.pop(d.key, None)
        if f is None:
            out.append(DecisionState(d, None))
            continue
        base = own.get(d.key, d)
        out.append(
            DecisionState(
                Decision(
                    d.kind,
                    base.confidence,
                    d.spans,
                    f.parser_chosen,
                    f.alternative,
                    base.doubt,
                    base.evidence,
                    d.target or base.target,
                ),
                f,
            )
        )
    out += [DecisionState(f.decision, f, stale=True) for f in by_key.values()]
    return sorted(out, key=lambda s: (s.decision.start, s.decision.key))


def overview(tx: Unit, source_id: SourceId | int) -> PageOverview:
    return overview_in(tx.conn, int(source_id))


def overview_in(conn: Connection, sid: int) -> PageOverview:
    """The page, its articles, the decisions and the answers (the caller's transaction)."""
    name = conn.execute(select(SourceFile.name).where(SourceFile.id == sid)).scalar()
    text, info = source_info(conn, sid)
    page = page_hash(conn, sid)
    _text, ids, arts = page_articles(conn, sid)
    page_fixes = for_page(conn, page)
    forced = overrides(page_fixes)
    now = _read(text, info, page, forced)
    plain = _read(text, info, page, {}) if forced else now
    articles = tuple(
        PageArticle(
            ArticleId(aid),
            a.title,
            a.kind,
            tuple(sp for b in a.blocks for sp in b.spans),
            tuple((c.span[0], c.span[1], c.reason) for c in a.consumed),
        )
        for aid, a in zip(ids, arts, strict=True)
    )
    states = tuple(decision_states(now.decisions, plain.decisions, page_fixes))
    recut = now.shape != shape(arts)
    return PageOverview(SourceId(sid), str(name or ""), text, articles, states, recut, now.dropped)


def open_decisions(tx: Unit, source_id: SourceId | int) -> int:
    """How many doubtful decisions on the page the user has not answered yet."""
    return overview(tx, source_id).open_count
