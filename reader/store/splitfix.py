"""Split fixes in the library: accept or flip one of the parser's decisions on a page.

A fix is one row of ``split_fixes`` (the decision's kind and spans, the choice, who
made it) plus the page's articles rewritten by :mod:`reader.store.fixrules`. The
rewrite goes through the re-parse writer (:func:`reader.store.reparse.replace_page`),
so articles keep their ids, tags and notes and highlights are re-anchored. Like the
hand edits of :mod:`reader.store.edits`, a fix is an :class:`~reader.store.edits.Edit`
of snapshots, so undo and redo put rows back; the fix row travels with it. Re-parsing
the page replays its fixes (:func:`replay`), and share files carry them.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from reader.ingest import Article, Block, Consumed
from reader.store import decisions as page_decisions
from reader.store import edits, fixrules, importer, reparse, search, snapshots
from reader.store.changes import Changes
from reader.store.decisions import Decision, Span, key_of, normalise
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId, SourceId
from reader.store.models import ArticleRow, BlockRow, SourceFile, SplitFix
from reader.store.naming import default_author
from reader.store.unit import Applied, Unit


@dataclass(frozen=True)
class Fix:
    uuid: str
    kind: str
    spans: tuple[Span, ...]
    chosen: str
    parser_chosen: str
    alternative: str
    author: str
    created_at: str

    @property
    def key(self) -> str:
        return key_of(self.kind, self.spans)

    @property
    def flipped(self) -> bool:
        return normalise(self.kind, self.chosen) != normalise(self.kind, self.parser_chosen)

    @property
    def decision(self) -> Decision:
        """The decision this fix answers, as the parser took it."""
        return Decision(self.kind, 1.0, self.spans, self.parser_chosen, self.alternative)

    def to_json(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "kind": self.kind,
            "spans": [[s, e] for s, e in self.spans],
            "chosen": self.chosen,
            "parser_chosen": self.parser_chosen,
            "alternative": self.alternative,
            "author": self.author,
            "created_at": self.created_at,
        }


def _fix(row: Any) -> Fix:
    spans = row.spans if isinstance(row.spans, list) else json.loads(row.spans)
    return Fix(
        row.uuid,
        row.kind,
        tuple((int(s), int(e)) for s, e in spans),
        row.chosen,
        row.parser_chosen,
        row.alternative,
        row.author,
        row.created_at,
    )


def stored(conn: Connection, source_id: int) -> list[Fix]:
    """The page's fixes, oldest first (the order they replay in)."""
    rows = conn.execute(
        select(SplitFix.__table__).where(SplitFix.source_id == source_id).order_by(SplitFix.id)
    ).all()
    return [_fix(r) for r in rows]


def fixes(tx: Unit, source_id: SourceId | int) -> list[Fix]:
    conn = tx.conn
    return stored(conn, int(source_id))


def replay(source: str, articles: Sequence[Article], page_fixes: Sequence[Fix]) -> list[Article]:
    """A fresh parse with the page's fixes taken again; one that no longer fits is skipped
    (its row stays, for a later parse it may fit again)."""
    arts = list(articles)
    for f in page_fixes:
        try:
            arts = fixrules.apply(source, arts, f.kind, f.spans, f.chosen)
        except fixrules.FixError:
            continue
    return arts


# --- the page as articles ------------------------------------------------------------------


def page_articles(conn: Connection, source_id: int) -> tuple[str, list[int], list[Article]]:
    """The page text, its article ids in page order and the articles as the parser's model."""
    page = conn.execute(select(SourceFile.text).where(SourceFile.id == source_id)).scalar()
    if page is None:
        raise NotFoundError(f"no source file {source_id}")
    rows = conn.execute(
        select(ArticleRow.__table__)
        .where(ArticleRow.source_id == source_id)
        .order_by(ArticleRow.ordinal)
    ).all()
    ids = [r.id for r in rows]
    blocks: dict[int, list[Block]] = {i: [] for i in ids}
    for b in conn.execute(
        select(BlockRow.__table__).where(BlockRow.article_id.in_(ids)).order_by(BlockRow.ordinal)
    ).all():
        spans = [(int(s), int(e)) for s, e in b.spans]
        blocks[b.article_id].append(Block(b.type, b.text, spans, list(b.flags or [])))
    arts = []
    for a in rows:
        arts.append(
            Article(
                title=a.title,
                kind=a.kind,
                kicker=a.kicker,
                authors=list(a.authors or []),
                photographers=list(a.photographers or []),
                continued_from=a.continued_from,
                continued_on=a.continued_on,
                blocks=[b for b in blocks[a.id] if b.spans],
                consumed=[Consumed((int(c[0]), int(c[1])), str(c[2])) for c in a.consumed or []],
                flags=list(a.flags or []),
            )
        )
    return page, ids, arts


