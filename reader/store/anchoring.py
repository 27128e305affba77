"""Anchoring: where a highlight's text is, and where it went after the text changed.

A highlight is stored as a *selector* in the W3C Web Annotation sense: the exact quote,
up to :data:`CONTEXT` characters of prefix and suffix, and its [start, end) position in
the article text. Pure functions, no database: the importer (re-parse), merge and
share use the same code to put a selector back into a text that may have changed.

:func:`reanchor` tries, in order, and reports which step found the range:

``position``   the quote is still at its stored position;
``quote``      the exact quote elsewhere, the occurrence whose context agrees best;
``normalized`` the quote after NFKC, case and whitespace folding (full-width digits,
               a line break that became a space…);
``fuzzy``      a bounded edit-distance search near the places the context or the quote's
               ends point at, for small edits inside the quote (at most a quarter of its
               characters) when the surrounding context still agrees.

It answers None (an orphan) rather than a wrong place: a quote of at most
:data:`SHORT_QUOTE` characters is only placed where its context agrees, and a quote
whose prefix is now directly followed by its suffix was deleted, not edited.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from reader.errors import KnownError

CONTEXT = 32  # characters of prefix and suffix kept with a quote
SHORT_QUOTE = 4  # quotes this short need their context to agree wherever they are placed
MAX_EDIT_RATIO = 0.25  # fuzzy: at most this share of the quote's characters edited
SHORT_CONTEXT_MIN = 0.5  # context similarity a short quote needs
FUZZY_CONTEXT_MIN = 0.4  # context similarity a fuzzy match needs
MAX_CANDIDATES = 400  # exact occurrences scored by context (nearest the old place first)
MAX_WINDOWS = 24  # fuzzy search windows tried
LONG_QUOTE = 120  # longer quotes are placed by their first and last EDGE characters
EDGE = 48
JUNCTION = 8  # characters of prefix / suffix that, found together, mean "deleted"

Method = Literal["position", "quote", "normalized", "fuzzy"]


class QuoteError(KnownError):
    """A quote that does not name one place in a text."""


class QuoteNotFoundError(QuoteError):
    pass


class AmbiguousQuoteError(QuoteError):
    def __init__(self, message: str, starts: tuple[int, ...]) -> None:
        super().__init__(message)
        self.starts = starts


class RangeError(QuoteError, ValueError):
    """A [start, end) range that is empty or not inside the text."""


@dataclass(frozen=True)
class Selector:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Selector:
        return cls(
            exact=str(data["exact"]),
            prefix=str(data.get("prefix", "")),
            suffix=str(data.get("suffix", "")),
            start=int(data["start"]),
            end=int(data["end"]),
        )


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    method: Method
    score: float = 1.0  # 1.0 exact; for fuzzy, 1 - edits / len(quote)


def build(text: str, start: int, end: int, context: int = CONTEXT) -> Selector:
    """The selector of ``text[start:end]`` (a non-empty range inside the text)."""
    if not 0 <= start < end <= len(text):
        raise RangeError(f"range [{start}, {end}) is not inside the text (0…{len(text)})")
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


# --- finding a quote -----------------------------------------------------------------------


def find_all(text: str, quote: str) -> list[int]:
    """Every start of ``quote`` in ``text``, overlapping occurrences included."""
    if not quote:
        return []
    out: list[int] = []
    i = text.find(quote)
    while i >= 0:
        out.append(i)
        i = text.find(quote, i + 1)
    return out


_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")


def fold(text: str) -> tuple[str, list[int]]:
    """NFKC, case-folded ``text`` without whitespace or invisible characters, and per
    folded character the index of the character it came from. A line break that split
    a sentence, a full-width digit or a changed letter case does not change the fold."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in _INVISIBLE:
            continue
        piece = ch.casefold() if ch.isascii() else unicodedata.normalize("NFKC", ch).casefold()
        for p in piece:
            if not p.isspace():
                out.append(p)
                where.append(i)
    return "".join(out), where


