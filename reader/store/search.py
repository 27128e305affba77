"""The search index: two FTS5 tables fed with pre-tokenized text (see searchtext.py).

``search_articles`` (contentless, rowid = article id) holds, per article, the
character bigrams of title and body and the jieba search-mode tokens of the title (the
body's words were dropped in scheme 4: they only ranked, bm25 over the bigram phrase
ranks the body as well, and they were a third of the index and of its build time). The
bigrams are the first column (migration 0014): FTS5 writes a column's number into every
position list but the first's, two bytes per article and bigram, a quarter of the index.
``search_notes`` (rowid = article id) holds the article's note and its highlights'
notes. A query matches an article when every term occurs in its title, body or notes,
exactly as ``normalize(term) in normalize(text)`` would say; jieba words only rank.

A contentless FTS5 row can only be deleted by replaying the tokens it was built from.
The bigrams are a pure function of the text; the jieba words depend on the dictionary,
so the library records which tokenizer built its index (``settings``) and rebuilds the
index before a delete when that tokenizer has changed.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, text

from reader.paths import resources_dir
from reader.store import pagetext, searchtext
from reader.text.segment import USER_DICT

Cut = Callable[[str], Iterable[str]]
TOKENIZER_KEY = "search.tokenizer"
NOTES_WEIGHTS = (2.0, 1.0)


def _search_words(text: str) -> Iterable[str]:
    from reader.text.segment import cut_for_search

    # No HMM guessing of unknown words: the words only rank (bigrams give recall), and
    # HMM costs a third of jieba's time.
    return cut_for_search(text)


def default_cut() -> Cut:
    return _search_words


@functools.cache
def tokenizer_fingerprint() -> str:
    """Names the tokens the index is built from: scheme, jieba version and dictionaries."""
    parts = [f"scheme={searchtext.SCHEME_VERSION}"]
    try:
        parts.append(f"jieba={importlib.metadata.version('jieba')}")
    except importlib.metadata.PackageNotFoundError:
        parts.append("jieba=?")
    spec = importlib.util.find_spec("jieba")
    if spec is not None and spec.origin:
        main_dict = Path(spec.origin).parent / "dict.txt"
        if main_dict.is_file():
            parts.append(f"dict={main_dict.stat().st_size}")
    user = resources_dir() / USER_DICT
    if user.is_file():
        parts.append("user=" + hashlib.sha256(user.read_bytes()).hexdigest()[:16])
    return ";".join(parts)


@dataclass(frozen=True)
class ArticleTokens:
    """The column values of one article's row in ``search_articles``."""

    title: str
    grams: str


def article_tokens(title: str | None, body: str, cut: Cut) -> ArticleTokens:
    t = searchtext.normalize(title or "")
    b = searchtext.normalize(body)
    both = f"{t} {b}" if t and b else t or b
    return ArticleTokens(searchtext.words(title or "", cut), searchtext.grams(both))


_INSERT_ARTICLE = text(
    "INSERT INTO search_articles (rowid, grams, title) VALUES (:id, :grams, :title)"
)
_DELETE_ARTICLE = text(
    "INSERT INTO search_articles (search_articles, rowid, grams, title) "
    "VALUES ('delete', :id, :grams, :title)"
)


def insert_article(conn: Connection, article_id: int, tokens: ArticleTokens) -> None:
    conn.execute(
        _INSERT_ARTICLE,
        {"id": article_id, "title": tokens.title, "grams": tokens.grams},
    )


def delete_article(
    conn: Connection, article_id: int, title: str | None, body: str, cut: Cut
) -> None:
    """Remove an article's row; the caller made sure the index tokenizer is current.

    An article still waiting for the indexer has no row to replay: it leaves the queue."""
    waiting = conn.execute(_DEQUEUE, {"id": article_id}).rowcount
    if not waiting:
        tokens = article_tokens(title, body, cut)
        conn.execute(
            _DELETE_ARTICLE,
            {"id": article_id, "title": tokens.title, "grams": tokens.grams},
        )
    conn.execute(text("DELETE FROM search_notes WHERE rowid = :id"), {"id": article_id})
    # Its entities and MinHash signature describe the old text: the next analysis pass
    # (reader.analysis, which finds articles without a signature) redoes them.
    conn.execute(text("DELETE FROM article_signatures WHERE article_id = :id"), {"id": article_id})
    conn.execute(text("DELETE FROM article_entities WHERE article_id = :id"), {"id": article_id})


# --- the queue of articles waiting for the index (see db/versions/0006) ---------------------

_DEQUEUE = text("DELETE FROM search_pending WHERE article_id = :id")


def enqueue(conn: Connection, article_ids: Sequence[int]) -> None:
    """Mark stored articles as waiting for the index (the import's part: no tokens)."""
    if article_ids:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO search_pending (article_id) VALUES (?)",
            [(i,) for i in article_ids],
        )


def pending(conn: Connection) -> int:
    """How many articles the index does not cover yet."""
    return int(conn.execute(text("SELECT count(*) FROM search_pending")).scalar_one())


def waiting_rows(conn: Connection, after: int, limit: int) -> list[tuple[int, str | None, str]]:
    """(id, title, text) of up to ``limit`` waiting articles with ids above ``after``."""
    rows = conn.execute(
        text(
            "SELECT p.article_id, a.title, a.text FROM search_pending p "
            "JOIN articles a ON a.id = p.article_id WHERE p.article_id > :after "
            "ORDER BY p.article_id LIMIT :n"
        ),
        {"after": after, "n": limit},
    )
    return [(int(r[0]), r[1], pagetext.decode(r[2])) for r in rows]