def _shape(arts: Sequence[Article]) -> list[dict[str, Any]]:
    return [a.to_json() for a in arts]


def write_page(
    conn: Connection, source_id: int, arts: Sequence[Article], cut: search.Cut
) -> Changes:
    """Replace the page's articles by ``arts`` (the caller holds the write transaction)."""
    done = reparse.replace_page(conn, SourceId(source_id), reparse.prepare(arts, cut), cut).changes
    # Like the hand edits: rewritten articles are reloaded whole, annotations with them.
    return Changes(
        articles_rewritten=done.articles_rewritten,
        articles_added=done.articles_added,
        articles_removed=done.articles_removed,
    )


def _fix_row(conn: Connection, source_id: int, key: str) -> dict[str, Any] | None:
    row = conn.execute(
        select(SplitFix.__table__).where(SplitFix.source_id == source_id, SplitFix.key == key)
    ).first()
    return None if row is None else dict(row._mapping)


def _put_fix(conn: Connection, source_id: int, key: str, row: dict[str, Any] | None) -> None:
    conn.execute(delete(SplitFix).where(SplitFix.source_id == source_id, SplitFix.key == key))
    if row is not None:
        conn.execute(insert(SplitFix), {k: v for k, v in row.items() if k != "id"})


@dataclass(frozen=True)
class FixEdit:
    """One accepted or flipped decision: the page's rows before and after, and its fix row."""

    edit: edits.Edit
    source_id: int
    key: str
    fix_before: dict[str, Any] | None
    fix_after: dict[str, Any] | None

    @property
    def changes(self) -> Changes:
        return self.edit.changes


def apply_in(
    conn: Connection,
    source_id: int,
    decision: Decision,
    choice: str,
    cut: search.Cut,
    author: str,
    created_at: str | None = None,
) -> Changes:
    """Take ``choice`` for ``decision`` on the page and record it (the caller's transaction)."""
    page, _ids, arts = page_articles(conn, source_id)
    new = fixrules.apply(page, arts, decision.kind, decision.spans, choice)
    changes = Changes()
    if _shape(new) != _shape(arts):
        changes = write_page(conn, source_id, new, cut)
    record(conn, source_id, decision, choice, author, created_at)
    return changes


def record(
    conn: Connection,
    source_id: int,
    decision: Decision,
    choice: str,
    author: str,
    created_at: str | None = None,
) -> None:
    """Store the answer to a decision (the caller's transaction), replacing an earlier one."""
    old = _fix_row(conn, source_id, decision.key)
    _put_fix(
        conn,
        source_id,
        decision.key,
        {
            "uuid": old["uuid"] if old else str(uuidlib.uuid4()),
            "source_id": source_id,
            "key": decision.key,
            "kind": decision.kind,
            "spans": [[s, e] for s, e in decision.spans],
            "chosen": choice,
            "parser_chosen": old["parser_chosen"] if old else decision.chosen,
            "alternative": old["alternative"] if old else decision.alternative,
            "author": author,
            "created_at": created_at or importer.now_iso(),
        },
    )


def choose(
    tx: Unit,
    source_id: SourceId | int,
    decision: Decision,
    choice: str,
    author: str | None = None,
) -> FixEdit:
    """Accept (``choice`` = the parser's) or flip a decision, as one undoable edit."""
    sid = int(source_id)
    tx.ensure_index_current()
    conn = tx.conn
    _page, before_ids, _arts = page_articles(conn, sid)
    before = snapshots.snapshot(conn, set(before_ids))
    fix_before = _fix_row(conn, sid, decision.key)
    changes = apply_in(conn, sid, decision, choice, tx.cut, author or default_author())
    _page, after_ids, _arts = page_articles(conn, sid)
    after = snapshots.snapshot(conn, set(after_ids))
    fix_after = _fix_row(conn, sid, decision.key)
    created = tuple(ArticleId(a) for a in sorted(set(after_ids) - set(before_ids)))
    edit = edits.Edit(changes, before, after, frozenset(before_ids) | set(after_ids), created)
    return FixEdit(edit, sid, decision.key, fix_before, fix_after)


