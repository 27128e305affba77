"""When an article's title, kind or authors were last edited by hand.

A merge compares these times the way it compares highlights' ``updated_at``: the later
edit wins. NULL: the fields are as the parser read them.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("edited_at", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("edited_at")
