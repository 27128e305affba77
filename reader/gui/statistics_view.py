"""The Statistics window's layout: four tabs (over time, tags together, people and places,
agreement). No behaviour: :mod:`reader.gui.statistics_controller` fills and wires it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.gui.chart import Chart
from reader.gui.i18n import tr


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class OverTimeTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by = QComboBox(self)
        for key, label in (("day", tr("Day")), ("week", tr("Week")), ("month", tr("Month"))):
            self.by.addItem(label, key)
        self.by.setCurrentIndex(2)
        self.tag = QComboBox(self)
        self.colour = QComboBox(self)
        self.author = QComboBox(self)
        self.entity = QLineEdit(self)
        self.entity.setPlaceholderText(tr("Person, place or organisation"))
        self.term = QLineEdit(self)
        self.term.setPlaceholderText(tr("Any search term"))
        self.share = QCheckBox(tr("Show as share of the period's articles"), self)
        form = QFormLayout()
        form.addRow(_plain(tr("Count by"), self), self.by)
        form.addRow(_plain(tr("Tag"), self), self.tag)
        form.addRow(_plain(tr("Colour"), self), self.colour)
        form.addRow(_plain(tr("Author"), self), self.author)
        form.addRow(_plain(tr("Entity"), self), self.entity)
        form.addRow(_plain(tr("Term"), self), self.term)
        form.addRow(_plain("", self), self.share)
        self.chart = Chart(self)
        self.chart.setAccessibleName(tr("Chart"))
        self.summary = _plain("", self)
        self.save_png = QPushButton(tr("Save as &PNG…"), self)
        self.save_svg = QPushButton(tr("Save as S&VG…"), self)
        self.save_csv = QPushButton(tr("Save numbers as &CSV…"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for b in (self.save_png, self.save_svg, self.save_csv):
            buttons.addWidget(b)
        top = QHBoxLayout()
        top.addLayout(form, 0)
        top.addWidget(self.chart, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)


class TogetherTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = QComboBox(self)
        self.level.addItem(tr("Articles carrying both tags"), "article")
        self.level.addItem(tr("Highlights carrying both tags"), "highlight")
        self.matrix = QTableWidget(0, 0, self)
        self.matrix.setAccessibleName(tr("Tag co-occurrence"))
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hint = _plain(tr("Double-click a cell to list its articles."), self)
        self.articles = QListWidget(self)
        self.articles.setAccessibleName(tr("Articles carrying both tags"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.matrix)
        split.addWidget(self.articles)
        layout = QVBoxLayout(self)
        layout.addWidget(self.level)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)


class EntitiesTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(self)
        for key, label in (
            ("", tr("All kinds")),
            ("person", tr("People")),
            ("place", tr("Places")),
            ("org", tr("Organisations")),
        ):
            self.kind.addItem(label, key)
        self.table = _table(
            self,
            [tr("Name"), tr("Kind"), tr("Articles"), tr("Mentions"), tr("First seen")],
            tr("People, places and organisations"),
        )
        self.hint = _plain(tr("Double-click a name to see its timeline."), self)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(tr("Name, e.g. 呼市"))
        self.name_kind = QComboBox(self)
        for key, label in (
            ("place", tr("Place")),
            ("person", tr("Person")),
            ("org", tr("Organisation")),
        ):
            self.name_kind.addItem(label, key)
        self.canonical = QLineEdit(self)
        self.canonical.setPlaceholderText(tr("Stands for (optional), e.g. 呼和浩特"))
        self.add = QPushButton(tr("&Add local name"), self)
        self.names = QListWidget(self)
        self.names.setAccessibleName(tr("Local names"))
        self.remove = QPushButton(tr("&Remove local name"), self)
        add_row = QHBoxLayout()
        for w in (self.name, self.name_kind, self.canonical, self.add):
            add_row.addWidget(w)
        side = QVBoxLayout()
        side.addWidget(_plain(tr("Local names and aliases"), self))
        side.addLayout(add_row)
        side.addWidget(self.names, 1)
        side.addWidget(self.remove)
        main = QVBoxLayout()
        main.addWidget(self.kind)
        main.addWidget(self.table, 1)
        main.addWidget(self.hint)
        layout = QHBoxLayout(self)
        layout.addLayout(main, 3)
        layout.addLayout(side, 2)


class AgreementTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.authors = _plain("", self)
        self.table = _table(
            self,
            [tr("Code"), tr("Level"), tr("Items"), tr("Cohen's κ"), tr("Krippendorff's α")],
            tr("Agreement"),
        )
        self.disagreements = QListWidget(self)
        self.disagreements.setAccessibleName(tr("Disagreements"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.disagreements)
        layout = QVBoxLayout(self)
        layout.addWidget(self.authors)
        layout.addWidget(
            _plain(
                tr("Choose a row to list where the authors disagree; double-click to open."), self
            )
        )
        layout.addWidget(split, 1)


class StatisticsWindow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("pizhu-statistics")
        self.setWindowTitle(tr("Statistics"))
        self.setAccessibleName(tr("Statistics"))
        self.tabs = QTabWidget(self)
        self.over_time = OverTimeTab(self)
        self.together = TogetherTab(self)
        self.entities = EntitiesTab(self)
        self.agreement = AgreementTab(self)
        self.tabs.addTab(self.over_time, tr("Over time"))
        self.tabs.addTab(self.together, tr("Tags together"))
        self.tabs.addTab(self.entities, tr("People and places"))
        self.tabs.addTab(self.agreement, tr("Agreement"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(1100, 640)
