"""Untrusted text in widgets: bidi and control characters shown, never obeyed.

A title with U+202E (right-to-left override) would reverse the text after it in a list
or the reading view; :func:`reader.display.for_display` swaps each such character for a
visible one of the same length, so offsets into the stored text (highlight anchors,
search marks) stay valid. Item models decorate ``data`` with :func:`shows_text`; views
whose items are edited in place (the tag manager) use :class:`ShownDelegate`, which
changes what is painted, not what the editor gets.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QStyledItemDelegate

from reader.display import for_display

shown = for_display

_TEXT_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.StatusTipRole,
    }
)

Data = TypeVar("Data", bound=Callable[..., Any])


def shows_text(data: Data) -> Data:
    """Wrap a model's ``data(index, role)`` so every text it shows goes through
    :func:`shown`."""

    @wraps(data)
    def wrapper(self: Any, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = data(self, index, role)
        if isinstance(value, str) and role in _TEXT_ROLES:
            return shown(value)
        return value

    return wrapper  # type: ignore[return-value]


class ShownDelegate(QStyledItemDelegate):
    """Paints item text through :func:`shown`; an in-place editor still gets the
    stored text, so editing never rewrites a name with the stand-ins."""

    def displayText(self, value: Any, locale: QLocale | QLocale.Language) -> str:
        return shown(super().displayText(value, locale))
