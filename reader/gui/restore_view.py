"""File → Restore from backup…: the library's backups, newest first, to pick one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.i18n import tr
from reader.store.backups import Backup, size_of


def reason_label(reason: str) -> str:
    if reason == "daily":
        return tr("daily")
    if reason == "manual":
        return tr("made by hand")
    if reason == "merge":
        return tr("before a merge")
    if reason == "before-restore":
        return tr("before a restore")
    if reason.startswith("upgrade"):
        return tr("before an upgrade")
    return reason


def backup_label(b: Backup) -> str:
    made = b.made.astimezone().strftime("%Y-%m-%d %H:%M")
    size = tr("%1 MB").replace("%1", f"{size_of(b.path) / 1e6:.1f}")
    return f"{made}  ·  {reason_label(b.reason)}  ·  {size}"


class RestoreDialog(QDialog):
    def __init__(self, found: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Restore from backup"))
        self.backups = found
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Replace the library with one of its backups. The library as it is now "
                "is backed up first, so a restore can itself be undone from this list."
            )
            if found
            else tr("This library has no backups yet.")
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Backups"))
        for b in found:
            item = QListWidgetItem(backup_label(b))
            item.setToolTip(str(b.path))
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(tr("&Restore"), self)
        self.restore_button.setEnabled(False)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.currentRowChanged.connect(lambda row: self.restore_button.setEnabled(row >= 0))
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        if found:
            self.list.setCurrentRow(0)
        self.resize(520, 360)

    def chosen(self) -> Backup | None:
        row = self.list.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None
