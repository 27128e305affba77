"""Split fixes in the library: accept or flip one of the parser's decisions on a page.

A fix is one row of ``split_fixes``: the page's text hash, the decision's key, kind and
spans, the reading chosen and who chose it. The page's articles are the parser's with
every fix of the page passed as ``overrides`` (``{key: reading}``), so a flip gives
exactly the split the parser makes when it reads that place the other way, and the
same fixes give the same articles again on re-parse, on re-import (also of a page that
was deleted: fixes belong to the text, not to its row) and in a colleague's library.

The articles are written through the re-parse writer
(:func:`reader.store.reparse.replace_page`), so they keep their ids, tags and notes and
highlights are re-anchored. Like the hand edits of :mod:`reader.store.edits`, a fix is
an :class:`~reader.store.edits.Edit` of snapshots, so undo and redo put rows back; the
fix row travels with it.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, insert, select

from reader.errors import KnownError
from reader.ingest import Article, Block, Consumed, ParsedPage, SourceInfo, parse_text
from reader.store import edits, importer, reparse, search, snapshots
from reader.store.changes import Changes
from reader.store.clock import now_iso
from reader.store.decisions import Decision, Span, decisions_of, key_of, normalise
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId, SourceId
from reader.store.models import ArticleRow, BlockRow, SourceFile, SplitFix
from reader.store.naming import default_author
from reader.store.unit import Applied, Unit

if TYPE_CHECKING:
    from reader.store.importer import Parser


class FixError(KnownError):
    """A split fix that does not fit the page as the parser reads it now."""


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
    def reading(self) -> str:
        """The chosen reading in the parser's words (what is passed as an override)."""
        return normalise(self.kind, self.chosen) or self.chosen

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


def page_hash(conn: Connection, source_id: int) -> str:
    found = conn.execute(select(SourceFile.text_hash).where(SourceFile.id == source_id)).scalar()
    if found is None:
        raise NotFoundError(f"no source file {source_id}")
    return str(found)


def for_page(conn: Connection, page: str) -> list[Fix]:
    """The fixes of the page with text hash ``page``, oldest first."""
    rows = conn.execute(
        select(SplitFix.__table__).where(SplitFix.page == page).order_by(SplitFix.id)
    ).all()
    return [_fix(r) for r in rows]


def stored(conn: Connection, source_id: int) -> list[Fix]:
    """The page's fixes, oldest first."""
    return for_page(conn, page_hash(conn, source_id))


def fixes(tx: Unit, source_id: SourceId | int) -> list[Fix]:
    return stored(tx.conn, int(source_id))


def overrides(page_fixes: Sequence[Fix]) -> dict[str, str]:
    """The fixes as the parser's ``overrides`` (a later answer to one decision wins)."""
    return {f.key: f.reading for f in page_fixes}


def parse_page(
    text: str, info: SourceInfo, forced: Mapping[str, str], parser: Parser | None = None
) -> ParsedPage:
    """The page as the parser reads it with the user's answers; a parser given by the
    caller (tests, tools) that takes no overrides reads it its own way."""
    if parser is None:
        return parse_text(text, info, overrides=dict(forced) or None)
    return parser(text, info)


def refit(conn: Connection, prepared: importer.PreparedFile) -> None:
    """A page being imported whose text already has fixes (it was deleted, or a merge
    brought its fixes first) is cut with them (the import's transaction)."""
    # Plain SQL first: asked once per imported file, and almost never with an answer.
    found = conn.exec_driver_sql(
        "SELECT 1 FROM split_fixes WHERE page = ? LIMIT 1", (prepared.text_hash,)
    ).first()
    if found is None:
        return
    page_fixes = for_page(conn, prepared.text_hash)
    info = SourceInfo(path=prepared.name, sha256=prepared.sha256, encoding=prepared.encoding)
    page = parse_page(prepared.text, info, overrides(page_fixes))
    prepared.articles = [
        importer.PreparedArticle(a, importer.content_hash(a.text), str(uuidlib.uuid4()))
        for a in page.articles
    ]


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


def shape(arts: Sequence[Article]) -> list[object]:
    """What a reader sees of a page's articles: titles, kinds and block texts."""
    return [(a.title, a.kind, a.kicker, [(b.type, b.text) for b in a.blocks]) for a in arts]


def source_info(conn: Connection, source_id: int) -> tuple[str, SourceInfo]:
    row = conn.execute(
        select(SourceFile.text, SourceFile.name, SourceFile.sha256, SourceFile.encoding).where(
            SourceFile.id == source_id
        )
    ).first()
    if row is None:
        raise NotFoundError(f"no source file {source_id}")
    return row.text, SourceInfo(path=row.name, sha256=row.sha256, encoding=row.encoding)


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


def _fix_row(conn: Connection, page: str, key: str) -> dict[str, Any] | None:
    row = conn.execute(
        select(SplitFix.__table__).where(SplitFix.page == page, SplitFix.key == key)
    ).first()
    return None if row is None else dict(row._mapping)


def _put_fix(conn: Connection, page: str, key: str, row: dict[str, Any] | None) -> None:
    conn.execute(delete(SplitFix).where(SplitFix.page == page, SplitFix.key == key))
    if row is not None:
        conn.execute(insert(SplitFix), {k: v for k, v in row.items() if k != "id"})


@dataclass(frozen=True)
class FixEdit:
    """One accepted or flipped decision: the page's rows before and after, and its fix row."""

    edit: edits.Edit
    page: str
    key: str
    fix_before: dict[str, Any] | None
    fix_after: dict[str, Any] | None

    @property
    def changes(self) -> Changes:
        return self.edit.changes


@dataclass(frozen=True)
class Answer:
    """A reading chosen for one decision, by whom and when (None: now)."""

    decision: Decision
    choice: str
    author: str
    created_at: str | None = None


