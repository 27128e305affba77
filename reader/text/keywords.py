"""Tag suggestions: an article's keywords and the places, people and organisations it names.

Keywords are TF-IDF over jieba's precise-mode content words (see
:func:`reader.text.topics.content_words`). The IDF blends the user's own library (its
document frequencies, passed in by the caller, e.g. from the search index) with jieba's
general IDF list: a small library says little, so its weight grows with its size
(``n_docs / (n_docs + PRIOR_DOCS)``), and a word the library has never seen keeps jieba's
IDF. Names come from ``jieba.posseg`` with Pizhu's user dictionary (``ns`` places,
``nr`` people, ``nt`` organisations).

Pure Python, no Qt, no database; the first call loads jieba (about a second), so the
GUI calls :func:`suggest` in a worker.
"""

from __future__ import annotations

import math
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from reader.text.segment import tokenizer, word_freq
from reader.text.topics import STOPWORDS, _idf_table, content_words

Kind = Literal["keyword", "place", "person", "organization"]
ENTITY_FLAGS: dict[str, Kind] = {
    "ns": "place",
    "nsf": "place",
    "nr": "person",
    "nrfg": "person",
    "nrt": "person",
    "nt": "organization",
}
PRIOR_DOCS = 200  # library documents before its IDF counts as much as jieba's
TITLE_WEIGHT = 3  # a word in the title counts as this many in the body

_lock = threading.Lock()  # making the tokenizer
_cut_lock = threading.Lock()  # using it
_pos: Any = None


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: Kind
    score: float  # comparable across kinds; higher first

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "kind": self.kind, "score": round(self.score, 4)}


class BlendedIdf:
    """IDF from the library's document frequencies, blended with jieba's."""

    def __init__(self, doc_freq: Mapping[str, int] | None = None, n_docs: int = 0) -> None:
        self.doc_freq = doc_freq or {}
        self.n_docs = n_docs
        self.weight = n_docs / (n_docs + PRIOR_DOCS) if n_docs > 0 else 0.0
        table = _idf_table()
        values = sorted(table.values())
        self._jieba = table
        self._median = values[len(values) // 2] if values else 10.0

    def jieba_idf(self, word: str) -> float:
        return self._jieba.get(word, self._median)

    def library_idf(self, word: str) -> float | None:
        df = self.doc_freq.get(word, 0)
        if self.n_docs <= 0 or df <= 0:
            return None
        return math.log((self.n_docs + 1) / (df + 1)) + 1.0

    def __call__(self, word: str) -> float:
        general = self.jieba_idf(word)
        mine = self.library_idf(word)
        if mine is None:
            return general
        return self.weight * mine + (1.0 - self.weight) * general


def keywords(title: str, text: str, idf: BlendedIdf | None = None) -> list[tuple[str, float]]:
    """Content words of the article with their TF-IDF weight, best first."""
    idf = idf or BlendedIdf()
    words = Counter[str]()
    for w, n in content_words(title).items():
        words[w] += n * TITLE_WEIGHT
    words.update(content_words(text))
    scored = [(w, (1.0 + math.log(n)) * idf(w)) for w, n in words.items()]
    scored.sort(key=lambda p: (-p[1], p[0]))
    return scored


def pos_tokenizer() -> Any:
    """A ``jieba.posseg.POSTokenizer`` over the shared tokenizer (user dictionary included)."""
    global _pos
    if _pos is None:
        with _lock:
            if _pos is None:
                import jieba.posseg

                _pos = jieba.posseg.POSTokenizer(tokenizer())
    return _pos


def entities(text: str) -> Counter[tuple[str, Kind]]:
    """Named places, people and organisations of ``text``, with how often they occur."""
    found = Counter[tuple[str, Kind]]()
    pos = pos_tokenizer()
    with _cut_lock:  # posseg keeps state while it merges the user dictionary's tags
        pairs = list(pos.cut(text))
    for pair in pairs:
        word, flag = pair.word, pair.flag
        kind = ENTITY_FLAGS.get(flag)
        if kind is None or len(word.strip()) < 2 or word in STOPWORDS:
            continue
        found[(word, kind)] += 1
    return found


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def suggest(
    title: str,
    text: str,
    *,
    idf: BlendedIdf | None = None,
    exclude: Callable[[str], bool] | None = None,
    limit: int = 12,
) -> list[Suggestion]:
    """Ranked tag suggestions: names first when they recur, then keywords.

    ``exclude(word)`` drops words already used as the article's tags.
    """
    idf = idf or BlendedIdf()
    ranked = keywords(title, text, idf)
    top = ranked[0][1] if ranked else 1.0
    out: dict[str, Suggestion] = {}
    for (word, kind), n in entities(f"{title}\n{text}").items():
        # A name met once may be a guess of jieba's HMM (高峰, 文明); recurring names and
        # dictionary names rank with the best keywords.
        weight = min(1.0, idf(word) / max(top, 1e-9))
        known = word_freq(word) > 0 and kind != "person"
        score = 0.6 + 0.1 * min(n, 4) + 0.2 * weight if n >= 2 or known else 0.5 * weight
        key = _fold(word)
        if key not in out or out[key].score < score:
            out[key] = Suggestion(word, kind, score)
    for word, weight in ranked[: limit * 3]:
        key = _fold(word)
        if key in out:
            continue
        out[key] = Suggestion(word, "keyword", weight / top)
    results = [s for s in out.values() if exclude is None or not exclude(s.text)]
    results.sort(key=lambda s: (-s.score, s.text))
    return results[:limit]
