"""The analysis pass: entities and a MinHash signature per article.

:func:`analyse` is pure and runs where the article was segmented (the import workers,
whose jieba cache is warm); :func:`store` writes its result in the caller's
transaction. Articles that arrive another way (a re-parse, a merge) have no signature
row yet and are picked up by :func:`index_pending`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy import Connection, delete, select

from reader.analysis import signature as sig
from reader.store.analysis_models import ArticleEntity, ArticleSignature, SignatureBand
from reader.store.models import ArticleRow
from reader.text import entities as ent
from reader.text import segment


@dataclass(frozen=True)
class ArticleAnalysis:
    names: tuple[tuple[str, ent.Kind, int], ...]  # jieba's names before the user's dictionary
    signature: bytes


def _entity_text(title: str | None, body: str) -> str:
    return f"{title or ''}\n{body}"


# Full-width digits and letters as ASCII (３号线 and 3号线 are one word to a reader); the
# rest of the text is left as printed.
_FULL_WIDTH = str.maketrans(
    {c: chr(ord(c) - 0xFEE0) for c in map(chr, range(0xFF10, 0xFF5B)) if c.isalnum()}
)


def analyse(title: str | None, body: str) -> ArticleAnalysis:
    # Cut paragraph by paragraph as the parser did on this import, so that the pieces are
    # the ones jieba's cache already holds (an NFKC copy would miss the cache at every
    # full-width comma, and cutting again is most of this step's cost).
    words = [
        *segment.cut((title or "").translate(_FULL_WIDTH)),
        *segment.cut(body.translate(_FULL_WIDTH)),
    ]
    found = ent.candidates_of(words)
    return ArticleAnalysis(
        names=tuple((name, kind, n) for (name, kind), n in sorted(found.items())),
        signature=sig.signature_of(words),
    )


def dictionary(conn: Connection) -> ent.Dictionary:
    # Plain SQL: read once per imported file, where building the select cost more than
    # reading the (usually small) table.
    rows = conn.exec_driver_sql("SELECT name, kind, canonical FROM entity_names").all()
    return ent.Dictionary({r[0]: (ent.kind_of(r[1]), r[2]) for r in rows})


def entity_ids(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Ids of the (name, kind) entities, created as needed."""
    if not keys:
        return {}
    conn.exec_driver_sql("INSERT OR IGNORE INTO entities (name, kind) VALUES (?, ?)", list(keys))
    out: dict[tuple[str, str], int] = {}
    names = sorted({n for n, _ in keys})
    for i in range(0, len(names), 500):
        chunk = names[i : i + 500]
        rows = conn.exec_driver_sql(
            f"SELECT id, name, kind FROM entities WHERE name IN ({', '.join('?' * len(chunk))})",
            tuple(chunk),
        )
        for eid, name, kind in rows:
            out[(name, kind)] = int(eid)
    return {k: out[k] for k in keys}


Item = tuple[int, str | None, str, Sequence[tuple[str, ent.Kind, int]]]  # id, title, body, names


def store_entities(
    conn: Connection, items: Sequence[Item], dictionary_: ent.Dictionary, fresh: bool = False
) -> None:
    """Replace the entities of several articles at once (``fresh``: they have none yet)."""
    pattern = dictionary_.pattern()
    per_article: list[tuple[int, list[ent.Mention]]] = []
    for article_id, title, body, names in items:
        found: Counter[tuple[str, ent.Kind]] = Counter({(n, k): c for n, k, c in names})
        per_article.append(
            (article_id, ent.resolve(found, _entity_text(title, body), dictionary_, pattern))
        )
    if not fresh:
        conn.execute(
            delete(ArticleEntity).where(ArticleEntity.article_id.in_([i[0] for i in items]))
        )
    keys = sorted({(m.name, m.kind) for _, ms in per_article for m in ms})
    ids = entity_ids(conn, keys)
    rows = [(aid, ids[(m.name, m.kind)], m.count) for aid, ms in per_article for m in ms]
    if rows:  # plain driver calls: an import writes thousands of these rows per second
        conn.exec_driver_sql(
            "INSERT INTO article_entities (article_id, entity_id, mentions) VALUES (?, ?, ?)",
            rows,
        )


