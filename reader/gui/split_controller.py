"""Behaviour of "Check the split": fill the view from the core, accept or flip decisions.

Each answer is a :class:`reader.store.splitfix.Choose` operation on the window's undo
stack (:mod:`reader.gui.undo`), so Ctrl+Z (in the main window or in this one)
takes it back, and its change record refreshes the article list, the reading pane and
this view alike. The quiet notice above an article whose page has unanswered doubtful
decisions is kept here too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from reader.errors import KnownError
from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.models import title_or_untitled
from reader.gui.reading_controller import ReadingController
from reader.gui.split_view import SplitCheckView
from reader.gui.undo import push
from reader.store import splitfix
from reader.store.changes import Changes
from reader.store.decisions import normalise
from reader.store.ids import SourceId
from reader.store.library import Library
from reader.store.unit import Applied


def kind_label(kind: str) -> str:
    labels = {
        "join": tr("Broken paragraph"),
        "title_role": tr("Heading line"),
        "interleaved": tr("Interleaved section"),
        "orphan": tr("Stray paragraphs"),
    }
    return labels.get(kind, kind)


def choice_label(kind: str, choice: str) -> str:
    labels = {
        "join": tr("joined"),
        "apart": tr("kept apart"),
        "title": tr("an article title"),
        "kicker": tr("a kicker"),
        "section": tr("a section heading"),
        "move": tr("moved back to its story"),
        "keep": tr("kept where printed"),
        "fragment": tr("a fragment of its own"),
        "own": tr("part of the story around it"),
    }
    name = normalise(kind, choice)
    return labels.get(name or "", choice)


def reason_label(reason: str) -> str:
    labels = {
        "title": tr("title"),
        "byline": tr("byline"),
        "kicker": tr("kicker"),
        "marker": tr("continuation marker"),
        "credit": tr("photo credit"),
        "duplicate": tr("duplicate, dropped"),
        "markup": tr("markup"),
        "blank-markup": tr("markup"),
    }
    return labels.get(reason, reason)


class SplitController(QObject):
    def __init__(
        self,
        library: Library,
        bus: ChangeBus,
        undo: QUndoStack,
        reading: ReadingController,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._library = library
        self._bus = bus
        self.undo_stack = undo
        self._reading = reading
        self._window = window
        self.view: SplitCheckView | None = None
        self.page: splitfix.PageOverview | None = None
        a = window.actions_  # type: ignore[attr-defined]
        self._action = a.check_split
        self._undo_actions = (a.undo, a.redo)
        a.check_split.triggered.connect(self.open_current)
        a.check_split.setEnabled(False)
        reading.opened.connect(self._opened)
        reading.closed.connect(self._closed)
        bus.changed.connect(self._on_changes)
        pane = window.reading  # type: ignore[attr-defined]
        self._pane = pane
        pane.split_check.clicked.connect(self.open_current)

    # the notice
    def _opened(self, _aid: int) -> None:
        self._action.setEnabled(True)
        self._pane.show_split_doubts(0)
        QTimer.singleShot(0, self.update_notice)  # after the article is painted

    def _closed(self) -> None:
        self._action.setEnabled(False)
        self._pane.show_split_doubts(0)

    def update_notice(self) -> int:
        detail = self._reading.detail
        if detail is None:
            return 0
        try:
            count = self._library.read(splitfix.open_decisions, detail.source.id)
        except KnownError:
            count = 0
        self._pane.show_split_doubts(count)
        return count

    def _on_changes(self, changes: Changes) -> None:
        if not (
            changes.articles_added
            or changes.articles_rewritten
            or changes.articles_removed
            or changes.sources_removed
        ):
            return  # annotations: nothing the split shows
        if self.view is not None and self.view.isVisible() and self.page is not None:
            bar = self.view.page.verticalScrollBar()
            keep = bar.value()
            if self.fill(self.page.source_id):
                bar.setValue(keep)
        if self._reading.detail is not None:
            self.update_notice()

    # the view
    def open_current(self) -> SplitCheckView | None:
        detail = self._reading.detail
        if detail is None:
            self._bus.failed.emit(tr("Open an article first."))
            return None
        return self.open(SourceId(detail.source.id), int(detail.id))

    def open(self, source_id: SourceId, article_id: int | None = None) -> SplitCheckView | None:
        if self.view is None:
            self.view = SplitCheckView(self._window)
            self.view.addActions(list(self._undo_actions))  # Ctrl+Z works in this window too
            self.view.decisions.itemClicked.connect(self._show_decision)
            self.view.articles.currentRowChanged.connect(self._show_article)
        if not self.fill(source_id):
            return None
        if article_id is not None and self.page is not None:
            for art in self.page.articles:
                if art.id == article_id and art.spans:
                    self.view.scroll_to(art.spans[0][0])
        self.view.show()
        self.view.activateWindow()
        return self.view

    def fill(self, source_id: SourceId) -> bool:
        view = self.view
        assert view is not None
        try:
            page = self._library.read(splitfix.overview, source_id)
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return False
        self.page = page
        view.setWindowTitle(tr("Check the split — %1").replace("%1", page.name))
        view.clear()
        view.set_page(page.text)
        for i, art in enumerate(page.articles):
            title = title_or_untitled(art.title)
            for s, e in art.spans:
                view.style_range(s, e, view.article_format(i, title))
            for s, e, reason in art.consumed:
                view.style_range(s, e, view.consumed_format(f"{reason_label(reason)} · {title}"))
            view.add_article(i, title)
        for index, state in enumerate(page.decisions):
            self._add_decision(index, state)
        view.decisions.resizeColumnToContents(0)
        view.no_decisions.setVisible(not page.decisions)
        count = page.open_count
        view.summary.setText(
            tr("%n doubtful decisions to check", None, count)
            if count
            else tr("Nothing doubtful left on this page.")
        )
        return True

    def _add_decision(self, index: int, state: splitfix.DecisionState) -> None:
        assert self.view is not None
        d = state.decision
        what = (
            tr("%1: %2")
            .replace("%1", kind_label(d.kind))
            .replace("%2", choice_label(d.kind, state.current))
        )
        tip = what + " " + tr("(or %1)").replace("%1", choice_label(d.kind, state.other))
        if state.fix is not None:
            what += "  " + (tr("(changed by you)") if state.fix.flipped else tr("(accepted)"))
        flip = None
        if d.flippable:
            flip = tr("Make it %1").replace("%1", choice_label(d.kind, state.other))
        page = self.page.text if self.page else ""
        s0, e0 = d.spans[0]
        where = " ".join(page[s0:e0].split()).lstrip("#* ")
        where = where if len(where) <= 14 else where[:13] + "…"
        item, row = self.view.add_decision(
            f"“{where}”", what, f"{round(d.confidence * 100)}%", state.open, tr("Keep"), flip
        )
        row.accept_button.setVisible(state.fix is None)
        row.accept.connect(lambda: self.accept(index))
        row.flip.connect(lambda: self.flip(index))
        if state.open:
            for s, e in d.spans:
                self.view.style_range(s, e, self.view.doubt_format(tip))
        item.setToolTip(1, tip)
        item.setData(0, Qt.ItemDataRole.UserRole, d.start)

    def _show_decision(self, item: object) -> None:
        if self.view is not None:
            self.view.scroll_to(int(item.data(0, Qt.ItemDataRole.UserRole)))  # type: ignore[attr-defined]

    def _show_article(self, row: int) -> None:
        if self.view is not None and self.page is not None and 0 <= row < len(self.page.articles):
            spans = self.page.articles[row].spans
            if spans:
                self.view.scroll_to(spans[0][0])

    # answers
    def accept(self, index: int) -> Applied | None:
        state = self._state(index)
        if state is None:
            return None
        return self._choose(tr("Accept the split decision"), state, state.current)

    def flip(self, index: int) -> Applied | None:
        state = self._state(index)
        if state is None or not state.decision.flippable:
            return None
        return self._choose(tr("Change the split decision"), state, state.other)

    def _state(self, index: int) -> splitfix.DecisionState | None:
        if self.page is None or not 0 <= index < len(self.page.decisions):
            return None
        return self.page.decisions[index]

    def _choose(self, label: str, state: splitfix.DecisionState, choice: str) -> Applied | None:
        assert self.page is not None
        sid = self.page.source_id
        op = splitfix.Choose(sid, state.decision, choice)
        return push(self.undo_stack, self._library, self._bus, label, op)
