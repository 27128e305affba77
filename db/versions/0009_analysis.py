"""People, places and organisations per article, the user's local names, and the
MinHash signatures that find related stories and reprints.

``article_signatures`` doubles as the record of which articles have been analysed: an
article without a row there is picked up by the next analysis pass (after a re-parse or
a merge). ``signature_bands`` is the LSH index: one row per band of a signature, looked
up by its hash; rows of deleted articles are ignored (joined against signatures).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.CheckConstraint("kind IN ('person', 'place', 'org')", name="kind"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
        sa.UniqueConstraint("name", "kind", name=op.f("uq_entities_name_kind")),
    )
    op.create_table(
        "article_entities",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_entities_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_article_entities_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "entity_id", name=op.f("pk_article_entities")),
    )
    op.create_index(
        op.f("ix_article_entities_entity_id"), "article_entities", ["entity_id"], unique=False
    )
    op.create_table(
        "entity_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("canonical", sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('person', 'place', 'org')", name="kind"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_names")),
        sa.UniqueConstraint("name", name=op.f("uq_entity_names_name")),
    )
    op.create_table(
        "article_signatures",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_signatures_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_signatures")),
    )
    op.create_table(
        "signature_bands",
        sa.Column("key", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "article_id", name=op.f("pk_signature_bands")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
