"""The trash: articles and whole pages (with their annotations) set aside, restored, or
removed for good.

A trashed article or page keeps every row and only gains ``deleted_at``; everything
that lists or searches the library leaves it out (:data:`LIVE`). Trashing and restoring
are undoable operations (each answers with the other); emptying the trash removes the
rows and is not undoable. Share files carry ``deleted_at``, so a deletion travels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, select, text, update

from reader.store import search
from reader.store.changes import Changes
from reader.store.clock import now_iso
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId, SourceId
from reader.store.models import ArticleRow, SourceFile
from reader.store.unit import Applied, Batch, Unit

# An article in the library (not in the trash, nor on a trashed page); for queries
# that join articles to source_files.
LIVE = and_(ArticleRow.deleted_at.is_(None), SourceFile.deleted_at.is_(None))
LIVE_PAGE = SourceFile.deleted_at.is_(None)


@dataclass(frozen=True)
class TrashItem:
    kind: str  # "article" or "page"
    id: int
    title: str  # the article's title or the page's file name
    deleted_at: str
    date: str | None
    page: str | None
    articles: int  # on a page: how many articles go with it

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "deleted_at": self.deleted_at,
            "date": self.date,
            "page": self.page,
            "articles": self.articles,
        }


def _pages_of(conn: Connection, sources: Iterable[SourceId]) -> list[ArticleId]:
    return [
        ArticleId(int(r[0]))
        for r in conn.execute(
            select(ArticleRow.id).where(ArticleRow.source_id.in_([int(s) for s in sources]))
        )
    ]


def _mark(
    tx: Unit, table: Any, ids: tuple[int, ...], stamp: str | None, what: str
) -> tuple[int, ...]:
    """Set (or clear, stamp None) deleted_at on rows that are not already so; the ids
    actually changed."""
    conn = tx.conn
    rows = conn.execute(select(table.id, table.deleted_at).where(table.id.in_(ids))).all()
    known = {int(r[0]): r[1] for r in rows}
    for i in ids:
        if i not in known:
            raise NotFoundError(f"no {what} {i} in {tx.path}")
    changed = tuple(i for i in ids if (known[i] is None) == (stamp is not None))
    if changed:
        conn.execute(update(table).where(table.id.in_(changed)).values(deleted_at=stamp))
    return changed


@dataclass(frozen=True)
class TrashArticles:
    articles: tuple[ArticleId, ...]
    label: str = "Delete articles"
    stamp: str | None = None  # undo puts the old time back

    def apply(self, tx: Unit) -> Applied:
        ids = tuple(int(a) for a in self.articles)
        changed = _mark(tx, ArticleRow, ids, self.stamp or now_iso(), "article")
        arts = tuple(ArticleId(i) for i in changed)
        return Applied(Changes(articles_removed=frozenset(arts)), RestoreArticles(arts, self.label))


@dataclass(frozen=True)
class RestoreArticles:
    articles: tuple[ArticleId, ...]
    label: str = "Restore articles"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        stamps = dict(
            conn.execute(
                select(ArticleRow.id, ArticleRow.deleted_at).where(
                    ArticleRow.id.in_([int(a) for a in self.articles])
                )
            ).all()
        )
        changed = _mark(tx, ArticleRow, tuple(int(a) for a in self.articles), None, "article")
        arts = tuple(ArticleId(i) for i in changed)
        stamp = next((stamps[i] for i in changed if stamps.get(i)), None)
        return Applied(
            Changes(articles_added=frozenset(arts)), TrashArticles(arts, self.label, stamp)
        )


def _page_changes(
    tx: Unit, changed: tuple[int, ...]
) -> tuple[frozenset[ArticleId], frozenset[SourceId]]:
    conn = tx.conn
    arts = _pages_of(conn, [SourceId(i) for i in changed])
    return frozenset(arts), frozenset(SourceId(i) for i in changed)


@dataclass(frozen=True)
class TrashPages:
    """Put whole pages (every article on them, annotations included) in the trash."""

    pages: tuple[SourceId, ...]
    label: str = "Delete pages"
    stamp: str | None = None

    def apply(self, tx: Unit) -> Applied:
        changed = _mark(
            tx, SourceFile, tuple(int(p) for p in self.pages), self.stamp or now_iso(), "page"
        )
        arts, pages = _page_changes(tx, changed)
        changes = Changes(articles_removed=arts, sources_removed=pages)
        return Applied(changes, RestorePages(tuple(sorted(pages)), self.label))


@dataclass(frozen=True)
class RestorePages:
    pages: tuple[SourceId, ...]
    label: str = "Restore pages"

    def apply(self, tx: Unit) -> Applied:
        changed = _mark(tx, SourceFile, tuple(int(p) for p in self.pages), None, "page")
        arts, pages = _page_changes(tx, changed)
        changes = Changes(articles_added=arts, sources_added=pages)
        return Applied(changes, TrashPages(tuple(sorted(pages)), self.label))


def items(tx: Unit) -> list[TrashItem]:
    """What the trash holds, newest first: trashed pages, and trashed articles on pages
    still in the library."""
    out: list[TrashItem] = []
    conn = tx.conn
    for r in conn.execute(
        select(
            SourceFile.id,
            SourceFile.name,
            SourceFile.deleted_at,
            SourceFile.page_date,
            SourceFile.page,
        ).where(SourceFile.deleted_at.is_not(None))
    ):
        n = len(_pages_of(conn, [SourceId(r.id)]))
        out.append(TrashItem("page", r.id, r.name, r.deleted_at, r.page_date, r.page, n))
    for a in conn.execute(
        select(
            ArticleRow.id,
            ArticleRow.title,
            ArticleRow.deleted_at,
            SourceFile.page_date,
            SourceFile.page,
        )
        .join(SourceFile, SourceFile.id == ArticleRow.source_id)
        .where(ArticleRow.deleted_at.is_not(None), SourceFile.deleted_at.is_(None))
    ):
        out.append(TrashItem("article", a.id, a.title or "", a.deleted_at, a.page_date, a.page, 1))
    return sorted(out, key=lambda i: (i.deleted_at, i.kind, i.id), reverse=True)


@dataclass(frozen=True)
class RestoreFromTrash:
    """Restore the given articles and pages (an article on a trashed page brings its
    page back); its undo puts them all back in the trash."""

    articles: tuple[ArticleId, ...]
    pages: tuple[SourceId, ...]
    label: str = "Restore from the trash"

    def apply(self, tx: Unit) -> Applied:
        holders = tx.conn.execute(
            select(SourceFile.id)
            .join(ArticleRow, ArticleRow.source_id == SourceFile.id)
            .where(
                ArticleRow.id.in_([int(a) for a in self.articles]),
                SourceFile.deleted_at.is_not(None),
            )
        ).scalars()
        page_ids = tuple(dict.fromkeys([*self.pages, *(SourceId(int(h)) for h in holders)]))
        both = Batch((RestorePages(page_ids), RestoreArticles(self.articles)), self.label)
        return both.apply(tx)


def restore(articles: Iterable[ArticleId], pages: Iterable[SourceId]) -> RestoreFromTrash:
    return RestoreFromTrash(tuple(articles), tuple(pages))


def _remove(tx: Unit, articles: Any, pages: list[SourceId]) -> Changes:
    """Remove articles (selected by ``articles``) and pages for good, with their
    annotations and index entries."""
    tx.ensure_index_current()
    conn = tx.conn
    query = select(ArticleRow.id, ArticleRow.title, ArticleRow.text)
    rows = conn.execute(
        query.join(SourceFile, SourceFile.id == ArticleRow.source_id).where(articles)
    )
    gone = [r for r in rows]
    for r in gone:
        search.delete_article(conn, r.id, r.title, r.text, tx.cut)
    conn.execute(delete(ArticleRow).where(ArticleRow.id.in_([r.id for r in gone])))
    conn.execute(delete(SourceFile).where(SourceFile.id.in_(pages)))
    return Changes(
        articles_removed=frozenset(ArticleId(r.id) for r in gone),
        sources_removed=frozenset(pages),
    )


def empty(tx: Unit) -> Changes:
    """Remove everything in the trash for good (rows, annotations, index entries)."""
    trashed = select(SourceFile.id).where(SourceFile.deleted_at.is_not(None))
    return _remove(tx, ~LIVE, [SourceId(int(i)) for i in tx.conn.execute(trashed).scalars()])


def remove_source(tx: Unit, source_id: SourceId) -> Changes:
    """Remove an imported page for good, with its articles, their highlights and notes."""
    if tx.conn.execute(select(SourceFile.id).where(SourceFile.id == source_id)).scalar() is None:
        raise NotFoundError(f"no source file {source_id} in {tx.path}")
    return _remove(tx, ArticleRow.source_id == source_id, [source_id])


def in_trash(tx: Unit, article: ArticleId) -> bool:
    conn = tx.conn
    r = conn.execute(
        select(ArticleRow.deleted_at, SourceFile.deleted_at)
        .join(SourceFile, SourceFile.id == ArticleRow.source_id)
        .where(ArticleRow.id == article)
    ).first()
    return r is not None and (r[0] is not None or r[1] is not None)


def annotated_in_trash(tx: Unit) -> list[ArticleId]:
    """Trashed articles that carry annotations (a share file sends them as tombstones)."""
    conn = tx.conn
    rows = conn.execute(
        select(ArticleRow.id)
        .join(SourceFile, SourceFile.id == ArticleRow.source_id)
        .where(~LIVE)
        .where(
            text(
                "EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = articles.id) "
                "OR EXISTS (SELECT 1 FROM article_notes n WHERE n.article_id = articles.id) "
                "OR EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = articles.id)"
            )
        )
        .order_by(ArticleRow.id)
    ).scalars()
    return [ArticleId(int(a)) for a in rows]