def tokens_of(rows: Sequence[tuple[int, str | None, str]], cut: Cut) -> list[dict[str, object]]:
    """The index rows of (id, title, text) rows (pure: runs in worker processes too)."""
    out: list[dict[str, object]] = []
    for article_id, title, body in rows:
        tokens = article_tokens(title, body, cut)
        out.append({"id": article_id, "title": tokens.title, "grams": tokens.grams})
    return out


def insert_waiting(conn: Connection, values: Sequence[dict[str, object]]) -> int:
    """Index the rows :func:`tokens_of` made and take them off the queue (the caller's
    transaction). Articles that left the queue meanwhile (deleted, or edited and
    indexed by the edit) are skipped. Returns how many were indexed."""
    if not values:
        return 0
    ids = [int(str(v["id"])) for v in values]
    marks = ",".join("?" * len(ids))
    still = {
        r[0]
        for r in conn.exec_driver_sql(
            f"SELECT article_id FROM search_pending WHERE article_id IN ({marks})", tuple(ids)
        )
    }
    keep = [v for v, i in zip(values, ids, strict=True) if i in still]
    if keep:
        conn.execute(_INSERT_ARTICLE, keep)
        conn.execute(_DEQUEUE, [{"id": v["id"]} for v in keep])
    return len(keep)


def title_and_text(conn: Connection, article_id: int) -> tuple[str | None, str] | None:
    """An article's title and (decoded) text as the index reads them; None if it is gone."""
    row = conn.execute(
        text("SELECT title, text FROM articles WHERE id = :id"), {"id": article_id}
    ).first()
    return None if row is None else (row[0], pagetext.decode(row[1]))


def notes_text(conn: Connection, article_id: int) -> str:
    """Everything a user wrote about an article: its note and its live highlights' notes."""
    parts = [
        r[0]
        for r in conn.execute(
            text("SELECT text FROM article_notes WHERE article_id = :id"), {"id": article_id}
        )
    ]
    parts += [
        r[0]
        for r in conn.execute(
            text(
                "SELECT note FROM highlights WHERE article_id = :id AND NOT deleted "
                "AND note != '' ORDER BY start, id"
            ),
            {"id": article_id},
        )
    ]
    return "\n\n".join(p for p in parts if p)


def reindex_notes(conn: Connection, article_id: int, cut: Cut) -> None:
    conn.execute(text("DELETE FROM search_notes WHERE rowid = :id"), {"id": article_id})
    notes = notes_text(conn, article_id)
    norm = searchtext.normalize(notes)
    if norm:
        conn.execute(
            text("INSERT INTO search_notes (rowid, words, grams) VALUES (:id, :w, :g)"),
            {"id": article_id, "w": searchtext.words(notes, cut), "g": searchtext.grams(norm)},
        )


def requeue_all(conn: Connection, cut: Cut, fingerprint: str) -> int:
    """Empty the article index and queue every article for the indexer (after the
    tokenizer changed: the window stays usable while it catches up); the notes index
    is small and rebuilt here. Returns how many articles were queued."""
    conn.execute(text("INSERT INTO search_articles (search_articles) VALUES ('delete-all')"))
    conn.execute(text("DELETE FROM search_pending"))
    queued = conn.execute(
        text("INSERT INTO search_pending (article_id) SELECT id FROM articles")
    ).rowcount
    conn.execute(text("DELETE FROM search_notes"))
    for (article_id,) in conn.execute(text(_NOTED)).fetchall():
        reindex_notes(conn, article_id, cut)
    set_fingerprint(conn, fingerprint)
    return int(queued)


_NOTED = (
    "SELECT article_id FROM article_notes UNION "
    "SELECT article_id FROM highlights WHERE NOT deleted AND note != ''"
)


def stored_fingerprint(conn: Connection) -> str | None:
    row = conn.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": TOKENIZER_KEY})
    value = row.scalar()
    return None if value is None else str(value)


def set_fingerprint(conn: Connection, value: str) -> None:
    conn.execute(
        text(
            "INSERT INTO settings (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"k": TOKENIZER_KEY, "v": value},
    )


def note_tokenizer_used(conn: Connection, fingerprint: str) -> None:
    """Record that rows were just built with ``fingerprint`` (marks a mixed index stale)."""
    stored = stored_fingerprint(conn)
    if stored != fingerprint:
        set_fingerprint(conn, "mixed" if stored else fingerprint)


def rebuild(
    conn: Connection,
    cut: Cut,
    fingerprint: str,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Rebuild both indexes from the articles and notes; returns the number of articles."""
    conn.execute(text("INSERT INTO search_articles (search_articles) VALUES ('delete-all')"))
    conn.execute(text("DELETE FROM search_notes"))
    conn.execute(text("DELETE FROM search_pending"))
    rows = conn.execute(text("SELECT id, title, text FROM articles ORDER BY id")).fetchall()
    total = len(rows)
    for done, (article_id, title, body) in enumerate(rows, 1):
        insert_article(conn, article_id, article_tokens(title, pagetext.decode(body), cut))
        if progress is not None and done % 100 == 0:
            progress(done, total)
    noted = conn.execute(text(_NOTED)).fetchall()
    for (article_id,) in noted:
        reindex_notes(conn, article_id, cut)
    set_fingerprint(conn, fingerprint)
    if progress is not None:
        progress(total, total)
    return total
