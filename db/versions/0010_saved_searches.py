"""Saved searches: a named query with its filters and sort, and what was seen of it;
an index on ``source_files.deleted_at`` (a search finds the trashed pages by it).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("sort", sa.String(length=16), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("seen_upto", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("opened_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_searches")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_searches_name")),
    )
    op.create_index("ix_source_files_deleted_at", "source_files", ["deleted_at"])


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
