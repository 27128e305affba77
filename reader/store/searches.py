"""Saved searches: a named query with its filters and sort, re-run on demand.

As Zotero's saved searches: the sidebar lists each with its count of hits and of the
hits new since it was last opened (articles imported after that: their ids are above
the largest id the library had then). Saving and deleting are operations
(:mod:`reader.store.unit`): their undo puts back the very rows they replaced or took.

The window (through its undo stack), ``pizhu search --save/--saved`` and
``pizhu searches`` all run these.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from reader.errors import KnownError
from reader.store import queries, searchtext, tagging
from reader.store.changes import Changes
from reader.store.clock import now_iso
from reader.store.errors import NotFoundError
from reader.store.models import ArticleRow
from reader.store.naming import tag_key
from reader.store.queries import Where
from reader.store.search_models import SavedSearchRow
from reader.store.unit import Applied, Store, Unit

NAME_MAX = 200


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: str
    sort: str
    where: Where
    seen_upto: int  # the largest article id when last opened
    created_at: str
    opened_at: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "query": self.query,
            "sort": self.sort,
            "filters": where_json(self.where),
            "created_at": self.created_at,
            "opened_at": self.opened_at,
        }


@dataclass(frozen=True)
class Counted:
    """A saved search with how many articles it finds now, and how many are new."""

    search: SavedSearch
    total: int
    new: int

    def to_json(self) -> dict[str, Any]:
        return {**self.search.to_json(), "total": self.total, "new": self.new}


def where_json(w: Where) -> dict[str, Any]:
    """The filters that are set, as JSON values."""
    out = {k: v for k, v in asdict(w).items() if v not in (None, ())}
    if "kinds" in out:
        out["kinds"] = list(out["kinds"])
    return out


def where_of(value: Any) -> Where:
    """The filters a stored JSON object names (unknown keys are ignored: a newer Pizhu
    may store more)."""
    if not isinstance(value, dict):
        return Where()

    def one(key: str) -> str | None:
        v = value.get(key)
        return v if isinstance(v, str) and v else None

    kinds = value.get("kinds")
    return Where(
        since=one("since"),
        until=one("until"),
        tag=one("tag"),
        kinds=tuple(k for k in kinds if isinstance(k, str)) if isinstance(kinds, list) else (),
        author=one("author"),
        paper=one("paper"),
        page=one("page"),
    )


def _view(r: Any) -> SavedSearch:
    return SavedSearch(
        r.id, r.name, r.query, r.sort, where_of(r.filters), r.seen_upto, r.created_at, r.opened_at
    )


def _latest(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(ArticleRow.id), 0))).scalar_one())


def _clean_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise KnownError("a saved search needs a name")
    if len(clean) > NAME_MAX:
        raise KnownError(f"a saved search's name has at most {NAME_MAX} characters")
    return clean


def _find(conn: Connection, name: str) -> Any:
    """The row named ``name`` (ignoring case and width), or None."""
    key = tag_key(" ".join(name.split()))
    for r in conn.execute(select(SavedSearchRow)).all():
        if tag_key(r.name) == key:
            return r
    return None


def _named(conn: Connection, name: str) -> Any:
    row = _find(conn, name)
    if row is None:
        raise NotFoundError(f"no saved search named {name!r}")
    return row


def _save(
    conn: Connection, name: str, query: str, sort: str, where: Where, replace: bool
) -> tuple[SavedSearch, SavedSearch | None]:
    clean = _clean_name(name)
    if not searchtext.terms(query):
        raise KnownError("a saved search needs a query with at least one term")
    if sort not in queries.SORTS:
        raise KnownError(f"unknown sort {sort!r} (use {', '.join(queries.SORTS)})")
    if where.tag is not None and tagging.find(conn, where.tag) is None:
        raise NotFoundError(f"no tag named {where.tag!r}")
    old = _find(conn, clean)
    if old is not None and not replace:
        raise KnownError(f"a saved search named {old.name!r} exists already")
    if old is not None:
        conn.execute(delete(SavedSearchRow).where(SavedSearchRow.id == old.id))
    values = {
        "name": clean,
        "query": query.strip(),
        "sort": sort,
        "filters": where_json(where),
        "seen_upto": _latest(conn),
        "created_at": now_iso(),
        "opened_at": None,
    }
    if old is not None:
        values["id"] = old.id  # the sidebar keeps its place
    new_id = conn.execute(insert(SavedSearchRow).values(**values)).inserted_primary_key
    assert new_id is not None
    row = conn.execute(select(SavedSearchRow).where(SavedSearchRow.id == new_id[0])).one()
    return _view(row), None if old is None else _view(old)


CHANGED = Changes(saved_searches=True)


@dataclass(frozen=True)
class SaveSearch:
    """Save ``query`` under ``name`` (replacing one of that name if ``replace``). Its
    hits count as seen: only articles imported later are new. Undo takes it out and
    puts back the search it replaced; :func:`swapped` reads both off the answer."""

    name: str
    query: str
    sort: str = "relevance"
    where: Where = field(default_factory=Where)
    replace: bool = False
    label: str = "Save search"

    def apply(self, tx: Unit) -> Applied:
        made, old = _save(tx.conn, self.name, self.query, self.sort, self.where, self.replace)
        return Applied(CHANGED, SwapSearch(made, old, self.label), made.id)


@dataclass(frozen=True)
class DeleteSearch:
    """Delete the search named ``name`` (ignoring case and width); undo puts it back."""

    name: str
    label: str = "Delete saved search"

    def apply(self, tx: Unit) -> Applied:
        row = _named(tx.conn, self.name)
        tx.conn.execute(delete(SavedSearchRow).where(SavedSearchRow.id == row.id))
        return Applied(CHANGED, SwapSearch(None, _view(row), self.label))


@dataclass(frozen=True)
class SwapSearch:
    """Take ``remove`` out and put ``put`` back as it was (same id, same seen hits):
    the undo and redo of saving and deleting."""

    remove: SavedSearch | None
    put: SavedSearch | None
    label: str = "Restore saved search"

    def apply(self, tx: Unit) -> Applied:
        conn = tx.conn
        if self.remove is not None:
            gone = conn.execute(delete(SavedSearchRow).where(SavedSearchRow.id == self.remove.id))
            if not gone.rowcount:
                raise NotFoundError(f"no saved search named {self.remove.name!r}")
        if self.put is not None:
            s = self.put
            if _find(conn, s.name) is not None:
                raise KnownError(f"a saved search named {s.name!r} exists already")
            conn.execute(
                insert(SavedSearchRow).values(
                    id=s.id,
                    name=s.name,
                    query=s.query,
                    sort=s.sort,
                    filters=where_json(s.where),
                    seen_upto=s.seen_upto,
                    created_at=s.created_at,
                    opened_at=s.opened_at,
                )
            )
        return Applied(CHANGED, SwapSearch(self.put, self.remove, self.label))


def swapped(done: Applied) -> SwapSearch:
    """What a saved-search operation did, read off its undo: ``remove`` is the search
    it put in (None for a delete), ``put`` the one it took out (None if none)."""
    if not isinstance(done.inverse, SwapSearch):
        raise TypeError(f"not a saved-search change: {done.inverse!r}")
    return done.inverse


def saved(lib: Store) -> list[SavedSearch]:
    """Every saved search, by name."""
    with lib.reading() as tx:
        rows = tx.conn.execute(select(SavedSearchRow)).all()
    return sorted((_view(r) for r in rows), key=lambda s: (tag_key(s.name), s.id))


def get(lib: Store, name: str) -> SavedSearch:
    with lib.reading() as tx:
        return _view(_named(tx.conn, name))


def opened(lib: Store, name: str) -> SavedSearch:
    """Mark the search named ``name`` as opened now: its hits are no longer new (not an
    undo step: opening is reading)."""
    with lib.writing() as tx:
        conn = tx.conn
        row = _named(conn, name)
        conn.execute(
            update(SavedSearchRow)
            .where(SavedSearchRow.id == row.id)
            .values(seen_upto=_latest(conn), opened_at=now_iso())
        )
        row = conn.execute(select(SavedSearchRow).where(SavedSearchRow.id == row.id)).one()
    return _view(row)


def counted(lib: Store, searches: list[SavedSearch] | None = None) -> list[Counted]:
    """Each saved search with its number of hits now and of hits new since it was
    last opened (the trash left out, filters applied)."""
    searches = saved(lib) if searches is None else searches
    out: list[Counted] = []
    with lib.reading() as tx:
        conn = tx.conn
        for s in searches:
            try:
                filters = queries.filters_of(conn, s.where)
            except NotFoundError:  # its tag was deleted since: nothing carries it
                out.append(Counted(s, 0, 0))
                continue
            total, new = queries.total_and_new(conn, s.query, filters, s.seen_upto)
            out.append(Counted(s, total, new))
    return out
