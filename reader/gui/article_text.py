"""The open article's text as the annotation controllers see it.

They work in offsets into the article's text; the reading view works in document
positions. This adapter is the one place that maps between the two, so the highlight,
card, note and tag controllers never reach into the reading pane's widgets.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtWidgets import QMenu, QWidget

from reader.gui.document import Built
from reader.gui.highlights import HighlightPainter, doc_ranges, text_range
from reader.gui.reading_view import ArticleView
from reader.store.views import ArticleDetail

# (menu about to show, text offset under the pointer or None)
MenuExtension = Callable[[QMenu, int | None], None]


class ArticleText(QObject):
    selection_made = Signal()  # a selection ended in the text: offer to highlight it
    selection_cleared = Signal()
    clicked = Signal(int)  # a click that selected nothing, at this text offset

    def __init__(
        self,
        view: ArticleView,
        source: Callable[[], tuple[Built | None, ArticleDetail | None]],
        theme: Callable[[], str],
    ) -> None:
        super().__init__(view)
        self._view = view
        self._source = source
        self._theme = theme
        view.selection_made.connect(self.selection_made)
        view.clicked.connect(self._clicked)
        view.selectionChanged.connect(self._selection_changed)

    def _clicked(self, position: int) -> None:
        offset = self.offset_at(position)
        if offset is not None:
            self.clicked.emit(offset)

    def _selection_changed(self) -> None:
        if not self._view.textCursor().hasSelection():
            self.selection_cleared.emit()

    def offset_at(self, position: int) -> int | None:
        built, _ = self._source()
        return None if built is None else built.offsets.to_text(position)

    def selected_span(self) -> tuple[int, int] | None:
        """The selection in text offsets, without blank space at either end."""
        built, detail = self._source()
        c = self._view.textCursor()
        if built is None or detail is None or not c.hasSelection():
            return None
        found = text_range(built.offsets, c.selectionStart(), c.selectionEnd())
        if found is None:
            return None
        s, e = found
        body = detail.text
        while s < e and body[s].isspace():  # no highlight starts or ends on blank space
            s += 1
        while e > s and body[e - 1].isspace():
            e -= 1
        return (s, e) if s < e else None

    def clear_selection(self) -> None:
        c = self._view.textCursor()
        c.clearSelection()
        self._view.setTextCursor(c)

    def selection_rect(self) -> QRect:
        return self._view.selection_rect()

    def overlay_parent(self) -> QWidget:
        """Where a toolbar floating over the text lives."""
        return self._view.viewport()

    def focus(self) -> None:
        self._view.setFocus()

    def painter(self) -> HighlightPainter | None:
        """Paints highlights into the document now shown (None: no article)."""
        built, _ = self._source()
        if built is None:
            return None
        return HighlightPainter(built.document, built.offsets, self._theme())

    def show_range(self, start: int, end: int, colour: str) -> None:
        """Scroll to text ``start:end`` and outline it briefly."""
        built, _ = self._source()
        if built is None:
            return
        ranges = doc_ranges(built.offsets, start, end)
        if ranges:
            self._view.scroll_to(ranges[0][0])
            self._view.flash(ranges, colour)

    def extend_menu(self, extension: MenuExtension) -> None:
        """Add entries to the text's context menu, given the offset under the pointer."""
        self._view.extend_context_menu = lambda menu, position: extension(
            menu, self.offset_at(position)
        )
