"""Known library failures, split from bugs the way qutebrowser's ``misc/sql.py`` does.

SQLite reports a handful of conditions the user can act on: the library is locked by
another program, read-only, corrupt (or not a library at all), or the disk is full.
Those become :class:`LibraryError` subclasses with one line naming the file; every
other database error is a bug and propagates unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc as sa_exc

from reader.errors import KnownError

# Primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class LibraryError(KnownError):
    """A problem with the library file the user can act on."""


class LibraryLockedError(LibraryError):
    pass


class LibraryReadOnlyError(LibraryError):
    pass


class LibraryCorruptError(LibraryError):
    pass


class DiskFullError(LibraryError):
    pass


class LibraryVersionError(LibraryError):
    """The library was written by a newer Pizhu, or its schema history is unknown."""


class MigrationError(LibraryError):
    """A schema upgrade failed; the library was left as it was."""


class NotFoundError(KnownError):
    """An id or uuid that names nothing in the library."""


def _sqlite_code(error: BaseException) -> int | None:
    orig = getattr(error, "orig", error)
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    if isinstance(orig, sqlite3.Error):
        # Older drivers: fall back on the message.
        text = str(orig).lower()
        for needle, primary in (
            ("database is locked", SQLITE_BUSY),
            ("readonly database", SQLITE_READONLY),
            ("malformed", SQLITE_CORRUPT),
            ("not a database", SQLITE_NOTADB),
            ("disk is full", SQLITE_FULL),
            ("unable to open", SQLITE_CANTOPEN),
        ):
            if needle in text:
                return primary
    return None


def translate(error: BaseException, path: Path | str) -> LibraryError | None:
    """The known error ``error`` stands for, or None when it is a bug."""
    code = _sqlite_code(error)
    where = str(path)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return LibraryLockedError(f"{where}: the library is locked by another program; try again")
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return LibraryReadOnlyError(f"{where}: the library is read-only")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return LibraryCorruptError(f"{where}: the library file is corrupt or not a Pizhu library")
    if code == SQLITE_FULL:
        return DiskFullError(f"{where}: the disk is full")
    if code == SQLITE_CANTOPEN:
        return LibraryReadOnlyError(f"{where}: cannot open the library file")
    if code == SQLITE_IOERR:
        return LibraryError(f"{where}: input/output error while using the library")
    return None


@contextmanager
def known_errors(path: Path | str) -> Iterator[None]:
    """Turn known SQLite failures inside the block into one-line LibraryErrors."""
    try:
        yield
    except (sa_exc.DBAPIError, sqlite3.Error) as error:
        known = translate(error, path)
        if known is None:
            raise
        raise known from error
