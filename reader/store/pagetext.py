"""How a page's text is stored: ``source_files.text`` holds it zlib-compressed.

The raw page text is kept for re-parsing, split checks and integrity, but is read
rarely (a page at a time), so it is stored compressed (migration 0014; about a third
to a half smaller). This module is the one place that encodes and decodes it: the
model's column type (:class:`PageText`) does it for every SQLAlchemy read and write,
so the attribute's Python value stays a ``str``; code reading the column with plain
SQL calls :func:`decode`. A value stored as text (a library or share written before
0014, or rows written straight into SQLite) reads as itself.
"""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator

LEVEL = 6  # zlib's default: level 9 saves nothing more on page text, level 1 ~1 %


def encode(text: str) -> bytes:
    """The stored form of ``text``."""
    return zlib.compress(text.encode("utf-8"), LEVEL)


def decode(value: str | bytes) -> str:
    """The text of a stored value: compressed bytes, or text stored as it is."""
    if isinstance(value, bytes):
        return zlib.decompress(value).decode("utf-8")
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
