"""Article text stored as UTF-16: ``articles.text`` holds ``reader.store.pagetext``'s
uncompressed form (a mark, then UTF-16), a Chinese character in two bytes instead of
UTF-8's three; the models' column type reads and writes it, and plain SQL reads it
through ``pagetext.decode``.

SQL cannot cut a block out of UTF-16 bytes, so the ``blocks`` view (0006) and the
triggers that compare a block with its slice of the article text read the article
text through ``pizhu_text(...)``, the same decode, which every connection of the
library registers (``reader.store.database``). The view and the triggers are dropped
while the rows are rewritten: the old triggers would copy every block's text into its
row as the article text changed under them.

Rows are rewritten a few hundred at a time, all in this one transaction: a crash
leaves the library as it was before or after.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from reader.store import pagetext

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

CHUNK = 500  # articles read and written at a time (an article is a few kilobytes)

T = pagetext.SQL_NAME
# The block's own text only where its slice of the article text differs (as in 0006).
_OWN_TEXT = (
    f"CASE WHEN (SELECT substr({T}(a.text), NEW.start + 1, length(NEW.text)) FROM articles a "
    "WHERE a.id = NEW.article_id) IS NEW.text THEN NULL ELSE NEW.text END"
)

VIEW = (
    "CREATE VIEW blocks AS SELECT r.id AS id, r.article_id AS article_id, r.ordinal AS ordinal, "
    f"r.type AS type, coalesce(r.text, substr({T}(a.text), r.start + 1, r.length)) AS text, "
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
    f"UPDATE block_rows SET text = substr({T}(OLD.text), start + 1, length) "
    "WHERE article_id = OLD.id AND text IS NULL; END",
    "CREATE TRIGGER block_rows_share_text AFTER UPDATE OF text ON articles BEGIN "
    "UPDATE block_rows SET text = NULL WHERE article_id = NEW.id AND text IS NOT NULL "
    f"AND substr({T}(NEW.text), start + 1, length) IS text; END",
)


def upgrade() -> None:
    conn = op.get_bind()
    op.execute("DROP TRIGGER block_rows_keep_text")
    op.execute("DROP TRIGGER block_rows_share_text")
    op.execute("DROP VIEW blocks")  # and its INSTEAD OF triggers
    ids = [r[0] for r in conn.execute(text("SELECT id FROM articles WHERE typeof(text) = 'text'"))]
    for lo in range(0, len(ids), CHUNK):
        marks = ",".join(str(int(i)) for i in ids[lo : lo + CHUNK])
        rows = conn.exec_driver_sql(f"SELECT id, text FROM articles WHERE id IN ({marks})")
        conn.exec_driver_sql(
            "UPDATE articles SET text = ? WHERE id = ?",
            [(pagetext.encode_plain(str(t)), i) for i, t in rows.fetchall()],
        )
    for statement in VIEW:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
