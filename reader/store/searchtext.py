"""What the search index sees, and how a query is turned into an FTS5 expression.

Pure functions, no database. Both sides, the indexed text and the query, go through
the same :func:`normalize`, so "contains the query" has one meaning everywhere:
``normalize(query_term) in normalize(text)``.

The index has two kinds of tokens (see :mod:`reader.store.search`):

* **grams**: every pair of adjacent characters of the normalized text, spaces and
  punctuation included, with one end marker. A term of n ≥ 2 characters is the FTS5
  phrase of its n-1 bigrams, and a phrase only matches at consecutive positions, so
  the match is *exactly* "the term is a substring": sub-words (和浩 in 呼和浩特),
  numbers, Latin (PM2.5), punctuation. A one-character term is a prefix query.
* **words**: jieba search-mode tokens of titles (and notes), for ranking: a title where
  the query is a word ranks above one where it straddles two words.

FTS5 reads the tokens with its ``ascii`` tokenizer, which splits only at ASCII
non-alphanumerics and keeps every other character. Those ASCII characters are mapped
to their full-width forms (and the space to U+3000), which NFKC text never contains,
so every token reaches the index whole and unambiguous, and no user text can form FTS5
syntax: a query is only ever double-quoted tokens without a double quote inside.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# Bump when the token scheme changes: the search index is then rebuilt.
SCHEME_VERSION = 4

_SEPARATORS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")

# ASCII non-alphanumerics → full-width forms (U+FF01…U+FF5E); space → ideographic space.
_TOKEN_SAFE = {c: c + 0xFEE0 for c in range(0x21, 0x7F) if not chr(c).isalnum()}
_TOKEN_SAFE[0x20] = 0x3000
END = "\u3000"  # after the last character, so every character starts one bigram


def normalize(text: str) -> str:
    """NFKC, case-folded, whitespace and invisible characters folded to single spaces."""
    s = unicodedata.normalize("NFKC", text).casefold()
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)  # case folding can leave non-NFKC text
        s = _SURROGATES.sub("\ufffd", s)  # lone surrogates (from argv) cannot be stored
        s = _INVISIBLE.sub("", s)  # zero-width spaces and joiners, soft hyphens
    return _SEPARATORS.sub(" ", s).strip(" ")


def terms(query: str) -> list[str]:
    """The query's terms: normalized, split at whitespace, duplicates dropped."""
    seen: dict[str, None] = {}
    for term in normalize(query).split(" "):
        if term:
            seen.setdefault(term, None)
    return list(seen)


def fts_safe(text: str) -> str:
    return text.translate(_TOKEN_SAFE)


def grams(normalized: str) -> str:
    """The bigram token stream of already-normalized text, space-separated."""
    if not normalized:
        return ""
    s = fts_safe(normalized) + END
    return " ".join(map(str.__add__, s, s[1:]))


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


_WORD_TOKENS: dict[str, str] = {}  # jieba token → index token ("" for punctuation)


def _word_token(w: str) -> str:
    token = _WORD_TOKENS.get(w)
    if token is None:
        n = normalize(w)
        token = fts_safe(n) if n and _is_word(n) else ""
        if len(_WORD_TOKENS) < 500_000:
            _WORD_TOKENS[w] = token
    return token


def words(text: str, cut: Callable[[str], Iterable[str]]) -> str:
    """The jieba search-mode tokens of ``text``, each normalized, space-separated,
    punctuation dropped.

    The text is cut as printed and its words normalized afterwards (rather than cut
    after normalizing), so jieba sees the very paragraphs the parser already segmented
    and its cache answers; the words only rank, recall comes from :func:`grams`.
    """
    if not text:
        return ""
    get = _WORD_TOKENS.get
    out: list[str] = []
    for w in cut(unicodedata.normalize("NFKC", text)):
        token = get(w)
        if token is None:  # "" (punctuation) is cached too: test for None, not falsiness
            token = _word_token(w)
        if token:
            out.append(token)
    return " ".join(out)


def _quote(token: str) -> str:
    return f'"{token}"'


def term_phrase(term: str) -> str:
    """An FTS5 expression (for the grams column) true exactly where ``term`` occurs."""
    s = fts_safe(term)
    if len(s) == 1:
        return f"{_quote(s)} *"
    return _quote(" ".join(map(str.__add__, s, s[1:])))


@dataclass(frozen=True)
class Query:
    terms: tuple[str, ...]
    match: str  # rows containing every term (grams only)
    ranked: str  # the same rows, with the terms' jieba words added for ranking


def build_query(
    query: str,
    cut: Callable[[str], Iterable[str]] | None,
    grams_column: str = "grams",
    word_columns: Sequence[str] = ("title",),
) -> Query | None:
    """The FTS5 expressions for ``query``, or None when it has no terms."""
    ts = terms(query)
    if not ts:
        return None
    phrases = [f"({grams_column} : {term_phrase(t)})" for t in ts]
    match = " AND ".join(phrases)
    ranked = match
    if cut is not None:
        ws: dict[str, None] = {}
        for t in ts:
            for w in cut(t):
                if _is_word(w):
                    ws.setdefault(fts_safe(w), None)
        if ws:
            cols = " ".join(word_columns)
            alternatives = " OR ".join(_quote(w) for w in ws)
            # Always true where `match` is (the first phrase repeats), so the rows are the
            # same; bm25 now also counts the words.
            ranked = f"{match} AND ({phrases[0]} OR {{{cols}}} : ({alternatives}))"
    return Query(terms=tuple(ts), match=match, ranked=ranked)


# --- snippets ------------------------------------------------------------------------------


