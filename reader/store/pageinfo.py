"""Paper name, date and page number of a page file, from its name or its first lines.

Only what is clearly there: a date needs a four-digit year (``2026-01-15``,
``20260115``, ``2026年1月15日``), a page needs a page word (``第3版``, ``A03版``,
``page-3``, ``p03``), a paper name ends in 日报/晚报/晨报/时报/商报/都市报. Anything
else stays unknown rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_DATE_PATTERNS = [
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})(\d{2})(\d{2})(?!\d)"),
]
_PAGE_PATTERNS = [
    re.compile(r"第\s*([A-Za-z]?\d{1,3})\s*版"),
    re.compile(r"(?<![A-Za-z0-9])([A-Za-z]?\d{1,3})\s*版"),
    re.compile(r"(?i)(?<![a-z])(?:page|p)[-_ ]?(\d{1,3})(?!\d)"),
]
_PAPER = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:都市报|日报|晚报|晨报|时报|商报))")
_MARKERS = ("上接", "下转", "接第", "转第")
_HEADER_LINES = 5
_HEADER_MAX = 40


@dataclass(frozen=True)
class PageInfo:
    paper: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    page: str | None = None  # "3", "A3"


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
    )
