"""Paper, issue date, page number and page name (版次, 版名) of a page.

The one place the rest of Pizhu reads and writes these facts: :func:`page_info` reads
them from a new file's name or first lines (the importer and migration 0005 use it);
:func:`stored`/:func:`of_article` read what the library keeps (columns of
``source_files``, which the user may have corrected); :func:`write` is their one
writer; :func:`check_date`/:func:`check_page` turn what a user typed into stored form.

Reading names, only what is clearly there: a date needs a four-digit year (``2026-01-15``,
``20260115``, ``2026年1月15日``), a page needs a page word (``第3版``, ``A03版``,
``page-3``, ``p03``), a paper name ends in 日报/晚报/晨报/时报/商报/都市报. Anything
else stays unknown rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from reader.errors import KnownError

_DATE_PATTERNS = [
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})[-_./](\d{1,2})[-_./](\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})(\d{2})(\d{2})(?!\d)"),
]
_PAGE_PATTERNS = [
    re.compile(r"第\s*([A-Za-z]?\d{1,3})\s*版"),
    re.compile(r"(?<![A-Za-z0-9])([A-Za-z]?\d{1,3})\s*版"),
    re.compile(r"(?i)(?<![a-z])(?:page|p)[-_ ]?(\d{1,3})(?!\d)"),
]
_PAGE_NAME = re.compile(
    r"(?:第\s*)?[A-Za-z]?\d{1,3}\s*版\s*[:：·・\-_ ]?\s*([\u4e00-\u9fff]{2,8})(?![\u4e00-\u9fff])"
)
_PAPER = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:都市报|日报|晚报|晨报|时报|商报))")
_MARKERS = ("上接", "下转", "接第", "转第")
_HEADER_LINES = 5
_HEADER_MAX = 40


@dataclass(frozen=True)
class PageInfo:
    paper: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    page: str | None = None  # "3", "A3"
    page_name: str | None = None  # 版名: "要闻"


def _date(text: str) -> str | None:
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                continue
    return None


def _page(text: str) -> str | None:
    for pattern in _PAGE_PATTERNS:
        for m in pattern.finditer(text):
            raw = m[1].upper()
            letter = raw[0] if raw[0].isalpha() else ""
            number = int(raw[len(letter) :])
            if 1 <= number <= 999:
                return f"{letter}{number}"
    return None


def _page_name(text: str) -> str | None:
    m = _PAGE_NAME.search(text)
    return m[1] if m else None


def _paper(text: str) -> str | None:
    m = _PAPER.search(text)
    return m[1] if m else None


def _header(text: str) -> str:
    """The first few short non-blank lines: where a page header would be."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.strip().strip("#* ")
        if not line:
            continue
        if len(lines) >= _HEADER_LINES:
            break
        if len(line) <= _HEADER_MAX and not any(m in line for m in _MARKERS):
            lines.append(line)
        else:
            break  # the articles have begun
    return "\n".join(lines)


def page_info(file_name: str, text: str) -> PageInfo:
    stem = file_name.rsplit(".", 1)[0]
    header = _header(text)
    return PageInfo(
        paper=_paper(stem) or _paper(header),
        date=_date(stem) or _date(header),
        page=_page(stem) or _page(header),
        page_name=_page_name(stem) or _page_name(header),
    )


# --- what the library keeps ------------------------------------------------------------------


class MetadataError(KnownError):
    """A value the user typed that cannot be a page's date or number."""


# PageInfo field → source_files column.
COLUMNS = {"paper": "paper", "date": "page_date", "page": "page", "page_name": "page_name"}
FIELDS = tuple(f.name for f in fields(PageInfo))


def check_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD, also 2026/1/5 and 2026年1月5日), or MetadataError."""
    found = _date(value.strip().replace("/", "-"))
    if found is None:
        raise MetadataError(f"{value!r} is not a date (YYYY-MM-DD)")
    return found


def check_page(value: str) -> str:
    """A page number as stored ("3", "A3"), or MetadataError."""
    v = value.strip().upper()
    m = re.fullmatch(r"(?:第\s*)?([A-Z]?)0*(\d{1,3})\s*版?", v)
    if m is None or int(m[2]) == 0:
        raise MetadataError(f"{value!r} is not a page number (3, A3)")
    return f"{m[1]}{int(m[2])}"


def page_key(page: str | None) -> tuple[str, int]:
    """Sort order of page numbers: A1 < A2 < A10 < B1; unknown last."""
    p = page or ""
    letter = p[:1] if p[:1].isalpha() else ""
    digits = p[len(letter) :]
    return (letter, int(digits) if digits.isdigit() else 10**6)


def _from_row(r: Any) -> PageInfo:
    return PageInfo(paper=r.paper, date=r.page_date, page=r.page, page_name=r.page_name)


def stored(conn: Connection, source_id: int) -> PageInfo:
    """What the library says about one page (None fields: unknown)."""
    from reader.store.models import SourceFile

    r = conn.execute(
        select(SourceFile.paper, SourceFile.page_date, SourceFile.page, SourceFile.page_name).where(
            SourceFile.id == source_id
        )
    ).first()
    return _from_row(r) if r is not None else PageInfo()


def stored_many(conn: Connection, source_ids: list[int]) -> dict[int, PageInfo]:
    from reader.store.models import SourceFile

    out: dict[int, PageInfo] = {}
    for lo in range(0, len(source_ids), 500):
        for r in conn.execute(
            select(
                SourceFile.id,
                SourceFile.paper,
                SourceFile.page_date,
                SourceFile.page,
                SourceFile.page_name,
            ).where(SourceFile.id.in_(source_ids[lo : lo + 500]))
        ):
            out[int(r.id)] = _from_row(r)
    return out


def of_article(conn: Connection, article_id: int) -> PageInfo:
    """The page facts of the page an article is printed on."""
    from reader.store.models import ArticleRow

    sid = conn.execute(select(ArticleRow.source_id).where(ArticleRow.id == article_id)).scalar()
    return stored(conn, int(sid)) if sid is not None else PageInfo()


def write(conn: Connection, source_id: int, values: dict[str, str | None]) -> None:
    """Set some of a page's facts (keys from :data:`FIELDS`); the only writer."""
    from reader.store import tables

    unknown = set(values) - set(COLUMNS)
    if unknown:
        raise ValueError(f"not page fields: {sorted(unknown)}")
    if values:
        tables.SOURCES.update(
            conn, [{"id": source_id, **{COLUMNS[k]: (v or None) for k, v in values.items()}}]
        )
