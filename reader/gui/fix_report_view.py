"""The split fixes in a merge report: what the sender changed in how pages are cut, and
a check box to take those changes too. Layout only; the dialog reads the box."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.exchange.fixes import FixItem, pending
from reader.gui.i18n import tr
from reader.gui.split_controller import choice_label, kind_label


def action_label(action: str) -> str:
    labels = {
        "apply": tr("to take"),
        "applied": tr("taken"),
        "record": tr("kept with the page the merge adds"),
        "recorded": tr("kept with the added page"),
        "unchanged": tr("you have the same"),
        "kept": tr("your later answer is kept"),
        "skipped": tr("does not fit your articles"),
    }
    return labels.get(action, action)


class FixesBox(QWidget):
    """'Also take the sender's split fixes (N)' and one row per fix; hidden when none."""

    def __init__(self, items: Sequence[FixItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        todo = pending(items)
        self.take = QCheckBox(
            tr("Also take the sender's %n split fixes (cut the pages as they did)", None, todo)
            if todo
            else tr("Split fixes: nothing to take"),
            self,
        )
        self.take.setObjectName("merge-with-fixes")
        self.take.setEnabled(bool(todo))
        self.take.setToolTip(
            tr(
                "Cut the shared pages into articles as the sender did, so your highlights and "
                "theirs sit on the same articles"
            )
        )
        note = QLabel(tr("The counts above are without the split fixes."), self)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setVisible(bool(todo))
        self.list = QTreeWidget(self)
        self.list.setObjectName("merge-fixes")
        self.list.setAccessibleName(tr("Split fixes"))
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([tr("Page"), tr("Split fix"), tr("By"), tr("Action")])
        for i in items:
            f = i.fix
            what = (
                tr("%1: %2 instead of %3")
                .replace("%1", kind_label(f.kind))
                .replace("%2", choice_label(f.kind, f.chosen))
                .replace("%3", choice_label(f.kind, f.parser_chosen))
                if f.flipped
                else tr("%1: %2 (accepted)")
                .replace("%1", kind_label(f.kind))
                .replace("%2", choice_label(f.kind, f.chosen))
            )
            row = QTreeWidgetItem([f.page_name, what, f.author, action_label(i.action)])
            row.setToolTip(1, what)
            row.setToolTip(3, i.detail or action_label(i.action))
            self.list.addTopLevelItem(row)
        header = self.list.header()
        header.setStretchLastSection(False)
        for col, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(col, mode)
        self.list.setMaximumHeight(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.take)
        layout.addWidget(note)
        layout.addWidget(self.list)
        self.setVisible(bool(items))
