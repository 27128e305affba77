"""Central validators for values read from untrusted files (share files).

Every pattern is applied with ``fullmatch``: ``re.match`` with ``$`` accepts a trailing
newline (``"…\\n"``), which would let a uuid, a hash or a timestamp carry one through
validation. Times must also be real dates (no month 13, no year 0) and not lie in the
future; JSON is parsed only after its nesting depth is known to be small, so a file
cannot make the parser recurse until Python gives up.
"""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import UTC, datetime, timedelta
from typing import Any

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
HEX64 = re.compile(r"[0-9a-f]{64}")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TIME = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([+-]\d{2}:\d{2}|Z)?)?")

# A colleague's clock may run a little fast; anything later is from the future.
CLOCK_SKEW = timedelta(days=1)


class Invalid(ValueError):
    """A value that fails a check; the message says why (no value quoted)."""


def matches(pattern: re.Pattern[str], value: str) -> bool:
    """True when the whole of ``value`` matches (no trailing newline slips through)."""
    return pattern.fullmatch(value) is not None


def parse_time(value: str) -> datetime:
    """``value`` as an aware datetime (UTC when it names no zone), or :class:`Invalid`."""
    if not matches(TIME, value):
        raise Invalid("is malformed")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise Invalid("is not a real date and time") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def parse_date(value: str) -> None:
    """Refuse a page date that is malformed or not a real day."""
    if not matches(DATE, value):
        raise Invalid("is malformed")
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise Invalid("is not a real date") from None
    if value.startswith("0000"):
        raise Invalid("is not a real date")


def latest_allowed(created: datetime | None, now: datetime | None = None) -> datetime:
    """The latest time a share file may carry: its own creation time or now, whichever
    is earlier, plus :data:`CLOCK_SKEW`."""
    current = now or datetime.now(UTC)
    base = current if created is None else min(created, current)
    return base + CLOCK_SKEW


def json_value(raw: str, max_depth: int) -> Any:
    """``json.loads(raw)`` after checking that arrays and objects nest at most
    ``max_depth`` deep (deeper input would exhaust the recursive parser)."""
    if raw.count("[") + raw.count("{") > max_depth and _depth(raw) > max_depth:
        raise Invalid(f"nests deeper than {max_depth} levels")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise Invalid("is not JSON") from None


def _depth(raw: str) -> int:
    deepest = depth = 0
    in_string = escaped = False
    for ch in raw:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def open_regular(path: str | os.PathLike[str]) -> int:
    """A read-only descriptor on ``path``, refused unless it is a regular file.

    Opened non-blocking so a FIFO cannot hang us, then checked on the descriptor itself
    (``fstat``), so what is checked is what is read. Raises :class:`Invalid` for a
    folder, FIFO, device or socket; :class:`OSError` when it cannot be opened.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise Invalid("is a folder, not a share file")
        if not stat.S_ISREG(mode):
            kind = (
                "a FIFO"
                if stat.S_ISFIFO(mode)
                else "a device"
                if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "a socket"
                if stat.S_ISSOCK(mode)
                else "not a regular file"
            )
            raise Invalid(f"is {kind}, not a share file")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd
