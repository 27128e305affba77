"""The merge report (the dry run of a merge, with Merge / Cancel) and the list of
highlights a merge could not place. Layout only; user text is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.gui.exchange_view import one_line, plain_label
from reader.gui.i18n import tr
from reader.gui.shown import shown

if TYPE_CHECKING:  # the exchange modules load when a dialog is shown
    from reader.exchange.merge import MergeItem, MergeReport
    from reader.exchange.orphans import OrphanView


def kind_names() -> dict[str, str]:
    return {
        "article": tr("article"),
        "highlight": tr("highlight"),
        "note": tr("note"),
        "tag": tr("tag"),
    }


def action_names() -> dict[str, str]:
    return {
        "added": tr("added"),
        "updated": tr("updated"),
        "unchanged": tr("unchanged"),
        "conflict": tr("conflict"),
        "re-anchored": tr("re-anchored"),
        "orphaned": tr("orphaned"),
        "skipped": tr("not applied"),
    }


COUNT_COLUMNS = (
    "added",
    "updated",
    "unchanged",
    "conflict",
    "re-anchored",
    "orphaned",
    "skipped",
)


def item_detail(item: MergeItem) -> str:
    """The item's detail for the window; a skipped edit's reason in the user's language."""
    if item.action != "skipped":
        return item.detail
    unknown = tr("unknown")
    return (
        tr("%1 is not the author (%2 is): only the author's edits are merged")
        .replace("%1", item.by or unknown)
        .replace("%2", item.owner or unknown)
    )


class MergeReportDialog(QDialog):
    """The dry run of a merge: counts per kind, every item, and Merge / Cancel."""

    def __init__(self, report: MergeReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(tr("Merge a share file"))
        self.setAccessibleName(tr("Merge report"))
        head = tr("%1 — shared by %2").replace("%1", report.source.name)
        head = head.replace("%2", report.sender or tr("unknown"))
        self.heading = plain_label(head, self)
        self.heading.setAccessibleName(tr("Share file"))
        if report.empty:
            what = tr("Nothing to merge: your library already has everything in this file.")
        else:
            what = tr(
                "This is what merging would change. Your library is backed up before the merge."
            )
        if report.omitted:
            what += " " + tr("%n more items are counted but not listed.", None, report.omitted)
        self.explain = plain_label(what, self)
        names, actions = kind_names(), action_names()
        self.counts = QTreeWidget(self)
        self.counts.setAccessibleName(tr("Counts"))
        self.counts.setRootIsDecorated(False)
        self.counts.setHeaderLabels([tr("Kind")] + [actions[a] for a in COUNT_COLUMNS])
        for kind_plural, row in report.counts().items():
            kind = kind_plural[:-1]
            cells = [names.get(kind, kind)] + [
                str(row[a]) if a in row else "—" for a in COUNT_COLUMNS
            ]
            item = QTreeWidgetItem(cells)
            for col in range(1, len(cells)):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignCenter)
            self.counts.addTopLevelItem(item)
        self.counts.header().setStretchLastSection(False)
        self.counts.header().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        for col in range(self.counts.columnCount()):
            self.counts.resizeColumnToContents(col)
            self.counts.setColumnWidth(col, max(96, self.counts.columnWidth(col) + 16))
        rows = self.counts.topLevelItemCount()
        self.counts.setFixedHeight(
            self.counts.header().sizeHint().height()
            + rows * max(self.counts.sizeHintForRow(0), 18)
            + 2 * self.counts.frameWidth()
            + 2
        )
        self.items = QTreeWidget(self)
        self.items.setAccessibleName(tr("Merge items"))
        self.items.setRootIsDecorated(False)
        self.items.setUniformRowHeights(True)
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.items.setHeaderLabels([tr("Kind"), tr("Action"), tr("Article"), tr("Detail")])
        for i in report.items:
            action = actions.get(i.action, i.action)
            if i.placement:
                action += ", " + actions.get(i.placement, i.placement)
            detail = item_detail(i)
            line = QTreeWidgetItem(
                [names.get(i.kind, i.kind), action, one_line(i.article), one_line(detail)]
            )
            line.setToolTip(2, shown(i.article))
            line.setToolTip(3, shown(detail))
            self.items.addTopLevelItem(line)
        self.items.resizeColumnToContents(0)
        self.items.resizeColumnToContents(1)
        self.items.setColumnWidth(2, 260)
        self.items.setVisible(bool(report.items))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = self.buttons.addButton(
            tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setEnabled(not report.empty)
        self.merge_button.setDefault(not report.empty)
        from reader.gui.fix_report_view import FixesBox

        self.fixes = FixesBox(report.fixes, self)
        self.fixes.take.toggled.connect(
            lambda on: self.merge_button.setEnabled(on or not report.empty)
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.counts)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.fixes)
        layout.addWidget(self.buttons)
        self.resize(860, 520)


def merge_done(report: MergeReport) -> str:
    text = tr("Merged %1.").replace("%1", report.source.name)
    if report.backup is not None:
        text += " " + tr("Your library was backed up first to %1.").replace(
            "%1", report.backup.name
        )
    skipped = report.count("highlight", "skipped") + report.count("note", "skipped")
    if skipped:
        text += " " + tr(
            "%n edits were not applied: their author is not the annotation's.", None, skipped
        )
    orphans = len(report.orphans)
    if orphans:
        text += " " + tr(
            "%n highlights could not be placed in your text; see View → Unplaced highlights.",
            None,
            orphans,
        )
    taken = sum(1 for f in report.fixes if f.action in ("applied", "recorded"))
    if taken:
        text += " " + tr("%n split fixes taken.", None, taken)
    return text


class OrphansDialog(QDialog):
    """View → Unplaced highlights: what a merge kept but could not place in the text."""

    open_article = Signal(int)

    def __init__(
        self,
        orphans: Sequence[OrphanView],
        meanings: Mapping[str, str],
        parent: QWidget | None = None,
        *,
        article_title: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Unplaced highlights"))
        self.setAccessibleName(tr("Unplaced highlights"))
        if not orphans:
            what = tr("Every highlight has its place in the text.")
        else:
            what = tr(
                "These highlights came with a merge, but their quotes are not in your copy "
                "of the article. They are kept, exported and shared; a later merge places "
                "them when it can. Double-click one to open its article."
            )
        if article_title is not None:
            what = tr("In “%1”.").replace("%1", article_title) + " " + what
        self.explain = plain_label(what, self)
        self.table = QTreeWidget(self)
        self.table.setAccessibleName(tr("Unplaced highlights"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [tr("Quote"), tr("Note"), tr("Author"), tr("Article"), tr("Colour")]
        )
        for o in orphans:
            item = QTreeWidgetItem(
                [
                    one_line(o.exact),
                    one_line(o.note),
                    o.author,
                    one_line(o.article_title or tr("Untitled")),
                    meanings.get(o.colour, o.colour),
                ]
            )
            item.setToolTip(0, shown(o.exact))
            item.setToolTip(1, shown(o.note))
            item.setData(0, Qt.ItemDataRole.UserRole, int(o.article_id))
            self.table.addTopLevelItem(item)
        for col, width in enumerate((260, 180, 90, 200)):
            self.table.setColumnWidth(col, width)
        self.table.itemActivated.connect(self._activated)
        self.table.setVisible(bool(orphans))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420 if orphans else 0)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.open_article.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))
