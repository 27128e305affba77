"""The saved searches table, and the index that finds trashed pages (migration 0010).

It shares :class:`~reader.store.models.Base` so the schema test compares it with the
migrated library like every other table.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reader.store.models import Base, SourceFile


class SavedSearchRow(Base):
    """A named query with its filters and sort (as Zotero's saved searches)."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    query: Mapped[str] = mapped_column(Text)
    sort: Mapped[str] = mapped_column(String(16))
    filters: Mapped[dict[str, Any]] = mapped_column()  # reader.store.queries.Where as JSON
    # The largest article id when the search was last opened: hits above it are new.
    seen_upto: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[str] = mapped_column(String(32))
    opened_at: Mapped[str | None] = mapped_column(String(32))


# A search leaves the trash out: finding the trashed pages must not read every page's
# text (their ``deleted_at`` is stored after it).
Index("ix_source_files_deleted_at", SourceFile.deleted_at)
