"""Importing page files: find them, parse them, store them a transaction per file or batch.

The slow part (decoding, parsing, jieba) runs before the write transaction opens, so
the library is locked only for the inserts and another process (the app while a CLI
import runs) waits milliseconds, not seconds. Inside the transaction the file's
identity is checked again, so two importers racing on the same page store it once.

A page is recognised as already imported by the SHA-256 of its bytes or by the hash of
its decoded, normalized text: the same page saved as GB18030, UTF-16 or UTF-8 with a
BOM, or under another name, adds nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Literal

from sqlalchemy import Connection

from reader.analysis import index as analysis
from reader.errors import KnownError
from reader.ingest import ParsedPage, SourceInfo, parse_text
from reader.store import search, tables
from reader.store import workers as mp
from reader.store.changes import Changes
from reader.store.clock import now_iso
from reader.store.ids import ArticleId, SourceId
from reader.store.location import LibraryFiles
from reader.store.preparing import Parser as Parser
from reader.store.preparing import PreparedArticle as PreparedArticle
from reader.store.preparing import PreparedFile as PreparedFile
from reader.store.preparing import content_hash as content_hash
from reader.store.preparing import identify as identify
from reader.store.preparing import prepare as prepare
from reader.store.preparing import text_identity as text_identity
from reader.store.rows import article_values, block_rows

SUFFIXES = frozenset({".txt", ".md"})

Status = Literal["imported", "skipped", "failed"]


# --- finding files -------------------------------------------------------------------------


@dataclass(frozen=True)
class FileResult:
    path: str
    status: Status
    message: str = ""  # why skipped or failed
    source_id: SourceId | None = None
    articles: int = 0


def discover(
    paths: Iterable[str | Path], library: Path | None = None
) -> tuple[list[Path], list[FileResult]]:
    """Page files under ``paths``: named files as given, folders searched recursively
    for ``.txt``/``.md`` (hidden entries skipped). Unusable paths come back as failures,
    and so do the ``library``'s own files, which are never opened as pages."""
    files: list[Path] = []
    failures: list[FileResult] = []
    seen: set[Path] = set()
    own = LibraryFiles(library) if library is not None else None

    def add(p: Path) -> None:
        key = p.resolve()
        if own is not None and own.holds(p, key):
            failures.append(FileResult(str(p), "failed", f"{p}: is the library itself, not a page"))
            return
        if key not in seen:
            seen.add(key)
            files.append(p)

    for raw in paths:
        p = Path(raw)
        try:
            if p.is_dir():
                found: list[Path] = []
                for root, dirs, names in os.walk(p):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in names:
                        if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                            found.append(Path(root) / name)
                for f in sorted(found):
                    add(f)
            elif own is not None and own.holds(p):
                add(p)  # refused by name: the library itself, whatever its suffix
            elif p.exists() and p.suffix.lower() not in SUFFIXES:
                failures.append(
                    FileResult(
                        str(p),
                        "failed",
                        f"{p}: not a page dump (only .txt and .md page files are imported)",
                    )
                )
            elif p.exists():
                add(p)
            else:
                failures.append(FileResult(str(p), "failed", f"{p}: no such file or folder"))
        except OSError as exc:
            failures.append(FileResult(str(p), "failed", f"{p}: cannot read ({exc.strerror})"))
    return files, failures


# --- storing a file (one transaction) ------------------------------------------------------


def known_source(conn: Connection, sha256: str, text_hash: str) -> str | None:
    """The name of an already imported file with these bytes or this text, if any."""
    # Plain SQL: asked twice per imported file, and building the statement cost more
    # than SQLite's two index look-ups.
    row = conn.exec_driver_sql(
        "SELECT name, sha256 FROM source_files WHERE sha256 = ? OR text_hash = ?",
        (sha256, text_hash),
    ).first()
    if row is None:
        return None
    name, sha = row
    return f"already imported ({'same file' if sha == sha256 else 'same page as ' + name})"


def store(conn: Connection, prepared: PreparedFile) -> tuple[SourceId, list[ArticleId]]:
    """Insert one prepared file, its articles and blocks, and queue the articles for the
    search index and the analysis (caller holds the txn). Three statements, each one
    executemany: the ids are handed out here, which is safe inside the write transaction."""
    stamp = now_iso()
    tables.SOURCES.insert_rows(
        conn,
        [
            {
                "path": str(prepared.path.resolve()),
                "name": prepared.name,
                "sha256": prepared.sha256,
                "text_hash": prepared.text_hash,
                "encoding": prepared.encoding,
                "size": prepared.size,
                "text": prepared.text,
                "imported_at": stamp,
                "paper": prepared.info.paper,
                "page_date": prepared.info.date,
                "page": prepared.info.page,
                "page_name": prepared.info.page_name,
            }
        ],
    )
    source_id = int(conn.exec_driver_sql("SELECT last_insert_rowid()").scalar_one())
    first = int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM articles").scalar_one()) + 1
    ids = [ArticleId(first + n) for n in range(len(prepared.articles))]
    rows: list[dict[str, object]] = []
    blocks: list[dict[str, object]] = []
    for ordinal, (article_id, pa) in enumerate(zip(ids, prepared.articles, strict=True)):
        rows.append(
            {
                "id": article_id,
                "uuid": pa.uuid,
                "source_id": source_id,
                "ordinal": ordinal,
                **article_values(pa),
                "created_at": stamp,
            }
        )
        blocks += block_rows(article_id, pa.article)
    pairs = list(zip(ids, prepared.articles, strict=True))
    tables.ARTICLES.insert_rows(conn, rows)
    tables.insert_cut_blocks(conn, blocks, {a: pa.text for a, pa in pairs})
    search.enqueue(conn, ids)
    analysis.store_many(
        conn,
        [(a, pa.article.title, pa.text, pa.analysis) for a, pa in pairs if pa.analysis is not None],
        bands=False,  # written after the files: analysis.catch_up
    )
    waiting = [a for a, pa in pairs if pa.analysis is None]
    if waiting:  # analysed after the files: analysis.catch_up
        analysis.defer(conn, waiting[0])
    return SourceId(source_id), ids


