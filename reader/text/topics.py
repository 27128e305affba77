"""Topic vectors: which content words a passage is about, weighted by how telling they are.

The parser uses them to tell which article a stray section or fragment belongs to; the
tag suggester reuses the same IDF table. Weights come from jieba's IDF list
(:func:`tfidf`).
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from reader.text.segment import cut

_lock = threading.Lock()
_idf: dict[str, float] | None = None
_median_idf = 10.0

# Function words and reporting boilerplate that say nothing about a story's topic.
STOPWORDS = frozenset(
    """
    我们 他们 她们 你们 自己 这个 那个 这些 那些 这样 那样 一个 一些 一种
    一批 一直 已经 正在 进行 通过 以及 以来 目前 同时 此外 其中 为了 因为
    所以 但是 而且 并且 还是 或者 以上 以下 之一 之间 表示 介绍 记者 本报
    通讯员 实习 时候 今年 去年 明年 今天 昨天 日前 近日 当天 期间 方面 相关
    有关 工作 开展 推进 推动 进一步 不断 持续 全面 积极 加强 提升 提高 实现
    坚持 围绕 重点 主要 不仅 可以 没有 就是 还有 什么 怎么 如何 这里 那里
    一起 一下 一次 一是 二是 三是 更加 非常 特别 已 将 在
    """.split()
)

_WORD_OK = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9.+-]{1,}")


def _idf_table() -> dict[str, float]:
    global _idf, _median_idf
    if _idf is None:
        with _lock:
            if _idf is None:
                # Read jieba's IDF list directly: importing jieba.analyse would load it
                # a second time and leave the file open.
                import jieba

                path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
                table: dict[str, float] = {}
                with path.open(encoding="utf-8") as fh:
                    for line in fh:
                        word, _, value = line.rstrip("\n").partition(" ")
                        if value:
                            table[word] = float(value)
                values = sorted(table.values())
                _median_idf = values[len(values) // 2] if values else 10.0
                _idf = table
    return _idf


def idf_table() -> tuple[dict[str, float], float]:
    """jieba's IDF list and the weight of a word it lacks (its median), loaded once."""
    table = _idf_table()
    return table, _median_idf


def _is_content(word: str) -> bool:
    return len(word) >= 2 and word not in STOPWORDS and _WORD_OK.fullmatch(word) is not None


# Each distinct word's verdict, asked once: a page repeats its words, and the parser
# reads every paragraph's words (a bounded table, replaced when full, as entities' is).
_verdicts: dict[str, bool] = {}
_VERDICTS_LIMIT = 262_144


@lru_cache(maxsize=8192)
def content_words(text: str) -> Counter[str]:
    """Counts of the topic-bearing words of ``text`` (cached: treat the result as frozen)."""
    global _verdicts
    words = cut(text)
    table = _verdicts
    new = set(words).difference(table)
    if new:
        if len(table) + len(new) > _VERDICTS_LIMIT:
            table = _verdicts = {}
            new = set(words)
        for w in new:
            table[w] = _is_content(w)
    get = table.__getitem__
    # Counter of a list counts in C, keeping first-occurrence order like += 1 did.
    return Counter([w for w in words if get(w)])


Vector = Mapping[str, float]


def tfidf(words: Counter[str]) -> list[float]:
    """Each word's TF-IDF weight, in ``words``' order: its weight in jieba's IDF list (the
    list's median for a word it lacks), times 1 + log of its count."""
    table, default = idf_table()
    get, log = table.get, math.log
    # Most words occur once: 1 + log(1) is exactly 1.0, so the weight is the idf itself,
    # bit for bit, without the log and the multiplication.
    return [
        get(w, default) if n == 1 else (1.0 + log(n)) * get(w, default) for w, n in words.items()
    ]


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())
