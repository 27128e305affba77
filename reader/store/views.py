"""Plain, immutable views of library rows: what the CLI prints and the GUI shows.

They hold no database session, so a worker thread can hand them to the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any

from reader.ingest.model import Article, Block, Consumed
from reader.store.ids import ArticleId, HighlightId, SourceId, TagId
from reader.store.searchtext import Snippet


@dataclass(frozen=True)
class SourceView:
    id: SourceId
    path: str
    name: str
    sha256: str
    encoding: str
    imported_at: str
    paper: str | None
    date: str | None
    page: str | None
    page_name: str | None = None
    in_trash: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "name": self.name,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "imported_at": self.imported_at,
            "paper": self.paper,
            "date": self.date,
            "page": self.page,
            "page_name": self.page_name,
            "in_trash": self.in_trash,
        }


@dataclass(frozen=True)
class TagView:
    id: TagId
    name: str
    colour: str | None
    parent_id: TagId | None
    path: tuple[str, ...]  # names from the root, e.g. ("地点", "赛罕区")

    @property
    def label(self) -> str:
        return " › ".join(self.path)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "path": list(self.path),
            "colour": self.colour,
            "parent_id": self.parent_id,
        }


def _listing_json(row: ArticleSummary | SearchHit) -> dict[str, Any]:
    fields = ("id", "uuid", "title", "kind", "source", "date")
    return {name: getattr(row, name) for name in fields}


@dataclass(frozen=True)
class ArticleSummary:
    id: ArticleId
    uuid: str
    title: str | None
    kind: str
    source: str  # file name
    date: str | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    highlights: int

    def to_json(self) -> dict[str, Any]:
        return {
            **_listing_json(self),
            "authors": list(self.authors),
            "tags": list(self.tags),
            "highlights": self.highlights,
        }


@dataclass(frozen=True)
class HighlightView:
    id: HighlightId
    uuid: str
    article_id: ArticleId
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    colour: str
    note: str
    author: str
    tags: tuple[str, ...]
    created_at: str
    updated_at: str
    orphaned: bool = False  # kept from a merge, not placed in this article's text

    @classmethod
    def from_row(cls, r: Any, tags: Sequence[str]) -> HighlightView:
        """From a ``highlights`` row (ORM, or a plain SELECT of every column,
        :func:`reader.store.tables.highlight_columns`) and its tags."""
        values = list(_highlight_values(r))
        for i in _HIGHLIGHT_FLAGS:  # a plain SELECT gives SQLite's 0 and 1
            values[i] = bool(values[i])
        values.insert(_TAGS_AT, tuple(tags))
        return cls(*values)

    def to_json(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "quote": {"exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            "start": self.start,
            "end": self.end,
            "colour": self.colour,
            "note": self.note,
            "tags": list(self.tags),
            "author": self.author,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


# The view's fields are the columns of the row it is read from, and its tags; built
# positionally (an article opens with hundreds).
_FIELDS = [f for f in fields(HighlightView) if f.name != "tags"]
_TAGS_AT = [f.name for f in fields(HighlightView)].index("tags")
_HIGHLIGHT_FLAGS = tuple(i for i, f in enumerate(_FIELDS) if f.type == "bool")
_highlight_values = attrgetter(*(f.name for f in _FIELDS))


@dataclass(frozen=True)
class ArticleDetail:
    id: ArticleId
    uuid: str
    article: Article  # the parse model, rebuilt from the stored rows
    text: str
    content_hash: str
    source: SourceView
    tags: tuple[str, ...]
    note: str
    note_author: str  # who wrote the note ("" when unknown or there is none)
    highlights: tuple[HighlightView, ...]
    in_trash: bool = False  # the article (or its page) is in the trash
    continued_on_id: ArticleId | None = None  # the story's next part, when in the library
    continued_from_id: ArticleId | None = None

    def to_json(self) -> dict[str, Any]:
        """The parse schema (FORMAT.md) of the article, plus library fields."""
        out: dict[str, Any] = {"id": self.id, "uuid": self.uuid}
        out.update(self.article.to_json())
        out["text"] = self.text
        out["content_hash"] = self.content_hash
        out["source"] = self.source.to_json()
        out["tags"] = list(self.tags)
        out["note"] = self.note
        out["note_author"] = self.note_author
        out["highlights"] = [h.to_json() for h in self.highlights]
        out["in_trash"] = self.in_trash
        out["continued_on_id"] = self.continued_on_id
        out["continued_from_id"] = self.continued_from_id
        return out


def rebuild_article(row: Any, blocks: list[Any]) -> Article:
    """An ingest ``Article`` from an ``articles`` row and its ``blocks`` rows."""
    return Article(
        title=row.title,
        kind=row.kind,
        kicker=row.kicker,
        authors=list(row.authors),
        photographers=list(row.photographers),
        continued_from=row.continued_from,
        continued_on=row.continued_on,
        blocks=[
            Block(type=b.type, text=b.text, spans=[(s, e) for s, e in b.spans], flags=list(b.flags))
            for b in blocks
        ],
        consumed=[Consumed(span=(c[0], c[1]), reason=c[2]) for c in row.consumed],
        flags=list(row.flags),
    )


@dataclass(frozen=True)
class SearchHit:
    id: ArticleId
    uuid: str
    title: str | None
    kind: str
    source: str
    date: str | None
    score: float  # bm25: lower is better
    snippet: Snippet  # the body around the first hit, hits marked

    def to_json(self) -> dict[str, Any]:
        return {
            **_listing_json(self),
            "score": round(self.score, 4),
            "snippet": self.snippet.marked(),
            "snippet_text": self.snippet.text,
            "marks": [[s, e] for s, e in self.snippet.marks],
        }


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]
    articles: int
    sources: int
    schema: str | None

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "problems": list(self.problems),
            "articles": self.articles,
            "sources": self.sources,
            "schema": self.schema,
        }