def find_normalized(text: str, quote: str) -> list[tuple[int, int]]:
    """Ranges of ``text`` equal to ``quote`` after NFKC, case and whitespace folding."""
    nq = fold(quote)[0]
    if not nq:
        return []
    nt, where = fold(text)
    return [(where[s], where[s + len(nq) - 1] + 1) for s in find_all(nt, nq)]


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def find_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """The [start, end) of ``quote`` in ``text``; ``occurrence`` (1-based) picks one of
    several. Falls back on normalized matching (width, case, whitespace) when the exact
    quote is absent. Raises :class:`QuoteNotFoundError` or :class:`AmbiguousQuoteError`.
    """
    if not quote.strip():
        raise QuoteNotFoundError("the quote is empty")
    ranges = [(s, s + len(quote)) for s in find_all(text, quote)]
    if not ranges:
        ranges = find_normalized(text, quote)
    if not ranges:
        raise QuoteNotFoundError(f"quote {_short(quote)!r} is not in the text")
    if occurrence is None:
        if len(ranges) > 1:
            raise AmbiguousQuoteError(
                f"quote {_short(quote)!r} occurs {len(ranges)} times; choose an occurrence "
                f"(1…{len(ranges)})",
                tuple(s for s, _ in ranges),
            )
        return ranges[0]
    if not 1 <= occurrence <= len(ranges):
        times = "once" if len(ranges) == 1 else f"{len(ranges)} times"
        raise QuoteNotFoundError(
            f"quote {_short(quote)!r} occurs {times}, so there is no occurrence {occurrence}"
        )
    return ranges[occurrence - 1]


# --- re-anchoring --------------------------------------------------------------------------


