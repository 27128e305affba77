"""The library: source files, articles and blocks, highlights, tags, notes.

Revision ID: 0001
Revises:
Create Date: 2026-05-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _fk(column: str, table: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )
    op.create_table(
        "source_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("encoding", sa.String(32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.Column("paper", sa.Text(), nullable=True),
        sa.Column("page_date", sa.String(10), nullable=True),
        sa.Column("page", sa.String(16), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_source_files"),
        sa.UniqueConstraint("sha256", name="uq_source_files_sha256"),
        sa.UniqueConstraint("text_hash", name="uq_source_files_text_hash"),
    )
    op.create_index("ix_source_files_page_date", "source_files", ["page_date"])
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("colour", sa.String(32), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tags"),
        sa.UniqueConstraint("key", name="uq_tags_key"),
        _fk("parent_id", "tags", "tags", "SET NULL"),
    )
    op.create_index("ix_tags_parent_id", "tags", ["parent_id"])
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("kicker", sa.Text(), nullable=True),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("photographers", sa.JSON(), nullable=False),
        sa.Column("continued_from", sa.Text(), nullable=True),
        sa.Column("continued_on", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("consumed", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.CheckConstraint("kind IN ('article', 'photo', 'fragment')", name="ck_articles_kind"),
        sa.UniqueConstraint("source_id", "ordinal", name="uq_articles_source_id_ordinal"),
        sa.UniqueConstraint("uuid", name="uq_articles_uuid"),
        _fk("source_id", "articles", "source_files", "CASCADE"),
    )
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"])
    op.create_table(
        "blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("spans", sa.JSON(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_blocks"),
        sa.CheckConstraint("type IN ('heading', 'paragraph', 'caption')", name="ck_blocks_type"),
        sa.UniqueConstraint("article_id", "ordinal", name="uq_blocks_article_id_ordinal"),
        _fk("article_id", "blocks", "articles", "CASCADE"),
    )
    op.create_table(
        "highlights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("exact", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("suffix", sa.Text(), nullable=False),
        sa.Column("colour", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_highlights"),
        sa.CheckConstraint('0 <= start AND start < "end"', name="ck_highlights_range"),
        sa.UniqueConstraint("uuid", name="uq_highlights_uuid"),
        _fk("article_id", "highlights", "articles", "CASCADE"),
    )
    op.create_index("ix_highlights_article_id", "highlights", ["article_id"])
    op.create_table(
        "article_tags",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "tag_id", name="pk_article_tags"),
        _fk("article_id", "article_tags", "articles", "CASCADE"),
        _fk("tag_id", "article_tags", "tags", "CASCADE"),
    )
    op.create_index("ix_article_tags_tag_id", "article_tags", ["tag_id"])
    op.create_table(
        "highlight_tags",
        sa.Column("highlight_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("highlight_id", "tag_id", name="pk_highlight_tags"),
        _fk("highlight_id", "highlight_tags", "highlights", "CASCADE"),
        _fk("tag_id", "highlight_tags", "tags", "CASCADE"),
    )
    op.create_index("ix_highlight_tags_tag_id", "highlight_tags", ["tag_id"])
    op.create_table(
        "article_notes",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_article_notes"),
        _fk("article_id", "article_notes", "articles", "CASCADE"),
    )


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
