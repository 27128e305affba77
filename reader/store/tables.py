"""The one writer of each annotation table, and the column lists its bulk readers use.

Operations, bulk edits, the tag manager, re-parse, the hand edits and merge all write
highlights, their tag links, tags, article tags, blocks, pages and articles through
these functions, in the caller's transaction. Column lists come from the models, so a
column a migration adds is read, written, shared and merged without another list to
keep in step: a caller names only the values it decides, the model's defaults fill
the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import JSON, Connection, Table, delete, insert, select, update

from reader.store import models
from reader.store.ids import ArticleId, HighlightId, SourceId, TagId
from reader.store.models import ArticleTag, HighlightRow, HighlightTag

Row = Mapping[str, Any]
CHUNK = 500  # ids per IN (…)
IdT = TypeVar("IdT", bound=int)

HIGHLIGHT_COLUMNS: tuple[str, ...] = tuple(c.name for c in HighlightRow.__table__.columns)


def highlight_columns(alias: str = "") -> str:
    """Every ``highlights`` column, for a bulk reader's SELECT (``alias``: the table's
    alias there)."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{c}"' for c in HIGHLIGHT_COLUMNS)


@dataclass(frozen=True)
class Writer(Generic[IdT]):
    """Inserts and updates of one table's rows, whatever its columns."""

    model: type[models.Base]
    make: Callable[[int], IdT]  # the table's id type

    @property
    def table(self) -> Table:
        return cast(Table, self.model.__table__)

    def insert(self, conn: Connection, row: Row) -> IdT:
        """One row (with ``id``: that very row, as undo puts it back); its id."""
        q = insert(self.table).returning(self.table.c.id)
        return self.make(int(conn.execute(q, dict(row)).scalar_one()))

    def insert_many(self, conn: Connection, rows: Sequence[Row]) -> None:
        if rows:
            conn.execute(insert(self.table), [dict(r) for r in rows])

    def insert_rows(self, conn: Connection, rows: Sequence[Row]) -> None:
        """Many rows naming the same columns, at the driver's executemany with values
        through their columns' bind processors (an import writes tens of thousands, and
        SQLAlchemy's per-row handling was a tenth of its commit). Rows that leave out a
        column with a default go through :meth:`insert_many`, which fills it in."""
        if not rows:
            return
        cols = tuple(rows[0])
        table = self.table
        if any(c.default is not None and c.name not in cols for c in table.columns) or any(
            len(r) != len(cols) for r in rows
        ):
            self.insert_many(conn, rows)
            return
        names = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join("?" * len(cols))
        params = self._driver_rows(conn, cols, rows)
        conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', params)

    def update(self, conn: Connection, rows: Iterable[Row]) -> None:
        """Set some columns of some rows: each row is its ``id`` and the new values. Rows
        setting the same columns go in one statement."""
        groups: dict[tuple[str, ...], list[Row]] = {}
        for r in rows:
            cols = tuple(k for k in r if k != "id")
            if cols:
                groups.setdefault(cols, []).append(r)
        for cols, group in groups.items():
            sets = ", ".join(f'"{c}" = ?' for c in cols)
            params = self._driver_rows(conn, cols, group, last="id")
            conn.exec_driver_sql(f'UPDATE "{self.table.name}" SET {sets} WHERE id = ?', params)

    def _driver_rows(
        self, conn: Connection, cols: Sequence[str], rows: Sequence[Row], last: str | None = None
    ) -> list[tuple[Any, ...]]:
        """The rows' values of ``cols`` (then of ``last``) as the driver's executemany
        takes them: through the columns' bind processors (JSON lists, flags, compressed
        page text) only where there are any. A bulk edit or an import writes tens of
        thousands of rows, and SQLAlchemy's per-row handling cost a tenth to a quarter."""
        convert = [(c, self.table.c[c].type.bind_processor(conn.dialect)) for c in cols]
        tail = () if last is None else (last,)
        if all(f is None for _, f in convert):
            keys = (*cols, *tail)
            if len(keys) == 1:
                return [(r[keys[0]],) for r in rows]
            return list(map(itemgetter(*keys), rows))
        # Column by column, each through its processor in one map: no generator per row.
        columns = [
            list(map(itemgetter(c), rows))
            if f is None
            else _convert(f, map(itemgetter(c), rows), isinstance(self.table.c[c].type, JSON))
            for c, f in convert
        ]
        columns += [list(map(itemgetter(k), rows)) for k in tail]
        return list(zip(*columns, strict=True))

    def set(self, conn: Connection, ids: Sequence[int], values: Row) -> None:
        """Give many rows the same values, a few hundred per statement."""
        for lo in range(0, len(ids), CHUNK):
            q = update(self.table).where(self.table.c.id.in_(ids[lo : lo + CHUNK]))
            conn.execute(q.values(dict(values)))


def _convert(process: Callable[[Any], Any], values: Iterable[Any], json: bool) -> list[Any]:
    """``values`` through a column's bind processor; in a JSON column the empty list
    (most flags and photographer lists) is serialised once, not again for every row."""
    if not json:
        return list(map(process, values))
    empty = process([])
    return [empty if v == [] else process(v) for v in values]


