"""Building the search index for the articles an import queued, in batches.

Each batch is indexed and taken off the queue in one transaction, so the window and
other writers wait at most one batch, and a crash loses at most the batch it was
writing (it stays queued and is redone). A long queue is tokenized in worker
processes (normalisation, jieba words and bigrams are Python work) while this process
writes the batches in order.

After a run that indexed a good part of the library (a first import, a rebuild) the
index is compacted (:func:`compact`): FTS5 leaves it in a dozen segments that repeat
each bigram's key and list headers, and merging them into one makes it about a tenth
smaller; the pages freed go back to the file system where the library allows it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import AbstractContextManager

from sqlalchemy import Connection, text

from reader.store import search
from reader.store import workers as mp
from reader.store.unit import Unit

ConnectionFactory = Callable[[], AbstractContextManager[Connection]]
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

PARALLEL_FROM = 4000  # articles; below this, starting workers costs more than it saves
MAX_WORKERS = 4
# Compact after a run that indexed at least this many articles and a quarter of the
# library: a daily import leaves merging to FTS5, and an article's postings are merged
# again only as often as the library grows by a quarter.
COMPACT_FROM = 500
COMPACT_SHARE = 4
MERGE_PAGES = 2000  # leaf pages merged per transaction (8 MB: well under a second)
VACUUM_PAGES = 20_000  # free pages handed back per transaction
INCREMENTAL = 2  # PRAGMA auto_vacuum's value for incremental


def default_workers(waiting: int) -> int:
    if waiting < PARALLEL_FROM:
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def build(
    read: ConnectionFactory,
    write: ConnectionFactory,
    cut: search.Cut,
    fingerprint: str,
    *,
    batch: int,
    workers: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Index every waiting article; returns how many were indexed."""
    with read() as conn:
        total = search.pending(conn)
    if not total:
        return 0
    if workers is None:
        workers = default_workers(total)
    done = 0

    def commit(values: list[dict[str, object]]) -> None:
        nonlocal done
        with write() as conn:
            n = search.insert_waiting(conn, values)
            if n:
                search.note_tokenizer_used(conn, fingerprint)
        done += len(values)
        if progress is not None:
            progress(min(done, total), total)

    def cancelled() -> bool:
        return cancel is not None and cancel()

    if workers <= 1:
        _serial(read, cut, batch, commit, cancelled)
    else:
        _parallel(read, workers, batch, commit, cancelled)
    if not cancelled() and worth_compacting(read, done):
        compact(write, cancelled)
    return done


def _serial(
    read: ConnectionFactory,
    cut: search.Cut,
    batch: int,
    commit: Callable[[list[dict[str, object]]], None],
    cancelled: Cancel,
) -> None:
    after = 0
    while not cancelled():
        with read() as conn:
            rows = search.waiting_rows(conn, after, batch)
        if not rows:
            break
        after = rows[-1][0]
        commit(search.tokens_of(rows, cut))


def _parallel(
    read: ConnectionFactory,
    workers: int,
    batch: int,
    commit: Callable[[list[dict[str, object]]], None],
    cancelled: Cancel,
) -> None:
    after = 0
    with mp.pool(workers) as pool:
        inflight: deque[Future[list[dict[str, object]]]] = deque()
        try:
            while True:
                while len(inflight) < workers * 2 and not cancelled():
                    with read() as conn:
                        rows = search.waiting_rows(conn, after, batch)
                    if not rows:
                        break
                    after = rows[-1][0]
                    inflight.append(pool.submit(_tokens_in_worker, rows))
                if not inflight or cancelled():
                    break
                commit(inflight.popleft().result())
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def worth_compacting(read: ConnectionFactory, indexed: int) -> bool:
    if indexed < COMPACT_FROM:
        return False
    with read() as conn:
        articles = int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    return indexed * COMPACT_SHARE >= articles


def compact(write: ConnectionFactory, cancel: Cancel | None = None) -> None:
    """Merge the article index into one segment, a bounded step per transaction (a crash
    or ``cancel`` between steps leaves a valid index, merged in part), then hand the
    freed pages back to the file system (a library made with incremental auto-vacuum,
    see :mod:`reader.store.database`; in an older one they are reused as it grows)."""
    merge = text("INSERT INTO search_articles (search_articles, rank) VALUES ('merge', :pages)")
    while cancel is None or not cancel():
        with write() as conn:
            before = _total_changes(conn)
            # Negative: every segment takes part, whatever its level (FTS5's 'merge').
            conn.execute(merge, {"pages": -MERGE_PAGES})
            worked = _total_changes(conn) - before >= 2  # fewer: nothing left to merge
        if not worked:
            break
    while cancel is None or not cancel():
        with write() as conn:
            if conn.exec_driver_sql("PRAGMA auto_vacuum").scalar_one() != INCREMENTAL:
                return
            free = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar_one())
            # One page per statement: the pragma's zero-column result rows end the
            # driver's stepping after the first.
            for _ in range(min(free, VACUUM_PAGES)):
                conn.exec_driver_sql("PRAGMA incremental_vacuum(1)")
        if free <= VACUUM_PAGES:
            return


def _total_changes(conn: Connection) -> int:
    raw = conn.connection.dbapi_connection
    assert raw is not None
    return int(raw.total_changes)


def _tokens_in_worker(rows: list[tuple[int, str | None, str]]) -> list[dict[str, object]]:
    return search.tokens_of(rows, search.default_cut())


def on_open(tx: Unit) -> str:
    """What the index's bookkeeping needs as the library opens: "" (nothing),
    "requeue" (another tokenizer built it), "record" (a new library: note the tokenizer
    without loading jieba) or "rebuild" (an old library that never had one). In a
    write transaction the first two are done here."""
    conn = tx.conn
    stored = search.stored_fingerprint(conn)
    empty = conn.execute(text("SELECT NOT EXISTS (SELECT 1 FROM articles)")).scalar_one()
    current = search.tokenizer_fingerprint()
    if stored is not None:
        if stored == current or empty:
            return ""
        # Start again through the queue, so the library opens at once and the indexer
        # rebuilds it in the background.
        if tx.writable:
            search.requeue_all(conn, tx.cut, current)
        return "requeue"
    if not empty:
        return "rebuild"
    if tx.writable:
        search.set_fingerprint(conn, current)
    return "record"