def _ratio(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def context_score(sel: Selector, text: str, start: int, end: int) -> float:
    """How well the text around [start, end) agrees with the selector's prefix and suffix
    (0…1, weighted by their lengths; 1.0 when the selector has no context)."""
    lp, ls = len(sel.prefix), len(sel.suffix)
    if lp + ls == 0:
        return 1.0
    before = text[max(0, start - lp) : start]
    after = text[end : end + ls]
    # Compare the sides nearest the quote first: a cheap exact check saves difflib.
    p = 1.0 if before == sel.prefix else _ratio(sel.prefix, before)
    s = 1.0 if after == sel.suffix else _ratio(sel.suffix, after)
    return (p * lp + s * ls) / (lp + ls)


def _is_short(sel: Selector) -> bool:
    return len(sel.exact) <= SHORT_QUOTE


def _acceptable(sel: Selector, ctx: float) -> bool:
    return not _is_short(sel) or ctx >= SHORT_CONTEXT_MIN


def _best(sel: Selector, text: str, ranges: list[tuple[int, int]], method: Method) -> Anchor | None:
    if not ranges:
        return None
    ranges = sorted(ranges, key=lambda r: abs(r[0] - sel.start))[:MAX_CANDIDATES]
    scored = [(context_score(sel, text, s, e), -abs(s - sel.start), s, e) for s, e in ranges]
    ctx, _dist, s, e = max(scored)
    if not _acceptable(sel, ctx):
        return None
    return Anchor(s, e, method)


def _deleted(sel: Selector, text: str) -> bool:
    """True when the quote's prefix is now followed directly by its suffix."""
    head, tail = sel.prefix[-JUNCTION:], sel.suffix[:JUNCTION]
    if head and tail:
        return len(head) + len(tail) >= 4 and head + tail in text
    if tail:  # the quote opened the text
        return len(tail) >= 4 and text.startswith(tail)
    if head:  # the quote closed the text
        return len(head) >= 4 and text.endswith(head)
    return False


def _align(pattern: str, window: str, lo: int, hi: int) -> tuple[int, int, int] | None:
    """Semi-global alignment (Levenshtein, free start and end in ``window``) of
    ``pattern``; returns (edits inside pattern[lo:hi], start, end) of the window range
    aligned with pattern[lo:hi], or None when it is empty."""
    m, n = len(pattern), len(window)
    rows = [[0] * (n + 1)]
    for i, pc in enumerate(pattern, 1):
        prev = rows[-1]
        cur = [i] + [0] * n
        for j in range(1, n + 1):
            a = prev[j - 1] + (pc != window[j - 1])
            b = prev[j] + 1
            c = cur[j - 1] + 1
            cur[j] = a if a <= b and a <= c else (b if b <= c else c)
        rows.append(cur)
    j = min(range(n + 1), key=lambda k: rows[m][k])
    i, edits = m, 0
    start = end = -1
    while i > 0:  # walk the alignment back; insertions on rows lo and hi are outside
        here = rows[i][j]
        if j > 0 and here == rows[i - 1][j - 1] + (pattern[i - 1] != window[j - 1]):
            cost, ni, nj = here - rows[i - 1][j - 1], i - 1, j - 1
        elif here == rows[i - 1][j] + 1:
            cost, ni, nj = 1, i - 1, j
        else:
            cost, ni, nj = 1, i, j - 1
        if ni < i:  # pattern[i - 1] is aligned (or deleted) here
            if i == hi:
                end = j
            if lo < i <= hi:
                edits += cost
            if ni == lo:
                start = nj
        elif lo < i < hi:
            edits += cost
        i, j = ni, nj
    return (edits, start, end) if end > start >= 0 else None


def _centres(sel: Selector, text: str) -> list[int]:
    """Where the quote may now start: its old place, after its prefix, before its suffix,
    at its first words, before its last words."""
    m = len(sel.exact)
    found: list[int] = [min(sel.start, len(text))]
    k = min(8, max(2, m // 3))

    def near(needle: str, shift: int) -> None:
        if len(needle) < 2:
            return
        hits = sorted(find_all(text, needle), key=lambda p: abs(p + shift - sel.start))
        found.extend(p + shift for p in hits[:8])

    near(sel.prefix[-8:], len(sel.prefix[-8:]))
    near(sel.suffix[:8], -m)
    near(sel.exact[:k], 0)
    near(sel.exact[-k:], k - m)
    out: list[int] = []
    for c in found:
        c = max(0, min(c, len(text)))
        if all(abs(c - o) > max(2, m // 4) for o in out):
            out.append(c)
    return out[:MAX_WINDOWS]


def _fuzzy(sel: Selector, text: str) -> Anchor | None:
    m = len(sel.exact)
    if m <= SHORT_QUOTE or not text or _deleted(sel, text):
        return None
    if m > LONG_QUOTE:
        return _fuzzy_long(sel, text)
    limit = int(m * MAX_EDIT_RATIO)
    pre, suf = sel.prefix[-JUNCTION:], sel.suffix[:JUNCTION]
    pattern = pre + sel.exact + suf
    slack = max(4, limit + 2)
    best: tuple[int, float, int, int, int] | None = None
    for c in _centres(sel, text):
        lo, hi = max(0, c - slack - len(pre)), min(len(text), c + m + slack + len(suf))
        if hi - lo < m - limit:
            continue
        found = _align(pattern, text[lo:hi], len(pre), len(pre) + m)
        if found is None:
            continue
        edits, s, e = found
        s, e = s + lo, e + lo
        if edits > limit:
            continue
        ctx = context_score(sel, text, s, e)
        if ctx < FUZZY_CONTEXT_MIN:
            continue
        key = (edits, -ctx, abs(s - sel.start), s, e)
        if best is None or key < best:
            best = key
    if best is None:
        return None
    edits, _ctx, _d, s, e = best
    return Anchor(s, e, "fuzzy", 1.0 - edits / m)


def _fuzzy_long(sel: Selector, text: str) -> Anchor | None:
    """A long quote: place its first and last :data:`EDGE` characters, then check the
    whole range is close enough."""
    x = sel.exact
    head = Selector(x[:EDGE], sel.prefix, x[EDGE : EDGE + CONTEXT], sel.start, sel.start + EDGE)
    tail = Selector(x[-EDGE:], x[-EDGE - CONTEXT : -EDGE], sel.suffix, sel.end - EDGE, sel.end)
    h = reanchor(head, text)
    t = reanchor(tail, text)
    if h is None or t is None or t.end - h.start < EDGE:
        return None
    found = text[h.start : t.end]
    m = len(x)
    if abs(len(found) - m) > m * MAX_EDIT_RATIO:
        return None
    ratio = difflib.SequenceMatcher(None, x, found, autojunk=False).ratio()
    if ratio < 1.0 - MAX_EDIT_RATIO:
        return None
    return Anchor(h.start, t.end, "fuzzy", ratio)


def reanchor(sel: Selector, text: str) -> Anchor | None:
    """Where ``sel`` is in ``text`` now, and how it was found; None for an orphan."""
    if not sel.exact:
        return None
    s, e = sel.start, sel.end
    if (
        0 <= s < e <= len(text)
        and text[s:e] == sel.exact
        and _acceptable(sel, context_score(sel, text, s, e))
    ):
        return Anchor(s, e, "position")
    m = len(sel.exact)
    exact = _best(sel, text, [(p, p + m) for p in find_all(text, sel.exact)], "quote")
    if exact is not None:
        return exact
    normalized = _best(sel, text, find_normalized(text, sel.exact), "normalized")
    if normalized is not None:
        return normalized
    if not fold(sel.exact)[0]:
        return None  # a quote of only spaces has nothing to match approximately
    return _fuzzy(sel, text)


def reanchor_range(
    old_text: str, start: int, end: int, new_text: str, context: int = CONTEXT
) -> Anchor | None:
    """Shorthand: where ``old_text[start:end]`` is in ``new_text``."""
    return reanchor(build(old_text, start, end, context), new_text)
