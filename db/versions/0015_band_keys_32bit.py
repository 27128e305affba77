"""Band keys of 32 bits: ``signature_bands`` rows of 4-byte keys instead of 8-byte ones.

The LSH keys (``reader.analysis.signature.band_keys``) are now signed 32-bit integers,
which SQLite's record format stores in four bytes; a 64-bit key took eight. The old
keys are dropped and the band table is written again from the stored signatures by the
analysis catch-up (``reader.analysis.index.write_bands``, marked from the first
article), which the window's background indexer and every analysis command run. Until
then an article has no related stories listed, as for one whose bands an interrupted
import left. The delete and the mark are one transaction, and the rewrite another: a
crash at any point leaves the bands either whole or waiting.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM signature_bands")
    # reader.analysis.index.BANDS_FROM: every signature from the first article on
    op.execute(
        "INSERT INTO settings (key, value) VALUES ('bands_from', '0') "
        "ON CONFLICT (key) DO UPDATE SET value = '0'"
    )


def downgrade() -> None:
    raise NotImplementedError("Pizhu libraries are only ever upgraded")
