"""The notebook: every live highlight of the library, filtered and grouped.

:func:`notebook_index` answers with ids only (grouped and ordered), cheap enough for
50,000 highlights; :func:`notebook_rows` fetches the fields of the rows a view shows.
The window's model and ``pizhu highlights`` both call these.

Filters: a tag (with the tags nested under it) on the highlight itself, a colour (key
or meaning), an author, a date range of when the highlight was made, an article, and
text found in the quote or the note (ignoring ASCII case).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, text

from reader.errors import KnownError
from reader.store import palette, tables, tagging
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId, HighlightId, TagId
from reader.store.library import Library
from reader.store.unit import connection
from reader.store.views import HighlightView

Group = Literal["article", "tag", "colour"]
GROUPS: tuple[Group, ...] = ("article", "tag", "colour")
UNTAGGED = 0  # the tag group of highlights without tags
CHUNK = 500


@dataclass(frozen=True)
class NotebookFilter:
    """Which highlights to show; None means "any"."""

    tag: TagId | str | None = None  # an id (the window) or a name (the CLI)
    colour: str | None = None  # a palette key or its meaning
    author: str | None = None
    since: str | None = None  # YYYY-MM-DD: made on or after
    until: str | None = None  # YYYY-MM-DD: made on or before
    article: ArticleId | None = None
    text: str | None = None
    notes: bool = False  # article notes too (their rows have the article's id, negated)


@dataclass(frozen=True)
class NotebookIndex:
    """The rows of the notebook: (group key, highlight id) in display order. A highlight
    with several tags appears once under each when grouped by tag."""

    group: Group
    rows: list[tuple[int, HighlightId]]

    @property
    def highlight_ids(self) -> list[HighlightId]:
        if self.group != "tag":  # each highlight is in one group only
            return [h for _, h in self.rows]
        return list(dict.fromkeys(h for _, h in self.rows))

    @property
    def count(self) -> int:
        """How many highlights (not rows: a highlight may sit under several tags)."""
        return len({h for _, h in self.rows if h > 0})

    @property
    def notes(self) -> int:
        """How many article notes."""
        return len({h for _, h in self.rows if h < 0})


@dataclass(frozen=True)
class NotebookRow:
    """One highlight with what the notebook shows about its article."""

    highlight: HighlightView
    article_uuid: str
    title: str | None
    authors: tuple[str, ...]
    paper: str | None
    date: str | None  # the page's date
    page: str | None
    kind: str = "highlight"  # or "note": the article's note (its id is the article's, negated)

    def to_json(self, meanings: dict[str, str]) -> dict[str, Any]:
        out = self.highlight.to_json()
        out["id"] = self.highlight.id
        out["kind"] = self.kind
        out["meaning"] = meanings.get(self.highlight.colour, "")
        out["article"] = {
            "id": self.highlight.article_id,
            "uuid": self.article_uuid,
            "title": self.title,
            "authors": list(self.authors),
            "paper": self.paper,
            "date": self.date,
            "page": self.page,
        }
        return out


def _day(value: str) -> str:
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise KnownError(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def _where(conn: Connection, f: NotebookFilter) -> tuple[str, str, dict[str, Any]]:
    """The conditions on highlights (``h``) and on article notes (``n``), and their values."""
    where = ["NOT h.deleted"]
    notes = ["n.text != ''"]
    params: dict[str, Any] = {}
    if f.tag is not None:
        root = tagging.find(conn, f.tag) if isinstance(f.tag, str) else f.tag
        if root is None:
            raise NotFoundError(f"no tag named {f.tag!r}")
        ids = ",".join(str(int(t)) for t in tagging.subtree(conn, TagId(root)))
        where.append(f"h.id IN (SELECT highlight_id FROM highlight_tags WHERE tag_id IN ({ids}))")
        notes.append(
            f"n.article_id IN (SELECT article_id FROM article_tags WHERE tag_id IN ({ids}))"
        )
    if f.colour is not None:
        where.append("h.colour = :colour")
        notes.append("0")  # notes have no colour
        params["colour"] = palette.resolve(conn, f.colour)
    if f.author is not None:
        where.append("h.author = :author")
        notes.append("n.author = :author")
        params["author"] = f.author
    if f.since is not None:
        where.append("substr(h.created_at, 1, 10) >= :since")
        notes.append("substr(n.updated_at, 1, 10) >= :since")
        params["since"] = _day(f.since)
    if f.until is not None:
        where.append("substr(h.created_at, 1, 10) <= :until")
        notes.append("substr(n.updated_at, 1, 10) <= :until")
        params["until"] = _day(f.until)
    if f.article is not None:
        where.append("h.article_id = :article")
        notes.append("n.article_id = :article")
        params["article"] = int(f.article)
    if f.text:
        escaped = f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("(h.exact LIKE :text ESCAPE '\\' OR h.note LIKE :text ESCAPE '\\')")
        notes.append("n.text LIKE :text ESCAPE '\\'")
        params["text"] = f"%{escaped}%"
    return " AND ".join(where), " AND ".join(notes), params


_FROM = (
    "FROM highlights h JOIN articles a ON a.id = h.article_id "
    "JOIN source_files s ON s.id = a.source_id"
)
_NOTES_FROM = (
    "FROM article_notes n JOIN articles a ON a.id = n.article_id "
    "JOIN source_files s ON s.id = a.source_id"
)
_PLACE = "s.page_date AS pd, s.id AS sid, a.ordinal AS ord"
_LAST_POSITION = 2**31  # an article's note comes after its highlights
NOTE_GROUP = len(palette.DEFAULT_PALETTE) + 1  # the colour group of article notes


def _selects(group: Group, cond: str, ncond: str, notes: bool) -> list[str]:
    """SELECT g (group key), go (group order), k (tag key), last, id, place, pos."""
    hl = f"h.id, {_PLACE}, h.start AS pos"
    nt = f"-n.article_id, {_PLACE}, {_LAST_POSITION}"
    if group == "article":
        out = [f"SELECT h.article_id AS g, 0 AS go, '' AS k, 0 AS last, {hl} {_FROM} WHERE {cond}"]
        if notes:
            out.append(f"SELECT n.article_id, 0, '', 0, {nt} {_NOTES_FROM} WHERE {ncond}")
        return out
    if group == "colour":
        order = " ".join(f"WHEN '{s.key}' THEN {n}" for n, s in enumerate(palette.DEFAULT_PALETTE))
        key = f"CASE h.colour {order} ELSE {len(palette.DEFAULT_PALETTE)} END"
        out = [f"SELECT {key} AS g, {key} AS go, '' AS k, 0 AS last, {hl} {_FROM} WHERE {cond}"]
        if notes:
            out.append(
                f"SELECT {NOTE_GROUP}, {NOTE_GROUP}, '', 0, {nt} {_NOTES_FROM} WHERE {ncond}"
            )
        return out
    if group != "tag":
        raise ValueError(f"unknown grouping {group!r}")
    tagged = "JOIN tags t ON t.id = l.tag_id"
    out = [
        f"SELECT t.id AS g, 0 AS go, t.key AS k, 0 AS last, {hl} {_FROM} "
        f"JOIN highlight_tags l ON l.highlight_id = h.id {tagged} WHERE {cond}",
        f"SELECT {UNTAGGED}, 0, '', 1, {hl} {_FROM} WHERE {cond} AND NOT EXISTS "
        "(SELECT 1 FROM highlight_tags l WHERE l.highlight_id = h.id)",
    ]
    if notes:
        out += [
            f"SELECT t.id, 0, t.key, 0, {nt} {_NOTES_FROM} "
            f"JOIN article_tags l ON l.article_id = n.article_id {tagged} WHERE {ncond}",
            f"SELECT {UNTAGGED}, 0, '', 1, {nt} {_NOTES_FROM} WHERE {ncond} AND NOT EXISTS "
            "(SELECT 1 FROM article_tags l WHERE l.article_id = n.article_id)",
        ]
    return out


def notebook_index(
    lib: Library, f: NotebookFilter | None = None, group: Group = "article"
) -> NotebookIndex:
    """The highlights (and, if asked, article notes) ``f`` selects, grouped (articles in
    library order, tags by name, colours in palette order) and in reading order within
    each group; an article's note after its highlights."""
    f = f or NotebookFilter()
    with connection(lib) as conn:
        cond, ncond, params = _where(conn, f)
        union = " UNION ALL ".join(_selects(group, cond, ncond, f.notes))
        sql = f"SELECT g, id FROM ({union}) ORDER BY last, go, k, pd IS NULL, pd, sid, ord, pos, id"
        # Straight from the driver: 50,000 plain tuples, without a result object per row.
        raw = conn.connection.driver_connection
        assert raw is not None
        rows: list[tuple[int, HighlightId]] = raw.execute(sql, params).fetchall()
    return NotebookIndex(group, rows)


