"""Planning a merge's highlights: matched by uuid, the later version wins, placed in the
receiver's text (re-anchored, or kept as orphans), :data:`~reader.exchange.merge_plan.CHUNK`
at a time so memory stays bounded."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Connection

from reader.exchange import merge_plan
from reader.exchange.merge_plan import Local, Plan, Target, rows_in
from reader.exchange.merge_report import Action, MergeCancelled, MergeItem, Placement
from reader.exchange.merge_rules import (
    Placer,
    carried,
    mine_selector,
    quote_fields,
    selector,
    short,
    state,
)
from reader.exchange.report import Cancel, Progress
from reader.exchange.shared import SharedHighlight
from reader.exchange.untrusted import SharedBundle
from reader.store import tables


def plan_highlights(
    conn: Connection,
    bundle: SharedBundle,
    targets: dict[int, Target],
    plan: Plan,
    placer: Placer,
    progress: Progress,
    cancel: Cancel,
    flush: Callable[[], None],
) -> None:
    """Plan the highlights :data:`CHUNK` at a time, calling ``flush`` after each chunk
    (which writes it, or only counts it): memory stays bounded however many there are."""
    total = len(bundle.highlights)
    done = 0
    for chunk in batches(bundle.highlights, merge_plan.CHUNK):
        if cancel():
            raise MergeCancelled(f"{bundle.path}: merge cancelled; the library is unchanged")
        progress(done, total)
        local: dict[str, dict[str, Any]] = {}
        for r in rows_in(
            conn,
            f"SELECT {tables.highlight_columns('h')}, "
            # The article's text is needed only to place an orphan again.
            "CASE WHEN h.orphaned THEN pizhu_text(a.text) END AS body, a.title AS title "
            "FROM highlights h JOIN articles a ON a.id = h.article_id WHERE h.uuid IN (:v)",
            [h.uuid for h in chunk],
        ):
            local[r.uuid] = dict(r._mapping)
        local_tags: dict[int, set[str]] = {}
        for hid, key in rows_in(
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
                plan_new_highlight(h, target, plan, placer)
            else:
                plan_known_highlight(h, mine, local_tags.get(mine["id"], set()), plan, placer)
        flush()
        done += len(chunk)
    progress(total, total)


def batches(values: Iterable[SharedHighlight], size: int) -> Iterator[list[SharedHighlight]]:
    batch: list[SharedHighlight] = []
    for v in values:
        batch.append(v)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def place_in(
    h: SharedHighlight, target: Target, placer: Placer
) -> tuple[Local, int, int, Placement]:
    sel = selector(h)
    for cand in [target.home, *target.others]:
        spot = placer(sel, cand.text)
        if spot is not None:
            start, end, method = spot
            moved = not (target.same_text and cand is target.home and method == "position")
            return cand, start, end, "re-anchored" if moved else ""
    return target.home, h.start, h.end, "orphaned"


def plan_new_highlight(h: SharedHighlight, target: Target, plan: Plan, placer: Placer) -> None:
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
        home, start, end, placement = place_in(h, target, placer)
        orphaned = placement == "orphaned"
        if placement == "re-anchored":
            quote = quote_fields(home.text, start, end)
    plan.hl_insert.append(
        {"uuid": h.uuid, "article_id": home.id, **quote, **carried(h), "orphaned": orphaned}
    )
    if h.tags and not h.deleted:
        plan.hl_tags[h.uuid] = h.tags
    if h.note and not h.deleted:
        plan.reindex.add(home.id)
    detail = ("deleted: " if h.deleted else "") + short(h.exact)
    plan.add(MergeItem("highlight", "added", h.uuid, home.title or "", detail, placement))


def plan_known_highlight(
    h: SharedHighlight,
    mine: dict[str, Any],
    my_tags: set[str],
    plan: Plan,
    placer: Placer,
) -> None:
    ours, theirs = state(mine), state(h)
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
        update.update(carried(h))
    placement: Placement = ""
    if not winner_deleted and mine["orphaned"]:  # try to place it again
        spot = placer(mine_selector(mine), mine["body"])
        if spot is not None:
            update.update(quote_fields(mine["body"], spot[0], spot[1]), orphaned=False)
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
        action, detail = "updated", "deleted" if h.deleted else short(h.exact)
    elif not same_time:
        action, detail = "conflict", "ours is newer; ours kept"
    else:
        action = "conflict"
        detail = f"same time; {'theirs' if theirs_win else 'ours'} kept by rule"
    plan.add(MergeItem("highlight", action, h.uuid, title, detail, placement))
