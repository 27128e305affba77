"""Merging a share file into the library.

Rules (the same in every direction, so A merging B's file and B merging A's file end
with the same annotations, and merging a file twice changes nothing):

* **articles** are matched by content hash (the text travels with the file, so an
  article the receiver lacks is added, with its page); failing that by uuid, or by
  the page they came from (same page file bytes or text), in which case the receiver's
  article with the same title, or whichever of that page's articles holds the quote,
  receives the highlights;
* **highlights** are matched by uuid; the later ``updated_at`` wins (deletions are
  tombstones and travel like edits); at the same time the two versions are ordered by
  their content, so both sides pick the same one (a *conflict* in the report). The
  winner's tags replace the loser's; at the same time tags are united;
* a highlight placed in text that differs from the sender's is **re-anchored** by its
  quote and context (:mod:`reader.store.anchoring`); one that cannot be placed is kept
  as an **orphan** (quote, note, tags kept), never dropped;
* **article notes**: the later one wins, with its author; **article tags** are united; **tags** are
  matched by their normalized name (new ones are created with their colour and
  parent); highlight **authors** are kept as the sender wrote them;
* **only the author edits** (as in Hypothesis): an incoming edit or deletion of a
  highlight or article note the receiver already has applies only when its author is
  the one the receiver has; otherwise it is *skipped* and listed with the reason, so an
  annotation's author never changes through a merge.

Highlights are streamed: planned and written :data:`CHUNK` at a time, so a file with a
million of them merges in bounded memory; the report counts everything but lists at
most :data:`ITEM_LIMIT` items.

:func:`merge_file` validates the file first (:mod:`reader.exchange.untrusted`), plans
the merge in a read transaction (``dry_run`` stops there), backs the library up and
applies the plan in one write transaction: all or nothing.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, text

from reader.errors import KnownError
from reader.exchange import fixes, merge_collection
from reader.exchange.fixes import FixItem
from reader.exchange.report import Cancel, Progress, never, no_progress
from reader.exchange.shared import SharedArticle, SharedHighlight
from reader.exchange.untrusted import SharedBundle, read_share
from reader.store import database, search
from reader.store.anchoring import CONTEXT, Selector, reanchor
from reader.store.changes import Changes
from reader.store.errors import known_errors
from reader.store.ids import ArticleId, HighlightId, SourceId, TagId
from reader.store.importer import now_iso
from reader.store.library import Library
from reader.store.location import refuse_library_file

Kind = Literal["article", "highlight", "note", "tag"]
Action = Literal["added", "updated", "unchanged", "conflict", "skipped"]
Placement = Literal["", "re-anchored", "orphaned"]
# Where a highlight goes: (start, end, method) or None for an orphan.
Placer = Callable[[Selector, str], tuple[int, int, str] | None]

CHUNK = 500
ITEM_LIMIT = 10_000  # items a report lists; beyond that they are only counted


class MergeCancelled(KnownError):
    """The user stopped the merge; the library was left as it was."""


def place(sel: Selector, body: str) -> tuple[int, int, str] | None:
    """Where a selector goes in ``body``: its own place when quote and context are
    still there (the common case, checked without scoring), else re-anchored."""
    s, e = sel.start, sel.end
    if (
        0 <= s < e <= len(body)
        and body[s:e] == sel.exact
        and body[max(0, s - len(sel.prefix)) : s].endswith(sel.prefix)
        and body[e : e + len(sel.suffix)] == sel.suffix
    ):
        return s, e, "position"
    anchor = reanchor(sel, body)
    return None if anchor is None else (anchor.start, anchor.end, anchor.method)


# --- the report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeItem:
    """One thing the merge added, changed or had to decide about."""

    kind: Kind
    action: Action
    key: str  # highlight or article uuid, tag key
    article: str  # the article's title, for display
    detail: str  # the quote, or the reason
    placement: Placement = ""
    by: str = ""  # skipped: the incoming edit's author
    owner: str = ""  # skipped: the author the receiver has

    def to_json(self) -> dict[str, str]:
        out = {
            "kind": self.kind,
            "action": self.action,
            "key": self.key,
            "article": self.article,
            "detail": self.detail,
        }
        if self.placement:
            out["placement"] = self.placement
        if self.action == "skipped":
            out["by"], out["owner"] = self.by, self.owner
        return out


@dataclass
class MergeReport:
    """What a merge did (or, for a dry run, would do)."""

    source: Path
    dry_run: bool
    sender: str = ""
    backup: Path | None = None
    items: list[MergeItem] = field(default_factory=list)  # at most ITEM_LIMIT
    tally: dict[tuple[str, str, str], int] = field(default_factory=dict)  # every item
    writes: int = 0  # rows the merge inserts or updates
    changes: Changes = field(default_factory=Changes)
    fixes: list[FixItem] = field(default_factory=list)  # the sender's split fixes

    def count(self, kind: Kind, action: Action | None = None, placement: str = "") -> int:
        return sum(
            n
            for (k, a, p), n in self.tally.items()
            if k == kind and (action is None or a == action) and (not placement or p == placement)
        )

    @property
    def omitted(self) -> int:
        """Items counted but not listed (beyond :data:`ITEM_LIMIT`)."""
        listed = sum(n for (_k, a, _p), n in self.tally.items() if a != "unchanged")
        return listed - len(self.items)

    @property
    def empty(self) -> bool:
        """True when the merge changes nothing in the library."""
        return not self.writes

    @property
    def orphans(self) -> list[MergeItem]:
        return [i for i in self.items if i.placement == "orphaned"]

    @property
    def skipped(self) -> list[MergeItem]:
        """Edits not applied because their author is not the annotation's."""
        return [i for i in self.items if i.action == "skipped"]

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        kinds: tuple[Kind, ...] = ("article", "highlight", "note", "tag")
        actions: tuple[Action, ...] = ("added", "updated", "unchanged", "conflict", "skipped")
        for kind in kinds:
            row: dict[str, int] = {a: self.count(kind, a) for a in actions}
            if kind == "highlight":
                row["re-anchored"] = self.count(kind, None, "re-anchored")
                row["orphaned"] = self.count(kind, None, "orphaned")
            out[kind + "s"] = row
        return out

    def summary(self) -> str:
        c = self.counts()
        h = c["highlights"]
        return (
            f"articles: {c['articles']['added']} added, {c['articles']['unchanged']} matched; "
            f"highlights: {h['added']} added, {h['updated']} updated, {h['unchanged']} unchanged, "
            f"{h['conflict']} conflicts, {h['re-anchored']} re-anchored, {h['orphaned']} orphaned; "
            f"notes: {c['notes']['added']} added, {c['notes']['updated']} updated, "
            f"{c['notes']['conflict']} conflicts; tags: {c['tags']['added']} added; "
            f"not applied (not the author's): {h['skipped'] + c['notes']['skipped']}"
        ) + self.fixes_summary()

    def fixes_summary(self) -> str:
        if not self.fixes:
            return ""
        done = sum(1 for f in self.fixes if f.action in ("applied", "recorded"))
        todo = fixes.pending(self.fixes)
        same = sum(1 for f in self.fixes if f.action in ("unchanged", "kept", "skipped"))
        if self.dry_run or not done:
            return f"; split fixes: {todo} to take (--with-fixes), {same} not needed"
        return f"; split fixes: {done} taken, {same} not needed"

    def to_json(self) -> dict[str, object]:
        return {
            "source": str(self.source),
            "sender": self.sender,
            "dry_run": self.dry_run,
            "backup": str(self.backup) if self.backup else None,
            "counts": self.counts(),
            "items": [i.to_json() for i in self.items],
            "items_omitted": self.omitted,
            "changes": self.changes.to_json(),
            "split_fixes": [f.to_json() for f in self.fixes],
        }


