"""The analysis features over one open library: what the CLI and the windows call.

Every method opens its own short transaction, like :class:`~reader.store.library.Library`.
Articles not analysed yet (imported before this feature, re-parsed, merged) are
analysed first by :meth:`Analysis.catch_up`, which the entity, related and statistics
entry points call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, select, text

from reader.analysis import agreement, index, stats
from reader.analysis import related as related_
from reader.analysis.cooccurrence import Level, Matrix, articles_with_both, matrix
from reader.analysis.dates import Period
from reader.store.analysis_models import ArticleEntity, EntityName, EntityRow
from reader.store.errors import NotFoundError
from reader.store.naming import tag_key
from reader.store.unit import connection
from reader.text.entities import KINDS, Kind

if TYPE_CHECKING:
    from reader.store.library import Library


class EntityError(NotFoundError):
    pass


@dataclass(frozen=True)
class EntityCount:
    name: str
    kind: str
    articles: int
    mentions: int
    first: str | None  # first issue date it appears on
    last: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "articles": self.articles,
            "mentions": self.mentions,
            "first": self.first,
            "last": self.last,
        }


@dataclass(frozen=True)
class LocalName:
    name: str
    kind: str
    canonical: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "kind": self.kind, "canonical": self.canonical}


class Analysis:
    def __init__(self, library: Library) -> None:
        self.library = library

    def _read(self) -> AbstractContextManager[Connection]:
        return connection(self.library)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.library.writing() as tx:
            yield tx.conn

    # --- the analysis pass ---------------------------------------------------------------

    def pending(self) -> list[int]:
        with self._read() as conn:
            return index.pending(conn)

    def catch_up(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> int:
        """Analyse every article that has not been (imported and left for later, or
        before this feature, re-parsed, merged), a few hundred per transaction; returns
        how many."""
        done = index.catch_up(
            self._read, self._write, everything=True, progress=progress, cancel=cancel
        )
        if done:
            with self._write() as conn:
                index.forget_bands_of_deleted(conn)
        return done

    def catch_up_imported(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> int:
        """Analyse the articles imports left for later (cheap when there are none)."""
        return index.catch_up(self._read, self._write, progress=progress, cancel=cancel)

    def imported_waiting(self) -> bool:
        """Whether an import left articles to analyse, or band keys to write (two
        settings look-ups)."""
        with self._read() as conn:
            return index.waiting_from(conn) is not None or index.bands_waiting(conn)

    # --- statistics ----------------------------------------------------------------------

    def stats(self, by: Period, filters: stats.Filters) -> stats.Series:
        if filters.entity is not None:
            self.catch_up()
        with self._read() as conn:
            return stats.series(conn, by, filters)

    def cooccurrence(self, level: Level = "article") -> Matrix:
        self.catch_up_imported()
        with self._read() as conn:
            return matrix(conn, level)

    def with_both(self, a: str, b: str, level: Level = "article") -> list[int]:
        self.catch_up_imported()
        with self._read() as conn:
            return articles_with_both(conn, a, b, level)

    # --- entities ------------------------------------------------------------------------

    def entities(self, kind: str | None = None, limit: int | None = None) -> list[EntityCount]:
        """People, places and organisations, the most widely reported first."""
        self.catch_up()
        from reader.analysis.dates import ISSUE_DATE, with_issue_date
        from reader.store.models import ArticleRow

        q = with_issue_date(
            select(
                EntityRow.name,
                EntityRow.kind,
                func.count(ArticleEntity.article_id),
                func.sum(ArticleEntity.mentions),
                func.min(ISSUE_DATE),
                func.max(ISSUE_DATE),
            )
            .select_from(ArticleRow)
            .join(ArticleEntity, ArticleEntity.article_id == ArticleRow.id)
            .join(EntityRow, EntityRow.id == ArticleEntity.entity_id)
        )
        if kind is not None:
            q = q.where(EntityRow.kind == kind)
        q = q.group_by(EntityRow.id).order_by(
            func.count(ArticleEntity.article_id).desc(), EntityRow.name
        )
        if limit is not None:
            q = q.limit(limit)
        with self._read() as conn:
            return [
                EntityCount(r[0], r[1], int(r[2]), int(r[3]), r[4], r[5]) for r in conn.execute(q)
            ]

    def entity_facet(self, limit: int = 300) -> list[tuple[int, str, str, int]]:
        """(id, name, kind, articles) of the most widely reported entities; no catching up
        (the library pane lists what is known, the Statistics window fills the rest)."""
        q = (
            select(EntityRow.id, EntityRow.name, EntityRow.kind, func.count())
            .join(ArticleEntity, ArticleEntity.entity_id == EntityRow.id)
            .group_by(EntityRow.id)
            .order_by(func.count().desc(), EntityRow.name)
            .limit(limit)
        )
        with self._read() as conn:
            return [(int(r[0]), r[1], r[2], int(r[3])) for r in conn.execute(q)]

    def entity_articles(self, name: str) -> list[int]:
        """Articles naming ``name`` (or what it stands for), in library order."""
        with self._read() as conn:
            ids = stats.entity_ids(conn, name)
            return [
                int(r[0])
                for r in conn.execute(
                    select(ArticleEntity.article_id)
                    .where(ArticleEntity.entity_id.in_(ids))
                    .distinct()
                    .order_by(ArticleEntity.article_id)
                )
            ]

    def local_names(self) -> list[LocalName]:
        with self._read() as conn:
            rows = conn.execute(
                select(EntityName.name, EntityName.kind, EntityName.canonical).order_by(
                    EntityName.canonical, EntityName.name
                )
            )
            return [LocalName(*r) for r in rows]

    def add_local_name(self, name: str, kind: str, canonical: str | None = None) -> int:
        """Teach the library a name (and, for an alias, what it stands for); re-analyses
        the articles that contain it. Returns how many articles changed."""
        name, target = name.strip(), (canonical or name).strip()
        if not name or not target:
            raise EntityError("a local name needs some text")
        if kind not in KINDS:
            raise EntityError(f"no kind {kind!r}; choose one of {', '.join(KINDS)}")
        with self._write() as conn:
            for n in {name, target}:
                conn.execute(
                    text(
                        "INSERT INTO entity_names (name, kind, canonical) VALUES (:n, :k, :c) "
                        "ON CONFLICT (name) DO UPDATE SET kind = :k, canonical = :c"
                    ),
                    {"n": n, "k": kind, "c": target},
                )
            return self._reanalyse(conn, [name, target])

    def remove_local_name(self, name: str) -> int:
        with self._write() as conn:
            row = conn.execute(
                select(EntityName.canonical).where(EntityName.name == name)
            ).scalar_one_or_none()
            if row is None:
                raise EntityError(f"{name!r} is not in the local names")
            conn.execute(delete(EntityName).where(EntityName.name == name))
            return self._reanalyse(conn, [name, row])

    def _reanalyse(self, conn: Connection, names: list[str]) -> int:
        words = index.dictionary(conn)
        hits: set[int] = set()
        for n in names:
            hits.update(
                int(r[0])
                for r in conn.execute(
                    text(
                        "SELECT id FROM articles WHERE instr(pizhu_text(text), :n) > 0 "
                        "OR instr(coalesce(title, ''), :n) > 0"
                    ),
                    {"n": n},
                )
            )
        from reader.store.models import ArticleRow
        from reader.text.entities import candidates

        rows = conn.execute(
            select(ArticleRow.id, ArticleRow.title, ArticleRow.text).where(
                ArticleRow.id.in_(sorted(hits))
            )
        )
        items: list[index.Item] = []
        for aid, title, body in rows:
            found = candidates(f"{title or ''}\n{body}")
            items.append((aid, title, body, [(n, k, c) for (n, k), c in found.items()]))
        index.store_entities(conn, items, words)
        conn.execute(
            text("DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM article_entities)")
        )
        return len(hits)

    # --- related stories -----------------------------------------------------------------

    def related(self, article_id: int, limit: int = 10) -> list[related_.Related]:
        """The articles most like ``article_id``; analyses that article first if needed
        (not the whole library: a look-up stays an indexed query), and what imports left
        for later (so that every imported article can be found related)."""
        self.catch_up_imported()
        found = self.related_if_analysed(article_id, limit)
        if found is not None:
            return found
        with self._write() as conn:
            if not index.index_articles(conn, [article_id]):
                raise NotFoundError(f"no article {article_id}")
        with self._read() as conn:
            return related_.related(conn, article_id, limit)

    def related_if_analysed(
        self, article_id: int, limit: int = 10
    ) -> list[related_.Related] | None:
        """Like :meth:`related`, without analysing first: None if the article is not."""
        with self._read() as conn:
            try:
                return related_.related(conn, article_id, limit)
            except related_.NotAnalysedError:
                return None

    def clusters(self) -> list[related_.Cluster]:
        self.catch_up()
        with self._read() as conn:
            return related_.clusters(conn)

    # --- agreement -----------------------------------------------------------------------

    def authors(self) -> list[str]:
        """Everyone who wrote a live highlight."""
        with self._read() as conn:
            return [
                str(a)
                for a in conn.scalars(
                    text(
                        "SELECT DISTINCT author FROM highlights WHERE NOT deleted "
                        "AND author != '' ORDER BY author"
                    )
                )
            ]

    def agreement(
        self, tag: str | None = None, authors: list[str] | None = None
    ) -> agreement.Report:
        with self._read() as conn:
            return agreement.report(conn, tag, authors)


def kind_of(value: str) -> Kind:
    wanted = tag_key(value)
    for k in KINDS:
        if k == wanted:
            return k
    raise EntityError(f"no kind {value!r}; choose one of {', '.join(KINDS)}")
