"""Shown instead of the reading pane while the library is empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reader.gui.i18n import tr


class WelcomeView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Welcome"))
        self.title = QLabel(tr("Your library is empty"), self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel(
            tr(
                "Pizhu reads the text files a PDF converter makes from newspaper pages. "
                "Import your own pages, or start with a few sample pages to see how it works."
            ),
            self,
        )
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        self.samples = QPushButton(tr("Load the sample pages"), self)
        self.files = QPushButton(tr("Import files…"), self)
        self.folder = QPushButton(tr("Import a folder…"), self)
        self.hint = QLabel(tr("You can also drop files or folders on this window."), self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        box = QWidget(self)
        box.setMaximumWidth(520)
        inner = QVBoxLayout(box)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.body)
        inner.addSpacing(8)
        for b in (self.samples, self.files, self.folder):
            inner.addWidget(b)
        inner.addSpacing(8)
        inner.addWidget(self.hint)
        # Stretches beside the box instead of an alignment flag: an aligned box gets
        # its size hint and the wrapped text loses lines; this way it gets real width.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
