"""The merge's rules as pure functions over values (no database), as calibre keeps
its annotation merge (``src/calibre/db/annotations.py``): which version of a highlight,
a note or an article's metadata wins, and where a quote goes in a text."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import Any

from reader.exchange.merge_report import Action
from reader.exchange.shared import HIGHLIGHT_FIELDS, SharedHighlight
from reader.store.anchoring import CONTEXT, Selector, reanchor

Placer = Callable[[Selector, str], tuple[int, int, str] | None]


def place(sel: Selector, body: str) -> tuple[int, int, str] | None:
    """Where a selector goes in ``body``: its own place when quote and context are
    still there (the common case, checked without scoring), else re-anchored."""
    s, e = sel.start, sel.end
    if (
        0 <= s < e <= len(body)
        and body[s:e] == sel.exact
        and body[max(0, s - len(sel.prefix)) : s].endswith(sel.prefix)
        and body[e : e + len(sel.suffix)] == sel.suffix
    ):
        return s, e, "position"
    anchor = reanchor(sel, body)
    return None if anchor is None else (anchor.start, anchor.end, anchor.method)


# Where a highlight sits in each side's own text, like its offsets: placed anew in the
# receiver's text, never taken from the other side's version.
PLACEMENT = ("article_id", "start", "end", "exact", "prefix", "suffix", "orphaned")
# Last writer wins on every other field: the winning version brings them all, and they
# order two versions, time first, then these, then any field added later.
_ORDER = ("updated_at", "deleted", "colour", "note", "author", "created_at")
CARRIED = _ORDER + tuple(f for f in HIGHLIGHT_FIELDS if f not in {*_ORDER, *PLACEMENT, "uuid"})


_by_key, _by_attr = itemgetter(*CARRIED), attrgetter(*CARRIED)


def carried(h: SharedHighlight) -> dict[str, Any]:
    """The fields a highlight's winning version brings (see :data:`CARRIED`)."""
    return {f: getattr(h, f) for f in CARRIED}


def state(h: dict[str, Any] | SharedHighlight) -> tuple[Any, ...]:
    """The fields last-writer-wins compares, time first; ties broken by the rest.

    The quote and its context are not among them: they describe where the highlight
    sits in each side's own text, like its offsets, and change when it is re-anchored.
    """
    values: tuple[Any, ...] = _by_key(h) if isinstance(h, dict) else _by_attr(h)
    # SQLite's 0 and 1 compare and order as the share's False and True; only a missing
    # value (of a nullable column) would not order against text.
    return values if None not in values else tuple("" if v is None else v for v in values)


def quote_fields(body: str, start: int, end: int) -> dict[str, Any]:
    """The quote selector of ``body[start:end]``, as the library stores it."""
    return {
        "start": start,
        "end": end,
        "exact": body[start:end],
        "prefix": body[max(0, start - CONTEXT) : start],
        "suffix": body[end : end + CONTEXT],
    }


def selector(h: SharedHighlight) -> Selector:
    return Selector(h.exact, h.prefix, h.suffix, h.start, h.end)


def short(s: str, n: int = 40) -> str:
    flat = " ".join(s.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def overlap(a: str, b: str) -> int:
    """How many of ``a``'s 8-character pieces occur in ``b`` (a cheap similarity)."""
    pieces = {a[i : i + 8] for i in range(0, max(1, len(a) - 7), 8)}
    return sum(1 for p in pieces if p and p in b)


def mine_selector(mine: dict[str, Any]) -> Selector:
    return Selector(mine["exact"], mine["prefix"], mine["suffix"], mine["start"], mine["end"])


Note = tuple[str, str, str]  # text, updated_at, author


def note_rule(ours: Note | None, theirs: Note) -> tuple[Action, bool, str]:
    """An article note: (what happens, whether theirs is taken, why). The later note
    wins (at the same time, the greater text, so both sides pick the same one), but
    only its author may change it; an empty note adds nothing."""
    if ours is None:
        if not theirs[0].strip():
            return "unchanged", False, ""
        return "added", True, short(theirs[0])
    if ours[0] == theirs[0]:
        return "unchanged", False, ""
    later = (theirs[1], theirs[0]) > (ours[1], ours[0])
    if later and theirs[2] != ours[2]:
        why = f"not applied: edit by {theirs[2] or '?'}, but the note is {ours[2] or '?'}'s"
        return "skipped", False, why
    if later and theirs[1] == ours[1]:
        return "conflict", True, "theirs kept by rule (same time)"
    if later:
        return "updated", True, short(theirs[0])
    return (
        "conflict",
        False,
        "ours is newer" if ours[1] > theirs[1] else "same time: ours kept by rule",
    )


Meta = tuple[str | None, str, tuple[str, ...], str | None]  # title, kind, authors, edited_at


def article_rule(ours: Meta, theirs: Meta) -> tuple[Action, bool, str]:
    """The same article's title, kind and authors on both sides: (what happens, whether
    theirs is taken, why). The later hand edit wins; an edit beats the parser's reading
    (which has no time); at the same time the greater values, so both sides agree."""
    if theirs[3] is None or ours[:3] == theirs[:3]:
        return "unchanged", False, ""

    def key(m: Meta) -> tuple[str, str, str, tuple[str, ...]]:
        return (m[3] or "", m[0] or "", m[1], m[2])

    names = ("title", "kind", "authors")
    fields = ", ".join(n for n, a, b in zip(names, ours[:3], theirs[:3], strict=True) if a != b)
    if key(theirs) > key(ours):
        if theirs[3] == ours[3]:
            return "conflict", True, f"{fields}: theirs kept by rule (same time)"
        return "updated", True, f"{fields} edited"
    why = "ours is newer" if (ours[3] or "") > theirs[3] else "same time: ours kept by rule"
    return "conflict", False, f"{fields}: {why}"
