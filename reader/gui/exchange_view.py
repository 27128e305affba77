"""Export and share dialogs, progress and summaries. Layout only (the merge report and
the unplaced highlights are in :mod:`reader.gui.merge_view`).

Every piece of user text (titles, quotes, notes, authors, file names) is shown as plain
text: labels get ``Qt.TextFormat.PlainText`` and tables are item views, which never
interpret markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.gui.i18n import tr
from reader.gui.shown import shown

if TYPE_CHECKING:  # the exchange modules load when a dialog is shown
    from reader.exchange.report import ExportReport
    from reader.exchange.share import ShareReport

# What to export or share.
CURRENT, TAG, SINCE, ANNOTATED, EVERY = "current", "tag", "since", "annotated", "all"
# Export formats.
MARKDOWN_FOLDER, MARKDOWN_FILE, JSON = "markdown-folder", "markdown-file", "json"
WORD = "docx"


def plain_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(shown(text), parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def one_line(text: str, limit: int = 120) -> str:
    flat = " ".join(shown(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class ExchangeProgressDialog(QProgressDialog):
    """Progress of one export, share or merge, with Cancel."""

    def __init__(self, title: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        text = plain_label(label, self)
        self.setLabel(text)
        self.setCancelButtonText(tr("Cancel"))
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(300)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self.setRange(0, 0)

    def report(self, done: int, total: int) -> None:
        self.setMaximum(max(total, 1))
        self.setValue(min(done, max(total, 1)))


class _ScopeBox(QGroupBox):
    """Radio buttons choosing articles: the current one, a tag, a date, all annotated, all."""

    changed = Signal()

    def __init__(
        self,
        kinds: Sequence[str],
        tags: Sequence[tuple[str, str]],
        current_title: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Articles"), parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        texts = {
            CURRENT: tr("The current article"),
            TAG: tr("Articles with the tag"),
            SINCE: tr("Annotated on or after"),
            ANNOTATED: tr("Every annotated article"),
            EVERY: tr("Every article in the library"),
        }
        self.tag = QComboBox(self)
        self.tag.setAccessibleName(tr("Tag"))
        for label, name in tags:  # shown as its path, chosen by its name
            self.tag.addItem(label, name)
        self.since = QDateEdit(QDate.currentDate().addMonths(-1), self)
        self.since.setAccessibleName(tr("Date"))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.current = plain_label(current_title or "", self)
        self.current.setAccessibleName(tr("Current article"))
        layout = QVBoxLayout(self)
        for kind in kinds:
            b = QRadioButton(texts[kind], self)
            b.setObjectName(f"scope-{kind}")
            self.buttons[kind] = b
            self.group.addButton(b)
            extra: QWidget | None = {
                CURRENT: self.current,
                TAG: self.tag,
                SINCE: self.since,
            }.get(kind)
            if extra is None:
                layout.addWidget(b)
            else:
                row = QHBoxLayout()
                row.addWidget(b)
                row.addWidget(extra, 1)
                layout.addLayout(row)
            b.toggled.connect(self._toggled)
        if CURRENT in self.buttons:
            self.buttons[CURRENT].setEnabled(current_title is not None)
        if TAG in self.buttons:
            self.buttons[TAG].setEnabled(bool(tags))
        start = CURRENT if current_title is not None and CURRENT in self.buttons else ANNOTATED
        self.buttons[start].setChecked(True)
        self._toggled()

    def _toggled(self, *_args: object) -> None:
        self.tag.setEnabled(TAG in self.buttons and self.buttons[TAG].isChecked())
        self.since.setEnabled(SINCE in self.buttons and self.buttons[SINCE].isChecked())
        self.changed.emit()

    def choose(self, kind: str) -> None:
        self.buttons[kind].setChecked(True)

    def kind(self) -> str:
        for kind, b in self.buttons.items():
            if b.isChecked():
                return kind
        return ANNOTATED

    def value(self) -> str | None:
        """The tag name or ISO date the chosen kind needs."""
        kind = self.kind()
        if kind == TAG:
            name = self.tag.currentData()
            return str(name) if name else None
        if kind == SINCE:
            return self.since.date().toString("yyyy-MM-dd")
        return None


class _Destination(QWidget):
    """A read-only path filled by a file dialog (which confirms overwriting)."""

    choose = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit(self)
        self.path.setReadOnly(True)
        self.path.setAccessibleName(tr("Destination"))
        self.path.setPlaceholderText(tr("Not chosen yet"))
        self.button = QPushButton(tr("Choose…"), self)
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path, 1)
        layout.addWidget(self.button)


class _ArticlesDialog(QDialog):
    """Which articles and where to write them: what Export and Share both ask."""

    choose_destination = Signal()

    def __init__(
        self,
        title: str,
        ok_text: str,
        kinds: Sequence[str],
        tags: Sequence[tuple[str, str]],
        current_title: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.scope = _ScopeBox(kinds, tags, current_title, self)
        self.destination = _Destination(self)
        self.destination.choose.connect(self.choose_destination)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.form.addRow(tr("Save to:"), self.destination)
        self.destination.path.textChanged.connect(self._update)
        self.scope.changed.connect(self._update)

    def set_destination(self, path: str) -> None:
        self.destination.path.setText(path)

    def target(self) -> str:
        return self.destination.path.text()

    def _update(self) -> None:
        ok = bool(self.target()) and (self.scope.kind() != TAG or self.scope.value() is not None)
        self.ok_button.setEnabled(ok)


class ExportDialog(_ArticlesDialog):
    """File → Export…: which articles, which format, where, and whether to overwrite edits."""

    def __init__(
        self,
        tags: Sequence[tuple[str, str]],
        current_title: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Export annotations"),
            tr("Export"),
            (CURRENT, TAG, SINCE, ANNOTATED, EVERY),
            tags,
            current_title,
            parent,
        )
        self.export_button = self.ok_button
        formats = QGroupBox(tr("Format"), self)
        self.format_group = QButtonGroup(self)
        self.formats: dict[str, QRadioButton] = {}
        box = QVBoxLayout(formats)
        for key, text in (
            (MARKDOWN_FOLDER, tr("Markdown, one file per article, into a folder")),
            (MARKDOWN_FILE, tr("Markdown, one file")),
            (JSON, tr("JSON (W3C Web Annotation)")),
            (WORD, tr("Word clipping report (.docx)")),
        ):
            b = QRadioButton(text, formats)
            b.setObjectName(f"format-{key}")
            self.formats[key] = b
            self.format_group.addButton(b)
            box.addWidget(b)
        self.formats[MARKDOWN_FOLDER].setChecked(True)
        for b in self.formats.values():
            b.toggled.connect(self._format_changed)
        self.force = QCheckBox(tr("Overwrite files I changed since the last export"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope)
        layout.addWidget(formats)
        layout.addLayout(self.form)
        layout.addWidget(self.force)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(560, 0)

    def format(self) -> str:
        for key, b in self.formats.items():
            if b.isChecked():
                return key
        return MARKDOWN_FOLDER

    def choose_format(self, key: str) -> None:
        self.formats[key].setChecked(True)

    def _format_changed(self, checked: bool) -> None:
        if checked:  # a folder is no file and a file no folder: choose again
            self.destination.path.clear()


class ShareDialog(_ArticlesDialog):
    """File → Share…: which articles, and the share file to write."""

    def __init__(
        self,
        tags: Sequence[tuple[str, str]],
        current_title: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Share annotations"),
            tr("Share"),
            (ANNOTATED, TAG, CURRENT),
            tags,
            current_title,
            parent,
        )
        self.share_button = self.ok_button
        explain = plain_label(
            tr(
                "A share file holds the chosen articles' text with their highlights, "
                "notes and tags. Someone else can merge it into their library."
            ),
            self,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.scope)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(520, 0)


def export_summary(report: ExportReport | None) -> str:
    if report is None:
        return tr("No articles match: nothing was exported.")
    text = (
        tr(
            "Exported %1 articles (%2 highlights): %3 files written, %4 unchanged, %5 kept because you edited them."  # noqa: E501
        )
        .replace("%1", str(report.articles))
        .replace("%2", str(report.highlights))
        .replace("%3", str(len(report.written)))
        .replace("%4", str(len(report.unchanged)))
        .replace("%5", str(len(report.kept)))
    )
    if report.cancelled:
        text += " " + tr("Export cancelled: the files written before stay.")
    if report.kept:
        text += " " + tr("Tick “Overwrite files I changed” to replace them.")
    return text


class ExportSummaryDialog(QDialog):
    """What an export wrote, left alone or kept, and a button to open the folder."""

    open_folder = Signal()

    def __init__(
        self, report: ExportReport | None, folder: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Export finished"))
        self.setAccessibleName(tr("Export finished"))
        self.summary = plain_label(export_summary(report), self)
        self.files = QTreeWidget(self)
        self.files.setAccessibleName(tr("Exported files"))
        self.files.setHeaderLabels([tr("File"), tr("Status")])
        self.files.setRootIsDecorated(False)
        if report is not None:
            for status, paths in (
                (tr("kept (you edited it)"), report.kept),
                (tr("written"), report.written),
                (tr("unchanged"), report.unchanged),
            ):
                for p in paths:
                    item = QTreeWidgetItem([p.name, status])
                    item.setToolTip(0, str(p))
                    self.files.addTopLevelItem(item)
        self.files.resizeColumnToContents(0)
        self.files.setVisible(self.files.topLevelItemCount() > 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = self.buttons.addButton(
            tr("Open folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setEnabled(folder is not None)
        self.open_button.clicked.connect(self.open_folder)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 360 if self.files.topLevelItemCount() else 0)


def share_summary(report: ShareReport) -> str:
    return (
        tr("Wrote %1: %2 articles, %3 highlights (%4 deletions), %5 notes, %6 tags.")
        .replace("%1", report.path.name)
        .replace("%2", str(report.articles))
        .replace("%3", str(report.highlights))
        .replace("%4", str(report.tombstones))
        .replace("%5", str(report.notes))
        .replace("%6", str(report.tags))
    )
