"""The reading pane: the article document, a find bar, and a placeholder when nothing is open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.i18n import tr


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
    )


def word_at(text: str, index: int) -> tuple[int, int] | None:
    """The jieba word of ``text`` covering ``index``, for CJK text; None otherwise."""
    if not 0 <= index < len(text) or not _is_cjk(text[index]):
        return None
    lo = index
    while lo > 0 and _is_cjk(text[lo - 1]):
        lo -= 1
    hi = index
    while hi < len(text) and _is_cjk(text[hi]):
        hi += 1
    from reader.text.segment import tokenize

    for _word, s, e in tokenize(text[lo:hi]):
        if s <= index - lo < e:
            return lo + s, lo + e
    return None


class ArticleView(QTextBrowser):
    """A read-only text view with a readable column and word-wise double-click."""

    selection_made = Signal()  # a mouse or keyboard selection ended: offer to highlight it
    clicked = Signal(int)  # a click that selected nothing, at this document position
    FLASH_MS = 700

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._find_sels: list[QTextEdit.ExtraSelection] = []
        self._flash_sels: list[QTextEdit.ExtraSelection] = []
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self.clear_flash)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.column_em = 40
        self.font_px = 20
        self.setAccessibleName(tr("Article text"))
        # adds the annotation entries to the context menu: (menu, document position)
        self.extend_context_menu: Callable[[QMenu, int], None] | None = None

    def context_menu(self, pos: QPoint) -> QMenu:
        """Qt's own menu (Copy, Select All) plus the annotation entries, for a click at
        ``pos`` in viewport coordinates; what :meth:`contextMenuEvent` shows."""
        scrolled = pos + QPoint(
            self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        )
        menu = self.createStandardContextMenu(scrolled)
        if self.extend_context_menu is not None:
            self.extend_context_menu(menu, self.cursorForPosition(pos).position())
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def set_column(self, column_em: int, font_pt: int) -> None:
        self.column_em = column_em
        self.font_px = round(font_pt * self.logicalDpiY() / 72)
        self._fit_column()

    def _fit_column(self) -> None:
        doc = self.document()
        frame = doc.rootFrame()
        fmt = frame.frameFormat()
        width = self.viewport().width()
        column = self.column_em * self.font_px
        # A frame's own left/right margins replace the document margin on that side.
        side = max(doc.documentMargin(), (width - column) / 2)
        if abs(fmt.leftMargin() - side) >= 1:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            frame.setFrameFormat(fmt)

    def setDocument(self, document) -> None:  # type: ignore[no-untyped-def]
        self._find_sels, self._flash_sels = [], []
        self._flash_timer.stop()
        super().setDocument(document)
        self._fit_column()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_column()

    def position_at(self, point: QPoint) -> int:
        """The text position under a viewport point. Unlike ``cursorForPosition``, a
        point in the generous space between two lines belongs to the line above it at
        the same x (Qt maps it to that line's end)."""
        cursor = self.cursorForPosition(point)
        block = cursor.block()
        layout = block.layout()
        if layout is None or layout.lineCount() == 0:
            return cursor.position()
        origin = self.document().documentLayout().blockBoundingRect(block).topLeft()
        x = point.x() + self.horizontalScrollBar().value() - origin.x()
        y = point.y() + self.verticalScrollBar().value() - origin.y()
        chosen = layout.lineAt(0)
        for i in range(1, layout.lineCount()):
            line = layout.lineAt(i)
            if y >= line.y():
                chosen = line
        return block.position() + chosen.xToCursor(x)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        position = self.position_at(event.position().toPoint())
        if self.select_word_at(position):
            event.accept()
            self.selection_made.emit()
            return
        super().mouseDoubleClickEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self.textCursor().hasSelection():
            self.selection_made.emit()
        else:
            self.clicked.emit(self.cursorForPosition(event.position().toPoint()).position())

    def keyReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().keyReleaseEvent(event)
        if (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            and self.textCursor().hasSelection()
        ):
            self.selection_made.emit()

    def selection_rect(self) -> QRect:
        """The selection's end in viewport coordinates (where a toolbar may sit)."""
        c = self.textCursor()
        start = QTextCursor(self.document())
        start.setPosition(c.selectionStart())
        return self.cursorRect(start).united(self.cursorRect(c))

    def select_word_at(self, position: int) -> bool:
        """Select the jieba word at document ``position``; False when it is not CJK text."""
        block = self.document().findBlock(position)
        if not block.isValid():
            return False
        span = word_at(block.text(), position - block.position())
        if span is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(block.position() + span[0])
        cursor.setPosition(block.position() + span[1], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        return True

    def _selection(self, s: int, e: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        c = QTextCursor(self.document())
        c.setPosition(s)
        c.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = c
        sel.format = fmt
        return sel

    def mark(self, ranges: list[tuple[int, int]], current: int, hit: str, current_hit: str) -> None:
        """Show document ranges as matches (extra selections leave the text untouched)."""
        sels = []
        for i, (s, e) in enumerate(ranges):
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(current_hit if i == current else hit))
            sels.append(self._selection(s, e, fmt))
        self._find_sels = sels
        self.setExtraSelections(self._find_sels + self._flash_sels)

    def flash(self, ranges: list[tuple[int, int]], colour: str) -> None:
        """Briefly outline document ranges (a highlight chosen in the panel)."""
        sels = []
        for s, e in ranges:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(colour))
            fmt.setForeground(QColor("#ffffff"))
            sels.append(self._selection(s, e, fmt))
        self._flash_sels = sels
        self.setExtraSelections(self._find_sels + self._flash_sels)
        self._flash_timer.start(self.FLASH_MS)

    @property
    def flashing(self) -> bool:
        return bool(self._flash_sels)

    def clear_flash(self) -> None:
        self._flash_timer.stop()
        if self._flash_sels:
            self._flash_sels = []
            self.setExtraSelections(self._find_sels)

    def scroll_to(self, position: int) -> None:
        c = QTextCursor(self.document())
        c.setPosition(position)
        rect = self.cursorRect(c)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)


