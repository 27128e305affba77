"""Full-text search: FTS5 indexes over articles and over notes.

``search_articles`` is contentless (the article text is already in ``articles``): its
columns hold jieba search-mode tokens of the title and body, and the character bigrams
of both that give exact substring recall. ``search_notes`` keeps its own small content
(article notes and highlight notes), so rows can be replaced freely as notes change.
The index is filled by Pizhu after the upgrade (it needs jieba), see
``reader.store.search.ensure_index``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-10
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE search_articles USING fts5("
        "title, body, grams, tokenize='ascii', content='')"
    )
    op.execute("CREATE VIRTUAL TABLE search_notes USING fts5(words, grams, tokenize='ascii')")
    op.execute("DELETE FROM settings WHERE key = 'search.tokenizer'")


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