HIGHLIGHTS = Writer(HighlightRow, HighlightId)
TAGS = Writer(models.TagRow, TagId)
SOURCES = Writer(models.SourceFile, SourceId)
ARTICLES = Writer(models.ArticleRow, ArticleId)  # list columns (authors, flags…) as lists
BLOCKS = Writer(models.BlockRow, int)  # through the view's triggers; spans, flags as lists


# --- highlights and their tags ---------------------------------------------------------------


def tombstone_highlights(conn: Connection, ids: Sequence[int], stamp: str | None) -> None:
    """Mark highlights deleted (``stamp``: their new edit time, None keeps it) and drop
    their tag links: a tombstone only stops a merge bringing the highlight back."""
    values: dict[str, Any] = {"deleted": True}
    if stamp is not None:
        values["updated_at"] = stamp
    HIGHLIGHTS.set(conn, ids, values)
    unlink_highlight_tags(conn, ids)


def shift_highlights(conn: Connection, article: int, after: int, by: int) -> None:
    """Move the article's highlights starting at ``after`` or later by ``by`` characters."""
    h = HighlightRow
    conn.execute(
        update(h)
        .where(h.article_id == article, h.start >= after)
        .values(start=h.start + by, end=h.end + by)
    )


def link_highlight_tags(conn: Connection, pairs: Iterable[tuple[int, int]]) -> None:
    """Link (highlight, tag) pairs; links already there stay as they are."""
    _link(conn, "highlight_tags", "highlight_id", pairs)


def _link(conn: Connection, table: str, owner: str, pairs: Iterable[tuple[int, int]]) -> int:
    """Insert (owner, tag) links that are not there yet; how many were new. The
    driver's executemany: a bulk tagging links tens of thousands."""
    params = [(int(o), int(t)) for o, t in pairs]
    if not params:
        return 0
    result = conn.exec_driver_sql(
        f"INSERT OR IGNORE INTO {table} ({owner}, tag_id) VALUES (?, ?)", params
    )
    return max(result.rowcount, 0)


def unlink_highlight_tags(
    conn: Connection, highlights: Sequence[int], tags: Sequence[int] | None = None
) -> None:
    """Remove the highlights' links to ``tags`` (None: to every tag)."""
    for lo in range(0, len(highlights), CHUNK):
        q = delete(HighlightTag).where(HighlightTag.highlight_id.in_(highlights[lo : lo + CHUNK]))
        if tags is not None:
            q = q.where(HighlightTag.tag_id.in_(tags))
        conn.execute(q)


def highlight_tags(conn: Connection, hid: int) -> list[TagId]:
    q = select(HighlightTag.tag_id).where(HighlightTag.highlight_id == hid)
    return [TagId(t) for t in conn.execute(q.order_by(HighlightTag.tag_id)).scalars()]


# --- tags and article tags -------------------------------------------------------------------


def link_article_tags(conn: Connection, pairs: Iterable[tuple[int, int]]) -> int:
    """Link (article, tag) pairs; how many links are new."""
    return _link(conn, "article_tags", "article_id", pairs)


def unlink_article_tag(conn: Connection, article: int, tag: int) -> int:
    """Remove one article's link to one tag; 1 if it was there, else 0."""
    q = delete(ArticleTag).where(ArticleTag.article_id == article, ArticleTag.tag_id == tag)
    return max(conn.execute(q).rowcount, 0)


def article_tags(conn: Connection, article: int) -> list[TagId]:
    q = select(ArticleTag.tag_id).where(ArticleTag.article_id == article)
    return [TagId(t) for t in conn.execute(q.order_by(ArticleTag.tag_id)).scalars()]


# --- pages, articles and blocks --------------------------------------------------------------


def insert_cut_blocks(conn: Connection, rows: Sequence[Row], texts: Mapping[int, str]) -> None:
    """Blocks straight into ``block_rows``, each keeping its own text only where it is not
    its slice of its article's text (``texts``: article id → text). The ``blocks`` view's
    trigger decides the same in SQL, but there it decodes the whole stored article for
    every block; an import has each article's text at hand."""
    if not rows:
        return
    cols = ("article_id", "ordinal", "type", "start", "spans", "flags")
    params = []
    for row, values in zip(rows, BLOCKS._driver_rows(conn, cols, rows), strict=True):
        text, start = row["text"], row["start"]
        own = None if texts[row["article_id"]][start : start + len(text)] == text else text
        params.append((*values, len(text), own))
    conn.exec_driver_sql(
        f"INSERT INTO block_rows ({', '.join(cols)}, length, text) VALUES ({', '.join('?' * 8)})",
        params,
    )


def replace_blocks(conn: Connection, article: int, rows: Sequence[Row]) -> None:
    conn.execute(delete(models.BlockRow).where(models.BlockRow.article_id == article))
    BLOCKS.insert_many(conn, rows)
