"""Export, share and merge dialogs, and the list of unplaced highlights. Layout only.

Every piece of user text (titles, quotes, notes, authors, file names) is shown as plain
text: labels get ``Qt.TextFormat.PlainText`` and tables are item views, which never
interpret markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from reader.exchange.merge import MergeItem, MergeReport
from reader.exchange.orphans import OrphanView
from reader.exchange.report import ExportReport
from reader.exchange.share import ShareReport
from reader.gui.i18n import tr
from reader.gui.shown import shown

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


def kind_names() -> dict[str, str]:
    return {
        "article": tr("article"),
        "highlight": tr("highlight"),
        "note": tr("note"),
        "tag": tr("tag"),
    }


def action_names() -> dict[str, str]:
    return {
        "added": tr("added"),
        "updated": tr("updated"),
        "unchanged": tr("unchanged"),
        "conflict": tr("conflict"),
        "re-anchored": tr("re-anchored"),
        "orphaned": tr("orphaned"),
        "skipped": tr("not applied"),
    }


COUNT_COLUMNS = (
    "added",
    "updated",
    "unchanged",
    "conflict",
    "re-anchored",
    "orphaned",
    "skipped",
)


def item_detail(item: MergeItem) -> str:
    """The item's detail for the window; a skipped edit's reason in the user's language."""
    if item.action != "skipped":
        return item.detail
    unknown = tr("unknown")
    return (
        tr("%1 is not the author (%2 is): only the author's edits are merged")
        .replace("%1", item.by or unknown)
        .replace("%2", item.owner or unknown)
    )


class MergeReportDialog(QDialog):
    """The dry run of a merge: counts per kind, every item, and Merge / Cancel."""

    def __init__(self, report: MergeReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(tr("Merge a share file"))
        self.setAccessibleName(tr("Merge report"))
        head = tr("%1 — shared by %2").replace("%1", report.source.name)
        head = head.replace("%2", report.sender or tr("unknown"))
        self.heading = plain_label(head, self)
        self.heading.setAccessibleName(tr("Share file"))
        if report.empty:
            what = tr("Nothing to merge: your library already has everything in this file.")
        else:
            what = tr(
                "This is what merging would change. Your library is backed up before the merge."
            )
        if report.omitted:
            what += " " + tr("%n more items are counted but not listed.", None, report.omitted)
        self.explain = plain_label(what, self)
        names, actions = kind_names(), action_names()
        self.counts = QTreeWidget(self)
        self.counts.setAccessibleName(tr("Counts"))
        self.counts.setRootIsDecorated(False)
        self.counts.setHeaderLabels([tr("Kind")] + [actions[a] for a in COUNT_COLUMNS])
        for kind_plural, row in report.counts().items():
            kind = kind_plural[:-1]
            cells = [names.get(kind, kind)] + [
                str(row[a]) if a in row else "—" for a in COUNT_COLUMNS
            ]
            item = QTreeWidgetItem(cells)
            for col in range(1, len(cells)):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignCenter)
            self.counts.addTopLevelItem(item)
        self.counts.header().setStretchLastSection(False)
        self.counts.header().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        for col in range(self.counts.columnCount()):
            self.counts.resizeColumnToContents(col)
            self.counts.setColumnWidth(col, max(96, self.counts.columnWidth(col) + 16))
        rows = self.counts.topLevelItemCount()
        self.counts.setFixedHeight(
            self.counts.header().sizeHint().height()
            + rows * max(self.counts.sizeHintForRow(0), 18)
            + 2 * self.counts.frameWidth()
            + 2
        )
        self.items = QTreeWidget(self)
        self.items.setAccessibleName(tr("Merge items"))
        self.items.setRootIsDecorated(False)
        self.items.setUniformRowHeights(True)
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.items.setHeaderLabels([tr("Kind"), tr("Action"), tr("Article"), tr("Detail")])
        for i in report.items:
            action = actions.get(i.action, i.action)
            if i.placement:
                action += ", " + actions.get(i.placement, i.placement)
            detail = item_detail(i)
            line = QTreeWidgetItem(
                [names.get(i.kind, i.kind), action, one_line(i.article), one_line(detail)]
            )
            line.setToolTip(2, shown(i.article))
            line.setToolTip(3, shown(detail))
            self.items.addTopLevelItem(line)
        self.items.resizeColumnToContents(0)
        self.items.resizeColumnToContents(1)
        self.items.setColumnWidth(2, 260)
        self.items.setVisible(bool(report.items))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = self.buttons.addButton(
            tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setEnabled(not report.empty)
        self.merge_button.setDefault(not report.empty)
        from reader.gui.fix_report_view import FixesBox

        self.fixes = FixesBox(report.fixes, self)
        self.fixes.take.toggled.connect(
            lambda on: self.merge_button.setEnabled(on or not report.empty)
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.counts)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.fixes)
        layout.addWidget(self.buttons)
        self.resize(860, 520)


def merge_done(report: MergeReport) -> str:
    text = tr("Merged %1.").replace("%1", report.source.name)
    if report.backup is not None:
        text += " " + tr("Your library was backed up first to %1.").replace(
            "%1", report.backup.name
        )
    skipped = report.count("highlight", "skipped") + report.count("note", "skipped")
    if skipped:
        text += " " + tr(
            "%n edits were not applied: their author is not the annotation's.", None, skipped
        )
    orphans = len(report.orphans)
    if orphans:
        text += " " + tr(
            "%n highlights could not be placed in your text; see View → Unplaced highlights.",
            None,
            orphans,
        )
    taken = sum(1 for f in report.fixes if f.action in ("applied", "recorded"))
    if taken:
        text += " " + tr("%n split fixes taken.", None, taken)
    return text


class OrphansDialog(QDialog):
    """View → Unplaced highlights: what a merge kept but could not place in the text."""

    open_article = Signal(int)

    def __init__(
        self,
        orphans: Sequence[OrphanView],
        meanings: Mapping[str, str],
        parent: QWidget | None = None,
        *,
        article_title: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Unplaced highlights"))
        self.setAccessibleName(tr("Unplaced highlights"))
        if not orphans:
            what = tr("Every highlight has its place in the text.")
        else:
            what = tr(
                "These highlights came with a merge, but their quotes are not in your copy "
                "of the article. They are kept, exported and shared; a later merge places "
                "them when it can. Double-click one to open its article."
            )
        if article_title is not None:
            what = tr("In “%1”.").replace("%1", article_title) + " " + what
        self.explain = plain_label(what, self)
        self.table = QTreeWidget(self)
        self.table.setAccessibleName(tr("Unplaced highlights"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(
            [tr("Quote"), tr("Note"), tr("Author"), tr("Article"), tr("Colour")]
        )
        for o in orphans:
            item = QTreeWidgetItem(
                [
                    one_line(o.exact),
                    one_line(o.note),
                    o.author,
                    one_line(o.article_title or tr("Untitled")),
                    meanings.get(o.colour, o.colour),
                ]
            )
            item.setToolTip(0, shown(o.exact))
            item.setToolTip(1, shown(o.note))
            item.setData(0, Qt.ItemDataRole.UserRole, int(o.article_id))
            self.table.addTopLevelItem(item)
        for col, width in enumerate((260, 180, 90, 200)):
            self.table.setColumnWidth(col, width)
        self.table.itemActivated.connect(self._activated)
        self.table.setVisible(bool(orphans))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420 if orphans else 0)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.open_article.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))
