"""Planning a merge: what each shared article, tag, highlight and note becomes in the
receiving library, read in the caller's transaction, highlights :data:`CHUNK` at a time."""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from reader.exchange import merge_collection, merge_report
from reader.exchange.merge_report import MergeItem
from reader.exchange.merge_rules import (
    Meta,
    article_rule,
    note_rule,
    overlap,
)
from reader.exchange.shared import SharedArticle
from reader.exchange.untrusted import SharedBundle

CHUNK = 500


@dataclass
class Local:
    """A receiver article a shared article's annotations go to."""

    id: int  # negative: to be added by this merge
    title: str | None
    text: str


@dataclass
class Target:
    home: Local  # where notes, article tags and unplaceable highlights go
    others: list[Local]  # other articles of the same page (another segmentation)
    same_text: bool


@dataclass
class NewArticle:
    temp_id: int
    shared: SharedArticle
    source_key: int  # shared source id, or -existing source id
    ordinal: int
    uuid: str


@dataclass
class Plan:
    new_sources: dict[int, int] = field(default_factory=dict)  # shared id -> 0 (to insert)
    new_articles: list[NewArticle] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)  # keys, parents first
    hl_insert: list[dict[str, Any]] = field(default_factory=list)
    hl_update: list[dict[str, Any]] = field(default_factory=list)
    hl_tags: dict[str, frozenset[str]] = field(default_factory=dict)  # uuid -> keys (replace)
    # article -> text, time, author
    notes: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    meta: dict[int, Meta] = field(default_factory=dict)  # article -> title, kind, authors, time
    article_tags: set[tuple[int, str]] = field(default_factory=set)
    reindex: set[int] = field(default_factory=set)
    items: list[MergeItem] = field(default_factory=list)
    tally: dict[tuple[str, str, str], int] = field(default_factory=dict)
    flushed: int = 0  # highlight writes of chunks already flushed
    collection: merge_collection.CollectionPlan = field(
        default_factory=merge_collection.CollectionPlan
    )

    @property
    def writes(self) -> int:
        return (
            self.collection.writes
            + len(self.new_sources)
            + len(self.new_articles)
            + len(self.new_tags)
            + self.flushed
            + self.pending
            + len(self.notes)
            + len(self.meta)
            + len(self.article_tags)
        )

    @property
    def pending(self) -> int:
        """Highlight writes planned for the current chunk."""
        return len(self.hl_insert) + len(self.hl_update) + len(self.hl_tags)

    def add(self, item: MergeItem) -> None:
        key = (item.kind, item.action, item.placement)
        self.tally[key] = self.tally.get(key, 0) + 1
        if len(self.items) < merge_report.ITEM_LIMIT:
            self.items.append(item)

    def same(self, kind: str) -> None:
        key = (kind, "unchanged", "")
        self.tally[key] = self.tally.get(key, 0) + 1

    def flush(self) -> None:
        """Forget the current chunk's highlight rows (written, or only counted)."""
        self.flushed += self.pending
        self.hl_insert, self.hl_update, self.hl_tags = [], [], {}


