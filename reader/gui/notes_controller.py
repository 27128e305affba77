"""The two notes in the annotation panel: the article's and the current highlight's.

Both are written while they are typed (:class:`~reader.gui.note_saver.NoteSaver`, on the
core debouncer) and flushed when the editor loses focus, the article changes, another
edit runs or the window closes. Saves go out as operations through ``save``; a
highlight's note is compared with what the cards show through ``stored_note`` so an
unchanged or deleted highlight is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from reader.gui.annotation_view import AnnotationPanel
from reader.gui.i18n import tr
from reader.gui.note_saver import NoteSaver, NoteTarget
from reader.store import operations as ops
from reader.store.ids import ArticleId, HighlightId
from reader.store.views import HighlightView

SaveNote = Callable[[str, ops.Operation, NoteTarget], object]


class NotesController(QObject):
    def __init__(
        self,
        panel: AnnotationPanel,
        save: SaveNote,
        author: Callable[[], str],
        stored_note: Callable[[int], str | None],
    ) -> None:
        super().__init__(panel)
        self.panel = panel
        self._save_op = save
        self._author = author
        self._stored_note = stored_note
        self.article_note = NoteSaver(panel.note, self._save, self)
        self.highlight_note = NoteSaver(panel.highlight_note, self._save, self)
        for saver in (self.article_note, self.highlight_note):
            saver.saved.connect(self._show_saved)
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(2000)
        self._saved_timer.timeout.connect(lambda: self.panel.saved.setText(""))

    def show_article(self, article_id: ArticleId | None, note: str, author: str) -> None:
        """Another article opened (None: closed); what was being typed is written first."""
        self.article_note.load(None if article_id is None else ("article", int(article_id)), note)
        self._show_author(author)

    def article_changed(self, note: str, author: str) -> None:
        """The open article's note changed elsewhere: show it unless one is being typed."""
        if not (self.article_note.pending or self.panel.note.hasFocus()):
            self.article_note.load(self.article_note.target, note)
        self._show_author(author)

    def show_highlight(self, h: HighlightView | None) -> None:
        if h is None:
            self.highlight_note.load(None, "")
        else:
            self.highlight_note.load(("highlight", int(h.id)), h.note)

    def focus_highlight_note(self) -> None:
        self.panel.highlight_note.setFocus()

    def flush(self) -> None:
        """Write every note being typed now (article switch, close, before other edits)."""
        self.article_note.flush()
        self.highlight_note.flush()

    def _save(self, target: NoteTarget, text: str) -> None:
        kind, ident = target
        op: ops.Operation
        if kind == "article":
            label = tr("Edit the article note")
            op = ops.SetNote(ArticleId(ident), text, author=self._author())
        else:
            if self._stored_note(ident) in (None, text):
                return  # deleted meanwhile, or nothing new
            label = tr("Edit the highlight note")
            op = ops.EditHighlight(HighlightId(ident), note=text)
        self._save_op(label, op, target)

    def _show_author(self, author: str) -> None:
        """The article note's author beside the "Note" heading (plain text)."""
        self.panel.note_author.setText(tr("by %1").replace("%1", author) if author else "")

    def _show_saved(self) -> None:
        self.panel.saved.setText(tr("Saved"))
        self._saved_timer.start()