def group_labels(lib: Library, group: Group, keys: Sequence[int]) -> dict[int, str]:
    """What each group key stands for: an article's title, a tag's path, a colour's
    meaning ("" for the untagged group and untitled articles)."""
    if group == "colour":
        swatches = lib.highlight_colours()
        return {k: swatches[k].label if 0 <= k < len(swatches) else "" for k in keys}
    if group == "tag":
        paths = {t.id: t.label for t in lib.tags()}
        return {k: paths.get(TagId(k), "") for k in keys}
    out: dict[int, str] = {}
    with connection(lib) as conn:
        for lo in range(0, len(keys), CHUNK):
            chunk = ",".join(str(int(k)) for k in keys[lo : lo + CHUNK])
            for aid, title in conn.execute(
                text(f"SELECT id, title FROM articles WHERE id IN ({chunk})")
            ):
                out[int(aid)] = title or ""
    return out


def notebook_rows(lib: Library, ids: Sequence[HighlightId]) -> list[NotebookRow]:
    """The rows of ``ids`` in the given order (negative ids: article notes); ids no
    longer live are left out."""
    found: dict[int, NotebookRow] = {}
    wanted = [i for i in ids if i > 0]
    with connection(lib) as conn:
        for lo in range(0, len(wanted), CHUNK):
            found.update(_highlight_rows(conn, wanted[lo : lo + CHUNK]))
        notes = [-i for i in ids if i < 0]
        for lo in range(0, len(notes), CHUNK):
            found.update(_note_rows(conn, notes[lo : lo + CHUNK]))
    return [found[i] for i in ids if i in found]