def chunked(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def rows_in(conn: Connection, sql: str, values: Sequence[Any]) -> list[Any]:
    """``sql`` with ``:v`` expanded to each chunk of ``values`` (bound parameters)."""
    out: list[Any] = []
    for chunk in chunked(values):
        names = {f"v{i}": v for i, v in enumerate(chunk)}
        marks = ", ".join(f":{k}" for k in names)
        out += conn.execute(text(sql.replace(":v", marks)), names).all()
    return out


def plan_articles(conn: Connection, bundle: SharedBundle, plan: Plan) -> dict[int, Target]:
    """Where each shared article's annotations go; the articles and pages to add."""
    arts = list(bundle.articles.values())
    # Receiver articles with the same text, the same uuid, or from the same page.
    by_hash: dict[str, Any] = {}
    for r in rows_in(
        conn,
        "SELECT id, uuid, content_hash, title, pizhu_text(text) AS text, kind, authors, "
        "edited_at FROM articles "
        "WHERE content_hash IN (:v) "
        "ORDER BY id",
        sorted({a.content_hash for a in arts}),
    ):
        by_hash.setdefault(r.content_hash, []).append(r)
    by_uuid = {
        r.uuid: r
        for r in rows_in(
            conn,
            "SELECT id, uuid, source_id, title, pizhu_text(text) AS text, kind, authors, "
            "edited_at FROM articles "
            "WHERE uuid IN (:v)",
            [a.uuid for a in arts],
        )
    }
    src_hashes = [s.sha256 for s in bundle.sources.values()]
    src_hashes += [s.text_hash for s in bundle.sources.values()]
    local_sources: dict[str, int] = {}
    for r in rows_in(
        conn,
        "SELECT id, sha256, text_hash FROM source_files WHERE sha256 IN (:v) OR text_hash IN (:v)",
        src_hashes,
    ):
        local_sources[r.sha256] = r.id
        local_sources[r.text_hash] = r.id
    page_articles: dict[int, list[Local]] = {}
    wanted_sources = sorted(set(local_sources.values()))
    for r in rows_in(
        conn,
        "SELECT id, source_id, title, pizhu_text(text) AS text FROM articles "
        "WHERE source_id IN (:v) "
        "ORDER BY source_id, ordinal",
        wanted_sources,
    ):
        page_articles.setdefault(r.source_id, []).append(Local(r.id, r.title, r.text))
    taken_uuids = {
        r[0]
        for r in rows_in(
            conn, "SELECT uuid FROM articles WHERE uuid IN (:v)", [a.uuid for a in arts]
        )
    }
    ordinals: dict[int, set[int]] = {}

    targets: dict[int, Target] = {}
    new_sources: dict[str, int] = {}  # hash -> shared source id planned for insertion
    for a in arts:
        title_key = " ".join((a.title or "").split())
        if a.content_hash in by_hash:
            rows = by_hash[a.content_hash]
            r = next((x for x in rows if x.uuid == a.uuid), rows[0])
            targets[a.id] = Target(Local(r.id, r.title, r.text), [], True)
            plan_meta(plan, r, a)
            continue
        src = bundle.sources[a.source_id]
        local_src = local_sources.get(src.sha256) or local_sources.get(src.text_hash)
        if a.uuid in by_uuid:
            r = by_uuid[a.uuid]
            others = [x for x in page_articles.get(r.source_id, []) if x.id != r.id]
            targets[a.id] = Target(Local(r.id, r.title, r.text), others, False)
            plan_meta(plan, r, a)
            continue
        if local_src is not None and page_articles.get(local_src):
            cands = page_articles[local_src]
            home = next((c for c in cands if " ".join((c.title or "").split()) == title_key), None)
            if home is None:  # the article whose text shares most with the sender's
                home = max(cands, key=lambda c: overlap(a.text, c.text))
            others = [c for c in cands if c is not home]
            targets[a.id] = Target(home, others, False)
            plan.same("article")
            continue
        # The receiver lacks this article: add it (and its page, unless present).
        if local_src is not None:
            source_key = -local_src
        else:
            known = new_sources.get(src.sha256) or new_sources.get(src.text_hash)
            if known is None:
                new_sources[src.sha256] = new_sources[src.text_hash] = src.id
                plan.new_sources[src.id] = 0
                known = src.id
            source_key = known
        used = ordinals.setdefault(source_key, set())
        if source_key < 0 and not used:
            used |= {
                int(r[0])
                for r in conn.execute(
                    text("SELECT ordinal FROM articles WHERE source_id = :s"), {"s": -source_key}
                )
            }
        ordinal = a.ordinal
        while ordinal in used:
            ordinal = max(used) + 1
        used.add(ordinal)
        new_uuid = a.uuid if a.uuid not in taken_uuids else str(uuidlib.uuid4())
        taken_uuids.add(new_uuid)
        temp = -(len(plan.new_articles) + 1)
        plan.new_articles.append(NewArticle(temp, a, source_key, ordinal, new_uuid))
        targets[a.id] = Target(Local(temp, a.title, a.text), [], True)
        plan.add(MergeItem("article", "added", new_uuid, a.title or "", src.name))

    # Page facts the receiver lacks, and deletions, travel (reader.exchange.merge_collection).
    homes = {aid: t.home.id for aid, t in targets.items()}
    plan.collection = merge_collection.plan(conn, bundle, homes)
    for aid, _when in plan.collection.trash:
        plan.add(MergeItem("article", "updated", str(aid), "", "moved to the trash"))
    return targets


def plan_meta(plan: Plan, mine: Any, theirs: SharedArticle) -> None:
    """The same article on both sides: its title, kind and authors (the later edit wins)."""
    ours: Meta = (mine.title, mine.kind, tuple(json.loads(mine.authors)), mine.edited_at)
    sent: Meta = (theirs.title, theirs.kind, tuple(theirs.authors), theirs.edited_at)
    action, take, detail = article_rule(ours, sent)
    if action == "unchanged":
        plan.same("article")
        return
    if take:
        plan.meta[int(mine.id)] = (
            theirs.title,
            theirs.kind,
            tuple(theirs.authors),
            theirs.edited_at,
        )
    plan.add(MergeItem("article", action, str(mine.uuid), mine.title or "", detail))


def plan_tags(conn: Connection, bundle: SharedBundle, plan: Plan) -> None:
    local = {r[0] for r in conn.execute(text("SELECT key FROM tags"))}
    missing = [k for k in bundle.tags if k not in local]
    placed: set[str] = set()

    def visit(key: str, depth: int = 0) -> None:
        if key in placed or depth > 64:
            return
        parent = bundle.tags[key].parent
        if parent is not None and parent in bundle.tags and parent not in local:
            visit(parent, depth + 1)
        placed.add(key)
        plan.new_tags.append(key)
        plan.add(MergeItem("tag", "added", key, "", bundle.tags[key].name))

    for key in sorted(missing):
        visit(key)
    for _ in range(len(bundle.tags) - len(missing)):
        plan.same("tag")


def plan_notes(
    conn: Connection, bundle: SharedBundle, targets: dict[int, Target], plan: Plan
) -> None:
    homes = {aid: t.home for aid, t in targets.items()}
    ids = sorted({h.id for h in homes.values() if h.id > 0})
    mine = {
        r.article_id: (r.text, r.updated_at, r.author)
        for r in rows_in(
            conn,
            "SELECT article_id, text, updated_at, author FROM article_notes "
            "WHERE article_id IN (:v)",
            ids,
        )
    }
    for aid, note in bundle.notes.items():
        home = homes[aid]
        ours = mine.get(home.id) or plan.notes.get(home.id)
        theirs = (note.text, note.updated_at, note.author)
        action, take, detail = note_rule(ours, theirs)
        if action == "unchanged":
            if ours is not None:  # an empty note the receiver lacks is nothing to count
                plan.same("note")
            continue
        if take:
            plan.notes[home.id] = theirs
            plan.reindex.add(home.id)
        owner = ours[2] if ours is not None and action == "skipped" else ""
        by = theirs[2] if action == "skipped" else ""
        plan.add(MergeItem("note", action, str(home.id), home.title or "", detail, "", by, owner))
    existing = set(
        rows_in(
            conn,
            "SELECT l.article_id, t.key FROM article_tags l JOIN tags t ON t.id = l.tag_id "
            "WHERE l.article_id IN (:v)",
            ids,
        )
    )
    existing = {(int(a), str(k)) for a, k in existing}
    for aid, keys in bundle.article_tags.items():
        home = homes[aid]
        for key in sorted(keys):
            if (home.id, key) not in existing and (home.id, key) not in plan.article_tags:
                plan.article_tags.add((home.id, key))
