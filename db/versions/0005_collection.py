"""The library as a collection: page names (版名), a trash, page facts backfilled.

Pages gain ``page_name``; pages and articles gain ``deleted_at`` (in the trash since
that time; NULL: in the library). Paper, date, page number and page name that are
still unknown are read once more from the file name and the page header, as
:func:`reader.store.pageinfo.page_info` reads them at import.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("source_files") as batch:
        batch.add_column(sa.Column("page_name", sa.Text(), nullable=True))
        batch.add_column(sa.Column("deleted_at", sa.String(32), nullable=True))
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("deleted_at", sa.String(32), nullable=True))
    op.create_index("ix_articles_deleted_at", "articles", ["deleted_at"])
    _backfill()


def _backfill() -> None:
    # Imported here: the migration reads names the way the importer does.
    from reader.store.pageinfo import page_info

    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, name, substr(text, 1, 2000) AS head, paper, page_date, page "
            "FROM source_files WHERE paper IS NULL OR page_date IS NULL OR page IS NULL "
            "OR page_name IS NULL"
        )
    ).all()
    for r in rows:
        info = page_info(r.name, r.head)
        conn.execute(
            sa.text(
                "UPDATE source_files SET paper = coalesce(paper, :paper), "
                "page_date = coalesce(page_date, :date), page = coalesce(page, :page), "
                "page_name = coalesce(page_name, :page_name) WHERE id = :id"
            ),
            {
                "id": r.id,
                "paper": info.paper,
                "date": info.date,
                "page": info.page,
                "page_name": info.page_name,
            },
        )


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
