"""Undoable metadata edits: a page's paper, date, page number and name; an article's
title, kind and authors. Each operation sets given values on several rows at once and
answers with the operation that puts the old values back (same class, old values), so
undo and redo are the same code. Page facts are written through
:mod:`reader.store.pageinfo`, the one accessor of those columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from reader.store import pageinfo, search, tables
from reader.store.changes import Changes
from reader.store.clock import now_iso
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId, SourceId
from reader.store.models import ARTICLE_KINDS, ArticleRow
from reader.store.unit import Applied, Unit

Values = tuple[tuple[str, Any], ...]  # (field, value) pairs, hashable
ARTICLE_FIELDS = ("title", "kind", "authors")


def _values(d: dict[str, Any]) -> Values:
    return tuple(sorted(d.items()))


@dataclass(frozen=True)
class SetPageFields:
    """Per page, the facts to set (keys: paper, date, page, page_name; None clears)."""

    rows: tuple[tuple[SourceId, Values], ...]
    label: str = "Edit page metadata"

    def apply(self, tx: Unit) -> Applied:
        before: list[tuple[SourceId, Values]] = []
        conn = tx.conn
        found = pageinfo.stored_many(conn, [int(s) for s, _ in self.rows])
        for sid, values in self.rows:
            if int(sid) not in found:
                raise NotFoundError(f"no page {sid} in {tx.path}")
            old = found[int(sid)]
            want = dict(values)
            before.append((sid, _values({k: getattr(old, k) for k in want})))
            pageinfo.write(conn, sid, want)
        articles = _articles_on(conn, [s for s, _ in self.rows])
        changes = Changes(
            sources_changed=frozenset(s for s, _ in self.rows),
            articles_changed=frozenset(articles),
        )
        return Applied(changes, SetPageFields(tuple(before), self.label))


def _articles_on(conn: Connection, sources: Sequence[SourceId]) -> list[ArticleId]:
    return [
        ArticleId(int(r[0]))
        for r in conn.execute(select(ArticleRow.id).where(ArticleRow.source_id.in_(sources)))
    ]


def _check_article_values(values: dict[str, Any]) -> None:
    unknown = set(values) - set(ARTICLE_FIELDS)
    if unknown:
        raise ValueError(f"not article fields: {sorted(unknown)}")
    kind = values.get("kind")
    if "kind" in values and kind not in ARTICLE_KINDS:
        raise pageinfo.MetadataError(f"{kind!r} is not a kind ({', '.join(ARTICLE_KINDS)})")


@dataclass(frozen=True)
class SetArticleFields:
    """Per article, the fields to set (title, kind, authors as a tuple of names)."""

    rows: tuple[tuple[ArticleId, Values], ...]
    label: str = "Edit article metadata"
    # When each article was edited (undo puts the old times back); () stamps them now.
    stamps: tuple[tuple[ArticleId, str | None], ...] = ()

    def apply(self, tx: Unit) -> Applied:
        retitled = any("title" in dict(v) for _, v in self.rows)
        if retitled:
            tx.ensure_index_current()
        cut = tx.cut if retitled else None
        before: list[tuple[ArticleId, Values]] = []
        stamps = dict(self.stamps) if self.stamps else None
        now = now_iso()
        was: list[tuple[ArticleId, str | None]] = []
        conn = tx.conn
        for aid, values in self.rows:
            want = dict(values)
            _check_article_values(want)
            row = conn.execute(
                select(
                    ArticleRow.title,
                    ArticleRow.kind,
                    ArticleRow.authors,
                    ArticleRow.text,
                    ArticleRow.edited_at,
                ).where(ArticleRow.id == aid)
            ).first()
            if row is None:
                raise NotFoundError(f"no article {aid} in {tx.path}")
            old = {"title": row.title, "kind": row.kind, "authors": tuple(row.authors)}
            before.append((aid, _values({k: old[k] for k in want})))
            was.append((aid, row.edited_at))
            stored = {k: (list(v) if k == "authors" else v) for k, v in want.items()}
            stored["edited_at"] = stamps.get(aid) if stamps is not None else now
            if "title" in stored:
                stored["title"] = stored["title"] or None
            tables.ARTICLES.update(conn, [{"id": aid, **stored}])
            if cut is not None and "title" in want and want["title"] != row.title:
                search.delete_article(conn, aid, row.title, row.text, cut)
                title: str | None = want["title"] or None
                search.insert_article(conn, aid, search.article_tokens(title, row.text, cut))
        changes = Changes(articles_changed=frozenset(a for a, _ in self.rows))
        return Applied(changes, SetArticleFields(tuple(before), self.label, tuple(was)))


def set_pages(sources: Iterable[SourceId], **values: str | None) -> SetPageFields:
    """One change for several pages: ``set_pages([1, 2], paper="晚报", date=…)``."""
    for k, v in list(values.items()):
        if v is not None and k == "date":
            values[k] = pageinfo.check_date(v)
        elif v is not None and k == "page":
            values[k] = pageinfo.check_page(v)
    return SetPageFields(tuple((s, _values(values)) for s in dict.fromkeys(sources)))


def set_articles(articles: Iterable[ArticleId], **values: Any) -> SetArticleFields:
    if "authors" in values:
        values["authors"] = tuple(a.strip() for a in values["authors"] if a.strip())
    _check_article_values(values)
    return SetArticleFields(tuple((a, _values(values)) for a in dict.fromkeys(articles)))


def sources_of(tx: Unit, articles: Iterable[ArticleId]) -> list[SourceId]:
    """The pages the given articles are printed on, once each."""
    ids = list(articles)
    conn = tx.conn
    rows = conn.execute(
        select(ArticleRow.id, ArticleRow.source_id).where(ArticleRow.id.in_(ids))
    ).all()
    by_id = {int(r[0]): SourceId(int(r[1])) for r in rows}
    for a in ids:
        if int(a) not in by_id:
            raise NotFoundError(f"no article {a} in {tx.path}")
    return list(dict.fromkeys(by_id[int(a)] for a in ids))