def _cut_with(
    conn: Connection, source_id: int, answers: Sequence[Answer]
) -> tuple[ParsedPage, dict[str, Answer], dict[str, str]]:
    """The page parsed with its fixes and ``answers``: (the parse, the answers the parser
    took, why each other one was not taken). An answer the parser does not take is
    dropped and the page parsed again without it."""
    text, info = source_info(conn, source_id)
    forced = overrides(for_page(conn, page_hash(conn, source_id)))
    taken: dict[str, tuple[Answer, str]] = {}
    failed: dict[str, str] = {}
    for a in answers:
        reading = normalise(a.decision.kind, a.choice)
        if reading is None:
            failed[a.decision.key] = (
                f"Pizhu cannot read a {a.decision.kind!r} decision as {a.choice!r}"
            )
        else:
            taken[a.decision.key] = (a, reading)
    while True:
        parsed = parse_page(text, info, forced | {k: r for k, (_, r) in taken.items()})
        now = {d.key: d for d in decisions_of(parsed, len(text))}
        refused = {}
        for key, (_, reading) in taken.items():
            d = now.get(key)
            if d is None:
                refused[key] = "the parser no longer takes this decision on the page"
            elif normalise(d.kind, d.chosen) != reading:
                refused[key] = f"the parser cannot read this place as {reading!r}"
        if not refused:
            return parsed, {k: a for k, (a, _) in taken.items()}, failed
        failed |= refused
        taken = {k: v for k, v in taken.items() if k not in refused}


def can_read(tx: Unit, source_id: SourceId | int, decision: Decision, choice: str) -> bool:
    """Whether the parser takes ``choice`` for the decision on the page (reads only)."""
    return can_read_in(tx.conn, int(source_id), decision, choice)


def can_read_in(conn: Connection, source_id: int, decision: Decision, choice: str) -> bool:
    _, _, failed = _cut_with(conn, source_id, [Answer(decision, choice, "")])
    return not failed


def apply_all(
    conn: Connection, source_id: int, answers: Sequence[Answer], cut: search.Cut
) -> tuple[Changes, dict[str, str]]:
    """Take several answers on one page with one parse and one write, and record them
    (the caller's transaction). Returns the changes and why, by decision key, any answer
    was not taken (nothing of it is written)."""
    parsed, taken, failed = _cut_with(conn, source_id, answers)
    if not taken:
        return Changes(), failed
    page = page_hash(conn, source_id)
    _, _, arts = page_articles(conn, source_id)
    changes = Changes()
    if shape(parsed.articles) != shape(arts):
        changes = write_page(conn, source_id, parsed.articles, cut)
    for a in taken.values():
        record(conn, page, a.decision, a.choice, a.author, a.created_at)
    return changes, failed


def apply_in(
    conn: Connection,
    source_id: int,
    decision: Decision,
    choice: str,
    cut: search.Cut,
    author: str,
    created_at: str | None = None,
) -> Changes:
    """Take ``choice`` for ``decision`` on the page and record it (the caller's transaction).
    Raises :class:`FixError` (nothing written) when the parser cannot read it that way."""
    answer = Answer(decision, choice, author, created_at)
    changes, failed = apply_all(conn, source_id, [answer], cut)
    if failed:
        raise FixError(next(iter(failed.values())))
    return changes


def record(
    conn: Connection,
    page: str,
    decision: Decision,
    choice: str,
    author: str,
    created_at: str | None = None,
) -> None:
    """Store the answer to a decision on the page with text hash ``page`` (the caller's
    transaction), replacing an earlier one."""
    old = _fix_row(conn, page, decision.key)
    _put_fix(
        conn,
        page,
        decision.key,
        {
            "uuid": old["uuid"] if old else str(uuidlib.uuid4()),
            "page": page,
            "key": decision.key,
            "kind": decision.kind,
            "spans": [[s, e] for s, e in decision.spans],
            "chosen": choice,
            "parser_chosen": old["parser_chosen"] if old else decision.chosen,
            "alternative": old["alternative"] if old else decision.alternative,
            "author": author,
            "created_at": created_at or now_iso(),
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
    page = page_hash(conn, sid)
    _page, before_ids, _arts = page_articles(conn, sid)
    before = snapshots.snapshot(conn, set(before_ids))
    fix_before = _fix_row(conn, page, decision.key)
    changes = apply_in(conn, sid, decision, choice, tx.cut, author or default_author())
    _page, after_ids, _arts = page_articles(conn, sid)
    after = snapshots.snapshot(conn, set(after_ids))
    fix_after = _fix_row(conn, page, decision.key)
    created = tuple(ArticleId(a) for a in sorted(set(after_ids) - set(before_ids)))
    edit = edits.Edit(changes, before, after, frozenset(before_ids) | set(after_ids), created)
    return FixEdit(edit, page, decision.key, fix_before, fix_after)


@dataclass(frozen=True)
class FixRewrite:
    """Put a page's articles and its fix row back as they were: an answer's undo (and redo)."""

    rewrite: snapshots.Rewrite
    page: str  # the page's text hash
    key: str
    fix: dict[str, Any] | None  # the fix row to put back
    fix_was: dict[str, Any] | None
    label: str = "Check the split"

    def apply(self, tx: Unit) -> Applied:
        _put_fix(tx.conn, self.page, self.key, self.fix)
        done = self.rewrite.apply(tx)
        assert isinstance(done.inverse, snapshots.Rewrite)
        inverse = FixRewrite(done.inverse, self.page, self.key, self.fix_was, self.fix, self.label)
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
        inverse = FixRewrite(undo, fe.page, fe.key, fe.fix_before, fe.fix_after, self.label)
        return Applied(_touched(fe.changes, e.after), inverse)