def _authors(value: Any) -> tuple[str, ...]:
    authors = json.loads(value) if isinstance(value, str) else value
    return tuple(str(a) for a in authors or ())


def _tag_names(conn: Connection, link: str, column: str, chunk: str) -> dict[int, list[str]]:
    """Tag names by owner id from ``link`` (highlight_tags or article_tags), by tag key."""
    tags: dict[int, list[str]] = {}
    for owner, name in conn.execute(
        text(
            f"SELECT l.{column}, t.name FROM {link} l JOIN tags t ON t.id = l.tag_id "
            f"WHERE l.{column} IN ({chunk}) ORDER BY t.key"
        )
    ):
        tags.setdefault(owner, []).append(name)
    return tags


def _highlight_rows(conn: Connection, ids: Sequence[int]) -> dict[int, NotebookRow]:
    chunk = ",".join(str(int(i)) for i in ids)
    tags = _tag_names(conn, "highlight_tags", "highlight_id", chunk)
    rows = conn.execute(
        text(
            f"SELECT {tables.highlight_columns('h')}, a.uuid AS article_uuid, a.title, "
            "a.authors, s.paper, "
            f"s.page_date, s.page {_FROM} WHERE h.id IN ({chunk}) AND NOT h.deleted"
        )
    )
    return {r.id: _row(r, HighlightView.from_row(r, tags.get(r.id, ())), "highlight") for r in rows}


def _note_rows(conn: Connection, articles: Sequence[int]) -> dict[int, NotebookRow]:
    """Article notes as rows: the note in the note's place, the article's tags."""
    chunk = ",".join(str(int(i)) for i in articles)
    tags = _tag_names(conn, "article_tags", "article_id", chunk)
    out: dict[int, NotebookRow] = {}
    for r in conn.execute(
        text(
            "SELECT n.article_id, n.text, n.author, n.updated_at, a.uuid AS article_uuid, "
            f"a.title, a.authors, s.paper, s.page_date, s.page {_NOTES_FROM} "
            f"WHERE n.article_id IN ({chunk}) AND n.text != ''"
        )
    ):
        view = HighlightView(
            id=HighlightId(-r.article_id),
            uuid=r.article_uuid,
            article_id=ArticleId(r.article_id),
            start=0,
            end=0,
            exact="",
            prefix="",
            suffix="",
            colour="",
            note=r.text,
            author=r.author,
            tags=tuple(tags.get(r.article_id, ())),
            created_at=r.updated_at,
            updated_at=r.updated_at,
        )
        out[-r.article_id] = _row(r, view, "note")
    return out


def _row(r: Any, view: HighlightView, kind: str) -> NotebookRow:
    """A notebook row: ``view`` with its article's fields from ``r``."""
    return NotebookRow(
        view, r.article_uuid, r.title, _authors(r.authors), r.paper, r.page_date, r.page, kind
    )


def highlight_authors(lib: Library) -> list[str]:
    """Who made the library's live highlights, by name."""
    with connection(lib) as conn:
        rows = conn.execute(
            text("SELECT DISTINCT author FROM highlights WHERE NOT deleted AND author != ''")
        )
        return sorted(str(r[0]) for r in rows)
