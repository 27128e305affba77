"""Annotating from the window: highlights in the text, the panel, notes, tags, undo.

Every change is one core operation pushed on the window's undo stack
(:mod:`reader.gui.undo`) and published on the change bus; the text and
the panel repaint only what a record touches. Notes are written while they are typed:
the core debouncer (:mod:`reader.gui.note_saver`) and a flush when the editor loses
focus, the article changes or the window closes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit, QMenu

from reader.errors import KnownError
from reader.gui.annotation_view import AnnotationPanel
from reader.gui.annotation_widgets import SelectionToolbar, button_text, swatch_icon
from reader.gui.changes import ChangeBus
from reader.gui.highlight_list import HighlightListModel
from reader.gui.highlights import HighlightPainter, Mark, doc_ranges, marks_at, swatch, text_range
from reader.gui.i18n import tr
from reader.gui.note_saver import NoteSaver
from reader.gui.reading_controller import ReadingController
from reader.gui.shown import shown
from reader.gui.suggestions import SuggestionRunner
from reader.gui.undo import named, push
from reader.store import operations as ops
from reader.store.changes import Changes
from reader.store.ids import ArticleId, HighlightId, TagId
from reader.store.library import Library
from reader.store.naming import tag_key
from reader.store.palette import DEFAULT_PALETTE
from reader.store.views import HighlightView


class AnnotationController(QObject):
    highlighted = Signal(int)  # a new highlight's id

    def __init__(
        self,
        library: Library,
        bus: ChangeBus,
        undo: QUndoStack,
        reading: ReadingController,
        panel: AnnotationPanel,
        author: Callable[[], str],
        suggest: Callable[[Library, ArticleId], list[tuple[str, str]]] | None = None,
    ) -> None:
        super().__init__(panel)
        self._library = library
        self._bus = bus
        self.undo_stack = undo
        self.reading = reading
        self.panel = panel
        self._author = author
        self.palette: list[tuple[str, str]] = self._read_palette()
        self.last_colour = self.palette[0][0]
        self.model = HighlightListModel(self)
        self.model.meanings = dict(self.palette)
        panel.cards.setModel(self.model)
        self.article_id: ArticleId | None = None
        self.tags: tuple[str, ...] = ()
        self.tag_scope: TagId | None = None  # the library pane's tag filter
        self.painter: HighlightPainter | None = None
        self.marks: dict[int, Mark] = {}
        self.toolbar = SelectionToolbar(reading.pane.view.viewport())
        self.toolbar.set_palette(self.palette)
        panel.colours.set_palette(self.palette)
        self.article_note = NoteSaver(panel.note, self._save_note, self)
        self.highlight_note = NoteSaver(panel.highlight_note, self._save_note, self)
        for saver in (self.article_note, self.highlight_note):
            saver.saved.connect(self._show_saved)
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(2000)
        self._saved_timer.timeout.connect(lambda: self.panel.saved.setText(""))
        self.suggested: list[tuple[str, str]] = []
        self.tag_names = QStringListModel(self)
        self._completers = [
            self._completer(panel.tag_field),
            self._completer(panel.highlight_tag_field),
        ]
        self.suggestions = SuggestionRunner(library, suggest, self)
        self.suggestions.ready.connect(self._suggestions_ready)
        self._wire()
        self._refresh_tag_names()
        self._fill_filters()

    # --- set-up -------------------------------------------------------------------------

    def _read_palette(self) -> list[tuple[str, str]]:
        try:
            return [(s.key, s.label) for s in self._library.highlight_colours()]
        except KnownError:
            return [(s.key, s.label) for s in DEFAULT_PALETTE]

    def _completer(self, field: QLineEdit) -> QCompleter:
        c = QCompleter(self.tag_names, field)
        c.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        c.setFilterMode(Qt.MatchFlag.MatchContains)
        c.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        field.setCompleter(c)
        return c

    def _wire(self) -> None:
        view, p, r = self.reading.pane.view, self.panel, self.reading
        r.leaving.connect(self.flush)
        r.rendered.connect(self._rendered)
        r.closed.connect(self._closed)
        view.selection_made.connect(self._selection_made)
        view.clicked.connect(self._clicked)
        view.selectionChanged.connect(self._selection_changed)
        view.extend_context_menu = self._extend_context_menu
        self.toolbar.colour_chosen.connect(lambda key: self.highlight_selection(key))
        self.toolbar.note_requested.connect(self.note_selection)
        self.toolbar.tag_requested.connect(self.tag_selection)
        p.cards.selectionModel().currentChanged.connect(lambda cur, _prev: self._card_chosen())
        p.cards.clicked.connect(lambda _index: self._card_chosen(flash=True))
        p.cards.delete_pressed.connect(self.delete_current)
        p.delete.clicked.connect(self.delete_current)
        p.colours.chosen.connect(self.recolour_current)
        p.tag_field.returnPressed.connect(self._tag_field_entered)
        p.highlight_tag_field.returnPressed.connect(self._highlight_tag_entered)
        p.tags.chip_removed.connect(self.untag_article)
        p.highlight_tags.chip_removed.connect(self.untag_current)
        p.suggestions.chip_clicked.connect(self.tag_article)
        p.colour_filter.currentIndexChanged.connect(self._filter_changed)
        p.tag_filter.currentIndexChanged.connect(self._filter_changed)
        p.author_filter.currentIndexChanged.connect(self._filter_changed)
        p.scope_chip.clicked.connect(lambda: self.set_tag_scope(None))
        self._bus.changed.connect(self._on_changes)

    # --- the current article --------------------------------------------------------------

    @property
    def highlights(self) -> list[HighlightView]:
        return self.model.all()

    def _rendered(self) -> None:
        detail, built = self.reading.detail, self.reading.built
        if detail is None or built is None:
            return
        self.toolbar.hide()
        changed = detail.id != self.article_id
        self.article_id = detail.id
        self.painter = HighlightPainter(built.document, built.offsets, self.reading.prefs.theme)
        # A re-render of the same article (zoom, theme) keeps what was annotated since
        # it was opened; the reading pane's copy of the article is from the opening.
        shown = list(detail.highlights) if changed else self.model.all()
        self._set_highlights(shown, repaint_all=True)
        if changed:
            self.tags = detail.tags
            self.panel.tags.set_chips(list(self.tags))
            self.article_note.load(("article", int(detail.id)), detail.note)
            self._show_note_author(detail.note_author)
            self._choose(None)
            self.suggested = []
            self._show_suggestions()
            self.suggestions.request(detail.id)
        self.panel.show_article(True)

    def _closed(self) -> None:
        self.article_id = None
        self.painter = None
        self.marks = {}
        self.model.set_highlights([])
        self.article_note.load(None, "")
        self.highlight_note.load(None, "")
        self.toolbar.hide()
        self.suggestions.request(None)
        self.panel.show_article(False)

    def _set_highlights(self, highlights: Sequence[HighlightView], repaint_all: bool) -> None:
        current = self.current()
        old = self.marks
        self.marks = {
            int(h.id): Mark(int(h.id), h.start, h.end, h.colour, h.note) for h in highlights
        }
        self.model.set_highlights(highlights)
        self._fill_filters()
        if self.painter is not None:
            if repaint_all:
                self.painter.paint_all(list(self.marks.values()))
            else:
                self._repaint(old, set(old) | set(self.marks))
        self._show_count()
        if current is not None:
            self._select_card(current.id, flash=False)

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

    def _show_count(self) -> None:
        n = len(self.marks)
        self.panel.count.setText(
            tr("Highlights (%1)").replace("%1", str(n)) if n else tr("No highlights yet")
        )

    def _update_highlights(self, ids: frozenset[HighlightId]) -> None:
        """After an operation on these highlights: fetch just them, update their cards
        and their ranges of text; the document and the other cards stay as they are."""
        if self.article_id is None:
            return
        try:
            views = self._library.article_highlights(self.article_id, ids)
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return
        current = self.current()
        got = {int(v.id): v for v in views}
        removed = [int(h) for h in ids if int(h) in self.marks and int(h) not in got]
        old = dict(self.marks)
        for hid in removed:
            del self.marks[hid]
        for v in views:
            self.marks[int(v.id)] = Mark(int(v.id), v.start, v.end, v.colour, v.note)
        facets = (self.model.tags(), self.model.authors())
        self.model.update(views, removed)
        if current is not None and int(current.id) in removed:
            self.panel.cards.selectionModel().clear()  # not the neighbour its row left
            current = None
        if (self.model.tags(), self.model.authors()) != facets:
            self._fill_filters()
        self._repaint(old, set(removed) | set(got))
        self._show_count()
        if current is not None:
            self._select_card(current.id, flash=False)
        self._show_current()

    def _reload(self) -> None:
        if self.article_id is None:
            return
        try:
            detail = self._library.get_article(self.article_id)
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return
        self._set_highlights(list(detail.highlights), repaint_all=False)
        if detail.tags != self.tags:
            self.tags = detail.tags
            self.panel.tags.set_chips(list(self.tags))
            self._mark_suggestions()
        self.article_note.load(self.article_note.target, detail.note) if not (
            self.article_note.pending or self.panel.note.hasFocus()
        ) else None
        self._show_note_author(detail.note_author)
        self._show_current()

    def _on_changes(self, changes: Changes) -> None:
        if changes.tags or changes.external:
            self._refresh_tag_names()
            if self.tag_scope is not None:
                self.set_tag_scope(self.tag_scope)  # renamed, nested, or gone
        if changes.palette or changes.external:
            self.set_palette(self._read_palette())
        if self.article_id is None:
            return
        mine = set(self.marks)
        article = bool(
            changes.external
            or changes.tags
            or self.article_id in changes.notes
            or self.article_id in changes.article_tags
        )
        ours = bool(
            any(int(h) in mine for h in changes.highlights)
            or (changes.highlights and self._may_be_new(changes.highlights))
        )
        if article:
            self._reload()
        elif ours:
            self._update_highlights(changes.highlights)

    def _may_be_new(self, ids: frozenset[HighlightId]) -> bool:
        return any(int(h) not in self.marks for h in ids)

    def _refresh_tag_names(self) -> None:
        try:
            names = sorted({t.name for t in self._library.tags()})
        except KnownError:
            return
        self.tag_names.setStringList(names)

    def set_palette(self, palette: list[tuple[str, str]]) -> None:
        self.palette = palette
        self.model.meanings = dict(palette)
        self.toolbar.set_palette(palette)
        self.panel.colours.set_palette(palette)
        self._fill_filters()

    def rename_colours(self, meanings: dict[str, str]) -> None:
        """Rename colour meanings (Preferences); one undo step per renamed colour."""
        old = dict(self.palette)
        for key, name in meanings.items():
            if name and old.get(key) != name:
                self._push(tr("Rename a colour"), ops.RenameColour(key, name))

    # --- filters --------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        p = self.panel
        keep = (
            p.colour_filter.currentData(),
            p.tag_filter.currentData(),
            p.author_filter.currentData(),
        )
        for combo in (p.colour_filter, p.tag_filter, p.author_filter):
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
        for combo, value in zip(
            (p.colour_filter, p.tag_filter, p.author_filter), keep, strict=True
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)

    def _filter_changed(self, _row: int = 0) -> None:
        p = self.panel
        current = self.current()
        self.model.set_filter(
            p.colour_filter.currentData(), p.tag_filter.currentData(), p.author_filter.currentData()
        )
        if current is not None and self.model.row_of(current.id) is not None:
            self._select_card(current.id, flash=False)
        else:
            self._show_current()

    def set_tag_scope(self, tag_id: TagId | None) -> None:
        """Show the cards carrying this tag or a tag nested under it (the library pane's
        tag filter), with a chip that clears it; None shows them all again."""
        names: frozenset[str] | None = None
        label = ""
        if tag_id is not None:
            try:
                tags = self._library.tags()
            except KnownError:
                tags = []
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
        if current is not None and self.model.row_of(current.id) is not None:
            self._select_card(current.id, flash=False)
        else:
            self._show_current()

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

    # --- selecting in the text ------------------------------------------------------------

    def selected_range(self) -> tuple[int, int] | None:
        built = self.reading.built
        if built is None:
            return None
        c = self.reading.pane.view.textCursor()
        if not c.hasSelection():
            return None
        found = text_range(built.offsets, c.selectionStart(), c.selectionEnd())
        if found is None or self.reading.detail is None:
            return None
        s, e = found
        body = self.reading.detail.text
        while s < e and body[s].isspace():  # no highlight starts or ends on blank space
            s += 1
        while e > s and body[e - 1].isspace():
            e -= 1
        return (s, e) if s < e else None

    def _selection_made(self) -> None:
        if self.selected_range() is None:
            self.toolbar.hide()
            return
        view = self.reading.pane.view
        self.toolbar.show_near(view.selection_rect())

    def _selection_changed(self) -> None:
        if not self.reading.pane.view.textCursor().hasSelection():
            self.toolbar.hide()

    def _mark_at(self, position: int) -> Mark | None:
        """The innermost highlight at document ``position`` (or just before it)."""
        built = self.reading.built
        if built is None:
            return None
        offset = built.offsets.to_text(position)
        if offset is None:
            return None
        under = marks_at(self.marks.values(), offset)
        if not under and offset > 0:  # the click landed just after the last character
            under = marks_at(self.marks.values(), offset - 1)
        return under[0] if under else None

    def _clicked(self, position: int) -> None:
        mark = self._mark_at(position)
        if mark is not None:
            self._select_card(HighlightId(mark.id), flash=False)

    def _extend_context_menu(self, menu: QMenu, position: int) -> None:
        """Highlight entries before Qt's Copy / Select All (right-click in the text)."""
        first = menu.actions()[0] if menu.actions() else None
        added: list[QAction | QMenu] = []
        if self.selected_range() is not None:
            colours = QMenu(tr("Highlight"), menu)
            colours.setObjectName("highlight-colours")
            for key, meaning in self.palette:
                act = colours.addAction(swatch_icon(key), meaning)
                act.setObjectName(f"highlight-{key}")
                act.triggered.connect(lambda _=False, k=key: self.highlight_selection(k))
            with_note = QAction(tr("Highlight with note…"), menu)
            with_note.setObjectName("highlight-with-note")
            with_note.triggered.connect(self.note_selection)
            added += [colours, with_note]
        mark = self._mark_at(position)
        if mark is not None:
            hid = HighlightId(mark.id)
            delete = QAction(tr("Delete highlight"), menu)
            delete.setObjectName("delete-highlight")
            delete.triggered.connect(lambda: self._delete(hid))
            edit = QAction(tr("Edit note"), menu)
            edit.setObjectName("edit-note")
            edit.triggered.connect(lambda: self._edit_note(hid))
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

    def _delete(self, hid: HighlightId) -> None:
        self._select_card(hid, flash=False)
        current = self.current()
        if current is not None and current.id == hid:
            self.delete_current()

    def _edit_note(self, hid: HighlightId) -> None:
        self._select_card(hid, flash=False)
        current = self.current()
        if current is not None and current.id == hid:
            self.panel.highlight_note.setFocus()

    # --- highlights -----------------------------------------------------------------------

    def highlight_selection(self, colour: str | None = None) -> HighlightId | None:
        span = self.selected_range()
        aid = self.article_id
        if span is None or aid is None:
            self._bus.failed.emit(tr("Select some of the article's text first."))
            return None
        colour = colour or self.last_colour
        self.last_colour = colour
        op = ops.AddHighlight(aid, span[0], span[1], colour=colour, author=self._author())
        done = push(self.undo_stack, self._library, self._bus, tr("Highlight"), op)
        if done is None or done.created is None:
            return None
        hid = HighlightId(done.created)
        view = self.reading.pane.view
        c = view.textCursor()
        c.clearSelection()
        view.setTextCursor(c)
        self.toolbar.hide()
        self._select_card(hid, flash=False)
        self.highlighted.emit(int(hid))
        return hid

    def note_selection(self) -> HighlightId | None:
        hid = self.highlight_selection()
        if hid is not None:
            self.panel.highlight_note.setFocus()
        return hid

    def tag_selection(self) -> HighlightId | None:
        hid = self.highlight_selection()
        if hid is not None:
            self.panel.highlight_tag_field.setFocus()
        return hid

    def reveal(self, hid: HighlightId | int) -> None:
        """Select the highlight's card and scroll the article to it (the notebook's Open)."""
        self._select_card(hid, True)

    def current(self) -> HighlightView | None:
        index = self.panel.cards.currentIndex()
        return self.model.highlight(index.row()) if index.isValid() else None

    def _select_card(self, hid: HighlightId | int, flash: bool) -> None:
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
        self._card_chosen(flash)

    def _choose(self, h: HighlightView | None) -> None:
        if h is None:
            self.panel.cards.selectionModel().clear()
        self._show_current()

    def _show_current(self) -> None:
        h = self.current()
        p = self.panel
        if h is None:
            self.highlight_note.load(None, "")
            focus = QApplication.focusWidget()
            if focus is not None and p.editor.isAncestorOf(focus):
                # hiding would hand focus to the next field, which keeps Ctrl+Z for itself
                self.reading.pane.view.setFocus()
            p.editor.hide()
            return
        p.editor.show()
        meaning = dict(self.palette).get(h.colour, h.colour)
        p.editor_title.setText(tr("Highlight: %1").replace("%1", meaning))
        self.highlight_note.load(("highlight", int(h.id)), h.note)
        p.highlight_tags.set_chips(list(h.tags))

    def _card_chosen(self, flash: bool = False) -> None:
        self._show_current()
        h = self.current()
        if h is None or not flash:
            return
        self.scroll_to(h)

    def scroll_to(self, h: HighlightView) -> None:
        built = self.reading.built
        if built is None:
            return
        ranges = doc_ranges(built.offsets, h.start, h.end)
        if ranges:
            view = self.reading.pane.view
            view.scroll_to(ranges[0][0])
            view.flash(ranges, swatch(h.colour).strong)

    def _push(self, label: str, op: ops.Operation) -> ops.Applied | None:
        self.flush()
        return push(self.undo_stack, self._library, self._bus, label, op)

    def delete_current(self) -> None:
        h = self.current()
        if h is not None:
            self._push(tr("Delete highlight"), ops.DeleteHighlight(h.id))

    def recolour_current(self, colour: str) -> None:
        h = self.current()
        if h is None or h.colour == colour:
            return
        self.last_colour = colour
        self._push(tr("Change colour"), ops.EditHighlight(h.id, colour=colour))

    # --- notes ----------------------------------------------------------------------------

    def _save_note(self, target: tuple[str, int], text: str) -> None:
        kind, ident = target
        op: ops.Operation
        if kind == "article":
            label = tr("Edit the article note")
            op = ops.SetNote(ArticleId(ident), text, author=self._author())
        else:
            found = next((h for h in self.model.all() if h.id == ident), None)
            if found is None or found.note == text:
                return  # deleted meanwhile, or nothing new
            label = tr("Edit the highlight note")
            op = ops.EditHighlight(HighlightId(ident), note=text)
        push(self.undo_stack, self._library, self._bus, label, op, merge_key=target)

    def flush(self) -> None:
        """Write every note being typed now (article switch, close, before other edits)."""
        self.article_note.flush()
        self.highlight_note.flush()

    def _show_note_author(self, author: str) -> None:
        """The article note's author beside the "Note" heading (plain text)."""
        self.panel.note_author.setText(tr("by %1").replace("%1", author) if author else "")

    def _show_saved(self) -> None:
        self.panel.saved.setText(tr("Saved"))
        self._saved_timer.start()

    # --- tags -----------------------------------------------------------------------------

    def tag_article(self, name: str) -> ops.Applied | None:
        name = " ".join(name.split())
        if self.article_id is None or not name:
            return None
        return self._push(named(tr("Add tag %1"), name), ops.TagArticle(self.article_id, name))

    def untag_article(self, name: str) -> ops.Applied | None:
        tid = self._tag_id(name)
        if self.article_id is None or tid is None:
            return None
        return self._push(named(tr("Remove tag %1"), name), ops.UntagArticle(self.article_id, tid))

    def tag_current(self, name: str) -> ops.Applied | None:
        h = self.current()
        name = " ".join(name.split())
        if h is None or not name:
            return None
        label = named(tr("Add tag %1 to the highlight"), name)
        return self._push(label, ops.TagHighlight(h.id, name))

    def untag_current(self, name: str) -> ops.Applied | None:
        h = self.current()
        tid = self._tag_id(name)
        if h is None or tid is None:
            return None
        label = named(tr("Remove tag %1 from the highlight"), name)
        return self._push(label, ops.UntagHighlight(h.id, tid))

    def _tag_id(self, name: str) -> TagId | None:
        key = tag_key(name)
        return next((t.id for t in self._library.tags() if tag_key(t.name) == key), None)

    def _tag_field_entered(self) -> None:
        field = self.panel.tag_field
        if self.tag_article(field.text()) is not None:
            field.clear()

    def _highlight_tag_entered(self) -> None:
        field = self.panel.highlight_tag_field
        if self.tag_current(field.text()) is not None:
            field.clear()

    def focus_tag_field(self) -> None:
        self.panel.tag_field.setFocus()

    # --- suggestions ----------------------------------------------------------------------

    def _suggestions_ready(self, article_id: int, found: list[tuple[str, str]]) -> None:
        if article_id != self.article_id:
            return  # the article changed while they were computed
        self.suggested = list(found)
        self._show_suggestions()

    def _mark_suggestions(self) -> None:
        """Same article, its tags changed: suggestions now taken are ticked in place
        (rebuilding the row would move the chips under the pointer)."""
        have = {tag_key(t) for t in self.tags}
        chips = self.panel.suggestions.chips
        self.panel.suggestions.mark_taken({n for n in chips if tag_key(n) in have})

    def _show_suggestions(self) -> None:
        have = {tag_key(t) for t in self.tags}
        shown = [(w, why) for w, why in self.suggested if tag_key(w) not in have]
        self.panel.suggestions.set_chips([w for w, _ in shown], [why for _, why in shown])
        self.panel.suggestions_label.setVisible(bool(shown))
