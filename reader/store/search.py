"""The search index: two FTS5 tables fed with pre-tokenized text (see searchtext.py).

``search_articles`` (contentless, rowid = article id) holds, per article, the jieba
search-mode tokens of the title and of the body, and the character bigrams of both.
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
from reader.store import searchtext
from reader.store.ids import ArticleId
from reader.text.segment import USER_DICT

Cut = Callable[[str], Iterable[str]]
TOKENIZER_KEY = "search.tokenizer"
# bm25 column weights: title words, body words, bigrams.
ARTICLE_WEIGHTS = (10.0, 2.0, 1.0)
NOTES_WEIGHTS = (2.0, 1.0)


def _search_words(text: str) -> Iterable[str]:
    from reader.text.segment import cut_for_search

    # No HMM guessing of unknown words: the words only rank (bigrams give recall), and
    # HMM costs a third of jieba's time. A paragraph the parser has already segmented
    # comes from the tokenizer's cache instead of a second jieba pass.
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
    """The three column values of one article's row in ``search_articles``."""

    title: str
    body: str
    grams: str


def article_tokens(title: str | None, body: str, cut: Cut) -> ArticleTokens:
    t = searchtext.normalize(title or "")
    b = searchtext.normalize(body)
    both = f"{t} {b}" if t and b else t or b
    return ArticleTokens(
        searchtext.words(title or "", cut), searchtext.words(body, cut), searchtext.grams(both)
    )


_INSERT_ARTICLE = text(
    "INSERT INTO search_articles (rowid, title, body, grams) VALUES (:id, :title, :body, :grams)"
)
_DELETE_ARTICLE = text(
    "INSERT INTO search_articles (search_articles, rowid, title, body, grams) "
    "VALUES ('delete', :id, :title, :body, :grams)"
)


def insert_article(conn: Connection, article_id: int, tokens: ArticleTokens) -> None:
    conn.execute(
        _INSERT_ARTICLE,
        {"id": article_id, "title": tokens.title, "body": tokens.body, "grams": tokens.grams},
    )


def delete_article(
    conn: Connection, article_id: int, title: str | None, body: str, cut: Cut
) -> None:
    """Remove an article's row; the caller made sure the index tokenizer is current."""
    tokens = article_tokens(title, body, cut)
    conn.execute(
        _DELETE_ARTICLE,
        {"id": article_id, "title": tokens.title, "body": tokens.body, "grams": tokens.grams},
    )
    conn.execute(text("DELETE FROM search_notes WHERE rowid = :id"), {"id": article_id})
    # Its entities and MinHash signature describe the old text: the next analysis pass
    # (reader.analysis, which finds articles without a signature) redoes them.
    conn.execute(text("DELETE FROM article_signatures WHERE article_id = :id"), {"id": article_id})
    conn.execute(text("DELETE FROM article_entities WHERE article_id = :id"), {"id": article_id})


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
    rows = conn.execute(text("SELECT id, title, text FROM articles ORDER BY id")).fetchall()
    total = len(rows)
    for done, (article_id, title, body) in enumerate(rows, 1):
        insert_article(conn, article_id, article_tokens(title, body, cut))
        if progress is not None and done % 100 == 0:
            progress(done, total)
    noted = conn.execute(
        text(
            "SELECT article_id FROM article_notes UNION "
            "SELECT article_id FROM highlights WHERE NOT deleted AND note != ''"
        )
    ).fetchall()
    for (article_id,) in noted:
        reindex_notes(conn, article_id, cut)
    set_fingerprint(conn, fingerprint)
    if progress is not None:
        progress(total, total)
    return total


# --- queries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    article_id: ArticleId
    score: float  # lower is better (bm25)


def _notes_only_matches(
    conn: Connection, terms: Sequence[str], found: set[ArticleId], limit: int
) -> list[Match]:
    """Articles that match only thanks to their notes (every term in title, body or notes)."""
    any_term = " OR ".join(f"(grams : {searchtext.term_phrase(t)})" for t in terms)
    w_words, w_grams = NOTES_WEIGHTS
    rows = conn.execute(
        text(
            f"SELECT rowid, bm25(search_notes, {w_words}, {w_grams}) FROM search_notes "
            "WHERE search_notes MATCH :q"
        ),
        {"q": any_term},
    ).fetchall()
    out: list[Match] = []
    for article_id, score in rows:
        if article_id in found:
            continue
        row = conn.execute(
            text("SELECT title, text FROM articles WHERE id = :id"), {"id": article_id}
        ).one_or_none()
        if row is None:
            continue
        haystacks = (
            searchtext.normalize(f"{row[0] or ''}\n{row[1]}"),
            searchtext.normalize(notes_text(conn, article_id)),
        )
        if all(any(t in h for h in haystacks) for t in terms):
            out.append(Match(ArticleId(article_id), float(score)))
    out.sort(key=lambda m: (m.score, m.article_id))
    return out[:limit]


def query(
    conn: Connection, q: str, limit: int, cut: Cut | None
) -> tuple[list[Match], tuple[str, ...]]:
    """Ranked matches for ``q`` and its normalized terms; any text is a valid query."""
    built = searchtext.build_query(q, cut)
    if built is None or limit <= 0:
        return [], ()
    w_title, w_body, w_grams = ARTICLE_WEIGHTS
    rows = conn.execute(
        text(
            f"SELECT rowid, bm25(search_articles, {w_title}, {w_body}, {w_grams}) AS score "
            "FROM search_articles WHERE search_articles MATCH :q "
            "ORDER BY score, rowid LIMIT :n"
        ),
        {"q": built.ranked, "n": limit},
    ).fetchall()
    matches = [Match(ArticleId(r[0]), float(r[1])) for r in rows]
    found = {m.article_id for m in matches}
    extra = _notes_only_matches(conn, built.terms, found, limit)
    if extra:
        matches = sorted([*matches, *extra], key=lambda m: (m.score, m.article_id))[:limit]
    return matches, built.terms


def count(conn: Connection, q: str) -> int:
    """How many articles match ``q`` in their title and body (notes not counted)."""
    built = searchtext.build_query(q, None)
    if built is None:
        return 0
    return int(
        conn.execute(
            text("SELECT count(*) FROM search_articles WHERE search_articles MATCH :q"),
            {"q": built.match},
        ).scalar_one()
    )
