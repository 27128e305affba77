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
the merge in a read transaction (:func:`plan_merge`; ``dry_run`` stops there), backs
the library up and applies the plan in one write transaction (:func:`apply_merge`):
all or nothing.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

from reader.exchange import fixes
from reader.exchange.merge_apply import apply_base, apply_highlights, apply_rest
from reader.exchange.merge_highlights import plan_highlights
from reader.exchange.merge_plan import CHUNK as CHUNK
from reader.exchange.merge_plan import Plan, plan_articles, plan_notes, plan_tags
from reader.exchange.merge_report import ITEM_LIMIT as ITEM_LIMIT
from reader.exchange.merge_report import MergeCancelled as MergeCancelled
from reader.exchange.merge_report import MergeItem as MergeItem
from reader.exchange.merge_report import MergeReport as MergeReport
from reader.exchange.merge_rules import Placer, place
from reader.exchange.report import Cancel, Progress, never, no_progress
from reader.exchange.untrusted import SharedBundle, read_share
from reader.store import database
from reader.store.changes import Changes
from reader.store.location import refuse_library_file
from reader.store.unit import Store, Unit


def plan_all(
    conn: Connection,
    bundle: SharedBundle,
    placer: Placer,
    progress: Progress,
    cancel: Cancel,
) -> Plan:
    """The whole plan, for a dry run: highlight chunks are counted, then forgotten."""
    plan = Plan()
    targets = plan_articles(conn, bundle, plan)
    plan_tags(conn, bundle, plan)
    plan_highlights(conn, bundle, targets, plan, placer, progress, cancel, plan.flush)
    plan_notes(conn, bundle, targets, plan)
    return plan


def plan_merge(
    tx: Unit,
    bundle: SharedBundle,
    *,
    dry_run: bool = False,
    placer: Placer = place,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    with_fixes: bool = False,
) -> MergeReport:
    """What merging ``bundle`` would change, planned in ``tx`` (a read transaction)."""
    report = MergeReport(bundle.path, dry_run, bundle.author)
    plan = plan_all(tx.conn, bundle, placer, progress or no_progress, cancel or never)
    report.fixes = fixes.plan(tx.conn, bundle.split_fixes)
    _fill(report, plan, with_fixes)
    return report


def apply_merge(
    tx: Unit,
    bundle: SharedBundle,
    report: MergeReport,
    *,
    placer: Placer = place,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    with_fixes: bool = False,
) -> MergeReport:
    """Merge ``bundle`` in ``tx``, the one write transaction a merge is: planned again
    under the write lock, each step written as soon as planned; ``cancel`` raises
    :class:`MergeCancelled` (the caller's transaction then rolls everything back)."""
    if not tx.writable:
        raise ValueError("a merge writes: give it Library.writing()")
    progress = progress or no_progress
    cancel = cancel or never
    conn = tx.conn
    report.fixes = fixes.plan(conn, bundle.split_fixes)
    fixed = fixes.apply(conn, tx.cut, report.fixes) if with_fixes else Changes()
    plan = Plan()
    targets = plan_articles(conn, bundle, plan)
    plan_tags(conn, bundle, plan)
    done = apply_base(tx, bundle, plan)
    plan_highlights(
        conn, bundle, targets, plan, placer, progress, cancel,
        lambda: apply_highlights(done, plan),
    )  # fmt: skip
    plan_notes(conn, bundle, targets, plan)
    changes = apply_rest(done, plan) | fixed
    if with_fixes:
        fixes.record_added(conn, report.fixes)
    if cancel():
        raise MergeCancelled(f"{bundle.path}: merge cancelled; the library is unchanged")
    _fill(report, plan, with_fixes)
    report.changes = changes
    return report


def merge_bundle(
    store: Store,
    bundle: SharedBundle,
    *,
    dry_run: bool = False,
    backup: bool = True,
    placer: Placer = place,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    with_fixes: bool = False,
) -> MergeReport:
    """Merge an already validated share into the library ``store`` hands units of work
    for (see :func:`merge_file`): :func:`plan_merge` in a read transaction, a backup
    copy, then :func:`apply_merge` in one write transaction. With ``with_fixes`` the
    sender's split fixes are taken first (:mod:`reader.exchange.fixes`)."""
    cancel = cancel or never
    with store.reading() as tx:
        report = plan_merge(
            tx, bundle, dry_run=dry_run, placer=placer, progress=progress, cancel=cancel,
            with_fixes=with_fixes,
        )  # fmt: skip
        revision = database.current_revision(tx.conn)
    if dry_run or report.empty:
        return report
    if cancel():
        raise MergeCancelled(f"{bundle.path}: merge cancelled; the library is unchanged")
    if backup:
        report.backup = database.backup_copy(store.path, revision, reason="merge")
    try:
        with store.writing() as tx:
            return apply_merge(
                tx, bundle, report, placer=placer, progress=progress, cancel=cancel,
                with_fixes=with_fixes,
            )  # fmt: skip
    except BaseException:
        # Nothing was merged: a backup of an unchanged library would only pile up.
        if report.backup is not None:
            report.backup.unlink(missing_ok=True)
        raise


def _fill(report: MergeReport, plan: Plan, with_fixes: bool = False) -> None:
    report.items = list(plan.items)
    report.tally = dict(plan.tally)
    report.writes = plan.writes + (fixes.pending(report.fixes) if with_fixes else 0)


def merge_file(
    store: Store,
    path: str | Path,
    *,
    dry_run: bool = False,
    backup: bool = True,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    with_fixes: bool = False,
) -> MergeReport:
    """Validate the share file ``path`` and merge it into the library ``store`` opens.

    Refusals (:class:`~reader.exchange.untrusted.ShareRefused`) happen before the
    library is touched. ``dry_run`` plans only and reports what would change. A real
    merge that changes anything first writes a backup copy beside the library
    (``report.backup``) and then applies everything in one transaction. ``progress``
    gets (done, total) highlights; ``cancel`` is polled and rolls everything back.
    """
    refuse_library_file(path, store.path, "a share file")
    bundle = read_share(path)
    return merge_bundle(
        store,
        bundle,
        dry_run=dry_run,
        backup=backup,
        progress=progress,
        cancel=cancel,
        with_fixes=with_fixes,
    )
