"""Help → Keyboard shortcuts: every action that has one, as a two-column table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.gui.i18n import tr


def other_keys() -> list[tuple[str, str]]:
    """Keys that belong to one widget rather than to a menu action."""
    return [
        (tr("Delete the chosen highlight (in the highlight list)"), "Del"),
        (tr("Next doubtful decision (in Check the split)"), "F8"),
        (tr("Previous doubtful decision (in Check the split)"), "Shift+F8"),
        (tr("Keep the current decision (in Check the split)"), "Ctrl+Return"),
        (
            tr("Take the other choice of the current decision (in Check the split)"),
            "Ctrl+Shift+Return",
        ),
    ]


def shortcut_rows(actions: Sequence[QAction]) -> list[tuple[str, str]]:
    """What Help → Keyboard shortcuts lists: every action with keys, then widget keys."""
    rows = []
    for a in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()]
        keys = [k for k in keys if k]
        if keys:
            rows.append((a.text().replace("&", ""), ", ".join(keys)))
    return rows + other_keys()


class ShortcutsDialog(QDialog):
    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.setAccessibleName(tr("Keyboard shortcuts"))
        self.table = QTreeWidget(self)
        self.table.setAccessibleName(tr("Keyboard shortcuts"))
        self.table.setHeaderLabels([tr("Action"), tr("Keys")])
        self.table.setRootIsDecorated(False)
        for name, keys in shortcut_rows(actions):
            self.table.addTopLevelItem(QTreeWidgetItem([name, keys]))
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 480)
