"""What the window remembers, in QSettings: geometry, panes, theme, font, language, last article.

Tests point QSettings at ``tmp_path`` (see ``tests/gui/conftest.py``); nothing here
builds a platform path by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Pizhu"
APPLICATION = "pizhu"

DEFAULT_FONT_SIZE = 15
MIN_FONT_SIZE = 9
MAX_FONT_SIZE = 40
DEFAULT_LINE_HEIGHT = 175  # percent
THEMES = ("light", "dark")


@dataclass
class ReadingPrefs:
    font_family: str = ""  # "" = the theme's CJK serif/sans choice
    font_size: int = DEFAULT_FONT_SIZE
    line_height: int = DEFAULT_LINE_HEIGHT
    column_width: int = 40  # characters (em) per line
    theme: str = "light"


class Settings:
    """Typed access to the application's QSettings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings()

    def _int(self, key: str, default: int, lo: int, hi: int) -> int:
        value = self.q.value(key, default)
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            return default
        return max(lo, min(hi, number))

    def _str(self, key: str, default: str) -> str:
        value = self.q.value(key, default)
        return value if isinstance(value, str) else default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # reading
    def reading(self) -> ReadingPrefs:
        theme = self._str("reading/theme", "light")
        return ReadingPrefs(
            font_family=self._str("reading/font_family", ""),
            font_size=self._int(
                "reading/font_size", DEFAULT_FONT_SIZE, MIN_FONT_SIZE, MAX_FONT_SIZE
            ),
            line_height=self._int("reading/line_height", DEFAULT_LINE_HEIGHT, 160, 250),
            column_width=self._int("reading/column_width", 40, 20, 80),
            theme=theme if theme in THEMES else "light",
        )

    def set_reading(self, prefs: ReadingPrefs) -> None:
        self.q.setValue("reading/font_family", prefs.font_family)
        self.q.setValue("reading/font_size", prefs.font_size)
        self.q.setValue("reading/line_height", prefs.line_height)
        self.q.setValue("reading/column_width", prefs.column_width)
        self.q.setValue("reading/theme", prefs.theme)

    # annotations
    def author(self) -> str:
        """The author name chosen in Preferences ("" = the account's name)."""
        return self._str("annotations/author", "")

    def set_author(self, value: str) -> None:
        self.q.setValue("annotations/author", " ".join(value.split()))

    # language
    def language(self) -> str:
        return self._str("ui/language", "system")

    def set_language(self, value: str) -> None:
        self.q.setValue("ui/language", value)

    # window
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, value: QByteArray) -> None:
        self.q.setValue("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, value: QByteArray) -> None:
        self.q.setValue("window/state", value)

    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def set_splitter(self, value: QByteArray) -> None:
        self.q.setValue("window/splitter", value)

    # notebook
    def notebook_group(self) -> str:
        return self._str("notebook/group", "article")

    def set_notebook_group(self, value: str) -> None:
        self.q.setValue("notebook/group", value)

    def notebook_geometry(self) -> QByteArray | None:
        return self._bytes("notebook/geometry")

    def set_notebook_geometry(self, value: QByteArray) -> None:
        self.q.setValue("notebook/geometry", value)

    def split_geometry(self) -> QByteArray | None:
        """The Check the split window's size and place."""
        return self._bytes("split/geometry")

    def set_split_geometry(self, value: QByteArray) -> None:
        self.q.setValue("split/geometry", value)

    def split_panes(self) -> QByteArray | None:
        """How the Check the split window shares its width between page and decisions."""
        return self._bytes("split/panes")

    def set_split_panes(self, value: QByteArray) -> None:
        self.q.setValue("split/panes", value)

    def list_header(self) -> QByteArray | None:
        """The article list's columns: which show, their order, widths and sort."""
        return self._bytes("window/list_header")

    def set_list_header(self, value: QByteArray) -> None:
        self.q.setValue("window/list_header", value)

    # metadata: offered again for pages whose file names tell no paper or date
    def last_paper(self) -> str:
        return self._str("metadata/last_paper", "")

    def last_date(self) -> str:
        return self._str("metadata/last_date", "")

    def set_last_issue(self, paper: str | None, date: str | None) -> None:
        if paper:
            self.q.setValue("metadata/last_paper", paper)
        if date:
            self.q.setValue("metadata/last_date", date)

    # session
    def last_article(self) -> int | None:
        value = self._int("session/last_article", 0, 0, 2**62)
        return value or None

    def set_last_article(self, article_id: int | None) -> None:
        self.q.setValue("session/last_article", int(article_id or 0))

    def sync(self) -> None:
        self.q.sync()
