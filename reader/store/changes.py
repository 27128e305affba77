"""Change records: every library operation answers with what it changed.

Like Anki's ``OpChanges``: the GUI refreshes only the parts a change touches, the undo
stack records it, and scripts can print it. Records merge with ``|``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from reader.store.ids import ArticleId, HighlightId, SourceId, TagId


@dataclass(frozen=True)
class Changes:
    sources_added: frozenset[SourceId] = field(default_factory=frozenset)
    sources_removed: frozenset[SourceId] = field(default_factory=frozenset)
    articles_added: frozenset[ArticleId] = field(default_factory=frozenset)
    articles_removed: frozenset[ArticleId] = field(default_factory=frozenset)
    notes: frozenset[ArticleId] = field(default_factory=frozenset)  # article notes changed
    article_tags: frozenset[ArticleId] = field(default_factory=frozenset)  # tag links changed
    highlights: frozenset[HighlightId] = field(default_factory=frozenset)  # added/edited/deleted
    tags: frozenset[TagId] = field(default_factory=frozenset)  # created/renamed/moved/deleted
    palette: bool = False  # a highlight colour's meaning was renamed
    search_index: bool = False  # the whole index was rebuilt
    # Another process (a `pizhu` command, a restore) wrote: anything may have changed.
    external: bool = False
    articles_changed: frozenset[ArticleId] = field(default_factory=frozenset)  # title, kind…
    sources_changed: frozenset[SourceId] = field(default_factory=frozenset)  # paper, date…
    # Same id, text and blocks written anew (an edit, a re-parse, a split fix): show again.
    articles_rewritten: frozenset[ArticleId] = field(default_factory=frozenset)
    saved_searches: bool = False  # one was saved, replaced, deleted or put back

    def __or__(self, other: Changes) -> Changes:
        merged: dict[str, object] = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            merged[f.name] = a | b
        return Changes(**merged)  # type: ignore[arg-type]

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, frozenset):
                if value:
                    out[f.name] = sorted(value)
            elif value:
                out[f.name] = value
        return out
