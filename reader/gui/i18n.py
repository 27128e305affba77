"""UI language: Pizhu's own catalogue plus Qt's, following the system locale or a choice.

Every user-visible string goes through :func:`tr` (bare ``tr("…")`` calls are what
``pyside6-lupdate`` collects into ``resources/translations/pizhu_*.ts``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from reader.paths import resources_dir

SYSTEM = "system"
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("", text, disambiguation, n)


def translations_dir() -> Path:
    return resources_dir() / "translations"


def resolve(choice: str) -> str:
    """The language code to load for a preference (``system`` follows the locale)."""
    if choice in LANGUAGES:
        return choice
    for name in QLocale.system().uiLanguages():
        norm = name.replace("-", "_")
        if norm.startswith("zh") and "TW" not in norm and "HK" not in norm and "Hant" not in norm:
            return "zh_CN"
        if norm.startswith("en"):
            return "en"
    return "en"


class Translations:
    """Installs and swaps the translators of one application."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, choice: str) -> str:
        for t in self._installed:
            self._app.removeTranslator(t)
        self._installed.clear()
        lang = resolve(choice)
        self.language = lang
        QLocale.setDefault(QLocale(QLocale.Language.English) if lang == "en" else QLocale(lang))
        own = QTranslator(self._app)
        # English has a catalogue too, of plural forms only ("1 highlight", "2 highlights").
        if own.load(str(translations_dir() / f"pizhu_{lang}.qm")):
            self._app.installTranslator(own)
            self._installed.append(own)
        if lang == "en":
            return lang
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(self._app)
        if qt.load(f"qtbase_{lang}", qt_dir):
            self._app.installTranslator(qt)
            self._installed.append(qt)
        return lang
