"""Edit → Metadata…: title, kind, authors of articles; paper, date, page, page name of
their pages. Several items at once: a field whose items differ starts empty and is
left alone unless typed in. Layout and validation only; the collection controller
turns the answer into one undoable operation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.errors import KnownError
from reader.gui.i18n import tr
from reader.gui.models import kind_label
from reader.store.models import ARTICLE_KINDS
from reader.store.pageinfo import check_date, check_page

PAGE_FIELDS = ("paper", "date", "page", "page_name")


def _common(values: Sequence[Any]) -> Any:
    """The one value all items share, else None."""
    first = values[0] if values else None
    return first if all(v == first for v in values) else None


def split_authors(text: str) -> tuple[str, ...]:
    for sep in ("、", "，", ";", "；"):
        text = text.replace(sep, ",")
    return tuple(a.strip() for a in text.split(",") if a.strip())


class MetadataDialog(QDialog):
    def __init__(
        self,
        articles: Sequence[dict[str, Any]],
        pages: Sequence[dict[str, Any]],
        papers: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        """``articles``: dicts with title, kind, authors; ``pages``: dicts with paper,
        date, page, page_name. No articles: only the page fields are shown."""
        super().__init__(parent)
        self.setObjectName("metadata-dialog")
        self.setWindowTitle(tr("Metadata"))
        n, m = len(articles), len(pages)
        self.intro = intro = QLabel(self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        if n == 1:
            intro.hide()  # one article: nothing differs
        elif n:
            intro.setText(
                tr("%1 articles on %2 pages. Fields left empty where they differ are kept.")
                .replace("%1", str(n))
                .replace("%2", str(m))
            )
        else:
            intro.setText(
                tr("%1 pages. Fields left empty where they differ are kept.").replace("%1", str(m))
            )
        self.initial: dict[str, str] = {}
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def line(key: str, label: str, value: Any, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit(self)
            edit.setObjectName(f"metadata-{key}")
            text = "" if value is None else str(value)
            edit.setText(text)
            several = value is None and len(set(map(str, values_of[key]))) > 1
            edit.setPlaceholderText(tr("(several values)") if several else placeholder)
            edit.setAccessibleName(label)
            self.initial[key] = text
            self.edits[key] = edit
            form.addRow(self._label(label), edit)
            return edit

        values_of: dict[str, list[Any]] = {
            "title": [a.get("title") or "" for a in articles],
            "authors": ["、".join(a.get("authors") or ()) for a in articles],
            **{k: [p.get(k) or "" for p in pages] for k in PAGE_FIELDS},
        }
        self.kind: QComboBox | None = None
        self.kind_initial = -1
        if n:
            line("title", tr("Title"), _common(values_of["title"]))
            self.kind = QComboBox(self)
            self.kind.setObjectName("metadata-kind")
            self.kind.setAccessibleName(tr("Kind"))
            self.kind.addItem(tr("(keep)"), None)
            for k in ARTICLE_KINDS:
                self.kind.addItem(kind_label(k), k)
            common_kind = _common([a.get("kind") for a in articles])
            self.kind_initial = max(0, self.kind.findData(common_kind)) if common_kind else 0
            self.kind.setCurrentIndex(self.kind_initial)
            form.addRow(self._label(tr("Kind")), self.kind)
            line(
                "authors",
                tr("Authors"),
                _common(values_of["authors"]),
                tr("names separated by commas"),
            )
        paper = line("paper", tr("Paper"), _common(values_of["paper"]))
        completer = QCompleter(list(papers), paper)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        paper.setCompleter(completer)
        line("date", tr("Issue date"), _common(values_of["date"]), "YYYY-MM-DD")
        line("page", tr("Page number (版次)"), _common(values_of["page"]), tr("3 or A3"))
        line("page_name", tr("Page name (版名)"), _common(values_of["page_name"]), "要闻")
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setObjectName("metadata-error")
        self.error.setStyleSheet("color: #b3261e")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(max(420, self.sizeHint().width()), self.sizeHint().height())

    def _label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # like every label that shows text
        return label

    def _changed(self, key: str) -> str | None:
        edit = self.edits.get(key)
        if edit is None or edit.text().strip() == self.initial[key].strip():
            return None
        return edit.text().strip()

    def page_changes(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for key in PAGE_FIELDS:
            value = self._changed(key)
            if value is not None:
                out[key] = value or None
        return out

    def article_changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        title = self._changed("title")
        if title is not None:
            out["title"] = title
        authors = self._changed("authors")
        if authors is not None:
            out["authors"] = split_authors(authors)
        if self.kind is not None and self.kind.currentIndex() != self.kind_initial:
            kind = self.kind.currentData()
            if kind is not None:
                out["kind"] = kind
        return out

    def _check(self) -> str | None:
        """What is wrong with the typed values, in the UI language; None: nothing."""
        changes = self.page_changes()
        date, page = changes.get("date") or "", changes.get("page") or ""
        try:
            if date:
                check_date(date)
        except KnownError:
            return tr("“%1” is not a date (YYYY-MM-DD).").replace("%1", date)
        try:
            if page:
                check_page(page)
        except KnownError:
            return tr("“%1” is not a page number (3 or A3).").replace("%1", page)
        return None

    def accept(self) -> None:
        problem = self._check()
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()
