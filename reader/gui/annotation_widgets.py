"""Small annotation widgets: a flow layout, tag chips, colour swatches, the selection toolbar.

Layout only; :mod:`reader.gui.annotation_controller` gives them behaviour. Tag names and
meanings are user text: buttons show them with ``&`` doubled (no mnemonics), labels as
plain text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from reader.gui.highlights import swatch
from reader.gui.i18n import tr
from reader.gui.shown import shown


def button_text(text: str) -> str:
    """User text on a button: no mnemonic, no bidi or control characters obeyed."""
    return shown(text).replace("&", "&&")


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping to new lines (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._do_layout(QRect(0, 0, width, 0), True)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._do_layout(rect, False)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _do_layout(self, rect: QRect, test: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x = area.x()
                y += line + self._spacing
                line = 0
            if not test:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class ChipBox(QWidget):
    """A wrapping row of chips (tags on the article, suggestions); rebuilt when set."""

    chip_clicked = Signal(str)
    chip_removed = Signal(str)

    def __init__(
        self, removable: bool, parent: QWidget | None = None, reserve_line: bool = False
    ) -> None:
        super().__init__(parent)
        self.removable = removable
        # Keep one line of height even when empty, so a first chip does not push what
        # is below it (the suggestion a user is about to click) down.
        self.reserve_line = reserve_line
        self.flow = FlowLayout(self)
        self.chips: dict[str, QToolButton] = {}
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_chips(self, names: Sequence[str], tips: Sequence[str] | None = None) -> None:
        while self.flow.count():
            item = self.flow.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.chips = {}
        for i, name in enumerate(names):
            b = QToolButton(self)
            b.setObjectName("chip")
            b.setAutoRaise(False)
            b.setText(button_text(name + ("  ✕" if self.removable else "")))
            tip = tips[i] if tips is not None and i < len(tips) else ""
            if self.removable:
                b.setToolTip(tr("Remove the tag %1").replace("%1", name))
                b.setAccessibleName(tr("Remove the tag %1").replace("%1", name))
                b.clicked.connect(lambda _=False, n=name: self.chip_removed.emit(n))
            else:
                b.setToolTip(tip or tr("Add the tag %1").replace("%1", name))
                b.setAccessibleName(tr("Add the tag %1").replace("%1", name))
                b.clicked.connect(lambda _=False, n=name: self.chip_clicked.emit(n))
            self.flow.addWidget(b)
            self.chips[name] = b
        self._fit()
        self.updateGeometry()

    def mark_taken(self, names: set[str]) -> None:
        """Chips whose names were just taken stay in place and size, greyed: the chips
        around them do not move under the pointer."""
        for name, b in self.chips.items():
            if name in names and b.isEnabled():
                b.setFixedSize(b.size())
                b.setEnabled(False)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)

    def sizeHint(self) -> QSize:
        w = max(self.width(), 200)
        return QSize(w, self.flow.heightForWidth(w))

    def _fit(self) -> None:
        # Layouts inside a splitter ignore height-for-width: ask for every wrapped line.
        need = self.flow.heightForWidth(max(self.width(), 100)) if self.chips else 0
        if self.reserve_line:
            probe = QToolButton()
            probe.setText("国")
            need = max(need, probe.sizeHint().height())
        if self.minimumHeight() != need:
            self.setMinimumHeight(need)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit()


def swatch_icon(colour: str, size: int = 16) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = swatch(colour)
    p.setBrush(QColor(s.light))
    p.setPen(QColor(s.strong))
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QIcon(pix)


class SwatchRow(QWidget):
    """One button per palette colour, each named by its meaning."""

    chosen = Signal(str)  # colour key

    def __init__(self, parent: QWidget | None = None, with_labels: bool = False) -> None:
        super().__init__(parent)
        self.with_labels = with_labels
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}

    def set_palette(self, palette: Sequence[tuple[str, str]]) -> None:
        for b in self.buttons.values():
            self.row.removeWidget(b)
            b.deleteLater()
        self.buttons = {}
        for i, (key, meaning) in enumerate(palette):
            b = QToolButton(self)
            b.setIcon(swatch_icon(key))
            b.setAutoRaise(True)
            if self.with_labels:
                b.setText(button_text(meaning))
                b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            tip = meaning if i else tr("%1 (H)").replace("%1", meaning)
            b.setToolTip(tip)
            b.setAccessibleName(tr("Highlight: %1").replace("%1", meaning))
            b.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
            self.row.addWidget(b)
            self.buttons[key] = b


class SelectionToolbar(QFrame):
    """Floats by a selection in the article: colours, a note, a tag."""

    colour_chosen = Signal(str)
    note_requested = Signal()
    tag_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("selection-toolbar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setAccessibleName(tr("Highlight the selection"))
        self.swatches = SwatchRow(self)
        self.swatches.chosen.connect(self.colour_chosen)
        self.note = QToolButton(self)
        self.note.setText(tr("Note"))
        self.note.setToolTip(tr("Highlight and write a note (N)"))
        self.note.setAutoRaise(True)
        self.note.clicked.connect(self.note_requested)
        self.tag = QToolButton(self)
        self.tag.setText(tr("Tag"))
        self.tag.setToolTip(tr("Highlight and tag it"))
        self.tag.setAutoRaise(True)
        self.tag.clicked.connect(self.tag_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.setSpacing(2)
        row.addWidget(self.swatches)
        row.addWidget(self.note)
        row.addWidget(self.tag)
        self.hide()

    def set_palette(self, palette: Sequence[tuple[str, str]]) -> None:
        self.swatches.set_palette(palette)
        self.adjustSize()

    def show_near(self, rect: QRect) -> None:
        """Show above ``rect`` (parent coordinates), or below it when there is no room."""
        self.adjustSize()
        parent = self.parentWidget()
        size = self.sizeHint()
        x = rect.left()
        y = rect.top() - size.height() - 4
        if y < 0:
            y = rect.bottom() + 6
        if parent is not None:
            x = max(0, min(x, parent.width() - size.width()))
            y = max(0, min(y, parent.height() - size.height()))
        self.move(x, y)
        self.show()
        self.raise_()
