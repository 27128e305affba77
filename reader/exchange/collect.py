"""Choosing articles to export or share, and loading them with their annotations in bulk.

Exports read many articles at once, so this module fetches them with a few chunked
queries (not one ``get_article`` per article): 10,000 highlights load in well under a
second. The records are plain frozen dataclasses a worker thread can hand to the GUI.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from sqlalchemy import Connection, text

from reader.errors import KnownError
from reader.store import continuations, finding, palette, reading, tables
from reader.store.ids import ArticleId
from reader.store.unit import Unit
from reader.store.views import HighlightView, TagView

CHUNK = 500


@dataclass(frozen=True)
class ExportArticle:
    id: ArticleId
    uuid: str
    title: str | None
    kind: str
    authors: tuple[str, ...]
    text: str
    paper: str | None
    date: str | None
    page: str | None
    source: str  # the page file's name
    tags: tuple[str, ...]
    note: str
    note_updated_at: str | None
    note_author: str
    highlights: tuple[HighlightView, ...]  # live ones, in reading order, orphans last


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield list(ids[i : i + CHUNK])


def _in(ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in ids)


def parse_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD) or a KnownError naming it."""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise KnownError(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def annotated_ids(tx: Unit) -> list[ArticleId]:
    """Articles with any highlight (tombstones and orphans too), a note or a tag."""
    found = {
        r[0]
        for r in tx.conn.execute(
            text(
                "SELECT article_id FROM highlights UNION SELECT article_id FROM article_notes "
                "UNION SELECT article_id FROM article_tags"
            )
        )
    }
    return [a for a in reading.article_ids(tx) if a in found]


def changed_since(tx: Unit, since: str) -> list[ArticleId]:
    """Articles whose highlights or note changed on or after the day ``since``."""
    day = parse_date(since)
    found = {
        r[0]
        for r in tx.conn.execute(
            text(
                "SELECT article_id FROM highlights WHERE substr(updated_at, 1, 10) >= :d "
                "UNION SELECT article_id FROM article_notes "
                "WHERE substr(updated_at, 1, 10) >= :d"
            ),
            {"d": day},
        )
    }
    return [a for a in reading.article_ids(tx) if a in found]


def select_articles(
    tx: Unit,
    *,
    articles: Sequence[str] = (),
    tag: str | None = None,
    since: str | None = None,
    every: bool = False,
) -> list[ArticleId]:
    """The articles a command names: ids/uuids (with the other parts of their stories),
    a tag (with the tags under it), the articles annotated since a day, or every
    annotated article; in library order, each once."""
    if articles:
        seen: dict[ArticleId, None] = {}
        for ref in articles:
            # A story printed in parts goes whole: the part asked for brings the others.
            for part in finding.story(tx, reading.resolve(tx, ref)).parts:
                seen[part] = None
        return list(seen)
    if tag is not None:
        return reading.article_ids(tx, tag)
    if since is not None:
        return changed_since(tx, since)
    if every:
        return annotated_ids(tx)
    raise KnownError("choose articles: --article ID, --tag T, --since DATE or --all")


def load_articles(tx: Unit, ids: Sequence[ArticleId]) -> list[ExportArticle]:
    """The articles ``ids`` with their tags, note and live highlights, in the given order."""
    out: dict[int, ExportArticle] = {}
    for chunk in _chunks(ids):
        out.update(_load(tx.conn, chunk))
    return [out[i] for i in ids if i in out]


@dataclass(frozen=True)
class Loaded:
    """What an export writes, read in one transaction (:func:`load`), so the files are
    written after it ends: the articles, the parts of the stories among them printed in
    parts, the palette and the tag tree."""

    library: Path  # no export may overwrite it
    articles: list[ExportArticle]
    parts_of: Mapping[int, tuple[ArticleId, ...]]  # :func:`story_parts`
    swatches: tuple[palette.Swatch, ...]
    tags: list[TagView]

    @cached_property
    def stories(self) -> list[ExportArticle]:
        """The articles with each story printed in parts made one (:func:`join_stories`):
        joined when an export asks, as only the Markdown files are written by story."""
        return join_stories(self.articles, self.parts_of)

    @property
    def meanings(self) -> dict[str, str]:
        """Each colour's meaning, as the library's users named it."""
        return {s.key: s.label for s in self.swatches}

    @property
    def highlights(self) -> int:
        return sum(len(a.highlights) for a in self.articles)


def load(tx: Unit, ids: Sequence[ArticleId]) -> Loaded:
    """Everything an export of ``ids`` needs, in the given order."""
    articles = load_articles(tx, ids)
    parts_of = story_parts(tx, [a.id for a in articles])
    return Loaded(tx.path, articles, parts_of, palette.read(tx.conn), reading.tags(tx))


def _load(conn: Connection, ids: list[int]) -> dict[int, ExportArticle]:
    where = _in(ids)
    rows = conn.execute(
        text(
            "SELECT a.id, a.uuid, a.title, a.kind, a.authors, pizhu_text(a.text) AS text, "
            "s.paper, s.page_date, "
            f"s.page, s.name FROM articles a JOIN source_files s ON s.id = a.source_id "
            f"WHERE a.id IN ({where})"
        )
    ).all()
    tags: dict[int, list[str]] = {}
    for aid, name in conn.execute(
        text(
            "SELECT l.article_id, t.name FROM article_tags l JOIN tags t ON t.id = l.tag_id "
            f"WHERE l.article_id IN ({where}) ORDER BY t.key"
        )
    ):
        tags.setdefault(aid, []).append(name)
    notes = {
        r[0]: (r[1], r[2], r[3])
        for r in conn.execute(
            text(
                "SELECT article_id, text, updated_at, author FROM article_notes "
                f"WHERE article_id IN ({where})"
            )
        )
    }
    hl_rows = conn.execute(
        text(
            f"SELECT {tables.highlight_columns()} FROM highlights "
            f'WHERE article_id IN ({where}) AND NOT deleted ORDER BY orphaned, start, "end", id'
        )
    ).all()
    hl_tags: dict[int, list[str]] = {}
    for hid, name in conn.execute(
        text(
            "SELECT l.highlight_id, t.name FROM highlight_tags l JOIN tags t ON t.id = l.tag_id "
            f"JOIN highlights h ON h.id = l.highlight_id WHERE h.article_id IN ({where}) "
            "ORDER BY t.key"
        )
    ):
        hl_tags.setdefault(hid, []).append(name)
    highlights: dict[int, list[HighlightView]] = {}
    for h in hl_rows:
        highlights.setdefault(h.article_id, []).append(
            HighlightView.from_row(h, hl_tags.get(h.id, ()))
        )
    result: dict[int, ExportArticle] = {}
    for r in rows:
        note, note_at, note_author = notes.get(r.id, ("", None, ""))
        authors = json.loads(r.authors) if isinstance(r.authors, str) else list(r.authors or [])
        result[r.id] = ExportArticle(
            id=ArticleId(r.id),
            uuid=r.uuid,
            title=r.title,
            kind=r.kind,
            authors=tuple(str(a) for a in authors),
            text=r.text,
            paper=r.paper,
            date=r.page_date,
            page=r.page,
            source=r.name,
            tags=tuple(tags.get(r.id, ())),
            note=note,
            note_updated_at=note_at,
            note_author=note_author,
            highlights=tuple(highlights.get(r.id, ())),
        )
    return result


STORY_GAP = "\n\n"  # between the parts of a story in its joined text


def story_parts(tx: Unit, ids: Sequence[ArticleId]) -> dict[int, tuple[ArticleId, ...]]:
    """For each of ``ids`` printed in parts, every part of its story in reading order."""
    parts_of: dict[int, tuple[ArticleId, ...]] = {}
    for chunk in _chunks(ids):
        linked = tx.conn.execute(
            text(
                f"SELECT id FROM articles WHERE id IN ({_in(chunk)}) "
                "AND (continued_on IS NOT NULL OR continued_from IS NOT NULL)"
            )
        ).all()
        for (aid,) in linked:
            if aid not in parts_of:
                story = continuations.story(tx.conn, ArticleId(aid))
                parts_of.update({p: story.parts for p in story.parts})
    return parts_of


def join_stories(
    articles: Sequence[ExportArticle], parts_of: Mapping[int, tuple[ArticleId, ...]]
) -> list[ExportArticle]:
    """The articles with each story printed in parts made one article, where every part
    is among them (exporting a part exports its story: see :func:`select_articles`);
    the story takes the place of its first part. Parts without all their siblings stay
    as they are."""
    by_id = {a.id: a for a in articles}
    out: list[ExportArticle] = []
    done: set[int] = set()
    for a in articles:
        if a.id in done:
            continue
        parts = parts_of.get(a.id, (a.id,))
        if len(parts) > 1 and all(p in by_id for p in parts):
            out.append(joined([by_id[p] for p in parts]))
            done.update(parts)
        else:
            out.append(a)
    return out


def joined(parts: Sequence[ExportArticle]) -> ExportArticle:
    """One story from its parts in reading order: the first part's title, uuid and page
    file; every part's text, highlights (offsets into the joined text; the unplaced
    ones last), tags, authors and notes; its pages as "1,4" (the citation's page)."""
    first = parts[0]
    placed: list[HighlightView] = []
    offset = 0
    for p in parts:
        placed += [
            replace(h, start=h.start + offset, end=h.end + offset)
            for h in p.highlights
            if not h.orphaned
        ]
        offset += len(p.text) + len(STORY_GAP)
    noted = [p for p in parts if p.note]

    def each(values: Iterator[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for v in values if v))

    return replace(
        first,
        text=STORY_GAP.join(p.text for p in parts),
        page=",".join(each(p.page or "" for p in parts)) or None,
        authors=each(x for p in parts for x in p.authors),
        tags=each(t for p in parts for t in p.tags),
        note=STORY_GAP.join(p.note for p in noted),
        note_updated_at=max((p.note_updated_at or "" for p in noted), default="") or None,
        note_author="、".join(each(p.note_author for p in noted)),
        highlights=(*placed, *(h for p in parts for h in p.highlights if h.orphaned)),
    )
