"""How long text is stored: ``source_files.text`` and ``articles.text`` as UTF-16 bytes.

Page text is kept for re-parsing, split checks and integrity, but is read rarely (a page
at a time), so it is stored compressed (migration 0014; about a third to a half
smaller). Article text is read far more often (a search ranks its candidates by their
text), so it is stored as UTF-16 without compression (migration 0017): a Chinese
character takes two bytes there instead of UTF-8's three, and reading it back is a plain
decode, several times faster than zlib's.

This module is the one place that encodes and decodes either. The models' column types
(:class:`PageText`, :class:`ArticleText`) do it for every SQLAlchemy read and write, so
the attributes' Python values stay ``str``; code reading the columns with plain SQL
calls :func:`decode`, and SQL itself calls it as ``pizhu_text(...)`` (:data:`SQL_NAME`,
registered on every connection of the library: the ``blocks`` view cuts block text
from it). A value stored as text (a library or share written before the migrations, or
rows written straight into SQLite) reads as itself.

Each stored form starts with a one-byte mark. Pages written from 0014 to 0016 hold
zlib's UTF-8 stream, whose first byte is never a mark, and read as before.
"""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator

LEVEL = 6  # zlib's default: level 9 saves nothing more on page text, level 1 ~1 %

# Before a zlib stream of UTF-16, and before UTF-16 as it is. A zlib stream starts with
# its header, whose first byte (method 8, a window of 2**8 to 2**15) is never either.
UTF16 = b"\x01"
PLAIN = b"\x02"

SQL_NAME = "pizhu_text"
# What decoding a stored value may raise when the value is damaged.
UNREADABLE = (zlib.error, UnicodeDecodeError)


def encode(text: str) -> bytes:
    """The stored form of a page's ``text``: compressed."""
    return UTF16 + zlib.compress(text.encode("utf-16-le"), LEVEL)


def encode_plain(text: str) -> bytes:
    """The stored form of an article's ``text``: not compressed, quick to read."""
    return PLAIN + text.encode("utf-16-le")


def decode(value: str | bytes) -> str:
    """The text of a stored value: UTF-16 (compressed or not), or text stored as it is."""
    if isinstance(value, bytes):
        mark = value[:1]
        if mark == PLAIN:
            return value[1:].decode("utf-16-le")
        if mark == UTF16:
            return zlib.decompress(value[1:]).decode("utf-16-le")
        return zlib.decompress(value).decode("utf-8")  # written from 0014 to 0016
    return value


def sql_decode(value: str | bytes | None) -> str | None:
    """:func:`decode` as SQL calls it (``NULL`` reads as ``NULL``)."""
    return None if value is None else decode(value)


class PageText(TypeDecorator[str]):
    """A ``str`` attribute stored compressed. Declared ``TEXT`` (SQLite keeps a blob in a
    TEXT column as it is), so the declared schema, and share files, are unchanged."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else encode(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else decode(value)


class ArticleText(PageText):
    """A ``str`` attribute stored as UTF-16, not compressed (read back by one decode)."""

    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else encode_plain(value)
