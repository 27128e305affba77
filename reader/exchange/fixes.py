"""Split fixes travel in share files, and a merge takes them when asked.

A share file carries the split fixes (:mod:`reader.store.splitfix`) of its pages as one
JSON value in its ``settings`` table (``share.split_fixes``), each fix naming its page by
the page's text hash. Keeping them there leaves the share schema as it is, so an older
Pizhu still reads the file (and ignores the fixes). The value is untrusted: it is
validated in full, or the file is refused in one line.

A merge lists the fixes in its report (dry run included). With ``with_fixes`` it takes
each one on the colleague's page, in the merge's own transaction and before the
highlights are merged, so both libraries end up with the same articles and the shared
highlights land on them; a page the merge adds records the fix as it stands. Where both
answered the same decision differently, the later answer wins, as for highlights.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, select, text

from reader.exchange import checks
from reader.exchange.shared import SharedSource
from reader.store import search, splitfix
from reader.store.changes import Changes
from reader.store.decisions import normalise
from reader.store.models import SourceFile

SETTINGS_KEY = "share.split_fixes"
FORMAT = 1
MAX_JSON = 8 * 1024**2  # characters
MAX_FIXES = 50_000
MAX_DEPTH = 5  # {"fixes": [{"spans": [[s, e]]}]}
MAX_SPANS = 256

Action = Literal["apply", "applied", "unchanged", "kept", "record", "recorded", "skipped"]


@dataclass(frozen=True)
class SharedFix(splitfix.Fix):
    """A fix from a share file (its uuid does not travel), with the page it belongs to."""

    page: str = ""  # the page's text hash
    page_name: str = ""


@dataclass
class FixItem:
    fix: SharedFix
    action: Action
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        f = self.fix
        return {
            "page": f.page_name,
            "kind": f.kind,
            "spans": [[s, e] for s, e in f.spans],
            "chosen": f.chosen,
            "parser_chosen": f.parser_chosen,
            "author": f.author,
            "action": self.action,
            "detail": self.detail,
        }


# --- writing -------------------------------------------------------------------------------


def encode(conn: Connection, source_ids: Iterable[int]) -> str | None:
    """The split fixes of the pages ``source_ids`` as the share's settings value (None: none)."""
    out: list[dict[str, Any]] = []
    for sid in sorted(set(source_ids)):
        page = splitfix.page_hash(conn, sid)
        for f in splitfix.for_page(conn, page):
            out.append(
                {
                    "page": page,
                    "kind": f.kind,
                    "spans": [[s, e] for s, e in f.spans],
                    "chosen": f.chosen,
                    "parser_chosen": f.parser_chosen,
                    "alternative": f.alternative,
                    "author": f.author,
                    "created_at": f.created_at,
                }
            )
    if not out:
        return None
    return json.dumps({"format": FORMAT, "fixes": out}, ensure_ascii=False)


# --- reading (untrusted) -------------------------------------------------------------------


class _Bad(ValueError):
    pass


def _s(entry: dict[str, Any], name: str, limit: int, pattern: re.Pattern[str] | None = None) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or len(value) > limit:
        raise _Bad(f"{name} is not text")
    if pattern is not None and not checks.matches(pattern, value):
        raise _Bad(f"{name} is malformed")
    return value


def _time(entry: dict[str, Any], name: str, not_after: datetime) -> str:
    value = _s(entry, name, 40)
    try:
        when = checks.parse_time(value)
    except checks.Invalid as exc:
        raise _Bad(f"{name} {exc}") from None
    if when > not_after:
        raise _Bad(f"{name} lies in the future")
    return value


def _one(entry: Any, pages: dict[str, SharedSource], not_after: datetime) -> SharedFix:
    if not isinstance(entry, dict):
        raise _Bad("an entry is not an object")
    page = pages.get(_s(entry, "page", 64, checks.HEX64))
    if page is None:
        raise _Bad("it names a page the file does not hold")
    raw = entry.get("spans")
    if not isinstance(raw, list) or not 0 < len(raw) <= MAX_SPANS:
        raise _Bad("spans are malformed")
    spans: list[tuple[int, int]] = []
    for sp in raw:
        ok = isinstance(sp, list) and len(sp) == 2
        ok = ok and all(isinstance(x, int) and not isinstance(x, bool) for x in sp)
        if not ok or not 0 <= sp[0] < sp[1] <= len(page.text):
            raise _Bad("spans are malformed or outside the page")
        spans.append((sp[0], sp[1]))
    kind = _s(entry, "kind", 32)
    chosen, parser_chosen = _s(entry, "chosen", 64), _s(entry, "parser_chosen", 64)
    return SharedFix(
        uuid="",
        page=page.text_hash,
        page_name=page.name,
        kind=kind,
        spans=tuple(spans),
        chosen=chosen,
        parser_chosen=parser_chosen,
        alternative=_s(entry, "alternative", 64),
        author=_s(entry, "author", 1_000),
        created_at=_time(entry, "created_at", not_after),
    )


