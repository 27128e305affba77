"""Which tags go together: a matrix of articles (or highlights) carrying both tags.

A tag nested under another counts for it too (赛罕区 under 地点), as in the library's
tag filter; an article carries a tag when it or one of its live highlights does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Literal, cast

from sqlalchemy import Connection, select, text

from reader.store import tagging
from reader.store.errors import NotFoundError
from reader.store.models import ArticleTag, HighlightRow, HighlightTag, TagRow

Level = Literal["article", "highlight"]


@dataclass(frozen=True)
class Matrix:
    level: Level
    tags: list[str]  # labels, "地点 › 赛罕区"
    counts: list[list[int]]  # counts[i][j]: units carrying both; counts[i][i]: carrying i

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "tags": self.tags, "counts": self.counts}

    def to_csv(self) -> str:
        def cell(s: str) -> str:
            return '"' + s.replace('"', '""') + '"'

        lines = [",".join(["tag", *(cell(t) for t in self.tags)])]
        for label, row in zip(self.tags, self.counts, strict=True):
            lines.append(",".join([cell(label), *(str(n) for n in row)]))
        return "\r\n".join(lines) + "\r\n"


def _tag_paths(conn: Connection) -> tuple[dict[int, tuple[int, ...]], dict[int, str]]:
    """Per tag: itself and its ancestors; and its label."""
    rows = {
        int(r[0]): (r[1], r[2])
        for r in conn.execute(select(TagRow.id, TagRow.name, TagRow.parent_id))
    }
    lineage: dict[int, tuple[int, ...]] = {}
    labels: dict[int, str] = {}
    for tid in rows:
        chain: list[int] = []
        cur: int | None = tid
        while cur is not None and cur in rows and cur not in chain:
            chain.append(cur)
            cur = rows[cur][1]
        lineage[tid] = tuple(chain)
        labels[tid] = " › ".join(rows[t][0] for t in reversed(chain))
    return lineage, labels


def _units(conn: Connection, level: Level) -> Iterable[tuple[int, int]]:
    """(unit id, tag id) for every direct use of a tag."""
    if level == "article":
        yield from conn.execute(select(ArticleTag.article_id, ArticleTag.tag_id))
        yield from conn.execute(
            select(HighlightRow.article_id, HighlightTag.tag_id)
            .join(HighlightRow, HighlightRow.id == HighlightTag.highlight_id)
            .where(HighlightRow.deleted.is_(False))
        )
    else:
        yield from conn.execute(
            select(HighlightTag.highlight_id, HighlightTag.tag_id)
            .join(HighlightRow, HighlightRow.id == HighlightTag.highlight_id)
            .where(HighlightRow.deleted.is_(False))
        )


def matrix(conn: Connection, level: Level = "article") -> Matrix:
    lineage, labels = _tag_paths(conn)
    carried: dict[int, set[int]] = defaultdict(set)
    for unit, tag in _units(conn, level):
        carried[unit].update(lineage.get(tag, (tag,)))
    order = sorted(labels, key=lambda t: labels[t])
    pos = {t: i for i, t in enumerate(order)}
    counts = [[0] * len(order) for _ in order]
    for tags in carried.values():
        idx = sorted(pos[t] for t in tags if t in pos)
        for i in idx:
            counts[i][i] += 1
        for i, j in combinations(idx, 2):
            counts[i][j] += 1
            counts[j][i] += 1
    return Matrix(level, [labels[t] for t in order], counts)


def articles_with_both(conn: Connection, a: str, b: str, level: Level = "article") -> list[int]:
    """The articles behind one cell of the matrix (drill-down), by id."""
    subtrees = []
    for name in (a, b):
        root = tagging.find(conn, name)
        if root is None:
            raise NotFoundError(f"no tag named {name!r}")
        subtrees.append(tagging.subtree(conn, root))
    if level == "article":
        # tagged_articles is typed for SQLAlchemy 2.0 (Select[tuple[int]]); rows hold ints.
        first, second = (
            {int(cast(Any, i)) for i in conn.scalars(tagging.tagged_articles(s))} for s in subtrees
        )
        return sorted(first & second)
    q = text(
        "SELECT DISTINCT h.article_id FROM highlights h WHERE NOT h.deleted "
        "AND EXISTS (SELECT 1 FROM highlight_tags t WHERE t.highlight_id = h.id "
        "AND t.tag_id IN (SELECT value FROM json_each(:a))) "
        "AND EXISTS (SELECT 1 FROM highlight_tags t WHERE t.highlight_id = h.id "
        "AND t.tag_id IN (SELECT value FROM json_each(:b))) ORDER BY h.article_id"
    )
    import json

    rows = conn.execute(q, {"a": json.dumps(subtrees[0]), "b": json.dumps(subtrees[1])})
    return [int(r[0]) for r in rows]
