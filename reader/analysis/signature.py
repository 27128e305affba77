"""MinHash signatures of articles and their LSH band keys (datasketch's MinHash).

An article's shingles are its content words (precise-mode jieba words of two or more
characters, the most common function-like words left out), so two printings of one
story share nearly all of them and two stories on one subject share many. The LSH
index is kept in SQLite as one row per band key, so a look-up is an indexed query
instead of a scan of the library.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reader.text import segment

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Signature = npt.NDArray[np.uint32]

NUM_PERM = 62
BANDS = 31
# BANDS × ROWS = NUM_PERM. Stories on one subject share few content words (Jaccard
# 0.1–0.2 in the sample pages), so bands are narrow: a pair at 0.12 shares a band 36% of
# the time, at 0.2 72%, at 0.5 all but always; unrelated pairs (about 0.02) 1%.
ROWS = 2
SEED = 1
SCHEME = "affine32"  # datasketch >= 2: 32-bit values, stored as they are
# jieba counts above this are words like 我们, 工作, 一个: they say nothing about the story.
_TOO_COMMON = 30000
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _content_word(w: str) -> bool:
    return len(w) >= 2 and _HAN.search(w) is not None and segment.word_freq(w) <= _TOO_COMMON


def shingles_of(words: Iterable[str]) -> set[str]:
    return set(filter(_content_word, set(words)))


def shingles(title: str | None, text: str) -> set[str]:
    return shingles_of(segment.cut(f"{title or ''}\n{text}"))


def _hash(word: str) -> int:
    # datasketch's default (sha1_hash32) of the UTF-8 bytes
    return int.from_bytes(hashlib.sha1(word.encode("utf-8")).digest()[:4], "little")


_M32 = 0xFFFFFFFF


def _fmix32(h: int) -> int:
    """MurmurHash3's finalizer, which datasketch's affine32 scheme applies to each hash
    before its permutations."""
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _M32
    return h ^ (h >> 16)


# word → its mixed hash if it is a content word, else None. Each distinct word is looked
# at once; then an article costs a few set operations and one vectorised minimum, which
# keeps signatures cheap beside an import (datasketch's update_batch hashes and mixes
# every word of every article again). A full table is replaced, never cleared, so a
# signature computed in another thread sees a consistent one.
_MIXED: dict[str, int | None] = {}
_MIXED_LIMIT = 262_144  # distinct words kept, as many as the caches this replaced


def _mixed_hashes(words: Iterable[str]) -> list[int]:
    global _MIXED
    distinct = set(words)
    table = _MIXED
    new = distinct.difference(table)  # a walk over this article's words only
    if new:
        if len(table) + len(new) > _MIXED_LIMIT:
            table = _MIXED = {}
            new = distinct
        for w in new:
            table[w] = _fmix32(_hash(w)) if _content_word(w) else None
    get = table.__getitem__
    return [h for h in map(get, distinct) if h is not None]


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    """The permutations every signature shares, as datasketch draws them for SEED (drawing
    them costs more than hashing an article)."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return a, b


def signature_of(words: Iterable[str]) -> bytes:
    """The MinHash signature of an article's words, as stored (NUM_PERM little-endian
    uint32): datasketch's MinHash (scheme affine32, sha1_hash32 of each content word),
    computed in one step; a test checks it against datasketch's own update_batch."""
    import numpy as np

    hashes = _mixed_hashes(words)
    if not hashes:
        return _EMPTY
    a, b = _permutations()
    hv = np.fromiter(hashes, dtype=np.uint32, count=len(hashes)).reshape(-1, 1)
    return bytes((hv * a + b).min(axis=0).astype("<u4").tobytes())


def signature(title: str | None, text: str) -> bytes:
    return signature_of(segment.cut(f"{title or ''}\n{text}"))


def to_array(blob: bytes) -> Signature:
    import numpy as np

    return np.frombuffer(blob, dtype="<u4")


# Odd 64-bit multipliers (from splitmix64) mixing a band's values and number into a key.
_MIX = (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB)


def band_keys(blob: bytes) -> list[int]:
    """One key per band: a signed 32-bit mix of the band's number and its ROWS values
    (SQLite stores such an integer in 4 bytes, a 64-bit one in 8: migration 0015).

    Two different bands may share a key by chance; that only adds a candidate, which
    its estimated similarity then ranks out."""
    import numpy as np

    values = to_array(blob)[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):  # wrapping multiplication is the point
        keys = np.arange(BANDS, dtype=np.uint64) * np.uint64(_MIX[2])
        for r in range(ROWS):
            keys = (keys ^ values[:, r]) * np.uint64(_MIX[r % 2])
        keys ^= keys >> np.uint64(31)
    # the high half, the best mixed; read as signed, as SQLite integers are
    return [int(k) for k in (keys >> np.uint64(32)).astype(np.uint32).view(np.int32).tolist()]


def similarity(blob: bytes, others: Iterable[bytes]) -> list[float]:
    """Estimated Jaccard similarity of one signature with each of ``others``."""
    import numpy as np

    rows = list(others)
    if not rows:
        return []
    mine = to_array(blob)
    matrix = np.frombuffer(b"".join(rows), dtype="<u4").reshape(len(rows), NUM_PERM)
    return [float(x) for x in (matrix == mine).mean(axis=1)]


_EMPTY = b"\xff" * (4 * NUM_PERM)  # datasketch's start value: no word seen


def is_empty(blob: bytes) -> bool:
    """A signature of no words (a photo caption of digits): similar to nothing."""
    return blob == _EMPTY
