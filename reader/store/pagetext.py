"""How a page's text is stored: ``source_files.text`` holds it zlib-compressed.

The raw page text is kept for re-parsing, split checks and integrity, but is read
rarely (a page at a time), so it is stored compressed (migration 0014; about a third
to a half smaller). This module is the one place that encodes and decodes it: the
model's column type (:class:`PageText`) does it for every SQLAlchemy read and write,
so the attribute's Python value stays a ``str``; code reading the column with plain
SQL calls :func:`decode`. A value stored as text (a library or share written before
0014, or rows written straight into SQLite) reads as itself.

Pages are compressed as UTF-16, behind a one-byte mark: a Chinese character takes two
bytes there instead of three, and zlib keeps about 5 % less of a page (measured on the
sample pages; Latin text costs a little more). Pages written from 0014 to 0016 hold
zlib's UTF-8 stream, whose first byte is never the mark, and read as before.
"""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator

LEVEL = 6  # zlib's default: level 9 saves nothing more on page text, level 1 ~1 %


# Before a UTF-16 stream. A zlib stream starts with its header, whose first byte (method
# 8, a window of 2**8 to 2**15) is never 0x01.
UTF16 = b"\x01"


def encode(text: str) -> bytes:
    """The stored form of ``text``."""
    return UTF16 + zlib.compress(text.encode("utf-16-le"), LEVEL)


def decode(value: str | bytes) -> str:
    """The text of a stored value: compressed bytes, or text stored as it is."""
    if isinstance(value, bytes):
        if value[:1] == UTF16:
            return zlib.decompress(value[1:]).decode("utf-16-le")
        return zlib.decompress(value).decode("utf-8")  # written from 0014 to 0016
    return value


class PageText(TypeDecorator[str]):
    """A ``str`` attribute stored compressed. Declared ``TEXT`` (SQLite keeps a blob in a
    TEXT column as it is), so the declared schema, and share files, are unchanged."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else encode(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else decode(value)
