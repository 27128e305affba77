"""The library's pages and the ids of their live articles, held in memory for the window.

The article list and the Papers tree of a large library need the same facts: every
live article id grouped by page, and every page's paper, date, number and name. Two
plain queries (pages; articles by page in printed order, from the ``(source_id,
ordinal)`` index) give them in one pass, and every order that is decided page by page
(library order, date, page, source file, either way) is then a sort of the pages —
thousands, not hundreds of thousands — and a concatenation of their id lists.
Orders and filters that look inside articles (title, kind, authors, tags) go to
:func:`reader.store.browse.article_ids`; both give exactly the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from reader.store.ids import ArticleId, SourceId
from reader.store.unit import Store, connection

# Sorts decided by the page alone (reader.store.browse.SORT_KEYS).
PAGE_SORTS = ("library", "date", "page", "source")


class Page(NamedTuple):  # a tuple: tens of thousands are made at start-up
    id: SourceId
    name: str
    paper: str | None
    date: str | None
    page: str | None
    page_name: str | None


def _library_key(p: Page) -> tuple[Any, ...]:
    # The order of reader.store.browse._order: SQLite puts NULL first when ascending.
    page = p.page or ""
    return (
        p.date is None,
        p.date or "",
        p.paper is not None,
        p.paper or "",
        p.page is None,
        len(page),
        page,
        p.id,
    )


_PRIMARY: dict[str, tuple[Callable[[Page], bool], Callable[[Page], Any]]] = {
    "date": (lambda p: p.date is None, lambda p: p.date),
    "page": (lambda p: p.page is None, lambda p: (len(p.page or ""), p.page)),
    "source": (lambda p: False, lambda p: p.name),
}


class LibraryIndex:
    def __init__(self, pages: dict[int, Page], by_page: dict[int, list[ArticleId]]) -> None:
        self.pages = pages
        self.by_page = by_page
        self.total = sum(len(v) for v in by_page.values())
        self._library = sorted(pages.values(), key=_library_key)

    @classmethod
    def load(cls, lib: Store) -> LibraryIndex:
        """Two queries on the library's own connection, rows read without ORM cost."""
        with connection(lib) as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            pages = {
                r[0]: Page._make(r)
                for r in raw.execute(
                    "SELECT id, name, paper, page_date, page, page_name FROM source_files "
                    "WHERE deleted_at IS NULL"
                )
            }
            # The (source_id, ordinal) index covers this scan; the trashed few come from
            # the deleted_at index, so the table itself is never read.
            gone = {
                r[0] for r in raw.execute("SELECT id FROM articles WHERE deleted_at IS NOT NULL")
            }
            by_page: dict[int, list[ArticleId]] = {}
            current: list[ArticleId] = []
            last = None
            for aid, sid in raw.execute(
                "SELECT id, source_id FROM articles ORDER BY source_id, ordinal"
            ):
                if sid != last:
                    last = sid
                    current = by_page.setdefault(sid, [])
                if aid not in gone:
                    current.append(aid)
        by_page = {s: v for s, v in by_page.items() if s in pages}
        return cls(pages, by_page)

    def ordered_pages(self, sort: str = "library", descending: bool = False) -> list[Page]:
        if sort == "library":  # one order only, as in reader.store.browse
            return list(self._library)
        unknown, key = _PRIMARY[sort]
        known = [p for p in self._library if not unknown(p)]
        known.sort(key=key, reverse=descending)  # stable: library order within a key
        return known + [p for p in self._library if unknown(p)]

    def ids(
        self,
        sort: str = "library",
        descending: bool = False,
        keep: Callable[[Page], bool] | None = None,
    ) -> list[ArticleId]:
        """Live article ids in the order ``sort`` gives, of pages ``keep`` accepts."""
        out: list[ArticleId] = []
        for p in self.ordered_pages(sort, descending):
            if keep is None or keep(p):
                out.extend(self.by_page.get(p.id, ()))
        return out

    def count(self, source: int) -> int:
        return len(self.by_page.get(source, ()))