def read(value: object, sources: Iterable[SharedSource], not_after: datetime) -> list[SharedFix]:
    """The fixes a share's settings value holds; raises ValueError (one line) when it is bad
    (malformed, nested too deeply, or dated after ``not_after``)."""
    if value is None:
        return []
    if not isinstance(value, str) or len(value) > MAX_JSON:
        raise ValueError("its split fixes are not valid")
    try:
        doc = checks.json_value(value, MAX_DEPTH)
    except checks.Invalid:
        raise ValueError("its split fixes are not valid JSON") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("fixes"), list):
        raise ValueError("its split fixes are not valid")
    if not isinstance(doc.get("format"), int) or doc["format"] > FORMAT:
        raise ValueError("its split fixes are of a newer format; please update Pizhu")
    if len(doc["fixes"]) > MAX_FIXES:
        raise ValueError("it holds too many split fixes")
    pages = {s.text_hash: s for s in sources}
    try:
        return [_one(e, pages, not_after) for e in doc["fixes"]]
    except _Bad as exc:
        raise ValueError(f"a split fix is not valid ({exc})") from None


# --- merging -------------------------------------------------------------------------------


def _local_page(conn: Connection, page: str) -> int | None:
    sid = conn.execute(select(SourceFile.id).where(SourceFile.text_hash == page)).scalar()
    return None if sid is None else int(sid)


def _local_fix(conn: Connection, page: str, key: str) -> tuple[str, str] | None:
    row = conn.execute(
        text('SELECT chosen, created_at FROM split_fixes WHERE page = :p AND "key" = :k'),
        {"p": page, "k": key},
    ).first()
    return None if row is None else (str(row[0]), str(row[1]))


def plan(conn: Connection, shared: Sequence[SharedFix]) -> list[FixItem]:
    """What merging each fix would do (reads only)."""
    items: list[FixItem] = []
    for f in shared:
        mine = _local_fix(conn, f.page, f.key)
        if _local_page(conn, f.page) is None:
            if mine is not None and mine[1] >= f.created_at:
                items.append(FixItem(f, "kept", "your later answer is kept"))
            else:
                items.append(FixItem(f, "record", "the merge adds this page"))
            continue
        if mine is not None and normalise(f.kind, mine[0]) == normalise(f.kind, f.chosen):
            items.append(FixItem(f, "unchanged"))
        elif mine is not None and mine[1] >= f.created_at:
            items.append(FixItem(f, "kept", "your later answer is kept"))
        else:
            items.append(FixItem(f, "apply"))
    return items


def apply(conn: Connection, cut: search.Cut, items: Sequence[FixItem]) -> Changes:
    """Take the fixes to apply on the library's pages (the merge's transaction): each
    page's fixes together, with one parse and one write."""
    changes = Changes()
    pages: dict[str, list[FixItem]] = {}
    for item in items:
        if item.action == "apply":
            pages.setdefault(item.fix.page, []).append(item)
    for page, group in pages.items():
        sid = _local_page(conn, page)
        if sid is None:
            continue
        answers = [
            splitfix.Answer(i.fix.decision, i.fix.chosen, i.fix.author, i.fix.created_at)
            for i in group
        ]
        done, failed = splitfix.apply_all(conn, sid, answers, cut)
        changes |= done
        for item in group:
            why = failed.get(item.fix.key)
            item.action, item.detail = ("skipped", why) if why else ("applied", item.detail)
    return changes


def record_added(conn: Connection, items: Sequence[FixItem]) -> None:
    """Pages the merge added keep their fixes (their articles came already fixed)."""
    for item in items:
        if item.action != "record":
            continue
        f = item.fix
        splitfix.record(conn, f.page, f.decision, f.chosen, f.author, f.created_at)
        item.action = "recorded"


def pending(items: Sequence[FixItem]) -> int:
    return sum(1 for i in items if i.action in ("apply", "record"))
