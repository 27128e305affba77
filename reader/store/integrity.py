"""The library's health check: SQLite's own, references, the search index, highlights."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from reader.store import database, pagetext
from reader.store.models import ArticleRow, SourceFile
from reader.store.unit import Unit
from reader.store.views import CheckReport


def check(tx: Unit, full: bool = False) -> CheckReport:
    """Integrity (quick or full), broken references, orphan and stale index rows."""
    problems: list[str] = []
    conn = tx.conn
    problems += [f"integrity: {p}" for p in database.quick_check(conn, full)]
    for stored, rowid, parent, _fk in conn.execute(text("PRAGMA foreign_key_check")):
        table = "blocks" if stored == "block_rows" else stored  # the view's table
        problems.append(f"orphan row: {table} rowid {rowid} points to missing {parent}")
    for sql, what in (
        (
            "SELECT rowid FROM search_articles EXCEPT SELECT id FROM articles",
            "search index row without an article",
        ),
        (
            "SELECT id FROM articles EXCEPT SELECT rowid FROM search_articles "
            "EXCEPT SELECT article_id FROM search_pending",
            "article missing from the search index",
        ),
        (
            "SELECT rowid FROM search_notes EXCEPT SELECT id FROM articles",
            "notes index row without an article",
        ),
    ):
        for (rowid,) in conn.execute(text(sql)).fetchall()[:20]:
            problems.append(f"{what}: {rowid}")
    # The text is stored encoded (pagetext): whether it is empty is asked of its decode.
    # Text that does not decode is the full check's to report.
    bare = "SELECT a.id, a.text FROM articles a WHERE NOT EXISTS (SELECT 1 FROM block_rows b "
    bare += "WHERE b.article_id = a.id)"
    problems += [
        f"article with text but no blocks: {aid}"
        for aid, stored in conn.exec_driver_sql(bare).fetchall()
        if _text(stored)
    ][:20]
    if full:
        problems += _unreadable(tx, "source_files", "page file {}: its text cannot be read")
        problems += _unreadable(tx, "articles", "article {}: its text cannot be read")
    for table in ("search_articles", "search_notes"):
        try:
            conn.execute(text(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')"))
        except DBAPIError as exc:
            problems.append(f"{table}: {' '.join(str(exc).split())[:200]}")
    for hid, start, end, exact, stored in conn.execute(
        text(
            'SELECT h.id, h.start, h."end", h.exact, a.text FROM highlights h '
            "JOIN articles a ON a.id = h.article_id WHERE NOT h.deleted AND NOT h.orphaned"
        )
    ):
        body = _text(stored)
        if body is not None and body[start:end] != exact:
            problems.append(f"highlight {hid} no longer matches its article text")
    articles = conn.execute(select(func.count()).select_from(ArticleRow)).scalar_one()
    sources = conn.execute(select(func.count()).select_from(SourceFile)).scalar_one()
    schema = database.current_revision(conn)
    head = database.head_revision()
    if schema != head:
        problems.append(f"schema {schema} is not the current {head}")
    return CheckReport(tuple(problems), int(articles), int(sources), schema)


def _text(stored: str | bytes) -> str | None:
    """The decoded text, or None where it cannot be read."""
    try:
        return pagetext.decode(stored)
    except pagetext.UNREADABLE:
        return None


def _unreadable(tx: Unit, table: str, problem: str) -> list[str]:
    """Rows of ``table`` whose stored text does not decode (see :mod:`reader.store.pagetext`)."""
    out: list[str] = []
    for rowid, stored in tx.conn.exec_driver_sql(f"SELECT id, text FROM {table} ORDER BY id"):
        try:
            pagetext.decode(stored)
        except pagetext.UNREADABLE as exc:
            out.append(f"{problem.format(rowid)} ({exc})")
    return out[:20]