# --- the plan ------------------------------------------------------------------------------


@dataclass
class _Local:
    """A receiver article a shared article's annotations go to."""

    id: int  # negative: to be added by this merge
    title: str | None
    text: str


@dataclass
class _Target:
    home: _Local  # where notes, article tags and unplaceable highlights go
    others: list[_Local]  # other articles of the same page (another segmentation)
    same_text: bool


@dataclass
class _NewArticle:
    temp_id: int
    shared: SharedArticle
    source_key: int  # shared source id, or -existing source id
    ordinal: int
    uuid: str


@dataclass
class _Plan:
    new_sources: dict[int, int] = field(default_factory=dict)  # shared id -> 0 (to insert)
    new_articles: list[_NewArticle] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)  # keys, parents first
    hl_insert: list[dict[str, Any]] = field(default_factory=list)
    hl_update: list[dict[str, Any]] = field(default_factory=list)
    hl_tags: dict[str, frozenset[str]] = field(default_factory=dict)  # uuid -> keys (replace)
    # article -> text, time, author
    notes: dict[int, tuple[str, str, str]] = field(default_factory=dict)
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
            + len(self.article_tags)
        )

    @property
    def pending(self) -> int:
        """Highlight writes planned for the current chunk."""
        return len(self.hl_insert) + len(self.hl_update) + len(self.hl_tags)

    def add(self, item: MergeItem) -> None:
        key = (item.kind, item.action, item.placement)
        self.tally[key] = self.tally.get(key, 0) + 1
        if len(self.items) < ITEM_LIMIT:
            self.items.append(item)

    def same(self, kind: str) -> None:
        key = (kind, "unchanged", "")
        self.tally[key] = self.tally.get(key, 0) + 1

    def flush(self) -> None:
        """Forget the current chunk's highlight rows (written, or only counted)."""
        self.flushed += self.pending
        self.hl_insert, self.hl_update, self.hl_tags = [], [], {}


