"""Behaviour of "Check the split": fill the view from the core, accept or flip decisions.

Each answer is a :class:`reader.store.splitfix.Choose` operation on the window's undo
stack (:mod:`reader.gui.undo`), so Ctrl+Z (in the main window or in this one)
takes it back, and its change record refreshes the article list, the reading pane and
this view alike. The quiet notice above an article whose page has unanswered doubtful
decisions is kept here too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from reader.errors import KnownError
from reader.gui.changes import ChangeBus
from reader.gui.first_paint import AfterFirstPaint
from reader.gui.i18n import tr
from reader.gui.models import title_or_untitled
from reader.gui.reading_controller import ReadingController
from reader.gui.settings import Settings
from reader.gui.split_evidence import evidence_label
from reader.gui.split_view import SplitCheckView
from reader.gui.undo import push
from reader.store import splitcheck, splitfix
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


def choice_label(kind: str, choice: str, target: str | None = None) -> str:
    labels = {
        "join": tr("joined"),
        "apart": tr("kept apart"),
        "title": tr("an article title"),
        "title_part": tr("the second line of the title above"),
        "kicker": tr("a kicker"),
        "section": tr("a section heading"),
        "photo_title": tr("a photo's title"),
        "move_back": tr("moved back to its story"),
        "in_place": tr("kept where printed"),
        "fragment": tr("a fragment of its own"),
        "own": tr("part of the story around it"),
    }
    name = normalise(kind, choice)
    if name == "move_back" and target:
        return tr("moved back to “%1”").replace("%1", target)
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
        "unclassified": tr("not placed in any article"),
    }
    return labels.get(reason, reason)


def article_label(title: str | None, kind: str) -> str:
    name = title_or_untitled(title)
    if kind == "photo":
        return tr("%1 (photo)").replace("%1", name)
    if kind == "fragment":
        return tr("%1 (fragment)").replace("%1", name)
    return name


class SplitController(QObject):
    def __init__(
        self,
        library: Library,
        bus: ChangeBus,
        undo: QUndoStack,
        reading: ReadingController,
        window: QWidget,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(window)
        self._settings = settings
        self._library = library
        self._bus = bus
        self.undo_stack = undo
        self._reading = reading
        self._window = window
        self.view: SplitCheckView | None = None
        self.page: splitcheck.PageOverview | None = None
        self._notice: AfterFirstPaint | None = None
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
        # Counting the doubts re-parses the page (~0.2 s, the parser's first import at
        # start): only once the article is on screen, and once for a run of openings.
        if self._notice is None:
            self._notice = AfterFirstPaint(self._pane.view.viewport(), self._notice_due, 500)

    def _notice_due(self) -> None:
        self._notice = None
        self.update_notice()

    def _closed(self) -> None:
        self._action.setEnabled(False)
        self._pane.show_split_doubts(0)

    def update_notice(self) -> int:
        detail = self._reading.detail
        if detail is None:
            return 0
        try:
            count = self._library.read(splitcheck.open_decisions, detail.source.id)
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
            view = SplitCheckView(self._window)
            view.addActions(list(self._undo_actions))  # Ctrl+Z works in this window too
            view.decisions.currentItemChanged.connect(self._show_decision)
            view.decisions.itemClicked.connect(lambda item: self._show_decision(item))
            view.articles.currentRowChanged.connect(self._show_article)
            view.next_doubt.triggered.connect(lambda: self.next_doubt(1))
            view.previous_doubt.triggered.connect(lambda: self.next_doubt(-1))
            view.keep_current.triggered.connect(self.accept_current)
            view.flip_current.triggered.connect(lambda: self.flip_current())
            view.finished.connect(self._remember)
            self.view = view
            self._restore()
        if not self.fill(source_id):
            return None
        assert self.page is not None
        # Straight to the work: the first unanswered doubt from the article on, else the
        # article itself.
        start = next(
            (a.spans[0][0] for a in self.page.articles if a.id == article_id and a.spans), 0
        )
        doubts = [(s.decision.start, i) for i, s in enumerate(self.page.decisions) if s.open]
        self.view.show()
        self.view.activateWindow()
        if doubts:
            self._select(min(doubts, key=lambda d: (d[0] < start, d[0]))[1])
        else:
            self.view.scroll_to(start)
        return self.view

    def _restore(self) -> None:
        assert self.view is not None
        geometry = self._settings.split_geometry() if self._settings else None
        if geometry is None or not self.view.restoreGeometry(geometry):
            self.view.fit_screen()
        panes = self._settings.split_panes() if self._settings else None
        if panes is not None:
            self.view.splitter.restoreState(panes)

    def _remember(self) -> None:
        if self._settings is not None and self.view is not None:
            self._settings.set_split_geometry(self.view.saveGeometry())
            self._settings.set_split_panes(self.view.splitter.saveState())

    def fill(self, source_id: SourceId) -> bool:
        view = self.view
        assert view is not None
        try:
            page = self._library.read(splitcheck.overview, source_id)
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return False
        keep = self.current_key() if self.page and self.page.source_id == source_id else None
        self.page = page
        view.setWindowTitle(tr("Check the split — %1").replace("%1", page.name))
        view.decisions.blockSignals(True)
        view.clear()
        view.set_page(page.text)
        none = tr("in no article")
        for i, art in enumerate(page.articles):
            title = article_label(art.title, art.kind)
            for s, e in art.spans:
                view.style_range(s, e, view.article_format(i, title))
            for s, e, reason in art.consumed:
                view.style_range(s, e, view.consumed_format(f"{reason_label(reason)} · {title}"))
            view.add_article(i, title)
        for s, e, reason in page.dropped:
            view.style_range(s, e, view.consumed_format(f"{reason_label(reason)} · {none}"))
        for index, state in enumerate(page.decisions):
            self._add_decision(index, state)
        view.decisions.resizeColumnToContents(0)
        view.decisions.setColumnWidth(0, min(view.decisions.columnWidth(0), 180))
        view.decisions.blockSignals(False)
        view.no_decisions.setVisible(not page.decisions)
        view.recut.setVisible(page.recut)
        count = page.open_count
        view.summary.setText(
            tr("%n doubtful decisions to check", None, count)
            if count
            else tr("Nothing doubtful left on this page.")
        )
        view.why.clear()
        if keep is not None:
            at = next((i for i, s in enumerate(page.decisions) if s.decision.key == keep), None)
            if at is not None:
                self._select(at, scroll=False)
        return True

    def _add_decision(self, index: int, state: splitcheck.DecisionState) -> None:
        assert self.view is not None
        d = state.decision
        what = (
            tr("%1: %2")
            .replace("%1", kind_label(d.kind))
            .replace("%2", choice_label(d.kind, state.current, d.target))
        )
        tip = what + " " + tr("(or %1)").replace("%1", choice_label(d.kind, state.other, d.target))
        note = ""
        if state.stale:
            note = tr("(your answer; the parser no longer asks this)")
        elif state.fix is not None:
            note = tr("(changed by you)") if state.fix.flipped else tr("(accepted)")
        if note:
            what += "  " + note
        choices = [] if state.stale else state.choices()
        flip = None
        if choices:
            flip = tr("Make it %1").replace("%1", choice_label(d.kind, choices[0], d.target))
        page = self.page.text if self.page else ""
        s0, e0 = d.spans[0]
        where = " ".join(page[s0:e0].split()).lstrip("#* ")
        where = where if len(where) <= 14 else where[:13] + "…"
        item, row = self.view.add_decision(
            where if where[:1] in '“"「『《【' else f"“{where}”",
            what,
            f"{round(d.confidence * 100)}%",
            state.open,
            tr("Keep"),
            flip,
        )
        row.accept_button.setVisible(state.fix is None)
        row.offer(
            [(c, tr("Make it %1").replace("%1", choice_label(d.kind, c))) for c in choices[1:]],
            lambda c: self._possible(index, c),
        )
        row.accept.connect(lambda: self.accept(index))
        row.flip.connect(lambda: self.flip(index))
        row.take.connect(lambda value: self.flip(index, value))
        if state.open:
            for s, e in d.spans:
                self.view.style_range(s, e, self.view.doubt_format(tip))
        lines = [tip, note, *(evidence_label(e) for e in d.evidence)]
        item.setToolTip(1, "\n".join(x for x in lines if x))
        item.setData(0, Qt.ItemDataRole.UserRole, index)

    def _show_decision(self, item: object, _previous: object = None) -> None:
        if self.view is None or self.page is None or item is None:
            return
        index = int(item.data(0, Qt.ItemDataRole.UserRole))  # type: ignore[attr-defined]
        if not 0 <= index < len(self.page.decisions):
            return
        d = self.page.decisions[index].decision
        self.view.select_range(d.start, max(e for _, e in d.spans))
        why = tr("; ").join(evidence_label(e) for e in d.evidence)
        self.view.why.setText(tr("Why: %1").replace("%1", why) if why else "")

    def _show_article(self, row: int) -> None:
        if self.view is not None and self.page is not None and 0 <= row < len(self.page.articles):
            spans = self.page.articles[row].spans
            if spans:
                self.view.scroll_to(spans[0][0])

    # moving between decisions
    def current_index(self) -> int | None:
        if self.view is None:
            return None
        item = self.view.decisions.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    def current_key(self) -> str | None:
        index = self.current_index()
        if index is None or self.page is None or index >= len(self.page.decisions):
            return None
        return self.page.decisions[index].decision.key

    def _select(self, index: int, scroll: bool = True) -> None:
        assert self.view is not None
        item = self.view.decisions.topLevelItem(index)
        if item is None:
            return
        self.view.decisions.setCurrentItem(item)
        self.view.decisions.scrollToItem(item)
        if scroll:
            self._show_decision(item)

    def next_doubt(self, step: int = 1) -> int | None:
        """Select the next (``step`` 1) or previous (-1) unanswered doubtful decision,
        wrapping around the page; None when there is none."""
        if self.view is None or self.page is None:
            return None
        doubts = [i for i, s in enumerate(self.page.decisions) if s.open]
        if not doubts:
            return None
        here = self.current_index()
        if here is None:
            at = doubts[0] if step > 0 else doubts[-1]
        elif step > 0:
            at = next((i for i in doubts if i > here), doubts[0])
        else:
            at = next((i for i in reversed(doubts) if i < here), doubts[-1])
        self._select(at)
        return at

    def accept_current(self) -> Applied | None:
        index = self.current_index()
        return None if index is None else self.accept(index)

    def flip_current(self, choice: str | None = None) -> Applied | None:
        index = self.current_index()
        return None if index is None else self.flip(index, choice)

    # answers
    def accept(self, index: int) -> Applied | None:
        state = self._state(index)
        if state is None or state.stale:
            return None
        return self._choose(tr("Accept the split decision"), state, state.current)

    def flip(self, index: int, choice: str | None = None) -> Applied | None:
        state = self._state(index)
        if state is None or state.stale:
            return None
        choices = state.choices()
        target = choice if choice is not None else (choices[0] if choices else None)
        if target is None or target not in choices:
            return None
        return self._choose(tr("Change the split decision"), state, target)

    def _possible(self, index: int, choice: str) -> bool:
        state = self._state(index)
        if state is None or self.page is None:
            return False
        try:
            return self._library.read(
                splitfix.can_read, self.page.source_id, state.decision, choice
            )
        except KnownError:
            return False

    def _state(self, index: int) -> splitcheck.DecisionState | None:
        if self.page is None or not 0 <= index < len(self.page.decisions):
            return None
        return self.page.decisions[index]

    def _choose(self, label: str, state: splitcheck.DecisionState, choice: str) -> Applied | None:
        assert self.page is not None
        op = splitfix.Choose(self.page.source_id, state.decision, choice)
        return push(self.undo_stack, self._library, self._bus, label, op)
