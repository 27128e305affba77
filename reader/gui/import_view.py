"""Import dialogs: progress with cancel, and the report of files that failed or were skipped."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressDialog,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.gui.error_text import translated
from reader.gui.i18n import tr
from reader.store.importer import ImportSummary


class ImportProgressDialog(QProgressDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Importing"))
        self.setAccessibleName(tr("Import progress"))
        self.file_label = QLabel(self)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setWordWrap(True)
        self.setLabel(self.file_label)
        self.setLabelText(tr("Preparing…"))
        self.setCancelButtonText(tr("Cancel"))
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(300)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)

    def report(self, done: int, total: int, path: str) -> None:
        self.setMaximum(max(total, 1))
        self.setValue(min(done, max(total, 1)))
        name = path.rsplit("/", 1)[-1]
        self.setLabelText(
            tr("File %1 of %2: %3")
            .replace("%1", str(min(done + 1, total)))
            .replace("%2", str(total))
            .replace("%3", name)
        )


def summary_line(summary: ImportSummary) -> str:
    text = tr("Imported %1 files (%2 articles); %3 skipped, %4 failed.")
    text = text.replace("%1", str(summary.imported)).replace("%2", str(summary.articles))
    text = text.replace("%3", str(summary.skipped)).replace("%4", str(summary.failed))
    if summary.cancelled:
        text += " " + tr("Import cancelled: the files imported before stay in the library.")
    return text


class ImportReportDialog(QDialog):
    """What happened to each file that was not imported, and why."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Import report"))
        self.setAccessibleName(tr("Import report"))
        self.summary = QLabel(summary_line(summary), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.files = QTreeWidget(self)
        self.files.setAccessibleName(tr("Files not imported"))
        self.files.setHeaderLabels([tr("File"), tr("Status"), tr("Reason")])
        self.files.setRootIsDecorated(False)
        self.files.setWordWrap(True)
        status = {"failed": tr("failed"), "skipped": tr("skipped")}
        for r in summary.results:
            if r.status == "imported":
                continue
            reason = translated(r.message)
            item = QTreeWidgetItem(
                [r.path.rsplit("/", 1)[-1], status.get(r.status, r.status), reason]
            )
            item.setToolTip(0, r.path)
            item.setToolTip(2, reason)
            self.files.addTopLevelItem(item)
        self.files.resizeColumnToContents(0)
        self.files.resizeColumnToContents(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.files, 1)
        layout.addWidget(buttons)
        self.resize(720, 360)