def _state(h: dict[str, Any] | SharedHighlight) -> tuple[Any, ...]:
    """The fields last-writer-wins compares, time first; ties broken by the rest.

    The quote and its context are not among them: they describe where the highlight
    sits in each side's own text, like its offsets, and change when it is re-anchored.
    """
    g = h.get if isinstance(h, dict) else lambda k: getattr(h, k)
    return (
        str(g("updated_at")),
        bool(g("deleted")),
        str(g("colour")),
        str(g("note")),
        str(g("author")),
        str(g("created_at")),
    )


def _quote_fields(body: str, start: int, end: int) -> dict[str, Any]:
    """The quote selector of ``body[start:end]``, as the library stores it."""
    return {
        "start": start,
        "end": end,
        "exact": body[start:end],
        "prefix": body[max(0, start - CONTEXT) : start],
        "suffix": body[end : end + CONTEXT],
    }


def _selector(h: SharedHighlight) -> Selector:
    return Selector(h.exact, h.prefix, h.suffix, h.start, h.end)


def _quote(s: str, n: int = 40) -> str:
    flat = " ".join(s.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _chunked(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _rows(conn: Connection, sql: str, values: Sequence[Any]) -> list[Any]:
    """``sql`` with ``:v`` expanded to each chunk of ``values`` (bound parameters)."""
    out: list[Any] = []
    for chunk in _chunked(values):
        names = {f"v{i}": v for i, v in enumerate(chunk)}
        marks = ", ".join(f":{k}" for k in names)
        out += conn.execute(text(sql.replace(":v", marks)), names).all()
    return out


def _plan(
    conn: Connection,
    bundle: SharedBundle,
    placer: Placer,
    progress: Progress,
    cancel: Cancel,
) -> _Plan:
    """The whole plan, for a dry run: highlight chunks are counted, then forgotten."""
    plan = _Plan()
    targets = _plan_articles(conn, bundle, plan)
    _plan_tags(conn, bundle, plan)
    _plan_highlights(conn, bundle, targets, plan, placer, progress, cancel, plan.flush)
    _plan_notes(conn, bundle, targets, plan)
    return plan


def _plan_articles(conn: Connection, bundle: SharedBundle, plan: _Plan) -> dict[int, _Target]:
    """Where each shared article's annotations go; the articles and pages to add."""
    arts = list(bundle.articles.values())
    # Receiver articles with the same text, the same uuid, or from the same page.
    by_hash: dict[str, Any] = {}
    for r in _rows(
        conn,
        "SELECT id, uuid, content_hash, title, text FROM articles WHERE content_hash IN (:v) "
        "ORDER BY id",
        sorted({a.content_hash for a in arts}),
    ):
        by_hash.setdefault(r.content_hash, []).append(r)
    by_uuid = {
        r.uuid: r
        for r in _rows(
            conn,
            "SELECT id, uuid, source_id, title, text FROM articles WHERE uuid IN (:v)",
            [a.uuid for a in arts],
        )
    }
    src_hashes = [s.sha256 for s in bundle.sources.values()]
    src_hashes += [s.text_hash for s in bundle.sources.values()]
    local_sources: dict[str, int] = {}
    for r in _rows(
        conn,
        "SELECT id, sha256, text_hash FROM source_files WHERE sha256 IN (:v) OR text_hash IN (:v)",
        src_hashes,
    ):
        local_sources[r.sha256] = r.id
        local_sources[r.text_hash] = r.id
    page_articles: dict[int, list[_Local]] = {}
    wanted_sources = sorted(set(local_sources.values()))
    for r in _rows(
        conn,
        "SELECT id, source_id, title, text FROM articles WHERE source_id IN (:v) "
        "ORDER BY source_id, ordinal",
        wanted_sources,
    ):
        page_articles.setdefault(r.source_id, []).append(_Local(r.id, r.title, r.text))
    taken_uuids = {
        r[0]
        for r in _rows(conn, "SELECT uuid FROM articles WHERE uuid IN (:v)", [a.uuid for a in arts])
    }
    ordinals: dict[int, set[int]] = {}

    targets: dict[int, _Target] = {}
    new_sources: dict[str, int] = {}  # hash -> shared source id planned for insertion
    for a in arts:
        title_key = " ".join((a.title or "").split())
        if a.content_hash in by_hash:
            rows = by_hash[a.content_hash]
            r = next((x for x in rows if x.uuid == a.uuid), rows[0])
            targets[a.id] = _Target(_Local(r.id, r.title, r.text), [], True)
            plan.same("article")
            continue
        src = bundle.sources[a.source_id]
        local_src = local_sources.get(src.sha256) or local_sources.get(src.text_hash)
        if a.uuid in by_uuid:
            r = by_uuid[a.uuid]
            others = [x for x in page_articles.get(r.source_id, []) if x.id != r.id]
            targets[a.id] = _Target(_Local(r.id, r.title, r.text), others, False)
            plan.same("article")
            continue
        if local_src is not None and page_articles.get(local_src):
            cands = page_articles[local_src]
            home = next((c for c in cands if " ".join((c.title or "").split()) == title_key), None)
            if home is None:  # the article whose text shares most with the sender's
                home = max(cands, key=lambda c: _overlap(a.text, c.text))
            others = [c for c in cands if c is not home]
            targets[a.id] = _Target(home, others, False)
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
        plan.new_articles.append(_NewArticle(temp, a, source_key, ordinal, new_uuid))
        targets[a.id] = _Target(_Local(temp, a.title, a.text), [], True)
        plan.add(MergeItem("article", "added", new_uuid, a.title or "", src.name))

    # Page facts the receiver lacks, and deletions, travel (reader.exchange.merge_collection).
    homes = {aid: t.home.id for aid, t in targets.items()}
    plan.collection = merge_collection.plan(conn, bundle, homes)
    for aid, _when in plan.collection.trash:
        plan.add(MergeItem("article", "updated", str(aid), "", "moved to the trash"))
    return targets


def _overlap(a: str, b: str) -> int:
    """How many of ``a``'s 8-character pieces occur in ``b`` (a cheap similarity)."""
    pieces = {a[i : i + 8] for i in range(0, max(1, len(a) - 7), 8)}
    return sum(1 for p in pieces if p and p in b)


def _plan_tags(conn: Connection, bundle: SharedBundle, plan: _Plan) -> None:
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


def _plan_highlights(
    conn: Connection,
    bundle: SharedBundle,
    targets: dict[int, _Target],
    plan: _Plan,
    placer: Placer,
    progress: Progress,
    cancel: Cancel,
    flush: Callable[[], None],
) -> None:
    """Plan the highlights :data:`CHUNK` at a time, calling ``flush`` after each chunk
    (which writes it, or only counts it): memory stays bounded however many there are."""
    total = len(bundle.highlights)
    done = 0
    for chunk in _batches(bundle.highlights, CHUNK):
        if cancel():
            raise MergeCancelled(f"{bundle.path}: merge cancelled; the library is unchanged")
        progress(done, total)
        local: dict[str, dict[str, Any]] = {}
        for r in _rows(
            conn,
            'SELECT h.id, h.uuid, h.article_id, h.start, h."end", h.exact, h.prefix, h.suffix, '
            "h.colour, h.note, h.author, h.created_at, h.updated_at, h.deleted, h.orphaned, "
            # The article's text is needed only to place an orphan again.
            "CASE WHEN h.orphaned THEN a.text END AS body, a.title AS title FROM highlights h "
            "JOIN articles a ON a.id = h.article_id WHERE h.uuid IN (:v)",
            [h.uuid for h in chunk],
        ):
            local[r.uuid] = dict(r._mapping)
        local_tags: dict[int, set[str]] = {}
        for hid, key in _rows(
            conn,
            "SELECT l.highlight_id, t.key FROM highlight_tags l JOIN tags t ON t.id = l.tag_id "
            "WHERE l.highlight_id IN (:v)",
            [v["id"] for v in local.values()],
        ):
            local_tags.setdefault(hid, set()).add(key)
        for h in chunk:
            target = targets[h.article_id]
            mine = local.get(h.uuid)
            if mine is None:
                _plan_new_highlight(h, target, plan, placer)
            else:
                _plan_known_highlight(h, mine, local_tags.get(mine["id"], set()), plan, placer)
        flush()
        done += len(chunk)
    progress(total, total)


def _batches(values: Iterable[SharedHighlight], size: int) -> Iterator[list[SharedHighlight]]:
    batch: list[SharedHighlight] = []
    for v in values:
        batch.append(v)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _place_in(
    h: SharedHighlight, target: _Target, placer: Placer
) -> tuple[_Local, int, int, Placement]:
    sel = _selector(h)
    for cand in [target.home, *target.others]:
        spot = placer(sel, cand.text)
        if spot is not None:
            start, end, method = spot
            moved = not (target.same_text and cand is target.home and method == "position")
            return cand, start, end, "re-anchored" if moved else ""
    return target.home, h.start, h.end, "orphaned"


def _plan_new_highlight(h: SharedHighlight, target: _Target, plan: _Plan, placer: Placer) -> None:
    placement: Placement
    quote = {
        "start": h.start,
        "end": h.end,
        "exact": h.exact,
        "prefix": h.prefix,
        "suffix": h.suffix,
    }
    if h.deleted:  # a tombstone needs no place; it only stops the highlight coming back
        home, placement, orphaned = target.home, "", h.orphaned
    else:
        home, start, end, placement = _place_in(h, target, placer)
        orphaned = placement == "orphaned"
        if placement == "re-anchored":
            quote = _quote_fields(home.text, start, end)
    plan.hl_insert.append(
        {
            "uuid": h.uuid,
            "article_id": home.id,
            **quote,
            "colour": h.colour,
            "note": h.note,
            "author": h.author,
            "created_at": h.created_at,
            "updated_at": h.updated_at,
            "deleted": h.deleted,
            "orphaned": orphaned,
        }
    )
    if h.tags and not h.deleted:
        plan.hl_tags[h.uuid] = h.tags
    if h.note and not h.deleted:
        plan.reindex.add(home.id)
    detail = ("deleted: " if h.deleted else "") + _quote(h.exact)
    plan.add(MergeItem("highlight", "added", h.uuid, home.title or "", detail, placement))


def _plan_known_highlight(
    h: SharedHighlight,
    mine: dict[str, Any],
    my_tags: set[str],
    plan: _Plan,
    placer: Placer,
) -> None:
    ours, theirs = _state(mine), _state(h)
    title = mine["title"] or ""
    same_time = ours[0] == theirs[0]
    theirs_win = theirs > ours  # later time first; at the same time, by content
    # Concurrent versions keep both sides' tags; otherwise the later version's tags.
    later_tags = set(h.tags) if theirs_win else set(my_tags)
    tags = my_tags | set(h.tags) if same_time else later_tags
    if h.author != mine["author"] and (theirs_win or same_time) and ours != theirs:
        owner = str(mine["author"])
        what = "deletion" if h.deleted and not mine["deleted"] else "edit"
        why = f"not applied: {what} by {h.author or '?'}, but the highlight is {owner or '?'}'s"
        plan.add(MergeItem("highlight", "skipped", h.uuid, title, why, "", h.author, owner))
        return
    winner_deleted = bool(h.deleted) if theirs_win else bool(mine["deleted"])
    if winner_deleted:
        tags = set()
    update: dict[str, Any] = {}
    if theirs_win:
        update.update(
            colour=h.colour,
            note=h.note,
            author=h.author,
            created_at=h.created_at,
            updated_at=h.updated_at,
            deleted=h.deleted,
        )
    placement: Placement = ""
    if not winner_deleted and mine["orphaned"]:  # try to place it again
        spot = placer(_mine_selector(mine), mine["body"])
        if spot is not None:
            update.update(_quote_fields(mine["body"], spot[0], spot[1]), orphaned=False)
            placement = "re-anchored"
    tags_change = tags != my_tags
    if tags_change:
        plan.hl_tags[h.uuid] = frozenset(tags)
    if update or tags_change:
        if update:
            update["id"] = mine["id"]
            plan.hl_update.append(update)
        plan.reindex.add(int(mine["article_id"]))
    action: Action
    if ours == theirs:
        if not update and not tags_change:
            plan.same("highlight")
            return
        action, detail = "updated", "tags united" if tags_change else "placed again"
    elif not same_time and theirs_win:
        action, detail = "updated", "deleted" if h.deleted else _quote(h.exact)
    elif not same_time:
        action, detail = "conflict", "ours is newer; ours kept"
    else:
        action = "conflict"
        detail = f"same time; {'theirs' if theirs_win else 'ours'} kept by rule"
    plan.add(MergeItem("highlight", action, h.uuid, title, detail, placement))


def _mine_selector(mine: dict[str, Any]) -> Selector:
    return Selector(mine["exact"], mine["prefix"], mine["suffix"], mine["start"], mine["end"])


def _plan_notes(
    conn: Connection, bundle: SharedBundle, targets: dict[int, _Target], plan: _Plan
) -> None:
    homes = {aid: t.home for aid, t in targets.items()}
    ids = sorted({h.id for h in homes.values() if h.id > 0})
    mine = {
        r.article_id: (r.text, r.updated_at, r.author)
        for r in _rows(
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
        title = home.title or ""
        if ours is None:
            if note.text.strip():
                plan.notes[home.id] = theirs
                plan.reindex.add(home.id)
                plan.add(MergeItem("note", "added", str(home.id), title, _quote(note.text)))
            continue
        if ours[0] == theirs[0]:
            plan.same("note")
            continue
        if (theirs[1], theirs[0]) > (ours[1], ours[0]) and theirs[2] != ours[2]:
            owner = ours[2]
            why = f"not applied: edit by {theirs[2] or '?'}, but the note is {owner or '?'}'s"
            skipped = MergeItem("note", "skipped", str(home.id), title, why, "", theirs[2], owner)
            plan.add(skipped)
            continue
        if (theirs[1], theirs[0]) > (ours[1], ours[0]):
            plan.notes[home.id] = theirs
            plan.reindex.add(home.id)
            action: Action = "conflict" if theirs[1] == ours[1] else "updated"
            detail = (
                "theirs kept by rule (same time)" if action == "conflict" else _quote(note.text)
            )
            plan.add(MergeItem("note", action, str(home.id), title, detail))
        else:
            why = "ours is newer" if ours[1] > theirs[1] else "same time: ours kept by rule"
            plan.add(MergeItem("note", "conflict", str(home.id), title, why))
    existing = set(
        _rows(
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


# --- applying ------------------------------------------------------------------------------


@dataclass
class _Applied:
    """What the write transaction has done so far: new rows' ids, for the later steps."""

    conn: Connection
    lib: Library  # for its segmentation, loaded only when text must be indexed
    source_ids: dict[int, int] = field(default_factory=dict)  # shared source id -> id
    ids: dict[int, int] = field(default_factory=dict)  # temp article id -> id
    tag_ids: dict[str, int] = field(default_factory=dict)  # key -> id
    new_tag_ids: set[int] = field(default_factory=set)
    touched: set[int] = field(default_factory=set)  # highlight ids

    def real(self, aid: int) -> int:
        return self.ids[aid] if aid < 0 else aid


def _apply_base(conn: Connection, lib: Library, bundle: SharedBundle, plan: _Plan) -> _Applied:
    """Write the pages, articles and tags the highlights will refer to."""
    stamp = now_iso()
    source_ids: dict[int, int] = {}
    for sid in plan.new_sources:
        s = bundle.sources[sid]
        source_ids[sid] = conn.execute(
            text(
                "INSERT INTO source_files (path, name, sha256, text_hash, encoding, size, text, "
                "imported_at, paper, page_date, page, page_name, deleted_at) VALUES (:path, "
                ":name, :sha, :th, :enc, :size, :text, :at, :paper, :date, :page, :page_name, "
                ":deleted_at) RETURNING id"
            ),
            {
                "path": s.name,
                "name": s.name,
                "sha": s.sha256,
                "th": s.text_hash,
                "enc": s.encoding,
                "size": s.size,
                "text": s.text,
                "at": stamp,
                "paper": s.paper,
                "date": s.page_date,
                "page": s.page,
                "page_name": s.page_name,
                "deleted_at": s.deleted_at,
            },
        ).scalar_one()
    ids: dict[int, int] = {}
    for na in plan.new_articles:
        a = na.shared
        source_id = -na.source_key if na.source_key < 0 else source_ids[na.source_key]
        aid = conn.execute(
            text(
                "INSERT INTO articles (uuid, source_id, ordinal, title, kind, kicker, authors, "
                "photographers, continued_from, continued_on, text, content_hash, flags, "
                "consumed, created_at, deleted_at) VALUES (:uuid, :src, :ord, :title, :kind, "
                ":kicker, :authors, :photographers, :cf, :co, :text, :hash, :flags, :consumed, "
                ":at, :deleted_at) RETURNING id"
            ),
            {
                "uuid": na.uuid,
                "src": source_id,
                "ord": na.ordinal,
                "title": a.title,
                "kind": a.kind,
                "kicker": a.kicker,
                "authors": json.dumps(a.authors, ensure_ascii=False),
                "photographers": json.dumps(a.photographers, ensure_ascii=False),
                "cf": a.continued_from,
                "co": a.continued_on,
                "text": a.text,
                "hash": a.content_hash,
                "flags": json.dumps(a.flags, ensure_ascii=False),
                "consumed": json.dumps(a.consumed, ensure_ascii=False),
                "at": stamp,
                "deleted_at": a.deleted_at,
            },
        ).scalar_one()
        ids[na.temp_id] = aid
        if a.blocks:
            conn.execute(
                text(
                    "INSERT INTO blocks (article_id, ordinal, type, text, start, spans, flags) "
                    "VALUES (:a, :o, :t, :x, :s, :sp, :f)"
                ),
                [
                    {
                        "a": aid,
                        "o": b.ordinal,
                        "t": b.type,
                        "x": b.text,
                        "s": b.start,
                        "sp": json.dumps(b.spans),
                        "f": json.dumps(b.flags, ensure_ascii=False),
                    }
                    for b in a.blocks
                ],
            )
        tokens = search.article_tokens(a.title, a.text, lib.cut)
        search.insert_article(conn, aid, tokens)
    if plan.new_articles:
        search.note_tokenizer_used(conn, search.tokenizer_fingerprint())

    tag_ids = {k: int(i) for k, i in conn.execute(text("SELECT key, id FROM tags")).all()}
    new_tag_ids: set[int] = set()
    for key in plan.new_tags:
        t = bundle.tags[key]
        tid = conn.execute(
            text(
                "INSERT INTO tags (name, key, colour, parent_id, created_at) "
                "VALUES (:n, :k, :c, :p, :at) RETURNING id"
            ),
            {
                "n": t.name,
                "k": key,
                "c": t.colour,
                "p": tag_ids.get(t.parent) if t.parent else None,
                "at": t.created_at,
            },
        ).scalar_one()
        tag_ids[key] = int(tid)
        new_tag_ids.add(int(tid))
    return _Applied(conn, lib, source_ids, ids, tag_ids, new_tag_ids)


def _apply_highlights(done: _Applied, plan: _Plan) -> None:
    """Write the current chunk of highlights, then forget it (``plan.flush``)."""
    conn, real, tag_ids = done.conn, done.real, done.tag_ids
    if plan.hl_insert:
        for row in plan.hl_insert:
            row["article_id"] = real(row["article_id"])
        conn.execute(
            text(
                'INSERT INTO highlights (uuid, article_id, start, "end", exact, prefix, suffix, '
                "colour, note, author, created_at, updated_at, deleted, orphaned) VALUES "
                "(:uuid, :article_id, :start, :end, :exact, :prefix, :suffix, :colour, :note, "
                ":author, :created_at, :updated_at, :deleted, :orphaned)"
            ),
            plan.hl_insert,
        )
    for row in plan.hl_update:
        sets = ", ".join(f'"{k}" = :{k}' for k in row if k != "id")
        conn.execute(text(f"UPDATE highlights SET {sets} WHERE id = :id"), row)
    hl_ids: dict[str, int] = {}
    if plan.hl_tags:
        hl_ids = {
            str(u): int(i)
            for u, i in _rows(
                conn, "SELECT uuid, id FROM highlights WHERE uuid IN (:v)", sorted(plan.hl_tags)
            )
        }
        conn.execute(
            text("DELETE FROM highlight_tags WHERE highlight_id = :h"),
            [{"h": hl_ids[u]} for u in plan.hl_tags],
        )
        links = [
            {"h": hl_ids[u], "t": tag_ids[k]}
            for u, keys in plan.hl_tags.items()
            for k in sorted(keys)
            if k in tag_ids
        ]
        if links:
            conn.execute(
                text("INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) VALUES (:h, :t)"),
                links,
            )
    uuids = [str(r["uuid"]) for r in plan.hl_insert] + list(plan.hl_tags)
    done.touched |= {int(r["id"]) for r in plan.hl_update}
    done.touched |= {
        int(i) for (i,) in _rows(conn, "SELECT id FROM highlights WHERE uuid IN (:v)", uuids)
    }
    plan.flush()


def _apply_rest(done: _Applied, plan: _Plan) -> Changes:
    """Write notes and article tags, re-index what changed; what changed, in all."""
    conn, real, tag_ids = done.conn, done.real, done.tag_ids
    for aid, (note, at, author) in plan.notes.items():
        conn.execute(text("DELETE FROM article_notes WHERE article_id = :a"), {"a": real(aid)})
        conn.execute(
            text(
                "INSERT INTO article_notes (article_id, text, updated_at, author) "
                "VALUES (:a, :t, :u, :w)"
            ),
            {"a": real(aid), "t": note, "u": at, "w": author},
        )
    if plan.article_tags:
        conn.execute(
            text("INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (:a, :t)"),
            [{"a": real(a), "t": tag_ids[k]} for a, k in sorted(plan.article_tags) if k in tag_ids],
        )
    for aid in sorted(plan.reindex):
        search.reindex_notes(conn, real(aid), done.lib.cut)
    pages_changed, trashed = merge_collection.apply(conn, plan.collection)
    return Changes(
        sources_added=frozenset(SourceId(i) for i in done.source_ids.values()),
        articles_added=frozenset(ArticleId(i) for i in done.ids.values()),
        highlights=frozenset(HighlightId(i) for i in done.touched),
        tags=frozenset(TagId(i) for i in done.new_tag_ids),
        notes=frozenset(ArticleId(real(a)) for a in plan.notes),
        article_tags=frozenset(ArticleId(real(a)) for a, _ in plan.article_tags),
        articles_removed=frozenset(trashed),
        sources_changed=frozenset(pages_changed),
    )


# --- the entry point -----------------------------------------------------------------------


def merge_bundle(
    lib: Library,
    bundle: SharedBundle,
    *,
    dry_run: bool = False,
    backup: bool = True,
    placer: Placer = place,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    with_fixes: bool = False,
) -> MergeReport:
    """Merge an already validated share into ``lib`` (see :func:`merge_file`); with
    ``with_fixes`` the sender's split fixes are taken first (:mod:`reader.exchange.fixes`)."""
    progress = progress or no_progress
    cancel = cancel or never
    report = MergeReport(bundle.path, dry_run, bundle.author)
    with known_errors(lib.path), database.reading(lib.engine) as conn:
        plan = _plan(conn, bundle, placer, progress, cancel)
        report.fixes = fixes.plan(conn, bundle.split_fixes)
    _fill(report, plan, with_fixes)
    if dry_run or report.empty:
        return report
    if cancel():
        raise MergeCancelled(f"{bundle.path}: merge cancelled; the library is unchanged")
    if backup:
        with known_errors(lib.path), database.reading(lib.engine) as conn:
            revision = database.current_revision(conn)
        report.backup = database.backup_copy(lib.path, revision, reason="merge")
    try:
        with known_errors(lib.path), database.writing(lib.engine) as conn:
            report.fixes = fixes.plan(conn, bundle.split_fixes)
            fixed = fixes.apply(conn, lib.cut, report.fixes) if with_fixes else Changes()
            # Planned again under the write lock, each step written as soon as planned.
            plan = _Plan()
            targets = _plan_articles(conn, bundle, plan)
            _plan_tags(conn, bundle, plan)
            done = _apply_base(conn, lib, bundle, plan)
            _plan_highlights(
                conn, bundle, targets, plan, placer, progress, cancel,
                lambda: _apply_highlights(done, plan),
            )  # fmt: skip
            _plan_notes(conn, bundle, targets, plan)
            changes = _apply_rest(done, plan) | fixed
            if with_fixes:
                fixes.record_added(conn, report.fixes)
            if cancel():
                raise MergeCancelled(f"{bundle.path}: merge cancelled; the library is unchanged")
    except BaseException:
        # Nothing was merged: a backup of an unchanged library would only pile up.
        if report.backup is not None:
            report.backup.unlink(missing_ok=True)
        raise
    _fill(report, plan, with_fixes)
    report.changes = changes
    return report


def _fill(report: MergeReport, plan: _Plan, with_fixes: bool = False) -> None:
    report.items = list(plan.items)
    report.tally = dict(plan.tally)
    report.writes = plan.writes + (fixes.pending(report.fixes) if with_fixes else 0)


def merge_file(
    lib: Library,
    path: str | Path,
    *,
    dry_run: bool = False,
    backup: bool = True,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    with_fixes: bool = False,
) -> MergeReport:
    """Validate the share file ``path`` and merge it into ``lib``.

    Refusals (:class:`~reader.exchange.untrusted.ShareRefused`) happen before the
    library is touched. ``dry_run`` plans only and reports what would change. A real
    merge that changes anything first writes a backup copy beside the library
    (``report.backup``) and then applies everything in one transaction. ``progress``
    gets (done, total) highlights; ``cancel`` is polled and rolls everything back.
    """
    refuse_library_file(path, lib.path, "a share file")
    bundle = read_share(path)
    return merge_bundle(
        lib,
        bundle,
        dry_run=dry_run,
        backup=backup,
        progress=progress,
        cancel=cancel,
        with_fixes=with_fixes,
    )