# --- the whole run -------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProgress:
    """Reported before each file (``result`` None) and after it."""

    index: int  # 0-based position of the file
    total: int
    path: str
    result: FileResult | None = None


@dataclass
class ImportSummary:
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)

    def _count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def files(self) -> int:
        return len(self.results)

    @property
    def imported(self) -> int:
        return self._count("imported")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def articles(self) -> int:
        return sum(r.articles for r in self.results)

    def to_json(self) -> dict[str, object]:
        return {
            "files": self.files,
            "imported": self.imported,
            "articles": self.articles,
            "skipped": self.skipped,
            "failed": self.failed,
            "cancelled": self.cancelled,
            "results": [
                {
                    "path": r.path,
                    "status": r.status,
                    "message": r.message,
                    "articles": r.articles,
                    "source_id": r.source_id,
                }
                for r in self.results
            ],
        }


ProgressCallback = Callable[[ImportProgress], None]
CancelCallback = Callable[[], bool]


PARALLEL_FROM = 16  # files; below this, worker start-up costs more than it saves


def workers_for(paths: Sequence[str | os.PathLike[str]]) -> int:
    """Worker processes for an import of ``paths``: one per CPU, up to 4, for 16 files
    or more; else none (1: this process)."""
    count = 0
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for _root, _dirs, names in os.walk(path):
                count += len(names)
                if count >= PARALLEL_FROM:
                    break
        else:
            count += 1
        if count >= PARALLEL_FROM:
            return max(1, min(4, os.cpu_count() or 1))
    return 1


def default_parser(text: str, source: SourceInfo) -> ParsedPage:
    return parse_text(text, source)


def failure_message(path: Path, exc: BaseException) -> str:
    message = str(exc) if isinstance(exc, KnownError) else f"{type(exc).__name__}: {exc}"
    message = " ".join(message.split())
    return message if str(path) in message else f"{path}: {message}"


Stored = tuple[str | None, SourceId | None, list[ArticleId]]  # (skip reason, source, articles)
Commit = Callable[[Sequence[PreparedFile]], list[Stored]]
# Per (sha256, text hash): why the file is already imported, or None. Asked for many files
# at once: one read transaction cost more than the look-ups it held.
Lookup = Callable[[Sequence[tuple[str, str]]], list[str | None]]

# Files prepared ahead are stored together, in one transaction, up to these bounds: per
# file, the commit and the B-tree pages it writes to the log again cost more than the
# inserts. Only files already prepared join a batch, so none waits for another; and the
# bounds keep the write lock held for well under a second.
BATCH_FILES = 16
BATCH_BYTES = 2_000_000


def run_import(
    paths: Sequence[str | Path],
    *,
    lookup: Lookup,
    commit: Commit,
    parser: Parser,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    workers: int = 1,
    library: Path | None = None,
    analyse: bool = False,
) -> ImportSummary:
    """Import every file under ``paths``. ``lookup`` answers "already imported?" outside a
    transaction; ``commit`` stores prepared files in one transaction and returns, per file,
    (skip reason, source id, article ids).

    With ``workers`` > 1 the files are decoded and parsed in that many worker processes
    (default parser only) while this process commits them in order, those already
    prepared together (:data:`BATCH_FILES`). The search index is not built here: stored
    articles are queued for :func:`reader.store.search.index_pending`.
    The analysis (entities, signatures) is left to :func:`reader.analysis.index.catch_up`
    too, unless ``analyse``: then it is done with the parse, where jieba's cache is warm
    (a caller that waits for everything anyway: the CLI's import).
    """
    if workers > 1:
        # The workers' fork server loads the parser and the dictionaries (about a second)
        # while this process finds the files (a third of a second per 10,000).
        mp.warm_up()
    files, failures = discover(paths, library)
    summary = ImportSummary(results=list(failures))
    total = len(files)
    sources: set[SourceId] = set()
    articles: set[ArticleId] = set()
    batches: Iterator[list[tuple[FileResult, list[ArticleId]]]]
    if workers > 1 and len(files) > 1:
        batches = _parallel(files, lookup, commit, workers, analyse)
    else:
        batches = ([_import_one(path, lookup, commit, parser, analyse)] for path in files)
    index = 0
    try:
        while index < total:
            if cancel is not None and cancel():
                summary.cancelled = True
                break
            if progress is not None:
                progress(ImportProgress(index, total, str(files[index])))
            # A batch is stored as a whole: every file in it is reported, even if the
            # user cancels meanwhile (cancelling is asked between batches).
            for result, ids in next(batches):
                if result.status == "imported" and result.source_id is not None:
                    sources.add(result.source_id)
                    articles.update(ids)
                summary.results.append(result)
                if progress is not None:
                    progress(ImportProgress(index, total, result.path, result))
                index += 1
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()
    summary.changes = Changes(sources_added=frozenset(sources), articles_added=frozenset(articles))
    return summary


