"""File → Trash…: what is in the trash, restored or removed for good. Layout only."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.gui.i18n import tr
from reader.gui.models import title_or_untitled
from reader.gui.paper_tree import page_text
from reader.store.browse import PageView
from reader.store.ids import SourceId
from reader.store.trash import TrashItem

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


class TrashDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trash-dialog")
        self.setWindowTitle(tr("Trash"))
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.items = QTreeWidget(self)
        self.items.setAccessibleName(tr("Deleted articles and pages"))
        self.items.setRootIsDecorated(False)
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.items.setHeaderLabels([tr("Title or page"), tr("Date"), tr("Deleted")])
        self.items.header().setStretchLastSection(False)
        self.items.header().setSectionResizeMode(0, self.items.header().ResizeMode.Stretch)
        self.restore = QPushButton(tr("&Restore"), self)
        self.restore.setToolTip(tr("Put the chosen items back in the library"))
        self.empty = QPushButton(tr("&Empty the trash…"), self)
        self.empty.setToolTip(tr("Remove everything in the trash for good"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.items, 1)
        layout.addWidget(buttons)
        self.items.itemSelectionChanged.connect(self._enable)
        self.resize(620, 380)

    def set_items(self, items: Sequence[TrashItem]) -> None:
        self.items.clear()
        for i in items:
            if i.kind == "page":
                view = PageView(SourceId(i.id), i.title, None, i.date, i.page, i.articles)
                label = page_text(view) + "  " + tr("(%1 articles)").replace("%1", str(i.articles))
            else:
                label = title_or_untitled(i.title)
            row = QTreeWidgetItem([label, i.date or "", i.deleted_at[:16].replace("T", " ")])
            row.setData(0, ITEM_ROLE, (i.kind, i.id))
            row.setToolTip(0, label)
            self.items.addTopLevelItem(row)
        self.summary.setText(
            tr("The trash is empty.")
            if not items
            else tr("Deleted articles and pages keep their annotations until the trash is emptied.")
        )
        self.empty.setEnabled(bool(items))
        self._enable()

    def chosen(self) -> list[tuple[str, int]]:
        return [tuple(i.data(0, ITEM_ROLE)) for i in self.items.selectedItems()]

    def _enable(self) -> None:
        self.restore.setEnabled(bool(self.items.selectedItems()))