_CHAR_NORMS: dict[str, str] = {}  # a news archive uses a few thousand distinct characters


def _char_norm(ch: str) -> str:
    piece = _CHAR_NORMS.get(ch)
    if piece is None:
        piece = " " if _SEPARATORS.match(ch) else normalize(ch)
        if len(_CHAR_NORMS) < 100_000:
            _CHAR_NORMS[ch] = piece
    return piece


def normalized_with_map(text: str) -> tuple[str, list[int]]:
    """Character-wise normalization of ``text`` and, per output character, its source index.

    Close to :func:`normalize` (differs only for sequences NFKC composes across
    characters); good enough to place snippet marks in the original text.
    """
    out: list[str] = []
    where: list[int] = []
    last_space = True
    norms = _CHAR_NORMS
    for i, ch in enumerate(text):
        piece = norms.get(ch) or _char_norm(ch)
        for p in piece:
            if p == " ":
                if last_space:
                    continue
                last_space = True
            else:
                last_space = False
            out.append(p)
            where.append(i)
    return "".join(out), where


@dataclass(frozen=True)
class Snippet:
    text: str
    marks: tuple[tuple[int, int], ...]  # [start, end) ranges of hits inside ``text``

    def marked(self, before: str = "【", after: str = "】") -> str:
        parts: list[str] = []
        pos = 0
        for s, e in self.marks:
            parts += [self.text[pos:s], before, self.text[s:e], after]
            pos = e
        parts.append(self.text[pos:])
        return "".join(parts)


def _hits(text: str, query_terms: Sequence[str]) -> list[tuple[int, int]]:
    norm, where = normalized_with_map(text)
    hits: list[tuple[int, int]] = []
    for term in query_terms:
        start = norm.find(term)
        while start >= 0:
            end = start + len(term)
            hits.append((where[start], where[end - 1] + 1))
            start = norm.find(term, end)
    return hits


# The window lists hits a page at a time by asking for a longer list each time (see
# reader.store.queries): remembering the snippets already made keeps a fetch deep in
# the list from making every earlier one again (they were 90 % of its time). Keyed by
# the text's hash and length, not the text, so the cache holds no article text.
SNIPPETS_KEPT = 32_768
_snippets: OrderedDict[tuple[int, int, tuple[str, ...], int], Snippet] = OrderedDict()
_snippets_lock = threading.Lock()


def snippet(text: str, query_terms: Sequence[str], width: int = 80) -> Snippet:
    """A window of ``text`` around the first hit, every hit inside it marked."""
    key = (hash(text), len(text), tuple(query_terms), width)
    with _snippets_lock:  # searches may run in worker threads too
        found = _snippets.get(key)
        if found is not None:
            _snippets.move_to_end(key)
            return found
    made = _snippet(text, key[2], width)
    with _snippets_lock:
        _snippets[key] = made
        if len(_snippets) > SNIPPETS_KEPT:
            _snippets.popitem(last=False)
    return made


def _snippet(text: str, query_terms: tuple[str, ...], width: int) -> Snippet:
    hits = _hits_near_first(text, query_terms, width)
    if hits is None:
        hits = _hits_in_prefix(text, query_terms, width)
    return _window(text, hits, width)


def _hits_near_first(
    text: str, query_terms: Sequence[str], width: int
) -> list[tuple[int, int]] | None:
    """The hits around the first plain (case-folded) occurrence of a term, normalizing
    only that stretch: the common case, where the text is printed as the query is
    typed. None when that does not apply."""
    folded = text.casefold()
    if len(folded) != len(text):
        return None
    starts = [p for p in (folded.find(t) for t in query_terms) if p >= 0]
    if not starts:
        return None
    lo = max(0, min(starts) - width)
    hits = _hits(text[lo : min(starts) + 2 * width], query_terms)
    return [(s + lo, e + lo) for s, e in hits] or None


def _hits_in_prefix(text: str, query_terms: Sequence[str], width: int) -> list[tuple[int, int]]:
    # Normalize a prefix first, the whole text only when the window might reach past it
    # (the mapping is per character, so a prefix maps alike).
    longest = max((len(t) for t in query_terms), default=0)
    hits: list[tuple[int, int]] = []
    for limit in (4 * width, 40 * width, len(text)):
        hits = _hits(text[:limit], query_terms)
        if limit >= len(text):
            break
        first = min((s for s, _ in hits), default=None)
        # Safe when the window and any hit reaching into it lie inside the prefix.
        if first is not None and first + width + 2 * longest + 8 < limit:
            break
    return hits


def _window(text: str, hits: list[tuple[int, int]], width: int) -> Snippet:
    if not hits:
        body = " ".join(text[: width * 2].split())
        return Snippet(body[:width] + ("…" if len(body) > width else ""), ())
    hits.sort()
    first = hits[0][0]
    lo = max(0, first - width // 4)
    hi = min(len(text), lo + width)
    # Marks inside the window, merged where they overlap.
    merged: list[list[int]] = []
    for s, e in hits:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    # Fold whitespace in the window while keeping the marks aligned.
    out: list[str] = []
    pos_map: dict[int, int] = {}
    prev_space = False
    for i in range(lo, hi):
        pos_map[i] = len(out)
        ch = text[i]
        if ch.isspace():
            if prev_space:
                continue
            ch = " "
            prev_space = True
        else:
            prev_space = False
        out.append(ch)
    pos_map[hi] = len(out)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    shift = len(prefix)
    marks = tuple((pos_map[s] + shift, pos_map[e] + shift) for s, e in merged)
    return Snippet(prefix + "".join(out) + suffix, marks)
