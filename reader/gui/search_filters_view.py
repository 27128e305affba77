"""The search filters under the results' count: scope, dates, kind, author, tag.

Layout only; :class:`reader.gui.search_filters.SearchFilters` fills the menus, reads
and remembers the choices, and runs the search again when one changes.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from reader.gui.i18n import tr

# The earliest date a QDateEdit offers stands for "any date" (its special value text).
NO_DATE = QDate(1900, 1, 1)


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(tr("Any date"))
    edit.setDate(NO_DATE)
    edit.setAccessibleName(name)
    edit.setToolTip(name)
    return edit


def _combo(parent: QWidget, name: str) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(name)
    box.setToolTip(name)
    box.setMinimumContentsLength(4)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return box


class SearchFiltersView(QWidget):
    """Scope, date range, kind, author and tag; Clear and Save search buttons."""

    SCOPES = ("all", "issue", "page")
    KINDS = ("", "article", "photo", "fragment")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Search filters"))
        self.scope = _combo(self, tr("Search in"))
        for key, label in zip(
            self.SCOPES,
            (tr("Everything"), tr("This issue"), tr("This page")),
            strict=True,
        ):
            self.scope.addItem(label, key)
        self.kind = _combo(self, tr("Kind of article"))
        for key, label in zip(
            self.KINDS,
            (tr("Any kind"), tr("Articles"), tr("Photos"), tr("Fragments")),
            strict=True,
        ):
            self.kind.addItem(label, key)
        self.since = _date_edit(self, tr("Pages dated from"))
        self.until = _date_edit(self, tr("Pages dated until"))
        self.author = _combo(self, tr("Author"))
        self.author.setEditable(True)
        self.author.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.author.lineEdit()
        if line is not None:
            line.setPlaceholderText(tr("Any author"))
        self.tag = _combo(self, tr("Tag"))
        self.clear = QToolButton(self)
        self.clear.setText(tr("Clear filters"))
        self.clear.setAccessibleName(tr("Clear the search filters"))
        self.save = QToolButton(self)
        self.save.setText(tr("Save search…"))
        self.save.setToolTip(tr("Save this search with its filters and sort (Ctrl+D)"))
        self.save.setAccessibleName(tr("Save this search"))

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        rows: tuple[tuple[str, QWidget, str, QWidget], ...] = (
            (tr("&In"), self.scope, tr("&Kind"), self.kind),
            (tr("F&rom"), self.since, tr("&Until"), self.until),
            (tr("&Author"), self.author, tr("Ta&g"), self.tag),
        )
        for r, (a, wa, b, wb) in enumerate(rows):
            for c, (text, widget) in enumerate(((a, wa), (b, wb))):
                caption = QLabel(text, self)
                caption.setTextFormat(Qt.TextFormat.PlainText)  # "&" still marks the key
                caption.setBuddy(widget)  # Alt+letter reaches the filter
                grid.addWidget(caption, r, 2 * c, Qt.AlignmentFlag.AlignRight)
                grid.addWidget(widget, r, 2 * c + 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear)
        buttons.addWidget(self.save)
        grid.addLayout(buttons, len(rows), 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.setTabOrder(self.scope, self.kind)
        self.setTabOrder(self.kind, self.since)
        self.setTabOrder(self.since, self.until)
        self.setTabOrder(self.until, self.author)
        self.setTabOrder(self.author, self.tag)
        self.setTabOrder(self.tag, self.clear)
        self.setTabOrder(self.clear, self.save)

    def scopes_enabled(self, on: bool) -> None:
        """ "This issue" and "This page" need an open article to mean anything."""
        model = self.scope.model()
        for key in ("issue", "page"):
            row = self.scope.findData(key)
            item = model.item(row) if isinstance(model, QStandardItemModel) else None
            if item is not None:
                item.setEnabled(on)
                item.setToolTip("" if on else tr("Open an article first"))