def _prepare_in_worker(path_str: str, analyse: bool) -> PreparedFile | FileResult:
    path = Path(path_str)
    try:
        decoded = identify(path)
    except (KnownError, OSError) as exc:
        return FileResult(path_str, "failed", failure_message(path, exc))
    return _prepare_or_fail(path, decoded, default_parser, analyse)


def _prepare_or_fail(
    path: Path, decoded: tuple[str, str, str, str, int], parser: Parser, analyse: bool
) -> PreparedFile | FileResult:
    try:
        return prepare(path, decoded, parser, analyse=analyse)
    except KnownError as exc:
        return FileResult(str(path), "failed", failure_message(path, exc))
    except Exception as exc:  # a parser bug on one page must not stop a 500-page import
        message = f"{path}: could not be parsed ({type(exc).__name__}: {exc})"
        return FileResult(str(path), "failed", " ".join(message.split()))


def _raw_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # the worker reports it properly


def _result(path: Path, stored: Stored) -> tuple[FileResult, list[ArticleId]]:
    reason, source_id, ids = stored
    if reason is not None:
        return FileResult(str(path), "skipped", reason), []
    return FileResult(str(path), "imported", source_id=source_id, articles=len(ids)), ids


Job = Future[PreparedFile | FileResult] | FileResult  # a file being prepared, or its result


def next_batch(pending: deque[tuple[Path, Job]]) -> list[tuple[Path, PreparedFile | FileResult]]:
    """Take the next file in order off ``pending`` (waiting for it), then those after it
    already prepared, up to the batch's bounds; never past one still being prepared."""
    taken: list[tuple[Path, PreparedFile | FileResult]] = []
    size = 0
    while pending and len(taken) < BATCH_FILES and size < BATCH_BYTES:
        path, job = pending[0]
        if taken and not (isinstance(job, FileResult) or job.done()):
            break
        pending.popleft()
        outcome = job if isinstance(job, FileResult) else job.result()
        taken.append((path, outcome))
        if not isinstance(outcome, FileResult):
            size += outcome.size
    return taken


def _parallel(
    files: list[Path],
    lookup: Lookup,
    commit: Commit,
    workers: int,
    analyse: bool,
) -> Iterator[list[tuple[FileResult, list[ArticleId]]]]:
    """Outcomes in file order, a batch at a time; a bounded window of files is prepared
    ahead in workers."""
    pending: deque[tuple[Path, Job]] = deque()
    queue = iter(files)
    window = workers * 3 + BATCH_FILES
    with mp.pool(workers) as pool:
        try:

            def feed() -> None:
                paths = list(islice(queue, window - len(pending)))
                if not paths:
                    return
                shas = [_raw_sha256(path) for path in paths]
                known = lookup([(sha, "") for sha in shas if sha is not None])
                reasons = iter(known)
                for path, sha in zip(paths, shas, strict=True):
                    reason = next(reasons) if sha is not None else None
                    if reason is not None:  # same bytes already imported: do not parse
                        pending.append((path, FileResult(str(path), "skipped", reason)))
                    else:
                        pending.append((path, pool.submit(_prepare_in_worker, str(path), analyse)))

            feed()
            while pending:
                taken = next_batch(pending)
                feed()
                prepared = [o for _, o in taken if not isinstance(o, FileResult)]
                stored = iter(commit(prepared) if prepared else [])
                yield [
                    (o, []) if isinstance(o, FileResult) else _result(path, next(stored))
                    for path, o in taken
                ]
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _import_one(
    path: Path,
    lookup: Lookup,
    commit: Commit,
    parser: Parser,
    analyse: bool,
) -> tuple[FileResult, list[ArticleId]]:
    """One file. Problems with the file are results; problems with the library raise."""
    try:
        decoded = identify(path)
    except (KnownError, OSError) as exc:
        return FileResult(str(path), "failed", failure_message(path, exc)), []
    (reason,) = lookup([(decoded[2], decoded[3])])
    if reason is not None:
        return FileResult(str(path), "skipped", reason), []
    prepared = _prepare_or_fail(path, decoded, parser, analyse)
    if isinstance(prepared, FileResult):
        return prepared, []
    return _result(path, commit([prepared])[0])
