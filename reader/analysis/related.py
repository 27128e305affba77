"""Related stories and reprints, from the MinHash signatures the analysis pass stores.

``related`` looks an article's band keys up in the LSH table (an indexed query), then
ranks the candidates by their estimated Jaccard similarity: no pairwise scan. Clusters
of near-duplicates (one story printed on several days or in several papers) come from
datasketch's LSH at a high threshold, each with the first issue date it appeared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, text

from reader.analysis import dates
from reader.analysis import signature as sig
from reader.store.analysis_models import ArticleSignature
from reader.store.errors import NotFoundError
from reader.store.models import ArticleRow


class NotAnalysedError(NotFoundError):
    pass


REPRINT = 0.7  # estimated Jaccard of content words from which two articles are one story


@dataclass(frozen=True)
class Related:
    article_id: int
    similarity: float
    title: str | None
    date: str | None
    reprint: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "similarity": round(self.similarity, 3),
            "title": self.title,
            "date": self.date,
            "reprint": self.reprint,
        }


def _signature(conn: Connection, article_id: int) -> bytes:
    blob = conn.execute(
        select(ArticleSignature.signature).where(ArticleSignature.article_id == article_id)
    ).scalar_one_or_none()
    if blob is None:
        raise NotAnalysedError(f"article {article_id} has not been analysed yet")
    return bytes(blob)


def _details(conn: Connection, ids: Sequence[int]) -> dict[int, tuple[str | None, str | None]]:
    if not ids:
        return {}
    q = dates.with_issue_date(select(ArticleRow.id, ArticleRow.title, dates.ISSUE_DATE)).where(
        ArticleRow.id.in_(list(ids))
    )
    return {int(r[0]): (r[1], r[2]) for r in conn.execute(q)}


def related(
    conn: Connection, article_id: int, limit: int = 10, floor: float = 0.1
) -> list[Related]:
    """The articles most like ``article_id``, most similar first."""
    blob = _signature(conn, article_id)
    if sig.is_empty(blob):
        return []
    keys = sig.band_keys(blob)
    rows = conn.execute(
        text(
            "SELECT s.article_id, s.signature FROM article_signatures s WHERE s.article_id IN "
            "(SELECT DISTINCT article_id FROM signature_bands WHERE key IN "
            f"({', '.join(str(k) for k in keys)})) AND s.article_id != :me"
        ),
        {"me": article_id},
    ).all()
    scores = sig.similarity(blob, (bytes(r[1]) for r in rows))
    ranked = sorted(
        ((s, int(r[0])) for s, r in zip(scores, rows, strict=True) if s >= floor),
        key=lambda x: (-x[0], x[1]),
    )[:limit]
    info = _details(conn, [i for _, i in ranked])
    return [Related(i, s, info[i][0], info[i][1], s >= REPRINT) for s, i in ranked if i in info]


@dataclass(frozen=True)
class Cluster:
    first_date: str | None
    first_id: int
    members: list[tuple[int, str | None, str | None]]  # id, date, title; first seen first

    def to_json(self) -> dict[str, Any]:
        return {
            "first_date": self.first_date,
            "first_id": self.first_id,
            "articles": [{"id": i, "date": d, "title": t} for i, d, t in self.members],
        }


def clusters(conn: Connection, threshold: float = REPRINT) -> list[Cluster]:
    """Groups of near-duplicate articles (two or more), the earliest-appearing group first."""
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=sig.NUM_PERM)
    hashes: dict[int, Any] = {}
    for article_id, blob in conn.execute(
        select(ArticleSignature.article_id, ArticleSignature.signature)
    ):
        b = bytes(blob)
        if sig.is_empty(b):
            continue
        m = LeanMinHash(seed=sig.SEED, hashvalues=sig.to_array(b), scheme=sig.SCHEME)
        hashes[int(article_id)] = m
        lsh.insert(int(article_id), m, check_duplication=False)
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for a, m in hashes.items():
        for b in lsh.query(m):
            if b != a and m.jaccard(hashes[b]) >= threshold:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for a in hashes:
        groups.setdefault(find(a), []).append(a)
    out: list[Cluster] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        info = _details(conn, members)
        ordered = sorted(members, key=lambda i: (info[i][1] is None, info[i][1] or "", i))
        out.append(
            Cluster(
                info[ordered[0]][1],
                ordered[0],
                [(i, info[i][1], info[i][0]) for i in ordered],
            )
        )
    out.sort(key=lambda c: (c.first_date is None, c.first_date or "", c.first_id))
    return out
