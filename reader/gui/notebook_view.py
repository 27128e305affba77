"""The notebook window's layout: filters, the grouped table, bulk actions. No behaviour."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.i18n import tr

NO_DATE = QDate(2000, 1, 1)  # the date edits' "no bound" value, shown as "—"


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("—")
    edit.setDate(NO_DATE)
    edit.setAccessibleName(name)
    edit.setToolTip(name)
    return edit


class NotebookWindow(QWidget):
    """Every highlight of the library in one table (a window of its own)."""

    closing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("pizhu-notebook")
        self.setWindowTitle(tr("Notebook"))
        self.setAccessibleName(tr("Notebook"))
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(tr("Find in quotes and notes"))
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName(tr("Find in quotes and notes"))
        self.tag = QComboBox(self)
        self.tag.setAccessibleName(tr("Tag"))
        self.colour = QComboBox(self)
        self.colour.setAccessibleName(tr("Colour"))
        self.author = QComboBox(self)
        self.author.setAccessibleName(tr("Author"))
        self.since = _date_edit(self, tr("Made on or after"))
        self.until = _date_edit(self, tr("Made on or before"))
        self.this_article = QCheckBox(tr("This &article only"), self)
        self.group = QComboBox(self)
        self.group.setAccessibleName(tr("Group by"))
        for key, label in (
            ("article", tr("Article")),
            ("tag", tr("Tag")),
            ("colour", tr("Colour")),
        ):
            self.group.addItem(label, key)
        filters = QHBoxLayout()
        filters.addWidget(self.text, 2)
        filters.addWidget(self.tag, 1)
        filters.addWidget(self.colour, 1)
        filters.addWidget(self.author, 1)
        filters.addWidget(QLabel(tr("From"), self))
        filters.addWidget(self.since)
        filters.addWidget(QLabel(tr("to"), self))
        filters.addWidget(self.until)
        filters.addWidget(self.this_article)
        filters.addWidget(QLabel(tr("Group by"), self))
        filters.addWidget(self.group)

        self.table = QTableView(self)
        self.table.setAccessibleName(tr("Highlights"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(False)

        self.open = QPushButton(tr("&Open in article"), self)
        self.add_tag = QPushButton(tr("Add &tag…"), self)
        self.remove_tag = QPushButton(tr("&Remove tag…"), self)
        self.recolour = QToolButton(self)
        self.recolour.setText(tr("&Colour"))
        self.recolour.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recolour_menu = QMenu(self.recolour)
        self.recolour.setMenu(self.recolour_menu)
        self.delete = QPushButton(tr("&Delete"), self)
        self.export = QPushButton(tr("&Export selection…"), self)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        for w in (self.open, self.add_tag, self.remove_tag, self.recolour, self.delete):
            buttons.addWidget(w)
        buttons.addWidget(self.export)
        buttons.addStretch(1)
        buttons.addWidget(self.count)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self._find)
        self.resize(1200, 700)

    def _find(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    def fit_columns(self, hidden: int | None) -> None:
        """The quote takes the spare width; the group's own column is not repeated."""
        header = self.table.horizontalHeader()
        count = self.table.model().columnCount() if self.table.model() else 0
        widths = {0: 220, 2: 70, 3: 200, 4: 110, 5: 200, 6: 90, 7: 80}
        for col in range(count):
            self.table.setColumnHidden(col, col == hidden)
            if col == 1:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(col, widths.get(col, 100))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
