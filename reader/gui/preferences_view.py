"""Preferences: theme, reading font and size, line height, column width, UI language."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.gui.i18n import LANGUAGES, SYSTEM, tr
from reader.gui.settings import MAX_FONT_SIZE, MIN_FONT_SIZE, ReadingPrefs
from reader.gui.theme import reading_family


class PreferencesDialog(QDialog):
    def __init__(
        self,
        prefs: ReadingPrefs,
        language: str,
        parent: QWidget | None = None,
        *,
        author: str = "",
        account: str = "",
        author_from_env: str | None = None,
        palette: Sequence[tuple[str, str]] = (),
        backups_kept: int = 10,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Preferences"))
        self.setAccessibleName(tr("Preferences"))
        self.theme = QComboBox(self)
        self.theme.addItem(tr("Light"), "light")
        self.theme.addItem(tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        self.font_family = QFontComboBox(self)
        self.font_family.setWritingSystem(QFontDatabase.WritingSystem.SimplifiedChinese)
        self.font_family.setCurrentFont(QFont(reading_family(prefs.font_family)))
        self.font_size = QSpinBox(self)
        self.font_size.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(prefs.font_size)
        self.line_height = QSpinBox(self)
        self.line_height.setRange(160, 250)
        self.line_height.setSingleStep(5)
        self.line_height.setSuffix(" %")
        self.line_height.setValue(prefs.line_height)
        self.column_width = QSpinBox(self)
        self.column_width.setRange(20, 80)
        self.column_width.setSuffix(" " + tr("characters"))
        self.column_width.setValue(prefs.column_width)
        self.language = QComboBox(self)
        self.language.addItem(tr("Follow the system"), SYSTEM)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.author = QLineEdit(self)
        self.author.setText(author)
        self.author.setPlaceholderText(account)
        self.author.setToolTip(tr("Stamped on every highlight and note; empty: the account's name"))
        if author_from_env:
            self.author.setText(author_from_env)
            self.author.setEnabled(False)
            self.author.setToolTip(tr("Set by the PIZHU_AUTHOR environment variable"))
        self.backups_kept = QSpinBox(self)
        self.backups_kept.setRange(1, 999)
        self.backups_kept.setValue(backups_kept)
        self.backups_kept.setToolTip(
            tr("The library is backed up once a day and before merges; older backups are deleted")
        )
        self.meanings: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for label, field in (
            (tr("Theme"), self.theme),
            (tr("Reading font"), self.font_family),
            (tr("Font size"), self.font_size),
            (tr("Line height"), self.line_height),
            (tr("Column width"), self.column_width),
            (tr("Language"), self.language),
        ):
            field.setAccessibleName(label)
            form.addRow(label, field)
        self.author.setAccessibleName(tr("Author name"))
        form.addRow(tr("Author name"), self.author)
        self.backups_kept.setAccessibleName(tr("Backups to keep"))
        form.addRow(tr("Backups to keep"), self.backups_kept)
        for key, meaning in palette:
            edit = QLineEdit(meaning, self)
            edit.setAccessibleName(tr("Meaning of the colour %1").replace("%1", key))
            edit.setMaxLength(40)
            form.addRow(self._swatch_label(key), edit)
            self.meanings[key] = edit
        note = QLabel(tr("A new language applies to menus and dialogs at once."), self)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def _swatch_label(self, key: str) -> QLabel:
        from reader.gui.annotation_widgets import swatch_icon

        label = QLabel(self)
        label.setPixmap(swatch_icon(key, 18).pixmap(18, 18))
        label.setToolTip(tr("Highlight colour: its meaning"))
        return label

    def chosen_author(self) -> str:
        return " ".join(self.author.text().split())

    def chosen_meanings(self) -> dict[str, str]:
        return {k: " ".join(e.text().split()) for k, e in self.meanings.items()}

    def prefs(self) -> ReadingPrefs:
        return ReadingPrefs(
            font_family=self.font_family.currentFont().family(),
            font_size=self.font_size.value(),
            line_height=self.line_height.value(),
            column_width=self.column_width.value(),
            theme=str(self.theme.currentData()),
        )

    def chosen_language(self) -> str:
        return str(self.language.currentData())
