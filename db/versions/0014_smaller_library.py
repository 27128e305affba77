"""A smaller library: page text compressed, the search index without column numbers.

* ``source_files.text`` holds the page text zlib-compressed (see
  ``reader.store.pagetext``, the one place that reads and writes it); the declared type
  stays ``TEXT``, and a value still stored as text reads as itself.
* ``search_articles`` is created again with the bigrams as its first column and without
  the ``body`` column (empty since scheme 4). FTS5 writes the column's number into every
  position list of a column but the first, two bytes per article and bigram. Every
  article is queued, and the indexer builds the index again in the background, as after
  a change of tokenizer; the window stays usable meanwhile.

Both in this one transaction: a crash leaves the library as it was before or after.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

import zlib

from alembic import op
from sqlalchemy import text

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

CHUNK = 200  # pages read and written at a time (a page is tens of kilobytes)


def upgrade() -> None:
    conn = op.get_bind()
    ids = [
        r[0] for r in conn.execute(text("SELECT id FROM source_files WHERE typeof(text) = 'text'"))
    ]
    for lo in range(0, len(ids), CHUNK):
        marks = ",".join(str(int(i)) for i in ids[lo : lo + CHUNK])
        rows = conn.exec_driver_sql(
            f"SELECT id, text FROM source_files WHERE id IN ({marks})"
        ).fetchall()
        conn.exec_driver_sql(
            "UPDATE source_files SET text = ? WHERE id = ?",
            [(zlib.compress(str(t).encode("utf-8"), 6), i) for i, t in rows],
        )
    op.execute("DROP TABLE search_articles")
    op.execute(
        "CREATE VIRTUAL TABLE search_articles USING fts5("
        "grams, title, tokenize='ascii', content='')"
    )
    op.execute("DELETE FROM search_pending")
    op.execute("INSERT INTO search_pending (article_id) SELECT id FROM articles")


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