@dataclass(frozen=True)
class FixRewrite:
    """Put a page's articles and its fix row back as they were: an answer's undo (and redo)."""

    rewrite: snapshots.Rewrite
    source_id: int
    key: str
    fix: dict[str, Any] | None  # the fix row to put back
    fix_was: dict[str, Any] | None
    label: str = "Check the split"

    def apply(self, tx: Unit) -> Applied:
        _put_fix(tx.conn, self.source_id, self.key, self.fix)
        done = self.rewrite.apply(tx)
        assert isinstance(done.inverse, snapshots.Rewrite)
        inverse = FixRewrite(
            done.inverse, self.source_id, self.key, self.fix_was, self.fix, self.label
        )
        return Applied(_touched(done.changes, self.rewrite.put), inverse)


def _touched(changes: Changes, page: snapshots.Snapshot) -> Changes:
    # An accepted decision changes no article; the page's articles are still named so
    # listeners (the split view, its notice) refresh.
    if not changes.empty:
        return changes
    return Changes(articles_rewritten=frozenset(ArticleId(a) for a in page.articles))


@dataclass(frozen=True)
class Choose:
    """Accept (``choice`` = the parser's) or flip a decision on a page, as one operation."""

    source_id: int
    decision: Decision
    choice: str
    author: str | None = None
    label: str = "Check the split"

    def apply(self, tx: Unit) -> Applied:
        fe = choose(tx, self.source_id, self.decision, self.choice, self.author)
        e = fe.edit
        undo = snapshots.Rewrite(e.before, e.after, e.ids, self.label)
        inverse = FixRewrite(undo, fe.source_id, fe.key, fe.fix_before, fe.fix_after, self.label)
        return Applied(_touched(fe.changes, e.after), inverse)


# --- what the "check the split" view shows -------------------------------------------------


@dataclass(frozen=True)
class PageArticle:
    id: ArticleId
    title: str | None
    kind: str
    spans: tuple[Span, ...]  # its blocks' source ranges, in reading order
    consumed: tuple[tuple[int, int, str], ...]  # (start, end, reason)


@dataclass(frozen=True)
class DecisionState:
    decision: Decision
    fix: Fix | None

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


@dataclass(frozen=True)
class PageOverview:
    source_id: SourceId
    name: str
    text: str
    articles: tuple[PageArticle, ...]
    decisions: tuple[DecisionState, ...]

    @property
    def open_count(self) -> int:
        return sum(1 for d in self.decisions if d.open)


def decision_states(found: Sequence[Decision], page_fixes: Sequence[Fix]) -> list[DecisionState]:
    """The page's decisions with the user's answers; a fix for a decision the parser no
    longer takes is shown too (with the choice it recorded)."""
    by_key = {f.key: f for f in page_fixes}
    out = [DecisionState(d, by_key.pop(d.key, None)) for d in found]
    for f in by_key.values():
        out.append(DecisionState(f.decision, f))
    return sorted(out, key=lambda s: (s.decision.start, s.decision.key))


def overview(
    tx: Unit, source_id: SourceId | int, parser: importer.Parser | None = None
) -> PageOverview:
    found = page_decisions.for_source(tx, source_id, parser)
    conn = tx.conn
    name = conn.execute(select(SourceFile.name).where(SourceFile.id == int(source_id))).scalar()
    page, ids, arts = page_articles(conn, int(source_id))
    page_fixes = stored(conn, int(source_id))
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
    states = tuple(decision_states(found, page_fixes))
    return PageOverview(SourceId(int(source_id)), str(name or ""), page, articles, states)


def open_decisions(tx: Unit, source_id: SourceId | int) -> int:
    """How many doubtful decisions on the page the user has not answered yet."""
    found = [d for d in page_decisions.for_source(tx, source_id) if d.doubtful]
    if not found:
        return 0
    answered = {f.key for f in fixes(tx, source_id)}
    return sum(1 for d in found if d.key not in answered)
