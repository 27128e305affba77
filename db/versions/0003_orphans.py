"""Orphaned highlights: kept when a merge cannot place them in the receiver's text.

A highlight from a shared file whose quote no longer occurs in the receiver's version
of the article (a better repair, another segmentation) is stored with ``orphaned`` set:
its quote, context, note and tags are kept, its offsets are not meaningful. Nothing is
ever dropped; a later merge or an edit can place it again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-05-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "highlights",
        sa.Column("orphaned", sa.Boolean(), nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
