"""The library's tables as typed SQLAlchemy 2 models.

The Alembic migrations in ``db/versions`` are the source of truth for the schema on
disk; these models describe the same tables for the code, and a test checks that a
migrated library and this metadata agree. The search index (FTS5 virtual tables) is
not modelled here: :mod:`reader.store.search` owns it.

Times are stored as ISO-8601 UTC strings, lists (authors, spans, flags) as JSON.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reader.store.base import NAMING_CONVENTION as NAMING_CONVENTION
from reader.store.base import Base as Base
from reader.store.pagetext import ArticleText, PageText

_EMPTY = text("''")  # a server default; ``text`` is shadowed inside ArticleNote


def added_later(revision: str, reads_as: object) -> dict[str, Any]:
    """A column's ``info`` when a migration added it to a table share files carry: a
    share written before lacks it, and its rows read as holding ``reads_as``
    (:data:`reader.exchange.schema.ADDED_LATER`)."""
    return {"added_in": revision, "reads_as": reads_as}


ARTICLE_KINDS = ("article", "photo", "fragment")
BLOCK_TYPES = ("heading", "paragraph", "caption")


class SourceFile(Base):
    """One imported page file, with the decoded text every span points into."""

    __tablename__ = "source_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text)  # absolute path at import time
    name: Mapped[str] = mapped_column(Text)  # the file name, as the parse reports it
    sha256: Mapped[str] = mapped_column(String(64), unique=True)  # of the raw bytes
    text_hash: Mapped[str] = mapped_column(String(64), unique=True)  # of the normalized text
    encoding: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)  # bytes on disk
    text: Mapped[str] = mapped_column(PageText)  # decoded, exactly as read; stored compressed
    imported_at: Mapped[str] = mapped_column(String(32))
    paper: Mapped[str | None] = mapped_column(Text)
    page_date: Mapped[str | None] = mapped_column(String(10), index=True)  # YYYY-MM-DD
    page: Mapped[str | None] = mapped_column(String(16))  # "3", "A03"
    page_name: Mapped[str | None] = mapped_column(
        Text, info=added_later("0005", None)
    )  # 版名: 要闻, 社会, 文化
    # In the trash since this time (with its articles); None: in the library. Indexed
    # (migration 0010): a search leaves the trash out without reading every page's text.
    deleted_at: Mapped[str | None] = mapped_column(
        String(32), index=True, info=added_later("0005", None)
    )

    articles: Mapped[list[ArticleRow]] = relationship(
        back_populates="source", cascade="all, delete-orphan", passive_deletes=True
    )


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (
        CheckConstraint("kind IN ('article', 'photo', 'fragment')", name="kind"),
        UniqueConstraint("source_id", "ordinal"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source_files.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)  # position on the page
    title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    kicker: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[Any]] = mapped_column(default=list)
    photographers: Mapped[list[Any]] = mapped_column(default=list)
    continued_from: Mapped[str | None] = mapped_column(Text)
    continued_on: Mapped[str | None] = mapped_column(Text)
    # Blocks joined by blank lines; highlights index it. Stored as UTF-16 (see pagetext).
    text: Mapped[str] = mapped_column(ArticleText)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    flags: Mapped[list[Any]] = mapped_column(default=list)
    consumed: Mapped[list[Any]] = mapped_column(default=list)  # [[s, e, reason], …]
    created_at: Mapped[str] = mapped_column(String(32))
    # In the trash since (indexed: the few trashed rows are found without a scan).
    deleted_at: Mapped[str | None] = mapped_column(
        String(32), index=True, info=added_later("0005", None)
    )
    # Title, kind or authors last edited by hand (revision 0011); a merge's later edit wins.
    edited_at: Mapped[str | None] = mapped_column(String(32), info=added_later("0011", None))

    source: Mapped[SourceFile] = relationship(back_populates="articles")
    blocks: Mapped[list[BlockRow]] = relationship(
        back_populates="article",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="BlockRow.ordinal",
    )


class BlockRow(Base):
    """A block of an article. ``blocks`` is a view (revision 0006) over ``block_rows``,
    which keep the block's place in the article text rather than a copy of it;
    inserts, updates and deletes go through the view's triggers."""

    __tablename__ = "blocks"
    __table_args__ = (
        CheckConstraint("type IN ('heading', 'paragraph', 'caption')", name="type"),
        UniqueConstraint("article_id", "ordinal"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)  # offset of the block in the article text
    spans: Mapped[list[Any]] = mapped_column()  # [[s, e], …] into the source text
    flags: Mapped[list[Any]] = mapped_column(default=list)

    article: Mapped[ArticleRow] = relationship(back_populates="blocks")


class HighlightRow(Base):
    __tablename__ = "highlights"
    __table_args__ = (CheckConstraint('0 <= start AND start < "end"', name="range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    exact: Mapped[str] = mapped_column(Text)  # quote selector: the text itself,
    prefix: Mapped[str] = mapped_column(Text, default="")  # up to 32 characters before
    suffix: Mapped[str] = mapped_column(Text, default="")  # and after
    colour: Mapped[str] = mapped_column(String(32), default="yellow")
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)  # tombstone, for merging
    # Kept by a merge that could not place it in this text: quote kept, offsets meaningless.
    orphaned: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=text("0"), info=added_later("0003", 0)
    )


class TagRow(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, unique=True)  # NFKC-casefolded name
    colour: Mapped[str | None] = mapped_column(String(32))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("tags.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[str] = mapped_column(String(32))


class ArticleTag(Base):
    __tablename__ = "article_tags"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class HighlightTag(Base):
    __tablename__ = "highlight_tags"

    highlight_id: Mapped[int] = mapped_column(
        ForeignKey("highlights.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ArticleNote(Base):
    __tablename__ = "article_notes"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(32))
    # Who wrote the note ("" for notes written before notes carried an author).
    author: Mapped[str] = mapped_column(
        Text, default="", server_default=_EMPTY, info=added_later("0004", "")
    )


class Setting(Base):
    """Small library-wide facts, such as which tokenizer built the search index."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SplitFix(Base):
    """The user's answer to one of the parser's decisions on a page (revisions 0008, 0009).

    ``page`` is the page's text hash (``source_files.text_hash``), so a page deleted and
    imported again gets its fixes back; ``key`` is the parser's decision key
    (``kind@start``). Re-parsing, importing and merging pass ``chosen`` to the parser
    as an override (:mod:`reader.store.splitfix`)."""

    __tablename__ = "split_fixes"
    __table_args__ = (UniqueConstraint("page", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    page: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    spans: Mapped[list[Any]] = mapped_column()
    chosen: Mapped[str] = mapped_column(Text)
    parser_chosen: Mapped[str] = mapped_column(Text)  # what the parser had decided
    alternative: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))


# The analysis tables (migration 0009) live in their own module; importing it here puts
# them in Base.metadata wherever the models are used.
from reader.store import analysis_models as _analysis_models  # noqa: E402, F401

# Saved searches (migration 0010), likewise.
from reader.store import search_models as _search_models  # noqa: E402, F401
