"""Text in: decoding page dumps and splitting them into clean articles. Pure Python.

The public entry points are :func:`parse_file` and :func:`parse_text`; both return a
:class:`~reader.ingest.model.ParsedPage` whose blocks carry their source spans.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from reader.ingest.decode import Decoded, decode_bytes, read_page
from reader.ingest.model import Article, Block, Consumed, Decision, ParsedPage, SourceInfo

Mode = Literal["auto", "page", "article"]

__all__ = [
    "Article",
    "Block",
    "Consumed",
    "Decision",
    "Decoded",
    "ParsedPage",
    "SourceInfo",
    "decode_bytes",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "read_page",
]


def parse_text(
    text: str,
    source: SourceInfo | None = None,
    mode: Mode = "auto",
    overrides: Mapping[str, str] | None = None,
) -> ParsedPage:
    """Parse decoded page text. ``mode`` forces page or single-article handling;
    ``overrides`` maps decision keys (``Decision.key``) to the reading the reader chose."""
    from reader.ingest.parse import parse

    if source is None:
        import hashlib

        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        source = SourceInfo(path="<text>", sha256=digest, encoding="utf-8")
    return parse(text, source, mode, overrides)


def parse_bytes(data: bytes, name: str = "<bytes>", mode: Mode = "auto") -> ParsedPage:
    decoded = decode_bytes(data, name)
    return parse_text(decoded.text, SourceInfo(name, decoded.sha256, decoded.encoding), mode)


def parse_file(path: str | Path, mode: Mode = "auto") -> ParsedPage:
    """Read, decode and parse one page file; BadInputError (one line) on bad input."""
    decoded = read_page(path)
    source = SourceInfo(path=Path(path).name, sha256=decoded.sha256, encoding=decoded.encoding)
    return parse_text(decoded.text, source, mode)
