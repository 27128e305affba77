"""The Related panel at the foot of the annotation pane: the stories most like the open
article (reprints marked), from the MinHash index; double-click opens one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reader.analysis.service import Analysis
from reader.errors import KnownError
from reader.gui.i18n import tr
from reader.store.library import Library

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RelatedPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("related-panel")
        self.heading = QLabel(tr("Related stories"), self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Related stories"))
        self.empty = QLabel("", self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)


class RelatedController(QObject):
    def __init__(
        self, library: Library, panel: RelatedPanel, open_article: Callable[[int], None]
    ) -> None:
        super().__init__(panel)
        self.analysis = Analysis(library)
        self.panel = panel
        self.open_article = open_article
        panel.list.itemDoubleClicked.connect(
            lambda item: self.open_article(int(item.data(ID_ROLE)))
        )

    def show_for(self, article_id: int) -> None:
        p = self.panel
        p.list.clear()
        try:
            rows = self.analysis.related_if_analysed(article_id, limit=8)
        except KnownError as exc:
            p.empty.setText(str(exc))
            p.empty.show()
            return
        if rows is None:
            p.empty.setText(tr("Not analysed yet: open View → Statistics once."))
        elif not rows:
            p.empty.setText(tr("No similar stories in the library."))
        p.empty.setVisible(not rows)
        for r in rows or []:
            mark = tr(" (reprint)") if r.reprint else ""
            title = r.title or tr("(untitled)")
            item = QListWidgetItem(f"{r.date or '—'}  {title}{mark}  {r.similarity:.0%}")
            item.setData(ID_ROLE, r.article_id)
            item.setToolTip(title)
            p.list.addItem(item)
