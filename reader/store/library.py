"""The library: the one core API the CLI, the windows, export and merge all use.

``Library.open(path)`` upgrades the schema (after a backup) and returns a handle that
is safe to share between threads: every method opens its own short transaction, a unit
of work (:meth:`Library.writing`, :meth:`Library.reading`, :mod:`reader.store.unit`)
that the core's functions and operations take; :meth:`Library.run` applies an
operation. Writes return a :class:`~reader.store.changes.Changes` record. Expected
failures raise :class:`~reader.errors.KnownError` subclasses with one line naming the
library.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, text

from reader.analysis import index as analysis
from reader.store import (
    anchoring,
    backups,
    continuations,
    database,
    finding,
    importer,
    indexing,
    integrity,
    operations,
    palette,
    queries,
    reading,
    reparse,
    reparsing,
    search,
    splitfix,
    suggest,
    tagging,
    trash,
)
from reader.store.changes import Changes
from reader.store.errors import LibraryError
from reader.store.ids import ArticleId, HighlightId, SourceId, TagId
from reader.store.location import resolve_library_path
from reader.store.naming import default_author as default_author  # re-exported
from reader.store.naming import tag_key as tag_key
from reader.store.queries import DateOrder, Where
from reader.store.unit import Applied, Operation, Unit, transaction
from reader.store.views import (
    ArticleDetail,
    ArticleSummary,
    CheckReport,
    HighlightView,
    SearchHit,
    SourceView,
    TagView,
)

if TYPE_CHECKING:
    from reader.text.keywords import Suggestion

P = ParamSpec("P")
R = TypeVar("R")

QUOTE_CONTEXT = anchoring.CONTEXT  # characters of prefix and suffix kept with a highlight
INDEX_BATCH = 400  # articles per index transaction: about 0.2 s of work


class Library:
    def __init__(self, path: Path, engine: Engine, upgrade: database.Upgrade) -> None:
        self.path = path
        self.engine = engine
        self.upgrade = upgrade
        self._cut: search.Cut | None = None
        self.backup_warning: str | None = None  # the daily backup failed: tell the user
        self._dated: tuple[tuple[Any, ...], DateOrder] | None = None  # see _date_order

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        migrations: Path | None = None,
        busy_timeout_ms: int | None = None,
        daily_backup: bool = True,
    ) -> Library:
        """Open (creating or upgrading) the library at ``path`` or the default location.

        ``daily_backup``: back the library up if its newest backup is a day old; a
        backup that cannot be written does not stop the opening (see ``backup_warning``).
        """
        explicit = path is not None or bool(os.environ.get("PIZHU_LIBRARY"))
        p = resolve_library_path(path)
        if not p.parent.is_dir():
            if explicit:
                raise LibraryError(f"{p}: the folder {p.parent} does not exist")
            p.parent.mkdir(parents=True, exist_ok=True)
        if p.is_dir():
            raise LibraryError(f"{p}: is a folder, not a library file")
        engine = database.make_engine(p, busy_timeout_ms)
        try:
            upgraded = database.upgrade(engine, p, migrations)
            lib = cls(p, engine, upgraded)
            lib._ensure_search_index()
        except BaseException:
            engine.dispose()
            raise
        if daily_backup:
            try:
                backups.daily_backup(p)
            except LibraryError as exc:
                lib.backup_warning = str(exc)
        return lib

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- the unit of work --------------------------------------------------------------------

    def writing(self) -> AbstractContextManager[Unit]:
        """A write transaction (``BEGIN IMMEDIATE``), committed when the block ends."""
        return transaction(self.path, self.engine, lambda: self.cut, write=True)

    def reading(self) -> AbstractContextManager[Unit]:
        """A read transaction: one consistent snapshot of the library."""
        return transaction(self.path, self.engine, lambda: self.cut, write=False)

    def run(self, op: Operation) -> Applied:
        """Apply an operation (a :class:`~reader.store.unit.Batch` too) in one write
        transaction; the answer holds its change record and its inverse."""
        with self.writing() as tx:
            return op.apply(tx)

    def read(self, fn: Callable[Concatenate[Unit, P], R], *args: P.args, **kw: P.kwargs) -> R:
        """``fn(unit, *args)`` in a read transaction of its own."""
        with self.reading() as tx:
            return fn(tx, *args, **kw)

    def write(self, fn: Callable[Concatenate[Unit, P], R], *args: P.args, **kw: P.kwargs) -> R:
        """``fn(unit, *args)`` in a write transaction of its own."""
        with self.writing() as tx:
            return fn(tx, *args, **kw)

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.reading() as tx:
            yield tx.conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.writing() as tx:
            yield tx.conn

    @property
    def cut(self) -> search.Cut:
        """jieba search-mode segmentation, loaded on first use (never on open)."""
        if self._cut is None:
            self._cut = search.default_cut()
        return self._cut

    def _ensure_search_index(self) -> None:
        if (needed := self.read(indexing.on_open)) == "rebuild":
            self.rebuild_search_index()
        elif needed:
            self.write(indexing.on_open)  # checked again inside the write
        # Band keys an import stopped before writing, or that 0015 cleared, are written
        # by the analysis catch-up (the window's indexer, or an analysis command first),
        # not here: at 150,000 articles they took 16 s before the window could show.

    # --- importing -------------------------------------------------------------------------

    def _lookup(self, files: Sequence[tuple[str, str]]) -> list[str | None]:
        with self._read() as conn:
            return [importer.known_source(conn, sha, text_hash) for sha, text_hash in files]

    def _commit(self, files: Sequence[importer.PreparedFile]) -> list[importer.Stored]:
        stored: list[importer.Stored] = []
        with self._write() as conn:
            for prepared in files:
                reason = importer.known_source(conn, prepared.sha256, prepared.text_hash)
                if reason is not None:  # also a page an earlier file of this batch stored
                    stored.append((reason, None, []))
                    continue
                splitfix.refit(conn, prepared)  # a page imported again gets its split fixes back
                source_id, ids = importer.store(conn, prepared)
                stored.append((None, source_id, ids))
        return stored

    def import_paths(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        progress: importer.ProgressCallback | None = None,
        cancel: importer.CancelCallback | None = None,
        parser: importer.Parser | None = None,
        workers: int | None = None,
        index: bool = True,
        analyse: bool | None = None,
    ) -> importer.ImportSummary:
        """Import page files and folders, a transaction per file or batch of parsed files.

        ``progress`` is called before and after each file, ``cancel`` between batches
        (return True to stop: files already imported stay). Safe to call from a worker
        thread; the callbacks run on that thread. ``workers``: processes that parse and
        tokenize ahead (default: one per CPU, up to 4, for 16 files or more).

        Articles are readable once their file is stored; the search index is built after
        the files (``index``) or later in the background, while searches say so. The
        analysis is done with the parse (``analyse``, default ``index``) or left for later.
        """
        if workers is None:
            workers = importer.workers_for(paths) if parser is None else 1
        summary = importer.run_import(
            [Path(p) for p in paths],
            lookup=self._lookup,
            commit=self._commit,
            parser=parser or importer.default_parser,
            progress=progress,
            cancel=cancel,
            workers=workers if parser is None else 1,
            library=self.path,
            analyse=index if analyse is None else analyse,  # in the workers, beside the parse
        )
        if index:
            self.build_index(cancel=cancel)
        if index or analyse:  # the band keys the files left, what a re-cut page left
            analysis.catch_up(self._read, self._write, cancel=cancel)
        return summary

    # --- reading (reader.store.reading: the bulk readers) ------------------------------------

    def article_ids(self, tag: str | None = None) -> list[ArticleId]:
        """Every article id in library order (page date, file, position); cheap."""
        return self.read(reading.article_ids, tag)

    def summaries(self, ids: Iterable[ArticleId]) -> list[ArticleSummary]:
        """Summaries of the given articles, in the given order (unknown ids are left out)."""
        return self.read(reading.summaries, ids)

    def list_articles(self, tag: str | None = None) -> list[ArticleSummary]:
        return self.read(reading.list_articles, tag)

    def resolve(self, ref: str | int) -> ArticleId:
        """An article id from a number or a uuid (as printed by ``list``)."""
        return self.read(reading.resolve, ref)

    def get_article(self, article_id: ArticleId | int | str) -> ArticleDetail:
        return self.read(reading.get_article, article_id)

    def article_highlights(
        self, article_id: ArticleId, only: Iterable[HighlightId]
    ) -> list[HighlightView]:
        """The live, placed highlights of an article among ``only`` (after an operation
        said which highlights it touched: the window updates just those)."""
        return self.read(reading.article_highlights, article_id, only)

    def sources(self) -> list[SourceView]:
        return self.read(reading.sources)

    def source_text(self, source_id: SourceId) -> str:
        """The decoded page text every block span points into."""
        return self.read(reading.source_text, source_id)

    def tags(self) -> list[TagView]:
        return self.read(reading.tags)

    def story(self, article_id: ArticleId) -> continuations.Story:
        """The parts of the story an article belongs to, in reading order."""
        return self.read(finding.story, article_id)

    # --- search (reader.store.finding) ------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 50,
        sort: str = "relevance",
        where: Where | None = None,
        *,
        stories: bool = False,
    ) -> list[SearchHit]:
        """Articles containing every whitespace-separated term of ``query``, best first
        (``sort="relevance"``: title hits, then whole articles, then bm25), or
        ``"newest"``/``"oldest"`` page first; ``where`` narrows them (page dates, kinds,
        author, paper, page, tag). See :func:`reader.store.finding.search`."""
        return self.read(
            finding.search, query, limit, sort, where, stories=stories, dated=self._date_order
        )

    def count_matches(self, query: str, where: Where | None = None) -> int:
        """How many articles :meth:`search` finds for ``query`` (every hit, notes too)."""
        return self.read(finding.count_matches, query, where)

    def _date_order(self, conn: Connection) -> DateOrder:
        """Every article id, newest page first; cached until articles are added (a
        deleted article is no hit, so a stale order only lists it in vain)."""
        key = tuple(conn.execute(text("SELECT max(id) FROM articles")).one())
        cached = self._dated
        if cached is None or cached[0] != key:
            cached = self._dated = (key, DateOrder.of(queries.date_order(conn)))
        return cached[1]

    def index_pending(self) -> int:
        """How many stored articles the search index does not cover yet (search results
        are incomplete until :meth:`build_index` has caught up)."""
        with self.reading() as tx:
            return search.pending(tx.conn)

    def build_index(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        batch: int = INDEX_BATCH,
        workers: int | None = None,
    ) -> int:
        """Index the articles an import queued, a batch per transaction (see
        :mod:`reader.store.indexing`); a long queue is tokenized in ``workers`` processes
        (default: one per CPU, up to 4). Returns how many were indexed; ``cancel`` is
        asked between batches. Safe to run in a worker thread."""
        return indexing.build(
            self._read,
            self._write,
            self.cut,
            search.tokenizer_fingerprint(),
            batch=batch,
            workers=workers,
            progress=progress,
            cancel=cancel,
        )

    def rebuild_search_index(self, progress: Callable[[int, int], None] | None = None) -> Changes:
        """Re-tokenize every article and note (after a dictionary or scheme change)."""
        cut = self.cut
        fingerprint = search.tokenizer_fingerprint()
        with self._write() as conn:
            search.rebuild(conn, cut, fingerprint, progress)
        return Changes(search_index=True)

    # --- annotating ------------------------------------------------------------------------

    def set_note(
        self, article_id: ArticleId | int | str, note: str, *, author: str | None = None
    ) -> Changes:
        """Replace an article's note ("" removes it), stamped with ``author``
        (:func:`default_author` when None): :class:`~reader.store.operations.SetNote`."""
        op = operations.SetNote(self.resolve(article_id), note, author=author)
        return self.run(op).changes

    def add_highlight(
        self,
        article_id: ArticleId | int | str,
        start: int,
        end: int,
        *,
        colour: str = palette.DEFAULT_COLOUR,
        note: str = "",
        author: str | None = None,
        highlight_uuid: str | None = None,
    ) -> tuple[HighlightId, Changes]:
        """Highlight ``[start, end)`` (overlaps allowed); ``colour`` is a palette key or
        label: :class:`~reader.store.operations.AddHighlight`."""
        aid = self.resolve(article_id)
        op = operations.AddHighlight(
            aid, start, end, colour, note, author=author, uuid=highlight_uuid
        )
        done = self.run(op)
        assert done.created is not None
        return HighlightId(done.created), done.changes

    def highlight_quote(
        self,
        article_id: ArticleId | int | str,
        quote: str,
        *,
        occurrence: int | None = None,
        colour: str = palette.DEFAULT_COLOUR,
        note: str = "",
        tags: Sequence[str] = (),
    ) -> Applied:
        """Highlight the ``occurrence``-th (1-based) place ``quote`` occurs in the article;
        raises :class:`~reader.store.anchoring.QuoteError` when it is absent or ambiguous."""
        aid = self.resolve(article_id)
        return self.run(
            operations.HighlightQuote(aid, quote, occurrence, colour, note, tuple(tags))
        )

    def update_highlight(
        self, highlight_id: HighlightId, *, colour: str | None = None, note: str | None = None
    ) -> Changes:
        """Change colour and/or note (the GUI's note autosave calls this)."""
        return self.run(operations.EditHighlight(highlight_id, colour, note)).changes

    def delete_highlight(self, highlight_id: HighlightId) -> Changes:
        """Tombstone the highlight (kept so a merge does not bring it back)."""
        return self.run(operations.DeleteHighlight(highlight_id)).changes

    def ensure_tag(
        self, name: str, *, parent: TagId | None = None, colour: str | None = None
    ) -> tuple[TagId, Changes]:
        """The tag named ``name`` (NFKC/case-insensitively), created if needed."""
        if not tag_key(name):
            raise LibraryError("a tag needs a name")
        done = self.run(operations.CreateTag(name, parent, colour))
        assert done.created is not None
        return TagId(done.created), done.changes

    def tag_article(self, article_id: ArticleId | int | str, tag: TagId) -> Changes:
        return self.run(operations.TagArticle(self.resolve(article_id), tag)).changes

    def untag_article(self, article_id: ArticleId | int | str, tag: TagId) -> Changes:
        return self.run(operations.UntagArticle(self.resolve(article_id), tag)).changes

    def tag_highlight(self, highlight_id: HighlightId, tag: TagId) -> Changes:
        return self.run(operations.TagHighlight(highlight_id, tag)).changes

    def untag_highlight(self, highlight_id: HighlightId, tag: TagId) -> Changes:
        return self.run(operations.UntagHighlight(highlight_id, tag)).changes

    # --- the tag manager and the palette (undoable forms: reader.store.operations) ---------

    def rename_tag(self, tag: TagId, name: str) -> Changes:
        """Refuses another tag's name (TagExistsError): merge instead."""
        return self.run(operations.RenameTag(tag, name)).changes

    def merge_tags(self, source: TagId, target: TagId) -> Changes:
        return self.run(operations.MergeTags(source, target)).changes

    def delete_tag(self, tag: TagId) -> Changes:
        return self.run(operations.DeleteTag(tag)).changes

    def recolour_tag(self, tag: TagId, colour: str | None) -> Changes:
        return self.run(operations.RecolourTag(tag, colour)).changes

    def nest_tag(self, tag: TagId, parent: TagId | None) -> Changes:
        return self.run(operations.NestTag(tag, parent)).changes

    def tag_counts(self) -> dict[TagId, tagging.TagCount]:
        with self.reading() as tx:
            return tagging.counts(tx.conn)

    def highlight_colours(self) -> tuple[palette.Swatch, ...]:
        with self.reading() as tx:
            return palette.read(tx.conn)

    def rename_colour(self, colour: str, name: str) -> Changes:
        return self.run(operations.RenameColour(colour, name)).changes

    def suggest_tags(self, article_id: ArticleId | int | str, limit: int = 12) -> list[Suggestion]:
        """Tag suggestions for an article (keywords and names); slow the first time
        (jieba): call it off the GUI thread."""
        return self.read(suggest.for_article, self.resolve(article_id), limit)

    def reparse_source(
        self, source_id: SourceId, parser: importer.Parser | None = None
    ) -> reparse.ReparseReport:
        """Parse an imported page again, carrying tags, notes and highlights over
        (re-anchored; those found nowhere become orphans)."""
        with self.reading() as tx:
            new = reparsing.parse_again(tx, source_id, parser)
        with self.writing() as tx:
            return reparsing.replace(tx, source_id, new, "Parse the page again")[0]

    # --- removing --------------------------------------------------------------------------

    def delete_source(self, source_id: SourceId) -> Changes:
        """Remove an imported page with its articles, their highlights and notes."""
        return self.write(trash.remove_source, source_id)

    # --- backups ---------------------------------------------------------------------------

    def set_backup_keep(self, keep: int) -> None:
        """Keep the ``keep`` newest backups from now on (pruning the older ones now)."""
        if keep < 1:
            raise LibraryError(f"{self.path}: at least one backup must be kept (not {keep})")
        with self.writing() as tx:
            backups.set_keep(tx.conn, keep)
        backups.prune(self.path, keep)

    # --- checking --------------------------------------------------------------------------

    def check(self, full: bool = False) -> CheckReport:
        """Integrity (quick or full), broken references, orphan and stale index rows."""
        return self.write(integrity.check, full)
