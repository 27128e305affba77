"""One lazily initialised segmenter for the whole process.

jieba is the reference: its dictionary, Pizhu's user dictionary of local places and
institutions, and its words (HMM off). Where rjieba (jieba-rs, the same algorithm and
dictionary in Rust, 10-20x faster) is installed, it cuts instead, loaded with the same
user dictionary; a test compares its words with jieba's on every sample page. Setting
``PIZHU_SEGMENTER=jieba`` forces the reference.

Nothing imports either at module import time; the first caller pays, under a lock.
``word_freq`` needs jieba's frequency table, so it loads jieba itself (lazily) either way.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Protocol

from reader.paths import resources_dir

_lock = threading.Lock()
_tokenizer: Any = None
_engine: Engine | None = None

USER_DICT = "jieba_userdict.txt"


class Engine(Protocol):
    name: str

    def cut(self, piece: str) -> list[str]: ...

    def cut_for_search(self, piece: str) -> list[str]: ...

    def tokenize(self, text: str) -> list[tuple[str, int, int]]: ...


def tokenizer() -> Any:
    """The shared ``jieba.Tokenizer`` (the reference), initialised on first use."""
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


class JiebaEngine:
    name = "jieba"

    def __init__(self) -> None:
        self._tok = tokenizer()

    def cut(self, piece: str) -> list[str]:
        return list(self._tok.cut(piece, HMM=False))

    def cut_for_search(self, piece: str) -> list[str]:
        return list(self._tok.cut_for_search(piece, HMM=False))

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        return [(w, s, e) for w, s, e in self._tok.tokenize(text, HMM=False)]


class RjiebaEngine:
    name = "rjieba"

    def __init__(self) -> None:
        import rjieba

        self._rj = rjieba.Jieba()
        user_dict = resources_dir() / USER_DICT
        if user_dict.is_file():
            for word, freq, tag in user_dict_entries(user_dict.read_text("utf-8")):
                self._rj.add_word(word, freq, tag)

    def cut(self, piece: str) -> list[str]:
        return list(self._rj.cut(piece, False))

    def cut_for_search(self, piece: str) -> list[str]:
        return list(self._rj.cut_for_search(piece, False))

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        return [(w, s, e) for w, s, e in self._rj.tokenize(text, "default", False)]


def user_dict_entries(text: str) -> Iterator[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) per line, read as jieba's ``load_userdict`` reads them."""
    for line in text.lstrip("\ufeff").splitlines():
        parts = line.strip().split()
        if not parts:
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        yield parts[0], freq, tag


def _rjieba_wanted() -> bool:
    if os.environ.get("PIZHU_SEGMENTER", "").strip().lower() == "jieba":
        return False
    import importlib.util

    return importlib.util.find_spec("rjieba") is not None


def engine() -> Engine:
    """The segmenter in use: rjieba where installed, else jieba."""
    global _engine
    if _engine is not None:
        return _engine
    with _lock:
        chosen: Engine | None = _engine
        if chosen is None and _rjieba_wanted():
            try:
                chosen = RjiebaEngine()
            except (ImportError, OSError):  # a broken wheel: the reference still works
                chosen = None
    if chosen is None:
        chosen = JiebaEngine()  # takes the lock itself
    _engine = chosen
    return chosen


def engine_name() -> str:
    return engine().name


def reset() -> None:
    """Choose the engine again on next use (``PIZHU_SEGMENTER`` changed)."""
    global _engine
    with _lock:
        _engine = None
    _precise.cache_clear()


_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=32768)
def _precise(piece: str) -> tuple[str, ...]:
    return tuple(engine().cut(piece))


def _pieces(text: str) -> Iterator[str]:
    # jieba never joins words across whitespace, so cutting between spaces gives the
    # same words, and the pieces are what the cache is keyed on: an import segments
    # each paragraph once (for the parser's topic vectors).
    for piece in _SPACE.split(text):
        if piece:
            yield piece


def cut(text: str) -> list[str]:
    """Precise-mode words of ``text``, whitespace left out (no HMM guessing of unknown
    words: it is stable)."""
    return [w for piece in _pieces(text) for w in _precise(piece)]


def cut_for_search(text: str) -> list[str]:
    """jieba's search mode (HMM off), whitespace left out: each word, preceded by its
    dictionary 2- and 3-character sub-words."""
    search = engine().cut_for_search
    return [w for piece in _pieces(text) for w in search(piece)]


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Words with their [start, end) offsets in ``text``."""
    return engine().tokenize(text)


@lru_cache(maxsize=65536)
def word_freq(word: str) -> int:
    """How often jieba's dictionary (plus ours) has seen ``word``; 0 if it is not a word."""
    return int(tokenizer().FREQ.get(word, 0) or 0)
