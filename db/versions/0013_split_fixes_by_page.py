"""Split fixes belong to the page's text, not to its row.

A fix used to name its page by ``source_id`` (deleted with the page). Keyed by the
page's text hash instead, a page deleted and imported again gets its fixes back, and a
fix merged from a colleague's share waits for the page. ``key`` becomes the parser's own
decision key (``kind@start``), the name ``parse_text(overrides=…)`` takes.

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None

STATEMENTS = (
    "CREATE TABLE split_fixes_new ("
    "id INTEGER NOT NULL, "
    "uuid VARCHAR(36) NOT NULL, "
    "page VARCHAR(64) NOT NULL, "
    '"key" TEXT NOT NULL, '
    "kind VARCHAR(32) NOT NULL, "
    "spans JSON NOT NULL, "
    "chosen TEXT NOT NULL, "
    "parser_chosen TEXT NOT NULL, "
    "alternative TEXT NOT NULL, "
    "author TEXT NOT NULL, "
    "created_at VARCHAR(32) NOT NULL, "
    "CONSTRAINT pk_split_fixes PRIMARY KEY (id), "
    "CONSTRAINT uq_split_fixes_uuid UNIQUE (uuid), "
    'CONSTRAINT uq_split_fixes_page_key UNIQUE (page, "key"))',
    # Oldest first, so where two old keys name one decision the later answer stays.
    'INSERT OR REPLACE INTO split_fixes_new (id, uuid, page, "key", kind, spans, chosen, '
    "parser_chosen, alternative, author, created_at) "
    "SELECT f.id, f.uuid, s.text_hash, f.kind || '@' || json_extract(f.spans, '$[0][0]'), "
    "f.kind, f.spans, f.chosen, f.parser_chosen, f.alternative, f.author, f.created_at "
    "FROM split_fixes f JOIN source_files s ON s.id = f.source_id ORDER BY f.created_at, f.id",
    "DROP TABLE split_fixes",
    "ALTER TABLE split_fixes_new RENAME TO split_fixes",
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
