"""Tag chips in the annotation panel: the article's tags, the current highlight's, the
tag fields with their completion, and the suggested tags.

Tagging goes out as operations through ``push``; the current highlight comes from the
cards through ``current``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from reader.errors import KnownError
from reader.gui.annotation_view import AnnotationPanel
from reader.gui.i18n import tr
from reader.gui.suggestions import SuggestionRunner
from reader.gui.undo import named
from reader.store import operations as ops
from reader.store.ids import ArticleId, TagId
from reader.store.library import Library
from reader.store.naming import tag_key
from reader.store.views import HighlightView

Push = Callable[[str, ops.Operation], ops.Applied | None]


class TagsController(QObject):
    def __init__(
        self,
        library: Library,
        panel: AnnotationPanel,
        push: Push,
        current: Callable[[], HighlightView | None],
    ) -> None:
        super().__init__(panel)
        self._library = library
        self.panel = panel
        self._push = push
        self._current = current
        self.article_id: ArticleId | None = None
        self.tags: tuple[str, ...] = ()
        self.suggested: list[tuple[str, str]] = []
        self.tag_names = QStringListModel(self)
        self._completers = [
            self._completer(panel.tag_field),
            self._completer(panel.highlight_tag_field),
        ]
        self.suggestions = SuggestionRunner(library, None, self)
        self.suggestions.ready.connect(self._suggestions_ready)
        p = panel
        p.tag_field.returnPressed.connect(self._tag_field_entered)
        p.highlight_tag_field.returnPressed.connect(self._highlight_tag_entered)
        p.tags.chip_removed.connect(self.untag_article)
        p.highlight_tags.chip_removed.connect(self.untag_current)
        p.suggestions.chip_clicked.connect(self.tag_article)
        self.refresh_names()

    def _completer(self, field: QLineEdit) -> QCompleter:
        c = QCompleter(self.tag_names, field)
        c.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        c.setFilterMode(Qt.MatchFlag.MatchContains)
        c.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        field.setCompleter(c)
        return c

    def refresh_names(self) -> None:
        try:
            names = sorted({t.name for t in self._library.tags()})
        except KnownError:
            return
        self.tag_names.setStringList(names)

    # --- what is shown --------------------------------------------------------------------

    def show_article(self, article_id: ArticleId | None, tags: tuple[str, ...]) -> None:
        """Another article opened (None: closed): its chips, and suggestions to come."""
        self.article_id = article_id
        self.tags = tags
        self.panel.tags.set_chips(list(tags))
        self.suggested = []
        self._show_suggestions()
        self.suggestions.request(article_id)

    def article_tags_changed(self, tags: tuple[str, ...]) -> None:
        if tags != self.tags:
            self.tags = tags
            self.panel.tags.set_chips(list(tags))
            self._mark_suggestions()

    def show_highlight(self, h: HighlightView | None) -> None:
        if h is not None:
            self.panel.highlight_tags.set_chips(list(h.tags))

    def focus_article_field(self) -> None:
        self.panel.tag_field.setFocus()

    def focus_highlight_field(self) -> None:
        self.panel.highlight_tag_field.setFocus()

    # --- tagging --------------------------------------------------------------------------

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
        h = self._current()
        name = " ".join(name.split())
        if h is None or not name:
            return None
        label = named(tr("Add tag %1 to the highlight"), name)
        return self._push(label, ops.TagHighlight(h.id, name))

    def untag_current(self, name: str) -> ops.Applied | None:
        h = self._current()
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
