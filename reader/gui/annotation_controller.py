"""Annotating from the window: the annotation panel and the highlights in the text.

The work is split by concern, each part owning its widgets and talking to the others
through signals and small callables:

* :class:`~reader.gui.highlight_text.TextHighlights`: painting highlights, the
  selection toolbar, the text's context menu (through
  :class:`~reader.gui.article_text.ArticleText`, never the reading view);
* :class:`~reader.gui.highlight_cards.HighlightCards`: the cards, their filters, the
  current highlight;
* :class:`~reader.gui.notes_controller.NotesController`: the two notes, autosaved;
* :class:`~reader.gui.tags_controller.TagsController`: tag chips, fields, suggestions.

This class keeps the current article, turns the parts' requests into core operations
pushed on the window's undo stack (:mod:`reader.gui.undo`), and hands
each part what a change record touches.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reader.errors import KnownError
from reader.gui.annotation_view import AnnotationPanel
from reader.gui.changes import ChangeBus
from reader.gui.highlight_cards import HighlightCards
from reader.gui.highlight_list import HighlightListModel
from reader.gui.highlight_text import TextHighlights
from reader.gui.i18n import tr
from reader.gui.note_saver import NoteTarget
from reader.gui.notes_controller import NotesController
from reader.gui.reading_controller import ReadingController
from reader.gui.tags_controller import TagsController
from reader.gui.undo import push
from reader.store import operations as ops
from reader.store.changes import Changes
from reader.store.ids import ArticleId, HighlightId, TagId
from reader.store.library import Library
from reader.store.palette import DEFAULT_PALETTE
from reader.store.views import HighlightView, TagView


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
        self.article_id: ArticleId | None = None
        self.text = TextHighlights(reading.text, self.palette)
        self.cards = HighlightCards(panel, self.palette, self._tags, reading.text.focus)
        self.notes = NotesController(panel, self._save_note, author, self._stored_note)
        self.tagging = TagsController(library, panel, self._push, self.cards.current)
        self._wire()

    def _wire(self) -> None:
        r, t, c = self.reading, self.text, self.cards
        r.leaving.connect(self.flush)
        r.rendered.connect(self._rendered)
        r.closed.connect(self._closed)
        t.highlight_requested.connect(lambda key: self.highlight_selection(key or None))
        t.note_requested.connect(self.note_selection)
        t.tag_requested.connect(self.tag_selection)
        t.mark_clicked.connect(lambda hid: c.select(hid, flash=False))
        t.delete_requested.connect(self._delete)
        t.edit_note_requested.connect(self._edit_note)
        c.current_changed.connect(self.notes.show_highlight)
        c.current_changed.connect(self.tagging.show_highlight)
        c.show_requested.connect(t.show_highlight)
        c.delete_requested.connect(self.delete_current)
        c.recolour_requested.connect(self.recolour_current)
        self._bus.changed.connect(self._on_changes)

    def _read_palette(self) -> list[tuple[str, str]]:
        try:
            return [(s.key, s.label) for s in self._library.highlight_colours()]
        except KnownError:
            return [(s.key, s.label) for s in DEFAULT_PALETTE]

    def _tags(self) -> list[TagView]:
        try:
            return self._library.tags()
        except KnownError:
            return []

    def _stored_note(self, hid: int) -> str | None:
        return next((h.note for h in self.model.all() if h.id == hid), None)

    # the open article's annotations, for the window (citations, Preferences, Restore)
    @property
    def model(self) -> HighlightListModel:
        return self.cards.model

    @property
    def highlights(self) -> list[HighlightView]:
        return self.cards.model.all()

    @property
    def tags(self) -> tuple[str, ...]:
        return self.tagging.tags

    def current(self) -> HighlightView | None:
        return self.cards.current()

    # --- the current article --------------------------------------------------------------

    def _rendered(self) -> None:
        detail = self.reading.detail
        if detail is None or self.reading.built is None:
            return
        changed = detail.id != self.article_id
        self.article_id = detail.id
        # A re-render of the same article (zoom, theme) keeps what was annotated since
        # it was opened; the reading pane's copy of the article is from the opening.
        shown = list(detail.highlights) if changed else self.model.all()
        self.text.show(shown, new_document=True)
        self.cards.set_highlights(shown)
        if changed:
            self.tagging.show_article(detail.id, detail.tags)
            self.notes.show_article(detail.id, detail.note, detail.note_author)
            self.cards.choose_none()
        self.panel.show_article(True)

    def _closed(self) -> None:
        self.article_id = None
        self.text.clear()
        self.cards.set_highlights([])
        self.notes.show_article(None, "", "")
        self.notes.show_highlight(None)
        self.tagging.show_article(None, ())
        self.panel.show_article(False)

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
        got = {int(v.id) for v in views}
        removed = [int(h) for h in ids if int(h) in self.text.marks and int(h) not in got]
        self.text.update(views, removed)
        self.cards.update(views, removed)

    def _reload(self) -> None:
        if self.article_id is None:
            return
        try:
            detail = self._library.get_article(self.article_id)
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return
        self.text.show(list(detail.highlights), new_document=False)
        self.cards.set_highlights(list(detail.highlights))
        self.tagging.article_tags_changed(detail.tags)
        self.notes.article_changed(detail.note, detail.note_author)
        self.cards.refresh_current()

    def _on_changes(self, changes: Changes) -> None:
        if changes.tags or changes.external:
            self.tagging.refresh_names()
            if self.cards.tag_scope is not None:
                self.set_tag_scope(self.cards.tag_scope)  # renamed, nested, or gone
        if changes.palette or changes.external:
            self.set_palette(self._read_palette())
        if self.article_id is None:
            return
        if (
            changes.external
            or changes.tags
            or self.article_id in changes.notes
            or self.article_id in changes.article_tags
        ):
            self._reload()
        elif changes.highlights:  # ours, or perhaps new on this article
            self._update_highlights(changes.highlights)

    def set_palette(self, palette: list[tuple[str, str]]) -> None:
        self.palette = palette
        self.text.set_palette(palette)
        self.cards.set_palette(palette)

    def rename_colours(self, meanings: dict[str, str]) -> None:
        """Rename colour meanings (Preferences); one undo step per renamed colour."""
        old = dict(self.palette)
        for key, name in meanings.items():
            if name and old.get(key) != name:
                self._push(tr("Rename a colour"), ops.RenameColour(key, name))

    def set_tag_scope(self, tag_id: TagId | None) -> None:
        self.cards.set_tag_scope(tag_id)

    def filter_by(
        self, colour: str | None = None, tag: str | None = None, author: str | None = None
    ) -> None:
        self.cards.filter_by(colour, tag, author)

    # --- highlights -----------------------------------------------------------------------

    def highlight_selection(self, colour: str | None = None) -> HighlightId | None:
        span = self.reading.text.selected_span()
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
        self.text.selection_done()
        self.cards.select(hid, flash=False)
        self.highlighted.emit(int(hid))
        return hid

    def note_selection(self) -> HighlightId | None:
        hid = self.highlight_selection()
        if hid is not None:
            self.notes.focus_highlight_note()
        return hid

    def tag_selection(self) -> HighlightId | None:
        hid = self.highlight_selection()
        if hid is not None:
            self.tagging.focus_highlight_field()
        return hid

    def reveal(self, hid: HighlightId | int) -> None:
        """Select the highlight's card and scroll the article to it (the notebook's Open)."""
        self.cards.select(hid, True)

    def _delete(self, hid: int) -> None:
        self.cards.select(hid, flash=False)
        current = self.current()
        if current is not None and current.id == hid:
            self.delete_current()

    def _edit_note(self, hid: int) -> None:
        self.cards.select(hid, flash=False)
        current = self.current()
        if current is not None and current.id == hid:
            self.notes.focus_highlight_note()

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

    # --- operations -----------------------------------------------------------------------

    def _push(self, label: str, op: ops.Operation) -> ops.Applied | None:
        self.flush()
        return push(self.undo_stack, self._library, self._bus, label, op)

    def _save_note(self, label: str, op: ops.Operation, target: NoteTarget) -> None:
        push(self.undo_stack, self._library, self._bus, label, op, merge_key=target)

    def flush(self) -> None:
        """Write every note being typed now (article switch, close, before other edits)."""
        self.notes.flush()

    def tag_article(self, name: str) -> ops.Applied | None:
        return self.tagging.tag_article(name)

    def tag_current(self, name: str) -> ops.Applied | None:
        return self.tagging.tag_current(name)

    def focus_tag_field(self) -> None:
        self.tagging.focus_article_field()

    def shutdown(self) -> None:
        self.flush()
        self.tagging.suggestions.shutdown()