def store_many(
    conn: Connection,
    results: Sequence[tuple[int, str | None, str, ArticleAnalysis]],
    fresh: bool = True,
    bands: bool = True,
) -> None:
    """Write the entities, signatures and band keys of articles just analysed (caller
    holds the transaction; ``fresh``: new articles, nothing to replace). Without
    ``bands`` the band keys are left to :func:`write_bands`."""
    if not results:
        return
    store_entities(conn, [(a, t, b, r.names) for a, t, b, r in results], dictionary(conn), fresh)
    if not fresh:
        conn.execute(
            delete(ArticleSignature).where(
                ArticleSignature.article_id.in_([a for a, *_ in results])
            )
        )
    conn.exec_driver_sql(
        "INSERT INTO article_signatures (article_id, signature) VALUES (?, ?)",
        [(a, r.signature) for a, _, _, r in results],
    )
    if bands:
        _insert_bands(conn, [(a, r.signature) for a, _, _, r in results])
    else:
        _mark(conn, BANDS_FROM, min(a for a, *_ in results))


def _insert_bands(conn: Connection, signatures: Iterable[tuple[int, bytes]]) -> None:
    rows = [(k, a) for a, blob in signatures if not sig.is_empty(blob) for k in sig.band_keys(blob)]
    if rows:
        rows.sort()  # in key order the B-tree takes them leaf by leaf
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO signature_bands (key, article_id) VALUES (?, ?)", rows
        )


# An import leaves its articles' band keys to one transaction after its files: each key
# lands on a random leaf of signature_bands, so written file by file they made three
# quarters of every file's commit (220 pages of WAL for a 7 KB page), and more as the
# library grows. The files' transactions record the lowest article id still without
# bands; an import that stops before writing them (a crash) is caught up by the next
# catch-up (the window's indexer, an analysis command).
BANDS_FROM = "bands_from"
_MARK = (
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
    "value = CAST(min(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)"
)


def _mark(conn: Connection, key: str, first: int) -> None:
    """Note under ``key`` that articles from ``first`` on wait (the lowest such id kept)."""
    conn.exec_driver_sql(_MARK, (key, str(first)))


def _marked(conn: Connection, key: str) -> int | None:
    """The lowest article id noted under ``key`` as waiting, if any."""
    row = conn.exec_driver_sql("SELECT value FROM settings WHERE key = ?", (key,)).first()
    return None if row is None else int(row[0])


def _unmark(conn: Connection, key: str) -> None:
    conn.exec_driver_sql("DELETE FROM settings WHERE key = ?", (key,))


_BANDS_CHUNK = 5000


def bands_waiting(conn: Connection) -> bool:
    return _marked(conn, BANDS_FROM) is not None


def write_bands(conn: Connection) -> None:
    """Write the band keys an import left (caller holds the write transaction)."""
    first = _marked(conn, BANDS_FROM)
    if first is None:
        return
    after = first - 1
    while True:  # a few thousand articles at a time: all of them (0015) are millions of rows
        found = conn.exec_driver_sql(
            "SELECT article_id, signature FROM article_signatures WHERE article_id > ? "
            "ORDER BY article_id LIMIT ?",
            (after, _BANDS_CHUNK),
        ).all()
        if not found:
            break
        _insert_bands(conn, [(int(a), bytes(blob)) for a, blob in found])
        after = int(found[-1][0])
    _unmark(conn, BANDS_FROM)


def pending(conn: Connection) -> list[int]:
    """Articles without an analysis (imported before it existed, re-parsed, merged)."""
    q = (
        select(ArticleRow.id)
        .outerjoin(ArticleSignature, ArticleSignature.article_id == ArticleRow.id)
        .where(ArticleSignature.article_id.is_(None))
        .order_by(ArticleRow.id)
    )
    return [int(r[0]) for r in conn.execute(q)]


