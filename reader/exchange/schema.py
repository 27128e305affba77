"""The shape of a share file: which tables, columns and indexes it may hold.

A share file is a small SQLite database with the library's own tables (without the
search index), stamped with the library's schema revision in ``alembic_version``, the
share format in ``PRAGMA user_version`` and Pizhu's mark in ``PRAGMA application_id``.
The writer (:mod:`reader.exchange.share`) creates exactly these tables; the reader
(:mod:`reader.exchange.untrusted`) accepts nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

from reader.store.models import Base

APPLICATION_ID = 0x505A5348  # "PZSH"
SHARE_FORMAT = 1

SHARE_TABLES = (
    "settings",
    "source_files",
    "articles",
    "blocks",
    "tags",
    "highlights",
    "article_tags",
    "highlight_tags",
    "article_notes",
)

ALEMBIC_DDL = (
    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


@dataclass(frozen=True)
class ColumnShape:
    name: str
    type: str  # declared type, upper case, as PRAGMA table_xinfo reports it
    notnull: bool
    pk: int


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


# Columns a share written by an older Pizhu may lack, and the values they read as:
# declared on the model's columns (reader.store.models.added_later).
ADDED_LATER: dict[tuple[str, str], object] = {
    (name, c.name): c.info["reads_as"]
    for name in SHARE_TABLES
    for c in _table(name).columns
    if "reads_as" in c.info
}


def _declared(col: Column[object]) -> str:
    return str(col.type.compile(dialect=sqlite.dialect())).upper()


def expected_columns(table: str) -> dict[str, ColumnShape]:
    t = _table(table)
    pk_cols = [c.name for c in t.primary_key.columns]
    return {
        c.name: ColumnShape(
            c.name,
            _declared(c),
            not c.nullable,
            pk_cols.index(c.name) + 1 if c.name in pk_cols else 0,
        )
        for c in t.columns
    }


def expected_indexes(table: str) -> set[str]:
    return {str(i.name) for i in _table(table).indexes}


def ddl() -> list[str]:
    """The statements that create an empty share file's tables and indexes."""
    dialect = sqlite.dialect()
    out = [ALEMBIC_DDL]
    for name in SHARE_TABLES:
        t = _table(name)
        out.append(str(CreateTable(t).compile(dialect=dialect)).strip())
        out += [str(CreateIndex(i).compile(dialect=dialect)).strip() for i in t.indexes]
    return out
