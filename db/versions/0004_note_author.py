"""Article notes carry their author, as highlights do.

Notes written before this revision read as written by nobody (``''``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "article_notes",
        sa.Column("author", sa.Text(), nullable=False, server_default=sa.text("''")),
    )


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
