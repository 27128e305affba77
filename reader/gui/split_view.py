"""The "Check the split" window: the page as printed beside the articles made from it.

Layout only. The page text is a plain-text document; ranges are tinted with
``QTextCursor`` formats: each article's text in its own colour, consumed ranges
(titles, bylines, markers, duplicates…) grey with their reason as a tool tip, doubtful
decisions underlined. Beside it: the articles with their colours, a legend, and the
decisions, each with one button that accepts it and one that flips it (its menu offers
the other readings a heading line can take), and why the parser chose as it did.
Keys: F8 / Shift+F8 go to the next / previous doubtful decision, Ctrl+Enter keeps the
current one, Ctrl+Shift+Enter takes its other reading.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QKeySequence,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.display import for_display
from reader.gui.i18n import tr

# Light tints, translucent so they read on the light and the dark theme alike.
TINTS = ("#4f9dde", "#e8a33d", "#5fb85f", "#d9607a", "#9b7ad6", "#3fb5ad", "#c9b037", "#8d8d5a")
TINT_ALPHA = 70
CONSUMED_FG = "#8a8a8a"
CONSUMED_BG = "#30808080"  # Qt reads eight digits as #AARRGGBB: grey, see-through
DOUBT = "#d03030"
NARROW = 1100  # below this width the decisions list drops its "Where" column
CURRENT = "#a0f5c042"  # the decision being looked at: amber, see-through


def tint(index: int) -> QColor:
    c = QColor(TINTS[index % len(TINTS)])
    c.setAlpha(TINT_ALPHA)
    return c


def swatch(colour: QColor, text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(
        f"QLabel {{ background: rgba({colour.red()},{colour.green()},{colour.blue()},"
        f"{colour.alpha()}); padding: 1px 6px; border-radius: 3px; }}"
    )
    return label


class DecisionRow(QWidget):
    """One decision's two buttons: accept what is chosen, or flip to the other choice
    (the flip button's menu names the further readings, if the decision has any)."""

    accept = Signal()
    flip = Signal()
    take = Signal(str)  # a further reading, from the flip button's menu

    def __init__(self, keep_text: str, flip_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accept_button = QToolButton(self)
        self.accept_button.setText(keep_text)
        self.accept_button.setToolTip(
            tr("Keep this choice and stop marking it as doubtful (Ctrl+Enter)")
        )
        self.accept_button.clicked.connect(self.accept)
        self.flip_button = QToolButton(self)
        self.flip_button.setText(flip_text)
        self.flip_button.setToolTip(
            tr("Take the other choice (Ctrl+Shift+Enter); Ctrl+Z undoes it")
        )
        self.flip_button.clicked.connect(self.flip)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.accept_button)
        row.addWidget(self.flip_button)
        row.addStretch(1)
        self.refresh_readings: Callable[[], None] | None = None

    def offer(self, readings: list[tuple[str, str]], possible: Callable[[str], bool]) -> None:
        """Further readings (value, label) in a menu on the flip button; ``possible`` is
        asked when the menu opens, and readings the parser cannot take are left out."""
        if not readings:
            return
        menu = QMenu(self.flip_button)
        menu.setObjectName("split-readings")
        none = QAction(tr("The parser reads this line no other way"), menu)
        none.setEnabled(False)
        acts = []
        for value, label in readings:
            act = menu.addAction(label)
            act.setData(value)
            act.triggered.connect(lambda _=False, v=value: self.take.emit(v))
            acts.append(act)
        menu.addAction(none)

        def refresh() -> None:
            for act in acts:
                act.setVisible(possible(str(act.data())))
            none.setVisible(not any(a.isVisible() for a in acts))

        menu.aboutToShow.connect(refresh)
        self.refresh_readings = refresh
        self.flip_button.setMenu(menu)
        self.flip_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)