class FindBar(QWidget):
    """Find in article: a field, previous/next, a match count, close."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(tr("Find in article"))
        self.field.setAccessibleName(tr("Find in article"))
        self.previous = QToolButton(self)
        self.previous.setText("↑")
        self.previous.setToolTip(tr("Previous match (Shift+F3)"))
        self.previous.setAccessibleName(tr("Previous match"))
        self.next = QToolButton(self)
        self.next.setText("↓")
        self.next.setToolTip(tr("Next match (F3)"))
        self.next.setAccessibleName(tr("Next match"))
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(90)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(tr("Close (Esc)"))
        self.close_button.setAccessibleName(tr("Close find bar"))
        self.close_button.clicked.connect(self.closed)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.field, 1)
        row.addWidget(self.previous)
        row.addWidget(self.next)
        row.addWidget(self.count)
        row.addWidget(self.close_button)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)


class ReadingPane(QWidget):
    """The centre of the window: placeholder or article, with the find bar above it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Reading pane"))
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        # "2 highlights could not be placed — show", above the text when a merge left some
        self.orphan_note, self.orphan_text, self.orphan_show = self._quiet_line(
            "orphan", tr("show"), tr("Show the highlights that could not be placed")
        )
        # "The split of this page has 2 doubtful decisions — check", just as quiet
        self.split_note, self.split_text, self.split_check = self._quiet_line(
            "split", tr("check"), tr("Check how this page was split into articles")
        )
        # A story printed in parts: links to the part before and after, and the whole.
        self.story_top = QWidget(self)
        self.story_top.setObjectName("story-top")
        self.story_bottom = QWidget(self)
        self.story_bottom.setObjectName("story-bottom")
        self.continued_from = self._link(self.story_top, "continued-from")
        self.whole_story = self._link(self.story_top, "whole-story")
        self.whole_story.setText(tr("Read the whole story"))
        self.whole_story.setToolTip(tr("All parts of this story, one after the other"))
        self.continued_on = self._link(self.story_bottom, "continued-on")
        top = QHBoxLayout(self.story_top)
        top.setContentsMargins(12, 2, 12, 2)
        top.addWidget(self.continued_from)
        top.addStretch(1)
        top.addWidget(self.whole_story)
        bottom = QHBoxLayout(self.story_bottom)
        bottom.setContentsMargins(12, 2, 12, 2)
        bottom.addStretch(1)
        bottom.addWidget(self.continued_on)
        self.story_top.hide()
        self.story_bottom.hide()
        self.view = ArticleView(self)
        self.placeholder = QLabel(tr("Choose an article to read."), self)
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.orphan_note)
        layout.addWidget(self.split_note)
        layout.addWidget(self.story_top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.story_bottom)

    def _link(self, parent: QWidget, name: str) -> QToolButton:
        button = QToolButton(parent)
        button.setObjectName(name)
        button.setAutoRaise(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def show_story(self, from_page: str | None, on_page: str | None, parts: int) -> None:
        """The continuation links (None: no such part; "" its page is unknown)."""
        if from_page is not None:
            self.continued_from.setText(
                tr("← continued from page %1").replace("%1", from_page or "?")
            )
        if on_page is not None:
            self.continued_on.setText(tr("continued on page %1 →").replace("%1", on_page or "?"))
        self.continued_from.setVisible(from_page is not None)
        self.continued_on.setVisible(on_page is not None)
        self.story_top.setVisible(parts > 1)
        self.story_bottom.setVisible(on_page is not None)

    def _quiet_line(self, name: str, button: str, tip: str) -> tuple[QWidget, QLabel, QToolButton]:
        """A small centred plain-text line above the text with a flat button after it."""
        line = QWidget(self)
        line.setObjectName(f"{name}-note")
        text = QLabel(line)
        text.setTextFormat(Qt.TextFormat.PlainText)
        action = QToolButton(line)
        action.setObjectName(f"{name}-show")
        action.setText(button)
        action.setAutoRaise(True)
        action.setCursor(Qt.CursorShape.PointingHandCursor)
        action.setToolTip(tip)
        font = text.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        text.setFont(font)
        action.setFont(font)
        row = QHBoxLayout(line)
        row.setContentsMargins(12, 2, 12, 2)
        row.setSpacing(4)
        row.addStretch(1)
        row.addWidget(text)
        row.addWidget(action)
        row.addStretch(1)
        line.hide()
        return line, text, action

    def show_article(self) -> None:
        self.stack.setCurrentWidget(self.view)

    def show_orphans(self, count: int) -> None:
        """The plain-text line naming the article's unplaced highlights (0 hides it)."""
        self.orphan_text.setText(
            tr("%n highlights could not be placed —", None, count) if count else ""
        )
        self.orphan_note.setVisible(count > 0)

    def show_split_doubts(self, count: int) -> None:
        """The plain-text line saying the page's split has doubtful decisions (0 hides it)."""
        self.split_text.setText(
            tr("The split of this page has %n doubtful decisions —", None, count) if count else ""
        )
        self.split_note.setVisible(count > 0)

    def show_placeholder(self, text: str | None = None) -> None:
        if text is not None:
            self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)
