"""Articles waiting for the search index.

An import stores articles and makes them readable at once; the search index is built
after it by a background indexer that takes articles from this queue in batches, each
batch indexed and dequeued in one transaction, so a crash loses nothing that is not
redone on the next open. A trigger drops the queue entry of a deleted article.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE search_pending (article_id INTEGER PRIMARY KEY)")
    op.execute(
        "CREATE TRIGGER search_pending_article_deleted AFTER DELETE ON articles BEGIN "
        "DELETE FROM search_pending WHERE article_id = old.id; END"
    )


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
