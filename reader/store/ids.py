"""Typed ids: an ``ArticleId`` is never confused with a ``HighlightId``."""

from __future__ import annotations

from typing import NewType

SourceId = NewType("SourceId", int)
ArticleId = NewType("ArticleId", int)
HighlightId = NewType("HighlightId", int)
TagId = NewType("TagId", int)