def index_articles(
    conn: Connection,
    ids: Sequence[int],
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Analyse and store the given articles; returns how many were indexed."""
    if not ids:
        return 0
    done = 0
    for i in range(0, len(ids), 200):
        chunk = ids[i : i + 200]
        rows = conn.execute(
            select(ArticleRow.id, ArticleRow.title, ArticleRow.text).where(ArticleRow.id.in_(chunk))
        ).all()
        store_many(conn, [(a, t, b, analyse(t, b)) for a, t, b in rows], fresh=False)
        done += len(rows)
        if progress is not None:
            progress(done, len(ids))
    return done


# An import stores its articles without the analysis, which is most of a page's cost after
# the parse: the articles are readable at once, and the entities, signatures and band keys
# catch up after the files (:func:`catch_up`: the CLI's import and analysis commands, the
# window's background indexer). Each file's transaction records the lowest article id
# still waiting, so a crash loses nothing that the next catch-up does not redo.
ANALYSIS_FROM = "analysis_from"
CATCH_UP_BATCH = 400  # articles per transaction, rounded up to whole files


def defer(conn: Connection, first: int) -> None:
    """Note that articles from ``first`` on wait for their analysis (caller's txn)."""
    _mark(conn, ANALYSIS_FROM, first)


def waiting_from(conn: Connection) -> int | None:
    """The lowest article id an import left without its analysis, if any."""
    return _marked(conn, ANALYSIS_FROM)


_WAITING = (
    "SELECT a.id, a.source_id FROM articles a WHERE a.id > ? AND NOT EXISTS "
    "(SELECT 1 FROM article_signatures s WHERE s.article_id = a.id) ORDER BY a.id"
)


def count_waiting(conn: Connection, start: int) -> int:
    sql = f"SELECT count(*) FROM ({_WAITING})"
    return int(conn.exec_driver_sql(sql, (start - 1,)).scalar_one())


def _next_files(conn: Connection, after: int, batch: int) -> list[list[int]]:
    """The next articles without an analysis after id ``after``, file by file: about
    ``batch`` of them, never a file cut in two (so entity ids are handed out in the
    order an import analysing file by file would hand them out)."""
    rows = conn.exec_driver_sql(f"{_WAITING} LIMIT ?", (after, batch)).all()
    files: list[list[int]] = []
    last: object = None
    for aid, source in rows:
        if source != last or not files:
            files.append([])
            last = source
        files[-1].append(int(aid))
    if len(rows) == batch and len(files) > 1:
        files.pop()  # the last file may go on: take it whole next time
    elif len(rows) == batch:  # one file longer than a batch: the rest of it too
        more = conn.exec_driver_sql(
            f"{_WAITING.replace('a.id > ?', 'a.id > ? AND a.source_id = ?')}",
            (files[0][-1], last),
        ).all()
        files[0] += [int(r[0]) for r in more]
    return files


def _analyse_file(conn: Connection, ids: list[int]) -> None:
    rows = conn.execute(
        select(ArticleRow.id, ArticleRow.title, ArticleRow.text)
        .where(ArticleRow.id.in_(ids))
        .order_by(ArticleRow.id)
    ).all()
    store_many(conn, [(a, t, b, analyse(t, b)) for a, t, b in rows], fresh=False)


def catch_up(
    read: Callable[[], AbstractContextManager[Connection]],
    write: Callable[[], AbstractContextManager[Connection]],
    *,
    everything: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """Analyse the articles an import left waiting (``everything``: every article not
    analysed, old ones too), a few hundred per transaction; returns how many."""
    with read() as conn:
        start = 0 if everything else waiting_from(conn)
        bands = bands_waiting(conn)
        if start is not None:
            total = count_waiting(conn, start)
    if start is None:
        if bands:  # an import that analysed with its parse left its band keys
            with write() as conn:
                write_bands(conn)
        return 0
    done, after = 0, start - 1
    while cancel is None or not cancel():
        with write() as conn:
            files = _next_files(conn, after, CATCH_UP_BATCH)
            for ids in files:
                _analyse_file(conn, ids)
            if not files:  # in the same transaction as the check: an import racing
                # this one sets the mark again after its own articles
                _unmark(conn, ANALYSIS_FROM)
                write_bands(conn)
                break
        after = files[-1][-1]
        done += sum(map(len, files))
        if progress is not None:
            progress(min(done, total), max(total, done))
    return done


def forget_bands_of_deleted(conn: Connection) -> None:
    """Drop band rows whose article is gone (they are ignored anyway; this saves space)."""
    conn.execute(
        delete(SignatureBand).where(
            SignatureBand.article_id.not_in(select(ArticleSignature.article_id))
        )
    )