class SplitCheckView(QDialog):
    """Page text | (articles, legend, decisions). Filled by the split controller."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("split-check")
        self.setWindowTitle(tr("Check the split"))
        self.setModal(False)
        self.page = QTextBrowser(self)
        self.page.setObjectName("split-page")
        self.page.setOpenLinks(False)
        self.page.setOpenExternalLinks(False)
        self.page.setReadOnly(True)
        self.page.setAccessibleName(tr("Page text"))
        self.page.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self._wide: list[int] = []  # page offsets of characters Qt counts twice
        self._length = 0
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.articles = QListWidget(self)
        self.articles.setObjectName("split-articles")
        self.articles.setAccessibleName(tr("Articles made from the page"))
        self.legend = QWidget(self)
        legend = QVBoxLayout(self.legend)
        legend.setContentsMargins(0, 0, 0, 0)
        legend.addWidget(swatch(tint(0), tr("An article's text (one colour per article)")))
        grey = QColor(CONSUMED_FG)
        grey.setAlpha(60)
        legend.addWidget(
            swatch(grey, tr("Used as title, byline, marker… or dropped as a duplicate"))
        )
        doubt = QLabel(tr("Underlined in red: a doubtful decision"))
        doubt.setTextFormat(Qt.TextFormat.PlainText)
        doubt.setStyleSheet(f"QLabel {{ color: {DOUBT}; }}")
        legend.addWidget(doubt)
        self.decisions = QTreeWidget(self)
        self.decisions.setObjectName("split-decisions")
        self.decisions.setAccessibleName(tr("The parser's decisions"))
        self.decisions.setHeaderLabels([tr("Where"), tr("Decision"), tr("Confidence"), ""])
        self.decisions.setRootIsDecorated(False)
        self.decisions.setUniformRowHeights(True)
        header = self.decisions.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.decisions.setColumnWidth(0, 120)
        self.no_decisions = QLabel(tr("The parser recorded no decisions for this page."), self)
        self.no_decisions.setTextFormat(Qt.TextFormat.PlainText)
        self.no_decisions.setWordWrap(True)
        self.why = QLabel(self)  # the current decision's evidence
        self.why.setObjectName("split-why")
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.why.setWordWrap(True)
        self.recut = QLabel(
            tr(
                "These articles are not what the parser makes of the page now (edited by hand, "
                "or cut by an older version). Answering a decision cuts the page again; "
                "Ctrl+Z undoes it."
            ),
            self,
        )
        self.recut.setTextFormat(Qt.TextFormat.PlainText)
        self.recut.setWordWrap(True)
        self.recut.setVisible(False)
        self.keys = QLabel(
            tr(
                "F8 / Shift+F8: next / previous doubtful decision · Ctrl+Enter: keep · "
                "Ctrl+Shift+Enter: the other choice · Ctrl+Z: undo"
            ),
            self,
        )
        self.keys.setTextFormat(Qt.TextFormat.PlainText)
        self.keys.setWordWrap(True)
        self.keys.setEnabled(False)  # drawn quietly
        self.next_doubt = self._action(tr("Next doubtful decision"), "F8")
        self.previous_doubt = self._action(tr("Previous doubtful decision"), "Shift+F8")
        self.keep_current = self._action(tr("Keep the current decision"), "Ctrl+Return")
        self.flip_current = self._action(
            tr("Take the other choice of the current decision"), "Ctrl+Shift+Return"
        )
        side = QWidget(self)
        col = QVBoxLayout(side)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.summary)
        col.addWidget(self.recut)
        col.addWidget(self._heading(tr("Articles")))
        col.addWidget(self.articles, 1)
        col.addWidget(self.legend)
        col.addWidget(self._heading(tr("Decisions")))
        col.addWidget(self.decisions, 2)
        col.addWidget(self.why)
        col.addWidget(self.no_decisions)
        col.addWidget(self.keys)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.page)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([480, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.resize(1200, 800)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # On a small screen the decision's words matter more than where it is: the page
        # shows where, marked, once a decision is chosen.
        self.decisions.setColumnHidden(0, self.width() < NARROW)
        super().resizeEvent(event)

    def fit_screen(self) -> None:
        """A first size: 1200×800, or nine tenths of a smaller screen."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        self.resize(min(1200, room.width() * 9 // 10), min(800, room.height() * 9 // 10))

    def _action(self, text: str, *keys: str) -> QAction:
        act = QAction(text, self)
        act.setShortcuts([QKeySequence(k) for k in keys])
        # the keypad's Enter too, wherever Return is named
        extra = [QKeySequence(k.replace("Return", "Enter")) for k in keys if "Return" in k]
        act.setShortcuts(act.shortcuts() + extra)
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(act)
        return act

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # filling
    def set_page(self, text: str) -> None:
        """Show the page as plain text, positions kept equal to the page's offsets: control
        and bidi characters get visible stand-ins, CR LF keeps two places (Qt would make
        it one) and characters beyond the BMP, two places in Qt, are mapped."""
        doc = QTextDocument(self.page)
        doc.setPlainText(for_display(text).replace("\r\n", " \n"))
        self.page.setDocument(doc)
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._length = len(text)

    def position(self, offset: int) -> int:
        """The document position of a page offset."""
        offset = max(0, min(offset, self._length))
        return offset + bisect.bisect_left(self._wide, offset)

    def style_range(self, start: int, end: int, fmt: QTextCharFormat, merge: bool = True) -> None:
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(self.position(start))
        cursor.setPosition(self.position(end), QTextCursor.MoveMode.KeepAnchor)
        if merge:
            cursor.mergeCharFormat(fmt)
        else:
            cursor.setCharFormat(fmt)

    @staticmethod
    def article_format(index: int, label: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(QBrush(tint(index)))
        fmt.setToolTip(label)
        return fmt

    @staticmethod
    def consumed_format(reason: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(QBrush(QColor(CONSUMED_FG)))
        fmt.setBackground(QBrush(QColor(CONSUMED_BG)))
        fmt.setToolTip(reason)
        return fmt

    @staticmethod
    def doubt_format(label: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(DOUBT))
        fmt.setToolTip(label)
        return fmt

    def select_range(self, start: int, end: int) -> None:
        """Show the current decision's place: marked, and scrolled a third down the page."""
        doc = self.page.document()
        cursor = QTextCursor(doc)
        cursor.setPosition(self.position(start))
        cursor.setPosition(self.position(end), QTextCursor.MoveMode.KeepAnchor)
        mark = QTextEdit.ExtraSelection()
        mark.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QBrush(QColor(CURRENT)))
        mark.format = fmt
        self.page.setExtraSelections([mark])
        at = QTextCursor(doc)
        at.setPosition(self.position(start))
        self.page.setTextCursor(at)
        self.page.ensureCursorVisible()
        top = self.page.cursorRect(at).top()
        bar = self.page.verticalScrollBar()
        bar.setValue(bar.value() + top - self.page.viewport().height() // 3)

    def add_article(self, index: int, title: str) -> QListWidgetItem:
        item = QListWidgetItem(title)
        item.setBackground(QBrush(tint(index)))
        self.articles.addItem(item)
        return item

    def add_decision(
        self, where: str, text: str, confidence: str, doubtful: bool, keep: str, flip: str | None
    ) -> tuple[QTreeWidgetItem, DecisionRow]:
        item = QTreeWidgetItem([where, text, confidence, ""])
        if doubtful:
            item.setForeground(1, QBrush(QColor(DOUBT)))
        self.decisions.addTopLevelItem(item)
        row = DecisionRow(keep, flip or "", self.decisions)
        row.flip_button.setVisible(flip is not None)
        self.decisions.setItemWidget(item, 3, row)
        return item, row

    def clear(self) -> None:
        self.articles.clear()
        self.decisions.clear()
        self.page.setExtraSelections([])

    def scroll_to(self, position: int) -> None:
        cursor = QTextCursor(self.page.document())
        cursor.setPosition(self.position(position))
        self.page.setTextCursor(cursor)
        self.page.ensureCursorVisible()
