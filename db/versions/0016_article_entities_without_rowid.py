"""``article_entities`` as a WITHOUT ROWID table: its rows live in the primary key's
B-tree (article, entity, mentions) instead of a rowid table beside an index that held
the key a second time.

Built again in this one transaction (new table, rows copied, old one dropped, the new
one renamed, its entity index made again): a crash leaves the library as it was before
or after. No table refers to this one, so dropping it touches no other row.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE article_entities_new ("
        "article_id INTEGER NOT NULL, entity_id INTEGER NOT NULL, mentions INTEGER NOT NULL, "
        "CONSTRAINT pk_article_entities PRIMARY KEY (article_id, entity_id), "
        "CONSTRAINT fk_article_entities_article_id_articles FOREIGN KEY(article_id) "
        "REFERENCES articles (id) ON DELETE CASCADE, "
        "CONSTRAINT fk_article_entities_entity_id_entities FOREIGN KEY(entity_id) "
        "REFERENCES entities (id) ON DELETE CASCADE) WITHOUT ROWID"
    )
    op.execute(
        "INSERT INTO article_entities_new (article_id, entity_id, mentions) "
        "SELECT article_id, entity_id, mentions FROM article_entities "
        "ORDER BY article_id, entity_id"
    )
    op.execute("DROP TABLE article_entities")
    op.execute("ALTER TABLE article_entities_new RENAME TO article_entities")
    op.execute("CREATE INDEX ix_article_entities_entity_id ON article_entities (entity_id)")


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
