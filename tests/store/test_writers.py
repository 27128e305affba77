"""The table writers' driver-level bulk insert writes what SQLAlchemy's insert writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.store import tables
from reader.store.library import Library


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute(f"SELECT * FROM {table}"))


def _articles(source: int, first: int, full: bool) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for n in range(3):
        row: dict[str, object] = {
            "id": first + n,
            "uuid": f"{first + n:036d}",
            "source_id": source,
            "ordinal": first + n,
            "title": f"标题{n}" if n else None,
            "kind": "article",
            "kicker": None,
            "authors": ["李青", "王建国"][:n],
            "continued_from": None,
            "continued_on": None,
            "text": f"正文{n}",
            "content_hash": "0" * 64,
            "flags": ["odd"] if n == 1 else [],
            "consumed": [[0, 2, "credit"]] if n == 2 else [],
            "created_at": "2026-01-01T00:00:00+00:00",
        }
        if full:
            row["photographers"] = []
        rows.append(row)
    return rows


def test_insert_rows_writes_what_insert_many_writes(library: Library, small_page: Path) -> None:
    library.import_paths([small_page])
    source = library.sources()[0].id
    with library.writing() as tx:
        tables.ARTICLES.insert_many(tx.conn, _articles(source, 1000, full=True))
        tables.ARTICLES.insert_rows(tx.conn, _articles(source, 2000, full=True))
        # photographers left out: it has a default, so SQLAlchemy's insert fills it in.
        tables.ARTICLES.insert_rows(tx.conn, _articles(source, 3000, full=False))
    by_batch: dict[int, list[tuple[object, ...]]] = {}
    for row in _rows(library.path, "articles"):
        if int(str(row[0])) >= 1000:
            by_batch.setdefault(int(str(row[0])) // 1000, []).append(
                row[2:3] + row[4:]
            )  # no id, uuid, ordinal
    assert by_batch[1] == by_batch[2] == by_batch[3]
    assert len(by_batch[1]) == 3
