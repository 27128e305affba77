"""The article's highlights as cards in the annotation panel: the list, its colour, tag
and author filters, the library's tag scope, and which card is current.

It owns the cards' widgets and the highlight list model; the rest of the panel hears
which highlight is current through :attr:`HighlightCards.current_changed`, and asks for
a card through :meth:`select`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QObject, Signal
from PySide6.QtWidgets import QApplication

from reader.gui.annotation_view import AnnotationPanel
from reader.gui.annotation_widgets import button_text, swatch_icon
from reader.gui.highlight_list import HighlightListModel
from reader.gui.i18n import tr
from reader.gui.shown import shown
from reader.store.ids import HighlightId, TagId
from reader.store.views import HighlightView, TagView


class HighlightCards(QObject):
    current_changed = Signal(object)  # the current HighlightView, or None
    show_requested = Signal(object)  # a card clicked: show this HighlightView in the text
    delete_requested = Signal()  # the Delete key or button on the current card
    recolour_requested = Signal(str)  # a colour chosen for the current card

    def __init__(
        self,
        panel: AnnotationPanel,
        palette: list[tuple[str, str]],
        tags: Callable[[], list[TagView]],
        focus_text: Callable[[], None],
    ) -> None:
        super().__init__(panel)
        self.panel = panel
        self.palette = palette
        self._tags = tags
        self._focus_text = focus_text
        self.model = HighlightListModel(self)
        self.model.meanings = dict(palette)
        self.tag_scope: TagId | None = None  # the library pane's tag filter
        panel.cards.setModel(self.model)
        panel.colours.set_palette(palette)
        p = panel
        p.cards.selectionModel().currentChanged.connect(lambda _cur, _prev: self._chosen())
        p.cards.clicked.connect(lambda _index: self._chosen(flash=True))
        p.cards.delete_pressed.connect(self.delete_requested)
        p.delete.clicked.connect(self.delete_requested)
        p.colours.chosen.connect(self.recolour_requested)
        for combo in (p.colour_filter, p.tag_filter, p.author_filter):
            combo.currentIndexChanged.connect(self._filter_changed)
        p.scope_chip.clicked.connect(lambda: self.set_tag_scope(None))
        self._fill_filters()

    def set_palette(self, palette: list[tuple[str, str]]) -> None:
        self.palette = palette
        self.model.meanings = dict(palette)
        self.panel.colours.set_palette(palette)
        self._fill_filters()

    # --- the list -------------------------------------------------------------------------

    def set_highlights(self, highlights: Sequence[HighlightView]) -> None:
        current = self.current()
        self.model.set_highlights(highlights)
        self._fill_filters()
        self._show_count()
        if current is not None:
            self.select(current.id, flash=False)

    def update(self, views: Sequence[HighlightView], removed: list[int]) -> None:
        """Some highlights changed or went: update just their cards."""
        current = self.current()
        facets = (self.model.tags(), self.model.authors())
        self.model.update(views, removed)
        if current is not None and int(current.id) in removed:
            self.panel.cards.selectionModel().clear()  # not the neighbour its row left
            current = None
        if (self.model.tags(), self.model.authors()) != facets:
            self._fill_filters()
        self._show_count()
        if current is not None:
            self.select(current.id, flash=False)
        self._show_current()

    def _show_count(self) -> None:
        n = len(self.model.all())
        self.panel.count.setText(
            tr("Highlights (%1)").replace("%1", str(n)) if n else tr("No highlights yet")
        )

    # --- filters --------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        p = self.panel
        combos = (p.colour_filter, p.tag_filter, p.author_filter)
        keep = [combo.currentData() for combo in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        p.colour_filter.addItem(tr("All colours"), None)
        for key, meaning in self.palette:
            p.colour_filter.addItem(swatch_icon(key), meaning, key)
        p.tag_filter.addItem(tr("All tags"), None)
        for t in self.model.tags():
            p.tag_filter.addItem("#" + shown(t), t)
        p.author_filter.addItem(tr("All authors"), None)
        for a in self.model.authors():
            p.author_filter.addItem(shown(a), a)
        for combo, value in zip(combos, keep, strict=True):
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)

    def _filter_changed(self, _row: int = 0) -> None:
        p = self.panel
        current = self.current()
        self.model.set_filter(
            p.colour_filter.currentData(), p.tag_filter.currentData(), p.author_filter.currentData()
        )
        self._keep(current)

    def _keep(self, current: HighlightView | None) -> None:
        if current is not None and self.model.row_of(current.id) is not None:
            self.select(current.id, flash=False)
        else:
            self._show_current()

    def set_tag_scope(self, tag_id: TagId | None) -> None:
        """Show the cards carrying this tag or a tag nested under it (the library pane's
        tag filter), with a chip that clears it; None shows them all again."""
        names: frozenset[str] | None = None
        label = ""
        if tag_id is not None:
            tags = self._tags()
            root = next((t for t in tags if t.id == tag_id), None)
            if root is not None:
                n = len(root.path)
                names = frozenset(t.name for t in tags if t.path[:n] == root.path)
                label = root.label
            else:
                tag_id = None
        self.tag_scope = tag_id
        chip = self.panel.scope_chip
        chip.setText(button_text(tr("Tag: %1").replace("%1", label) + "  ✕"))
        chip.setToolTip(
            tr("Only highlights tagged %1 or a tag under it; click to show all").replace(
                "%1", label
            )
        )
        chip.setAccessibleName(tr("Clear the tag filter %1").replace("%1", label))
        chip.setVisible(names is not None)
        current = self.current()
        self.model.set_scope(names)
        self._keep(current)

    def filter_by(
        self, colour: str | None = None, tag: str | None = None, author: str | None = None
    ) -> None:
        p = self.panel
        for combo, value in (
            (p.colour_filter, colour),
            (p.tag_filter, tag),
            (p.author_filter, author),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))

    # --- the current card -----------------------------------------------------------------

    def current(self) -> HighlightView | None:
        index = self.panel.cards.currentIndex()
        return self.model.highlight(index.row()) if index.isValid() else None

    def select(self, hid: HighlightId | int, flash: bool) -> None:
        """Make this highlight's card current (showing it if a filter hid it)."""
        row = self.model.row_of(hid)
        if row is None and any(h.id == hid for h in self.model.all()):
            self.filter_by()  # filtered out: show everything rather than nothing
            row = self.model.row_of(hid)
            if row is None and self.tag_scope is not None:
                self.set_tag_scope(None)
                row = self.model.row_of(hid)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.panel.cards.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.panel.cards.scrollTo(index)
        self._chosen(flash)

    def choose_none(self) -> None:
        self.panel.cards.selectionModel().clear()
        self._show_current()

    def refresh_current(self) -> None:
        """Tell the panel again which highlight is current (its note or tags changed)."""
        self._show_current()

    def _show_current(self) -> None:
        h = self.current()
        p = self.panel
        if h is None:
            focus = QApplication.focusWidget()
            if focus is not None and p.editor.isAncestorOf(focus):
                # hiding would hand focus to the next field, which keeps Ctrl+Z for itself
                self._focus_text()
            self.current_changed.emit(None)
            p.editor.hide()
            return
        p.editor.show()
        meaning = dict(self.palette).get(h.colour, h.colour)
        p.editor_title.setText(tr("Highlight: %1").replace("%1", meaning))
        self.current_changed.emit(h)

    def _chosen(self, flash: bool = False) -> None:
        self._show_current()
        h = self.current()
        if h is not None and flash:
            self.show_requested.emit(h)
