"""What a merge does with page facts and deletions (migration 0005's columns).

The rule, one pure function (:func:`decide`) over what each side holds:

* a page's **facts** (paper, date, page number, page name) that the receiver does not
  know are taken from the sender; facts the receiver has are kept (the receiver may
  have corrected them, and facts carry no edit time to compare);
* a **deletion travels**: an article the sender has in the trash (or on a page in the
  trash) goes to the receiver's trash too, with the sender's time; restoring does not
  travel, so merging is the same in both directions and merging twice changes nothing
  more.

Articles and pages the merge adds arrive with their facts and ``deleted_at`` as sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, text

from reader.exchange.untrusted import SharedBundle
from reader.store import tables
from reader.store.ids import ArticleId, SourceId

FACTS = ("paper", "page_date", "page", "page_name")


@dataclass(frozen=True)
class PageFacts:
    paper: str | None
    page_date: str | None
    page: str | None
    page_name: str | None


@dataclass(frozen=True)
class CollectionPlan:
    facts: tuple[tuple[int, tuple[tuple[str, str], ...]], ...] = ()  # local page, filled
    trash: tuple[tuple[int, str], ...] = ()  # local article, deleted_at

    @property
    def writes(self) -> int:
        return len(self.facts) + len(self.trash)


def decide(
    ours: Mapping[int, PageFacts],
    theirs: Mapping[int, PageFacts],
    deleted_theirs: Mapping[int, str],
    live_ours: set[int],
) -> CollectionPlan:
    """``ours``/``theirs``: facts of the same local page (by local id); ``deleted_theirs``:
    local article id → when the sender deleted it; ``live_ours``: local articles not in
    the trash."""
    facts = []
    for sid in sorted(ours.keys() & theirs.keys()):
        fill = tuple(
            (f, str(getattr(theirs[sid], f)))
            for f in FACTS
            if getattr(ours[sid], f) is None and getattr(theirs[sid], f) is not None
        )
        if fill:
            facts.append((sid, fill))
    trash = tuple(sorted((a, t) for a, t in deleted_theirs.items() if a in live_ours))
    return CollectionPlan(tuple(facts), trash)


def plan(conn: Connection, bundle: SharedBundle, homes: Mapping[int, int]) -> CollectionPlan:
    """``homes``: shared article id → the receiver's article (existing ones only)."""
    local = {a: h for a, h in homes.items() if h > 0}
    if not local:
        return CollectionPlan()
    ids = ",".join(str(int(h)) for h in local.values())
    rows = conn.execute(
        text(
            "SELECT a.id, a.source_id, a.deleted_at, s.deleted_at AS page_deleted, s.paper, "
            f"s.page_date, s.page, s.page_name FROM articles a JOIN source_files s "
            f"ON s.id = a.source_id WHERE a.id IN ({ids})"
        )
    ).all()
    by_id = {int(r.id): r for r in rows}
    ours: dict[int, PageFacts] = {}
    theirs: dict[int, PageFacts] = {}
    deleted: dict[int, str] = {}
    for shared_id, home in local.items():
        r = by_id.get(int(home))
        if r is None:
            continue
        a = bundle.articles[shared_id]
        s = bundle.sources[a.source_id]
        ours[int(r.source_id)] = PageFacts(r.paper, r.page_date, r.page, r.page_name)
        theirs.setdefault(int(r.source_id), PageFacts(s.paper, s.page_date, s.page, s.page_name))
        when = a.deleted_at or s.deleted_at
        if when is not None:
            deleted[int(home)] = when
    live = {int(r.id) for r in rows if r.deleted_at is None and r.page_deleted is None}
    return decide(ours, theirs, deleted, live)


def apply(conn: Connection, p: CollectionPlan) -> tuple[set[SourceId], set[ArticleId]]:
    tables.SOURCES.update(conn, ({"id": sid, **dict(fill)} for sid, fill in p.facts))
    tables.ARTICLES.update(conn, ({"id": aid, "deleted_at": when} for aid, when in p.trash))
    return {SourceId(s) for s, _ in p.facts}, {ArticleId(a) for a, _ in p.trash}
