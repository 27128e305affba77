"""Opening articles in the reading pane, find in article, zoom and reading preferences."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

from reader.errors import KnownError
from reader.gui import document as docs
from reader.gui.article_text import ArticleText
from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.reading_view import ReadingPane
from reader.gui.settings import MAX_FONT_SIZE, MIN_FONT_SIZE, ReadingPrefs
from reader.gui.theme import colours
from reader.store import browse
from reader.store.changes import Changes
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId
from reader.store.library import Library
from reader.store.views import ArticleDetail


class ReadingController(QObject):
    opened = Signal(int)  # article id
    closed = Signal()
    leaving = Signal()  # about to show another article (or none): save what is pending
    rendered = Signal()  # a new document for the current article is in the view
    # the pane's notices, for the controllers that fill them
    orphans_requested = Signal()  # "unplaced highlights": Show
    earlier_part_requested = Signal()  # a continued story: the part before
    later_part_requested = Signal()  # the part after
    whole_story_requested = Signal()

    def __init__(
        self, library: Library, bus: ChangeBus, pane: ReadingPane, prefs: ReadingPrefs
    ) -> None:
        super().__init__(pane)
        self._library = library
        self._bus = bus
        self.pane = pane
        self.prefs = prefs
        self.base_size = prefs.font_size
        self.detail: ArticleDetail | None = None
        self.built: docs.Built | None = None
        self.query = ""  # the library search whose hits are marked
        self.matches: list[tuple[int, int]] = []
        self.current_match = -1
        # what the annotation controllers may ask of the text (not the view itself)
        self.text = ArticleText(pane.view, lambda: (self.built, self.detail), self._theme)
        pane.orphan_show.clicked.connect(self.orphans_requested)
        pane.continued_from.clicked.connect(self.earlier_part_requested)
        pane.continued_on.clicked.connect(self.later_part_requested)
        pane.whole_story.clicked.connect(self.whole_story_requested)
        bar = pane.find_bar
        bar.field.textChanged.connect(self._find_changed)
        bar.field.returnPressed.connect(self.find_next)
        bar.next.clicked.connect(self.find_next)
        bar.previous.clicked.connect(self.find_previous)
        bar.closed.connect(self.close_find)
        bus.changed.connect(self._on_changes)

    def _theme(self) -> str:
        return self.prefs.theme

    def show_orphans(self, count: int) -> None:
        """The notice of highlights a merge could not place in this article (0 hides it)."""
        self.pane.show_orphans(count)

    def show_story(self, from_page: str | None, on_page: str | None, parts: int) -> None:
        """Links to a continued story's other parts, by the pages they are on."""
        self.pane.show_story(from_page, on_page, parts)

    def cursor_block(self) -> int | None:
        """The article block the text cursor is in."""
        if self.built is None:
            return None
        return self.built.offsets.block_at(self.pane.view.textCursor().position())

    @property
    def current_id(self) -> ArticleId | None:
        return self.detail.id if self.detail else None

    # opening
    def open(self, article_id: ArticleId | int, query: str = "") -> bool:
        try:
            detail = self._library.get_article(int(article_id))
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return False
        self.leaving.emit()
        self.detail = detail
        self.query = query
        self._render()
        self.pane.show_article()
        if query:
            self.show_hits(query)
        else:
            self.pane.view.verticalScrollBar().setValue(0)
        self.opened.emit(int(detail.id))
        return True

    def close(self) -> None:
        self.leaving.emit()
        self.detail = None
        self.pane.view.setDocument(QTextDocument(self))
        if self.built is not None:
            self.built.document.deleteLater()
        self.built = None
        self.pane.show_placeholder()
        self.closed.emit()

    def _render(self) -> None:
        if self.detail is None:
            return
        view = self.pane.view
        starts = list(self._block_starts(self.detail))
        built = docs.build(self.detail.article, self.prefs, starts)
        built.document.setParent(self)
        view.setDocument(built.document)
        if self.built is not None:
            self.built.document.deleteLater()
        view.set_column(self.prefs.column_width, self.prefs.font_size)
        c = colours(self.prefs.theme)
        view.setStyleSheet(f"QTextBrowser {{ background: {c.background}; }}")
        self.built = built
        self.rendered.emit()
        self._refind()
        if self.query and not self.matches:
            self.show_hits(self.query, scroll=False)

    @staticmethod
    def _block_starts(detail: ArticleDetail) -> list[int]:
        return docs.block_starts(detail.article)

    def show_hits(self, query: str, scroll: bool = True) -> None:
        """Mark every hit of a library search and scroll to the first."""
        if self.detail is None or self.built is None:
            return
        ranges = []
        for s, e in browse.hits(self.detail.text, query):
            ds, de = self.built.offsets.to_doc(s), self.built.offsets.to_doc(e)
            if ds is not None and de is not None:
                ranges.append((ds, de))
        # The hits become the matches F3 and Shift+F3 step through, as Find's would.
        self.matches = ranges
        self.current_match = 0 if ranges else -1
        c = colours(self.prefs.theme)
        self.pane.view.mark(ranges, self.current_match, c.hit, c.current_hit)
        if ranges and scroll:
            self.pane.view.scroll_to(ranges[0][0])

    # preferences and zoom
    def apply_prefs(self, prefs: ReadingPrefs) -> None:
        self.prefs = prefs
        self.base_size = prefs.font_size
        self._rerender_keep_position()

    def _rerender_keep_position(self) -> None:
        bar = self.pane.view.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._render()
        bar.setValue(round(ratio * bar.maximum()))

    def zoom(self, steps: int) -> None:
        size = self.prefs.font_size + steps if steps else self.base_size
        size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))
        if size != self.prefs.font_size:
            self.prefs = ReadingPrefs(**{**vars(self.prefs), "font_size": size})
            self._rerender_keep_position()

    # find in article
    def open_find(self) -> None:
        bar = self.pane.find_bar
        bar.show()
        selected = self.pane.view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            bar.field.setText(selected)
        bar.field.setFocus()
        bar.field.selectAll()

    def close_find(self) -> None:
        self.pane.find_bar.hide()
        self.pane.find_bar.field.clear()
        self.pane.view.setFocus()

    def _find_changed(self, _text: str) -> None:
        self._refind()
        if self.matches:
            self.current_match = 0
            self._show_match()

    def _refind(self) -> None:
        needle = self.pane.find_bar.field.text()
        doc = self.pane.view.document()
        self.matches = []
        self.current_match = -1
        if needle and self.detail is not None:
            cursor = QTextCursor(doc)
            while True:
                cursor = doc.find(needle, cursor)
                if cursor.isNull():
                    break
                self.matches.append((cursor.selectionStart(), cursor.selectionEnd()))
        self._update_count()
        c = colours(self.prefs.theme)
        self.pane.view.mark(self.matches, self.current_match, c.hit, c.current_hit)

    def _update_count(self) -> None:
        label = self.pane.find_bar.count
        if not self.pane.find_bar.field.text():
            label.setText("")
        elif not self.matches:
            label.setText(tr("No matches"))
        else:
            label.setText(
                tr("%1 of %2")
                .replace("%1", str(self.current_match + 1))
                .replace("%2", str(len(self.matches)))
            )

    def _show_match(self) -> None:
        c = colours(self.prefs.theme)
        self.pane.view.mark(self.matches, self.current_match, c.hit, c.current_hit)
        self._update_count()
        if 0 <= self.current_match < len(self.matches):
            self.pane.view.scroll_to(self.matches[self.current_match][0])

    def find_next(self) -> None:
        if not self.pane.find_bar.isVisible() and not (self.query and self.matches):
            self.open_find()
            return
        if self.matches:
            self.current_match = (self.current_match + 1) % len(self.matches)
            self._show_match()

    def find_previous(self) -> None:
        if self.matches:
            self.current_match = (self.current_match - 1) % len(self.matches)
            self._show_match()

    # changes
    def _reopen_if_present(self, aid: ArticleId) -> None:
        """Another process wrote: show the article as it now is, or close it if it went."""
        try:
            self._library.get_article(int(aid))
        except NotFoundError:
            self.close()
            return
        self._reopen_in_place(aid)

    def _reopen_in_place(self, aid: ArticleId) -> None:
        bar = self.pane.view.verticalScrollBar()
        keep = bar.value()
        self.open(aid, self.query)
        bar.setValue(keep)

    def _on_changes(self, changes: Changes) -> None:
        aid = self.current_id
        if aid is None:
            return
        if changes.external:
            self._reopen_if_present(aid)
        elif aid in changes.articles_removed:
            self.close()
        elif aid in changes.notes or aid in changes.article_tags or changes.highlights:
            pass  # the annotation panel shows those; the text is unchanged
        elif aid in changes.articles_rewritten or aid in changes.articles_changed:
            # rewritten by an edit, or its title, kind, authors or page changed:
            # show it again in place
            self._reopen_in_place(aid)
