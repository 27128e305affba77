"""Scores for a window of candidate hits: Okapi BM25 computed here, not by FTS5.

FTS5's ``bm25()`` first counts every article containing each phrase of the query (its
IDF) before it scores a single row; for a word in most of the archive (本报讯, 记者,
38.97亿元) that pass over the whole index was most of a search's time, growing with
the library. Here the work is bounded by the window of candidates ranked
(:mod:`reader.store.queries`):

* a term's frequency and the article's length come from the candidate's own text,
  NFKC-normalized and case-folded as the index's text is (the terms hold no spaces,
  so the index's folding of whitespace changes no count);
* a one-term query needs no IDF: it scales every candidate's score alike;
* with several terms, each term's document frequency is counted among the newest
  ``SAMPLE`` articles and scaled to the library, so the weights follow recent usage.

The formula and constants are FTS5's (k1 1.2, b 0.75, an IDF at or below zero taken as
1e-6, the score negated: lower is better), with the window's mean length for the
library's.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence

from sqlalchemy import Connection

from reader.store import searchtext

K1 = 1.2
B = 0.75
SAMPLE = 2000  # newest articles a term's document frequency is counted among


def folded(title: str | None, body: str) -> str:
    """The article's text as the terms are compared with it (see module docstring)."""
    return unicodedata.normalize("NFKC", f"{title or ''} {body}").casefold()


def idf(conn: Connection, terms: Sequence[str]) -> dict[str, float]:
    """Each term's inverse document frequency (all 1.0 for a single term)."""
    if len(terms) < 2:
        return dict.fromkeys(terms, 1.0)
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        top = cursor.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
        total = cursor.execute("SELECT count(*) FROM articles WHERE id > ?", (top - SAMPLE,))
        n_sample = max(1, int(total.fetchone()[0]))
        out: dict[str, float] = {}
        for term in terms:
            found = cursor.execute(
                "SELECT count(*) FROM search_articles WHERE search_articles MATCH ? AND rowid > ?",
                (f"grams : {searchtext.term_phrase(term)}", top - SAMPLE),
            ).fetchone()[0]
            share = int(found) / n_sample
            value = math.log((1 - share + 0.5 / n_sample) / (share + 0.5 / n_sample))
            out[term] = value if value > 0 else 1e-6
        return out
    finally:
        cursor.close()


def scores(texts: Mapping[int, str], weights: Mapping[str, float]) -> dict[int, float]:
    """BM25 of each folded text (``folded``) for the weighted terms; lower is better."""
    if not texts:
        return {}
    mean = sum(len(t) for t in texts.values()) / len(texts) or 1.0
    out: dict[int, float] = {}
    for article_id, text in texts.items():
        norm = K1 * (1 - B + B * len(text) / mean)
        total = 0.0
        for term, weight in weights.items():
            f = text.count(term)
            if f:
                total += weight * f * (K1 + 1) / (f + norm)
        out[article_id] = -total
    return out
