"""English and Simplified Chinese, from Qt Linguist catalogues; Qt's own dialogs too."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox

from reader.gui import i18n
from reader.gui.i18n import Translations
from tests.gui.conftest import make_app


@pytest.fixture
def translations(qapp):  # type: ignore[no-untyped-def]
    t = Translations(qapp)
    yield t
    t.apply("en")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_catalogue_is_complete_and_compiled(lang: str) -> None:
    ts = i18n.translations_dir() / f"pizhu_{lang}.ts"
    unfinished = [
        m.find("source").text
        for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == []
    assert ts.with_suffix(".qm").is_file()


def test_english_plurals(translations) -> None:  # type: ignore[no-untyped-def]
    assert translations.apply("en") == "en"
    assert i18n.tr("%n matching articles", None, 1) == "1 matching article"
    assert i18n.tr("%n matching articles", None, 3) == "3 matching articles"
    assert i18n.tr("%n highlights could not be placed —", None, 1).startswith("1 highlight could")


def test_chinese_catalogue_and_qt_dialogs(translations) -> None:  # type: ignore[no-untyped-def]
    assert translations.apply("zh_CN") == "zh_CN"
    assert i18n.tr("&File") == "文件(&F)"
    assert i18n.tr("%n matching articles", None, 3) == "3 篇匹配的文章"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    assert box.button(QDialogButtonBox.StandardButton.Close).text() == "关闭"  # qtbase_zh_CN.qm
    translations.apply("en")
    assert i18n.tr("&File") == "&File"
    assert QCoreApplication.translate("QPlatformTheme", "Close") == "Close"


def test_system_locale_is_followed(monkeypatch, translations) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("zh_CN")))
    assert i18n.resolve("system") == "zh_CN"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("de_DE")))
    assert i18n.resolve("system") == "en"
    assert i18n.resolve("en") == "en"


def test_language_switch_in_preferences_rebuilds_the_window(
    qtbot, filled, settings, no_samples
) -> None:  # type: ignore[no-untyped-def]
    settings.set_language("en")
    app = make_app(qtbot, filled, settings)
    article = filled.article_ids()[1]
    app.controller.lib.select(article)
    assert app.window.menuBar().actions()[0].text() == "&File"
    dialog = app.controller.open_preferences()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.accept()
    qtbot.addWidget(app.window)
    try:
        assert settings.language() == "zh_CN"
        assert app.window.menuBar().actions()[0].text() == "文件(&F)"
        assert app.window.library.search_field.placeholderText() == "搜索文库 (Ctrl+K)"
        assert app.controller.reading.current_id == article  # the article stays open
        assert app.controller.lib.articles.headerData(0, Qt.Orientation.Horizontal) == "标题"
    finally:
        app.translations.apply("en")
