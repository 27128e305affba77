"""Tag suggestions for an article, with document frequencies learned from the library.

The library's document frequencies come from the search index itself: an ``fts5vocab``
table over ``search_articles`` (created in the connection's ``temp`` schema, so the
library file's schema is untouched) counts, per token, the articles whose title, body
words or bigrams hold it. The index is updated by every import, edit and removal, so
the frequencies are always current and cost nothing to keep.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select, text

from reader.store import searchtext
from reader.store.ids import ArticleId
from reader.store.models import ArticleRow, ArticleTag, TagRow
from reader.store.naming import tag_key
from reader.store.unit import Unit

if TYPE_CHECKING:
    from reader.text.keywords import Suggestion

VOCAB = "temp.pizhu_search_vocab"
CHUNK = 400


def token(word: str) -> str:
    """The index token a word is stored as."""
    return searchtext.fts_safe(searchtext.normalize(word))


def doc_freq(conn: Connection, words: Iterable[str]) -> dict[str, int]:
    """For each word, how many articles of the library contain it (0 if none)."""
    conn.execute(
        text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB} "
            "USING fts5vocab(main, search_articles, row)"
        )
    )
    by_token: dict[str, list[str]] = {}
    for w in words:
        by_token.setdefault(token(w), []).append(w)
    tokens = [t for t in by_token if t]
    out = {w: 0 for ws in by_token.values() for w in ws}
    for i in range(0, len(tokens), CHUNK):
        chunk = tokens[i : i + CHUNK]
        marks = ", ".join(f":t{j}" for j in range(len(chunk)))
        rows = conn.execute(
            text(f"SELECT term, doc FROM {VOCAB} WHERE term IN ({marks})"),
            {f"t{j}": t for j, t in enumerate(chunk)},
        )
        for term, docs in rows:
            for w in by_token.get(term, ()):
                out[w] = int(docs)
    return out


def for_article(tx: Unit, aid: ArticleId, limit: int = 12) -> list[Suggestion]:
    from reader.text.keywords import BlendedIdf, entities, keywords, suggest

    conn = tx.conn
    row = conn.execute(select(ArticleRow.title, ArticleRow.text).where(ArticleRow.id == aid)).one()
    title, body = row.title or "", row.text
    n_docs = int(conn.execute(select(func.count()).select_from(ArticleRow)).scalar_one())
    have = {
        tag_key(n)
        for n in conn.execute(
            select(TagRow.name)
            .join(ArticleTag, ArticleTag.tag_id == TagRow.id)
            .where(ArticleTag.article_id == aid)
        ).scalars()
    }
    words = {w for w, _ in keywords(title, body)}
    words.update(w for w, _kind in entities(f"{title}\n{body}"))
    df = doc_freq(conn, words)
    return suggest(
        title,
        body,
        idf=BlendedIdf(df, n_docs),
        exclude=lambda w: tag_key(w) in have,
        limit=limit,
    )
