"""One lazily initialised jieba tokenizer for the whole process.

jieba takes about a second to build its prefix dictionary, so nothing imports it at
module import time; the first caller pays, under a lock, and every later call shares
the same tokenizer with Pizhu's user dictionary of local places and institutions loaded.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from reader.paths import resources_dir

_lock = threading.Lock()
_tokenizer: Any = None

USER_DICT = "jieba_userdict.txt"


def tokenizer() -> Any:
    """The shared ``jieba.Tokenizer``, initialised on first use."""
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            # jieba logs "Building prefix dict…" at DEBUG on its own logger; keep it quiet.
            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            user_dict = resources_dir() / USER_DICT
            if user_dict.is_file():
                # Given a path jieba never closes the file; hand it an open one.
                with user_dict.open("rb") as fh:
                    tok.load_userdict(fh)
            _tokenizer = tok
    return _tokenizer


_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=32768)
def _precise(piece: str) -> tuple[str, ...]:
    return tuple(tokenizer().cut(piece, HMM=False))


def _cut_pieces(text: str) -> Iterator[tuple[str, ...]]:
    # jieba never joins words across whitespace, so cutting between spaces gives the
    # same words, and the pieces are what the cache is keyed on: an import segments
    # each paragraph once (for the parser's topic vectors) and the search index
    # reuses the result instead of running jieba again.
    for piece in _SPACE.split(text):
        if piece:
            yield _precise(piece)


def cut(text: str) -> list[str]:
    """Precise-mode words of ``text``, whitespace left out (no HMM guessing of unknown
    words: it is stable)."""
    return [w for words in _cut_pieces(text) for w in words]


def cut_for_search(text: str) -> list[str]:
    """jieba's search mode (HMM off), built on the cached precise cut.

    Same output as ``Tokenizer.cut_for_search(text, HMM=False)``: each word, preceded by
    its dictionary 2- and 3-character sub-words.
    """
    freq = tokenizer().FREQ
    out: list[str] = []
    for w in (w for words in _cut_pieces(text) for w in words):
        n = len(w)
        if n > 2:
            out.extend(g for g in (w[i : i + 2] for i in range(n - 1)) if freq.get(g))
        if n > 3:
            out.extend(g for g in (w[i : i + 3] for i in range(n - 2)) if freq.get(g))
        out.append(w)
    return out


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Words with their [start, end) offsets in ``text``."""
    return [(w, s, e) for w, s, e in tokenizer().tokenize(text, HMM=False)]


@lru_cache(maxsize=65536)
def word_freq(word: str) -> int:
    """How often jieba's dictionary (plus ours) has seen ``word``; 0 if it is not a word."""
    return int(tokenizer().FREQ.get(word, 0) or 0)
