"""Light and dark themes: the application palette and the reading view's colours."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

# Reading fonts to try, best first: CJK serif for long reading, then sans.
READING_FAMILIES = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Songti SC",
    "SimSun",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
)
UI_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei")


@dataclass(frozen=True)
class Colours:
    background: str
    text: str
    muted: str
    heading: str
    accent: str
    hit: str  # search / find matches
    current_hit: str
    selection: str
    selection_text: str


LIGHT = Colours(
    background="#fbfaf6",
    text="#1f1f1f",
    muted="#6b6b6b",
    heading="#111111",
    accent="#a23b2a",
    # Teal for search hits; a deep slate blue for the selection and the focus ring
    # (Fusion draws it in the selection colour): no highlight colour is near either
    # (tests/gui/test_collection.py measures the distances).
    hit="#5ce1e6",
    current_hit="#1fb5c4",
    selection="#2f6f8a",
    selection_text="#ffffff",
)
DARK = Colours(
    background="#1d1f21",
    text="#dcdcdc",
    muted="#9a9a9a",
    heading="#f0f0f0",
    accent="#e07a5f",
    hit="#0f8a80",
    current_hit="#12b5a6",
    selection="#4f93ad",
    selection_text="#000000",
)


def colours(theme: str) -> Colours:
    return DARK if theme == "dark" else LIGHT


def first_family(candidates: tuple[str, ...]) -> str | None:
    available = set(QFontDatabase.families())
    return next((f for f in candidates if f in available), None)


def reading_family(preferred: str) -> str:
    if preferred and preferred in set(QFontDatabase.families()):
        return preferred
    return first_family(READING_FAMILIES) or QApplication.font().family()


def palette(theme: str) -> QPalette:
    """The application palette for ``theme`` (Fusion style takes it whole)."""
    c = colours(theme)
    p = QPalette()
    if theme == "dark":
        window, base, text, button = "#2b2d30", "#232527", "#e0e0e0", "#35383b"
        disabled = "#7a7a7a"
    else:
        window, base, text, button = "#f3f2ee", "#ffffff", "#1f1f1f", "#ecebe7"
        disabled = "#9a9a9a"
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, button),
        (role.Text, text),
        (role.Button, button),
        (role.ButtonText, text),
        (role.ToolTipBase, base),
        (role.ToolTipText, text),
        (role.PlaceholderText, disabled),
        (role.Highlight, c.selection),
        (role.HighlightedText, c.selection_text),
        (role.Link, c.accent),
        (role.BrightText, "#ff5555"),
    ):
        p.setColor(r, QColor(value))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor(disabled))
    return p


def apply(app: QApplication, theme: str) -> None:
    app.setPalette(palette(theme))
