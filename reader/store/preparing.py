"""Preparing a page file for the library, with no database: read, decode, parse, hash.

The slow part of an import (decoding, parsing, jieba, the analysis if asked) happens here,
before the write transaction opens (:mod:`reader.store.importer`), in worker processes
for long runs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from reader.analysis import index as analysis
from reader.ingest import Article, ParsedPage, SourceInfo, read_page
from reader.store import search, searchtext
from reader.store.pageinfo import PageInfo, page_info

Parser = Callable[[str, SourceInfo], ParsedPage]


_WS = re.compile(r"\s+")


def text_identity(text: str) -> str:
    """Hash of the page text with encoding, BOM, newlines and whitespace differences removed."""
    norm = unicodedata.normalize("NFKC", text.lstrip("\ufeff"))
    norm = _WS.sub(" ", norm).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def content_hash(text: str) -> str:
    """Hash of an article's normalized text (search normalization: NFKC, case, spaces)."""
    return hashlib.sha256(searchtext.normalize(text).encode("utf-8")).hexdigest()


@dataclass
class PreparedArticle:
    article: Article
    content_hash: str
    uuid: str
    tokens: search.ArticleTokens | None = None  # None: the indexer tokenizes it later
    analysis: analysis.ArticleAnalysis | None = None  # None: analysis.catch_up does it

    @cached_property
    def text(self) -> str:
        """The article's body as stored: its blocks joined."""
        return self.article.text

    def __getstate__(self) -> dict[str, object]:
        # A worker hands prepared files over a pipe: the body travels once, in its blocks
        # (pages pickle a quarter smaller, and a full pipe stalls the worker).
        state = dict(self.__dict__)
        state.pop("text", None)
        return state


@dataclass
class PreparedFile:
    path: Path
    name: str
    sha256: str
    text_hash: str
    encoding: str
    size: int
    text: str
    info: PageInfo
    articles: list[PreparedArticle] = field(default_factory=list)


def identify(path: Path) -> tuple[str, str, str, str, int]:
    """Read and decode ``path``: (text, encoding, sha256, text hash, size)."""
    decoded = read_page(path)
    size = path.stat().st_size
    return decoded.text, decoded.encoding, decoded.sha256, text_identity(decoded.text), size


def prepare(
    path: Path,
    decoded: tuple[str, str, str, str, int],
    parser: Parser,
    *,
    analyse: bool = False,
) -> PreparedFile:
    text, encoding, sha, text_hash, size = decoded
    page = parser(text, SourceInfo(path=path.name, sha256=sha, encoding=encoding))
    prepared = PreparedFile(
        path=path,
        name=path.name,
        sha256=sha,
        text_hash=text_hash,
        encoding=encoding,
        size=size,
        text=text,
        info=page_info(path.name, text),
    )
    for article in page.articles:
        body = article.text
        prepared.articles.append(
            PreparedArticle(
                article=article,
                content_hash=content_hash(body),
                uuid=str(uuid.uuid4()),
                analysis=analysis.analyse(article.title, body) if analyse else None,
            )
        )
    return prepared
