"""Parse an imported page again, as one undoable operation.

The page is read and parsed (its split fixes taken again) in a read transaction:
:func:`parse_again`; the rows are then replaced in a write transaction by the
:class:`Reparse` operation (:func:`reader.store.reparse.replace_page`), whose inverse puts
the page's articles, highlights, tags and notes back as they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from reader.ingest import SourceInfo
from reader.store import importer, reparse, snapshots, splitfix
from reader.store.errors import NotFoundError
from reader.store.ids import SourceId
from reader.store.models import ArticleRow, SourceFile
from reader.store.unit import Applied, Unit


def parse_again(
    tx: Unit, source_id: SourceId, parser: importer.Parser | None = None
) -> tuple[importer.PreparedArticle, ...]:
    """The page's articles as ``parser`` (default: the current one) reads them now."""
    src = tx.conn.execute(select(SourceFile).where(SourceFile.id == source_id)).first()
    if src is None:
        raise NotFoundError(f"no source file {source_id} in {tx.path}")
    fixes = splitfix.for_page(tx.conn, src.text_hash)
    info = SourceInfo(path=src.name, sha256=src.sha256, encoding=src.encoding)
    page = splitfix.parse_page(src.text, info, splitfix.overrides(fixes), parser)
    return tuple(reparse.prepare(page.articles, tx.cut))


def _page(tx: Unit, source_id: SourceId) -> set[int]:
    ids = select(ArticleRow.id).where(ArticleRow.source_id == source_id)
    return {int(i) for i in tx.conn.execute(ids).scalars()}


def replace(
    tx: Unit, source_id: SourceId, new: tuple[importer.PreparedArticle, ...], label: str
) -> tuple[reparse.ReparseReport, Applied]:
    """Replace the page's articles by ``new``; the report, and the operation's answer."""
    tx.ensure_index_current()
    before_ids = _page(tx, source_id)
    before = snapshots.snapshot(tx.conn, before_ids)
    report = reparse.replace_page(tx.conn, source_id, list(new), tx.cut)
    after_ids = _page(tx, source_id)
    after = snapshots.snapshot(tx.conn, after_ids)
    undo = snapshots.Rewrite(before, after, frozenset(before_ids | after_ids), label)
    return report, Applied(report.changes, undo)


@dataclass(frozen=True)
class Reparse:
    """Replace a page's articles by a new parse of it (:func:`parse_again`)."""

    source_id: SourceId
    new: tuple[importer.PreparedArticle, ...]
    label: str = "Parse the page again"

    def apply(self, tx: Unit) -> Applied:
        return replace(tx, self.source_id, self.new, self.label)[1]
