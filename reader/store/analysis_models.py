"""Tables of the analysis pass (migration 0009): entities, local names, signatures.

They share :class:`~reader.store.base.Base` so the schema test compares them with the
migrated library like every other table.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from reader.store.base import Base

ENTITY_KINDS = ("person", "place", "org")
_KIND_CHECK = "kind IN ('person', 'place', 'org')"


class EntityRow(Base):
    __tablename__ = "entities"
    __table_args__ = (
        CheckConstraint(_KIND_CHECK, name="kind"),
        # one entity per name and kind: 青城 the place and 青城 a person's name stay apart
        UniqueConstraint("name", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))


class ArticleEntity(Base):
    __tablename__ = "article_entities"
    # the rows are the key's B-tree: no rowid table beside it (migration 0016)
    __table_args__ = ({"sqlite_with_rowid": False},)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    mentions: Mapped[int] = mapped_column(Integer)


class EntityName(Base):
    """The user's local-names dictionary: a name, its kind and the name it stands for
    (呼市 → 呼和浩特); a canonical name stands for itself."""

    __tablename__ = "entity_names"
    __table_args__ = (CheckConstraint(_KIND_CHECK, name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    canonical: Mapped[str] = mapped_column(Text)


class ArticleSignature(Base):
    __tablename__ = "article_signatures"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class SignatureBand(Base):
    __tablename__ = "signature_bands"
    __table_args__ = ({"sqlite_with_rowid": False},)

    key: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
