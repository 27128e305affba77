"""What a merge did (or, for a dry run, would do): its items and their counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.errors import KnownError
from reader.exchange import fixes
from reader.exchange.fixes import FixItem
from reader.store.changes import Changes

Kind = Literal["article", "highlight", "note", "tag"]


Action = Literal["added", "updated", "unchanged", "conflict", "skipped"]


Placement = Literal["", "re-anchored", "orphaned"]


ITEM_LIMIT = 10_000  # items a report lists; beyond that they are only counted


class MergeCancelled(KnownError):
    """The user stopped the merge; the library was left as it was."""


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
            f"articles: {c['articles']['added']} added, {c['articles']['unchanged']} matched, "
            f"{c['articles']['updated']} edited; "
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
