"""The analysis pass: entities and a MinHash signature per article.

:func:`analyse` is pure and runs where the article was segmented (the import workers,
whose jieba cache is warm); :func:`store` writes its result in the caller's
transaction. Articles that arrive another way (a re-parse, a merge) have no signature
row yet and are picked up by :func:`index_pending`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, text

from reader.analysis import signature as sig
from reader.store.analysis_models import ArticleEntity, ArticleSignature, EntityName, SignatureBand
from reader.store.models import ArticleRow
from reader.text import entities as ent


@dataclass(frozen=True)
class ArticleAnalysis:
    names: tuple[tuple[str, ent.Kind, int], ...]  # jieba's names before the user's dictionary
    signature: bytes


def _entity_text(title: str | None, body: str) -> str:
    return f"{title or ''}\n{body}"


def analyse(title: str | None, body: str) -> ArticleAnalysis:
    found = ent.candidates(_entity_text(title, body))
    return ArticleAnalysis(
        names=tuple((name, kind, n) for (name, kind), n in sorted(found.items())),
        signature=sig.signature(title, body),
    )


def dictionary(conn: Connection) -> ent.Dictionary:
    rows = conn.execute(select(EntityName.name, EntityName.kind, EntityName.canonical)).all()
    return ent.Dictionary({r[0]: (ent.kind_of(r[1]), r[2]) for r in rows})


def entity_ids(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Ids of the (name, kind) entities, created as needed."""
    if not keys:
        return {}
    conn.execute(
        text("INSERT OR IGNORE INTO entities (name, kind) VALUES (:name, :kind)"),
        [{"name": n, "kind": k} for n, k in keys],
    )
    out: dict[tuple[str, str], int] = {}
    names = sorted({n for n, _ in keys})
    for i in range(0, len(names), 500):
        rows = conn.execute(
            text(
                "SELECT id, name, kind FROM entities WHERE name IN "
                f"({', '.join(':n' + str(j) for j in range(len(names[i : i + 500])))})"
            ),
            {f"n{j}": n for j, n in enumerate(names[i : i + 500])},
        )
        for eid, name, kind in rows:
            out[(name, kind)] = int(eid)
    return {k: out[k] for k in keys}


def store_entities(
    conn: Connection,
    article_id: int,
    title: str | None,
    body: str,
    names: Sequence[tuple[str, ent.Kind, int]],
    dictionary_: ent.Dictionary,
) -> None:
    found: Counter[tuple[str, ent.Kind]] = Counter({(n, k): c for n, k, c in names})
    mentions = ent.resolve(found, _entity_text(title, body), dictionary_)
    conn.execute(delete(ArticleEntity).where(ArticleEntity.article_id == article_id))
    if not mentions:
        return
    ids = entity_ids(conn, [(m.name, m.kind) for m in mentions])
    conn.execute(
        insert(ArticleEntity),
        [
            {"article_id": article_id, "entity_id": ids[(m.name, m.kind)], "mentions": m.count}
            for m in mentions
        ],
    )


def store(
    conn: Connection,
    article_id: int,
    title: str | None,
    body: str,
    result: ArticleAnalysis,
    dictionary_: ent.Dictionary | None = None,
) -> None:
    """Write an article's entities, signature and band keys (caller holds the transaction)."""
    store_entities(conn, article_id, title, body, result.names, dictionary_ or dictionary(conn))
    conn.execute(delete(ArticleSignature).where(ArticleSignature.article_id == article_id))
    conn.execute(
        insert(ArticleSignature), {"article_id": article_id, "signature": result.signature}
    )
    if not sig.is_empty(result.signature):
        conn.execute(
            text("INSERT OR IGNORE INTO signature_bands (key, article_id) VALUES (:k, :a)"),
            [{"k": k, "a": article_id} for k in sig.band_keys(result.signature)],
        )


def pending(conn: Connection) -> list[int]:
    """Articles without an analysis (imported before it existed, re-parsed, merged)."""
    q = (
        select(ArticleRow.id)
        .outerjoin(ArticleSignature, ArticleSignature.article_id == ArticleRow.id)
        .where(ArticleSignature.article_id.is_(None))
        .order_by(ArticleRow.id)
    )
    return [int(r[0]) for r in conn.execute(q)]


def index_articles(
    conn: Connection,
    ids: Sequence[int],
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Analyse and store the given articles; returns how many were indexed."""
    if not ids:
        return 0
    words = dictionary(conn)
    done = 0
    for i in range(0, len(ids), 200):
        chunk = ids[i : i + 200]
        rows = conn.execute(
            select(ArticleRow.id, ArticleRow.title, ArticleRow.text).where(ArticleRow.id.in_(chunk))
        ).all()
        for article_id, title, body in rows:
            store(conn, article_id, title, body, analyse(title, body), words)
            done += 1
        if progress is not None:
            progress(done, len(ids))
    return done


def forget_bands_of_deleted(conn: Connection) -> None:
    """Drop band rows whose article is gone (they are ignored anyway; this saves space)."""
    conn.execute(
        delete(SignatureBand).where(
            SignatureBand.article_id.not_in(select(ArticleSignature.article_id))
        )
    )
