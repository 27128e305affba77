"""Highlights in the article's text: painting them, the toolbar by a selection, and the
highlight entries of the text's context menu.

It knows the text only through :class:`~reader.gui.article_text.ArticleText` and says
what the user asked for through signals; the annotation controller turns those into
operations and tells it which highlights to show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from reader.gui.annotation_widgets import SelectionToolbar, swatch_icon
from reader.gui.article_text import ArticleText
from reader.gui.highlights import HighlightPainter, Mark, marks_at, swatch
from reader.gui.i18n import tr
from reader.store.views import HighlightView


def mark_of(h: HighlightView) -> Mark:
    return Mark(int(h.id), h.start, h.end, h.colour, h.note)


class TextHighlights(QObject):
    highlight_requested = Signal(str)  # colour key ("" for the last one used)
    note_requested = Signal()  # highlight the selection and write a note on it
    tag_requested = Signal()  # highlight the selection and tag it
    mark_clicked = Signal(int)  # highlight id
    delete_requested = Signal(int)
    edit_note_requested = Signal(int)

    def __init__(self, text: ArticleText, palette: list[tuple[str, str]]) -> None:
        super().__init__(text)
        self.text = text
        self.palette = palette
        self.painter: HighlightPainter | None = None
        self.marks: dict[int, Mark] = {}
        self.toolbar = SelectionToolbar(text.overlay_parent())
        self.toolbar.set_palette(palette)
        text.selection_made.connect(self._selection_made)
        text.selection_cleared.connect(self.toolbar.hide)
        text.clicked.connect(self._clicked)
        text.extend_menu(self._extend_menu)
        self.toolbar.colour_chosen.connect(self.highlight_requested)
        self.toolbar.note_requested.connect(self.note_requested)
        self.toolbar.tag_requested.connect(self.tag_requested)

    def set_palette(self, palette: list[tuple[str, str]]) -> None:
        self.palette = palette
        self.toolbar.set_palette(palette)

    # --- what is painted --------------------------------------------------------------------

    def show(self, highlights: Sequence[HighlightView], new_document: bool) -> None:
        """Paint these highlights; on a new document all of it, else only what changed."""
        self.toolbar.hide()
        if new_document:
            self.painter = self.text.painter()
        old = self.marks
        self.marks = {int(h.id): mark_of(h) for h in highlights}
        if self.painter is None:
            return
        if new_document:
            self.painter.paint_all(list(self.marks.values()))
        else:
            self._repaint(old, set(old) | set(self.marks))

    def update(self, views: Iterable[HighlightView], removed: Iterable[int]) -> None:
        """Some highlights changed or went: re-style just their text."""
        old = dict(self.marks)
        changed = set(removed)
        for hid in changed:
            self.marks.pop(hid, None)
        for v in views:
            self.marks[int(v.id)] = mark_of(v)
            changed.add(int(v.id))
        self._repaint(old, changed)

    def clear(self) -> None:
        self.painter = None
        self.marks = {}
        self.toolbar.hide()

    def _repaint(self, old: dict[int, Mark], ids: set[int]) -> None:
        """Re-style only the text of highlights that changed (before or after)."""
        if self.painter is None:
            return
        marks = list(self.marks.values())
        for hid in ids:
            a, b = old.get(hid), self.marks.get(hid)
            if a == b:
                continue
            for m in (a, b):
                if m is not None:
                    self.painter.repaint(marks, m.start, m.end)

    def show_highlight(self, h: HighlightView) -> None:
        self.text.show_range(h.start, h.end, swatch(h.colour).strong)

    # --- the user's gestures ----------------------------------------------------------------

    def selection_done(self) -> None:
        """The selection became a highlight: let it go, and the toolbar with it."""
        self.text.clear_selection()
        self.toolbar.hide()

    def _selection_made(self) -> None:
        if self.text.selected_span() is None:
            self.toolbar.hide()
            return
        self.toolbar.show_near(self.text.selection_rect())

    def _mark_at(self, offset: int | None) -> Mark | None:
        """The innermost highlight at text ``offset`` (or just before it)."""
        if offset is None:
            return None
        under = marks_at(self.marks.values(), offset)
        if not under and offset > 0:  # the click landed just after the last character
            under = marks_at(self.marks.values(), offset - 1)
        return under[0] if under else None

    def _clicked(self, offset: int) -> None:
        mark = self._mark_at(offset)
        if mark is not None:
            self.mark_clicked.emit(mark.id)

    def _extend_menu(self, menu: QMenu, offset: int | None) -> None:
        """Highlight entries before Qt's Copy / Select All (right-click in the text)."""
        first = menu.actions()[0] if menu.actions() else None
        added: list[QAction | QMenu] = []
        if self.text.selected_span() is not None:
            colours = QMenu(tr("Highlight"), menu)
            colours.setObjectName("highlight-colours")
            for key, meaning in self.palette:
                act = colours.addAction(swatch_icon(key), meaning)
                act.setObjectName(f"highlight-{key}")
                act.triggered.connect(lambda _=False, k=key: self.highlight_requested.emit(k))
            with_note = QAction(tr("Highlight with note…"), menu)
            with_note.setObjectName("highlight-with-note")
            with_note.triggered.connect(self.note_requested)
            added += [colours, with_note]
        mark = self._mark_at(offset)
        if mark is not None:
            hid = mark.id
            delete = QAction(tr("Delete highlight"), menu)
            delete.setObjectName("delete-highlight")
            delete.triggered.connect(lambda: self.delete_requested.emit(hid))
            edit = QAction(tr("Edit note"), menu)
            edit.setObjectName("edit-note")
            edit.triggered.connect(lambda: self.edit_note_requested.emit(hid))
            added += [delete, edit]
        if first is None:
            first = menu.addSeparator()
        for item in added:
            if isinstance(item, QMenu):
                menu.insertMenu(first, item)
            else:
                menu.insertAction(first, item)
        if added:
            menu.insertSeparator(first)
