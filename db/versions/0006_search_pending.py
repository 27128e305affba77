"""Faster imports and smaller libraries: the index queue, and blocks as offsets.

``search_pending``: articles waiting for the search index. An import stores articles
and makes them readable at once; the index is built after it by an indexer that takes
articles from this queue in batches, each batch indexed and dequeued in one
transaction, so a crash loses nothing that is not redone later. A trigger drops the
queue entry of a deleted article.

``blocks`` becomes a view over ``block_rows``, which keep each block's place in its
article's text (start, length) instead of a second copy of the text: the article text
was stored twice. Readers and writers keep using ``blocks`` (INSTEAD OF triggers); a
block whose text is not exactly its slice of the article text (written before its
article, or from a share file that disagrees) keeps its own text, so nothing can be
lost, and triggers on the article text keep that true when the text is edited.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The block's own text only where its slice of the article text differs.
_OWN_TEXT = (
    "CASE WHEN (SELECT substr(a.text, NEW.start + 1, length(NEW.text)) FROM articles a "
    "WHERE a.id = NEW.article_id) IS NEW.text THEN NULL ELSE NEW.text END"
)

STATEMENTS = (
    "CREATE TABLE search_pending (article_id INTEGER PRIMARY KEY)",
    "CREATE TRIGGER search_pending_article_deleted AFTER DELETE ON articles BEGIN "
    "DELETE FROM search_pending WHERE article_id = old.id; END",
    "CREATE TABLE block_rows ("
    "id INTEGER NOT NULL, "
    "article_id INTEGER NOT NULL, "
    "ordinal INTEGER NOT NULL, "
    "type VARCHAR(16) NOT NULL, "
    "start INTEGER NOT NULL, "
    "length INTEGER NOT NULL, "
    "text TEXT, "  # NULL: the block is substr(articles.text, start + 1, length)
    "spans JSON NOT NULL, "
    "flags JSON NOT NULL, "
    "CONSTRAINT pk_block_rows PRIMARY KEY (id), "
    "CONSTRAINT ck_block_rows_type CHECK (type IN ('heading', 'paragraph', 'caption')), "
    "CONSTRAINT uq_block_rows_article_id_ordinal UNIQUE (article_id, ordinal), "
    "CONSTRAINT fk_block_rows_article_id_articles FOREIGN KEY(article_id) "
    "REFERENCES articles (id) ON DELETE CASCADE)",
    "INSERT INTO block_rows (id, article_id, ordinal, type, start, length, text, spans, flags) "
    "SELECT b.id, b.article_id, b.ordinal, b.type, b.start, length(b.text), "
    "CASE WHEN substr(a.text, b.start + 1, length(b.text)) IS b.text THEN NULL ELSE b.text END, "
    "b.spans, b.flags FROM blocks b LEFT JOIN articles a ON a.id = b.article_id",
    "DROP TABLE blocks",
    "CREATE VIEW blocks AS SELECT r.id AS id, r.article_id AS article_id, r.ordinal AS ordinal, "
    "r.type AS type, coalesce(r.text, substr(a.text, r.start + 1, r.length)) AS text, "
    "r.start AS start, r.spans AS spans, r.flags AS flags "
    "FROM block_rows r JOIN articles a ON a.id = r.article_id",
    "CREATE TRIGGER blocks_insert INSTEAD OF INSERT ON blocks BEGIN "
    "INSERT INTO block_rows (id, article_id, ordinal, type, start, length, text, spans, flags) "
    f"VALUES (NEW.id, NEW.article_id, NEW.ordinal, NEW.type, NEW.start, length(NEW.text), "
    f"{_OWN_TEXT}, NEW.spans, NEW.flags); END",
    "CREATE TRIGGER blocks_update INSTEAD OF UPDATE ON blocks BEGIN "
    "UPDATE block_rows SET id = NEW.id, article_id = NEW.article_id, ordinal = NEW.ordinal, "
    f"type = NEW.type, start = NEW.start, length = length(NEW.text), text = {_OWN_TEXT}, "
    "spans = NEW.spans, flags = NEW.flags WHERE id = OLD.id; END",
    "CREATE TRIGGER blocks_delete INSTEAD OF DELETE ON blocks BEGIN "
    "DELETE FROM block_rows WHERE id = OLD.id; END",
    # An edited article text: its blocks first take their text from the old one, then
    # give it up again where the new text holds it.
    "CREATE TRIGGER block_rows_keep_text BEFORE UPDATE OF text ON articles BEGIN "
    "UPDATE block_rows SET text = substr(OLD.text, start + 1, length) "
    "WHERE article_id = OLD.id AND text IS NULL; END",
    "CREATE TRIGGER block_rows_share_text AFTER UPDATE OF text ON articles BEGIN "
    "UPDATE block_rows SET text = NULL WHERE article_id = NEW.id AND text IS NOT NULL "
    "AND substr(NEW.text, start + 1, length) IS text; END",
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
