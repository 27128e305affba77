"""Split fixes: the user's answers to the parser's decisions on a page.

A fix names one decision of the page (its kind and source spans) and the choice the
user made, so a re-parse and a colleague's library can replay it.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "split_fixes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("spans", sa.JSON(), nullable=False),
        sa.Column("chosen", sa.Text(), nullable=False),
        sa.Column("parser_chosen", sa.Text(), nullable=False),
        sa.Column("alternative", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source_files.id"],
            name=op.f("fk_split_fixes_source_id_source_files"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_split_fixes")),
        sa.UniqueConstraint("uuid", name=op.f("uq_split_fixes_uuid")),
        sa.UniqueConstraint("source_id", "key", name=op.f("uq_split_fixes_source_id_key")),
    )


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
