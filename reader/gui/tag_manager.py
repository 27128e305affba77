"""The tag manager: rename, merge, delete, recolour and nest tags, with their counts.

:class:`TagManagerDialog` is layout; :class:`TagManagerController` runs each change as
an undoable core operation on the window's stack (Ctrl+Z in the window takes back a
merge or a delete with every link it had) and refills the tree from the change bus.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.shown import ShownDelegate
from reader.gui.undo import named, push
from reader.store import operations as ops
from reader.store.changes import Changes
from reader.store.ids import TagId
from reader.store.library import Library

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def colour_icon(colour: str | None) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(colour) if colour and QColor(colour).isValid() else Qt.GlobalColor.transparent)
    return QIcon(pix)


class TagManagerDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Tags"))
        self.setAccessibleName(tr("Tag manager"))
        self.tree = QTreeWidget(self)
        self.tree.setItemDelegate(ShownDelegate(self.tree))
        self.tree.setAccessibleName(tr("Tags"))
        self.tree.setHeaderLabels([tr("Tag"), tr("Articles"), tr("Highlights")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.rename = QPushButton(tr("&Rename"), self)
        self.merge = QPushButton(tr("&Merge into…"), self)
        self.nest = QPushButton(tr("Move &under…"), self)
        self.recolour = QPushButton(tr("&Colour…"), self)
        self.delete = QPushButton(tr("&Delete"), self)
        self.delete.setToolTip(tr("Delete the tag (undo with Ctrl+Z)"))
        side = QVBoxLayout()
        for b in (self.rename, self.merge, self.nest, self.recolour, self.delete):
            side.addWidget(b)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.tree, 1)
        row.addLayout(side)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.resize(560, 460)


class TagManagerController(QObject):
    def __init__(self, library: Library, bus: ChangeBus, undo: QUndoStack, parent: QWidget) -> None:
        super().__init__(parent)
        self._library = library
        self._bus = bus
        self._undo = undo
        self.dialog = TagManagerDialog(parent)
        self.chooser: QInputDialog | None = None
        self._filling = False
        d = self.dialog
        d.rename.clicked.connect(self._edit_current)
        d.merge.clicked.connect(self.choose_merge_target)
        d.nest.clicked.connect(self.choose_parent)
        d.recolour.clicked.connect(self.choose_colour)
        d.delete.clicked.connect(lambda: self._with_current(self.delete))
        d.tree.itemChanged.connect(self._renamed)
        d.tree.currentItemChanged.connect(lambda *_: self._enable())
        bus.changed.connect(self._on_changes)
        d.finished.connect(lambda _r: bus.changed.disconnect(self._on_changes))
        self.fill()

    # the tree
    def fill(self) -> None:
        keep = self.current()
        self._filling = True
        tree = self.dialog.tree
        tree.clear()
        counts = self._library.tag_counts()
        items: dict[int, QTreeWidgetItem] = {}
        for t in self._library.tags():  # parents come before their children
            c = counts.get(t.id)
            parent = items.get(int(t.parent_id)) if t.parent_id is not None else None
            item = QTreeWidgetItem([t.name, "", ""])
            if c is not None:
                item.setText(1, str(c.articles_total))
                item.setText(2, str(c.highlights_total))
            item.setData(0, ID_ROLE, int(t.id))
            item.setIcon(0, colour_icon(t.colour))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            for col in (1, 2):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
            if parent is not None:
                parent.addChild(item)
            else:
                tree.addTopLevelItem(item)
            items[int(t.id)] = item
        tree.expandAll()
        tree.resizeColumnToContents(0)
        if keep is not None and int(keep) in items:
            tree.setCurrentItem(items[int(keep)])
        self._filling = False
        self._enable()

    def item(self, tag: TagId | int) -> QTreeWidgetItem | None:
        it = self.dialog.tree.invisibleRootItem()
        stack = [it.child(i) for i in range(it.childCount())]
        while stack:
            node = stack.pop()
            if node is None:
                continue
            if node.data(0, ID_ROLE) == int(tag):
                return node
            stack.extend(node.child(i) for i in range(node.childCount()))
        return None

    def current(self) -> TagId | None:
        item = self.dialog.tree.currentItem()
        return TagId(int(item.data(0, ID_ROLE))) if item is not None else None

    def _enable(self) -> None:
        on = self.current() is not None
        d = self.dialog
        for b in (d.rename, d.merge, d.nest, d.recolour, d.delete):
            b.setEnabled(on)

    def _with_current(self, fn) -> None:  # type: ignore[no-untyped-def]
        tag = self.current()
        if tag is not None:
            fn(tag)

    def _on_changes(self, changes: Changes) -> None:
        if changes.tags or changes.article_tags or changes.highlights or changes.external:
            self.fill()

    # operations
    def _push(self, label: str, op: ops.Operation) -> bool:
        return push(self._undo, self._library, self._bus, label, op) is not None

    def _name(self, tag: TagId) -> str:
        return next((t.name for t in self._library.tags() if t.id == tag), "")

    def rename(self, tag: TagId, name: str) -> bool:
        return self._push(named(tr("Rename tag %1"), self._name(tag)), ops.RenameTag(tag, name))

    def merge(self, source: TagId, target: TagId) -> bool:
        label = named(tr("Merge tag %1 into %2"), self._name(source), self._name(target))
        return self._push(label, ops.MergeTags(source, target))

    def delete(self, tag: TagId) -> bool:
        return self._push(named(tr("Delete tag %1"), self._name(tag)), ops.DeleteTag(tag))

    def recolour(self, tag: TagId, colour: str | None) -> bool:
        return self._push(tr("Change the tag colour"), ops.RecolourTag(tag, colour))

    def nest(self, tag: TagId, parent: TagId | None) -> bool:
        return self._push(tr("Move tag"), ops.NestTag(tag, parent))

    # dialogs
    def _edit_current(self) -> None:
        item = self.dialog.tree.currentItem()
        if item is not None:
            self.dialog.tree.editItem(item, 0)

    def _renamed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        tag = TagId(int(item.data(0, ID_ROLE)))
        old = next((t.name for t in self._library.tags() if t.id == tag), None)
        name = " ".join(item.text(0).split())
        if old is not None and name != old and not self.rename(tag, name):
            self.fill()  # refused (empty, or another tag's name): show the old name

    def _others(self, tag: TagId) -> list[tuple[TagId, str]]:
        return [(t.id, t.label) for t in self._library.tags() if t.id != tag]

    def _choose(
        self,
        title: str,
        label: str,
        choices: list[tuple[TagId | None, str]],
        done: Callable[..., object],
    ) -> QInputDialog:
        dialog = QInputDialog(self.dialog)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setComboBoxItems([text for _, text in choices])
        dialog.setComboBoxEditable(False)

        def chosen(_text: str) -> None:
            combo = dialog.findChild(QComboBox)
            index = combo.currentIndex() if combo is not None else 0
            done(choices[index][0])

        dialog.textValueSelected.connect(chosen)
        dialog.open()
        self.chooser = dialog
        return dialog

    def choose_merge_target(self) -> QInputDialog | None:
        tag = self.current()
        if tag is None:
            return None
        others: list[tuple[TagId | None, str]] = list(self._others(tag))
        if not others:
            return None
        return self._choose(
            tr("Merge tags"),
            tr("Merge this tag into which tag?"),
            others,
            lambda target: self.merge(tag, target),
        )

    def choose_parent(self) -> QInputDialog | None:
        tag = self.current()
        if tag is None:
            return None
        choices: list[tuple[TagId | None, str]] = [(None, tr("(top level)"))]
        choices += self._others(tag)
        return self._choose(
            tr("Move tag"),
            tr("Put this tag under which tag?"),
            choices,
            lambda parent: self.nest(tag, parent),
        )

    def choose_colour(self) -> QColorDialog | None:
        tag = self.current()
        if tag is None:
            return None
        dialog = QColorDialog(self.dialog)
        dialog.colorSelected.connect(lambda c: self.recolour(tag, c.name()))
        dialog.open()
        return dialog
