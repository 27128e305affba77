"""The left pane: the search field, then either the library browser or search results."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.gui.i18n import tr
from reader.gui.models import META_ROLE, SNIPPET_ROLE
from reader.gui.search_filters_view import SearchFiltersView
from reader.gui.shown import shown
from reader.gui.theme import LIGHT
from reader.store.searchtext import Snippet


def snippet_document(
    title: str,
    meta: str,
    snippet: Snippet,
    font_pt: float,
    text: QColor,
    muted: QColor,
    mark: QColor,
) -> QTextDocument:
    """A small plain-text document: title, meta line, snippet with the hits marked."""
    doc = QTextDocument()
    doc.setDocumentMargin(6)
    cur = QTextCursor(doc)
    f = QTextCharFormat()
    f.setFontPointSize(font_pt * 1.05)
    f.setFontWeight(700)
    f.setForeground(text)
    cur.insertText(shown(title), f)
    m = QTextCharFormat()
    m.setFontPointSize(font_pt * 0.85)
    m.setForeground(muted)
    cur.insertText("\n" + shown(meta), m)
    cur.insertText("\n")
    plain = QTextCharFormat()
    plain.setFontPointSize(font_pt * 0.95)
    plain.setForeground(text)
    marked = QTextCharFormat(plain)
    marked.setBackground(mark)
    pos = 0
    for s, e in snippet.marks:
        cur.insertText(shown(snippet.text[pos:s]), plain)
        cur.insertText(shown(snippet.text[s:e]), marked)
        pos = e
    cur.insertText(shown(snippet.text[pos:]), plain)
    return doc


class SearchHitDelegate(QStyledItemDelegate):
    """Draws a hit as title, date/source line, and the snippet with its marks."""

    mark_colour = QColor(LIGHT.hit)

    def _doc(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        pal = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = pal.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text)
        muted.setAlphaF(0.65)
        snippet = index.data(SNIPPET_ROLE) or Snippet("", ())
        doc = snippet_document(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            str(index.data(META_ROLE) or ""),
            snippet,
            option.font.pointSizeF(),
            text,
            muted,
            self.mark_colour,
        )
        doc.setTextWidth(max(50, option.rect.width()))
        return doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._doc(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        doc.drawContents(painter, QRectF(0, 0, option.rect.width(), option.rect.height()))
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.initStyleOption(option, index)
        doc = self._doc(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


class LibraryPane(QWidget):
    """Layout only; :class:`reader.gui.library_controller.LibraryController` gives it life."""

    BROWSE, SEARCH = 0, 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Library"))
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(tr("Search the library (Ctrl+K)"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(tr("Search the library"))

        # browse page
        self.kind_filter = QComboBox(self)
        self.kind_filter.setAccessibleName(tr("Filter by kind"))
        self.kind_filter.setToolTip(tr("Filter by kind"))
        self.author_filter = QComboBox(self)
        self.author_filter.setAccessibleName(tr("Filter by author"))
        self.author_filter.setToolTip(tr("Filter by author"))
        # Both menus may shrink to a few characters: the pane fits a narrow window.
        self.kind_filter.setMinimumContentsLength(4)
        self.kind_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.author_filter.setMinimumContentsLength(4)
        self.author_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.clear_filters = QToolButton(self)
        self.clear_filters.setText(tr("Show all"))
        self.clear_filters.setToolTip(tr("Clear every filter"))
        self.clear_filters.setAccessibleName(tr("Show all articles"))
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.kind_filter, 1)
        filters.addWidget(self.author_filter, 1)
        filters.addWidget(self.clear_filters)

        self.papers = QTreeView(self)
        self.papers.setHeaderHidden(True)
        self.papers.setUniformRowHeights(True)
        self.papers.setAccessibleName(tr("Papers by date and page"))
        self.papers.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tags = QListView(self)
        self.tags.setAccessibleName(tr("Tags"))
        self.tags.setUniformItemSizes(True)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.papers, tr("Papers"))
        self.tabs.addTab(self.tags, tr("Tags"))
        self.entities = QListView(self)
        self.entities.setAccessibleName(tr("People, places and organisations"))
        self.entities.setUniformItemSizes(True)
        self.tabs.addTab(self.entities, tr("Names"))
        self.saved = QListView(self)
        self.saved.setAccessibleName(tr("Saved searches"))
        self.saved.setUniformItemSizes(True)
        self.saved.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tabs.addTab(self.saved, tr("Saved"))

        self.articles = QTableView(self)
        self.articles.setAccessibleName(tr("Articles"))
        self.articles.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several at once: edit their metadata, tag, export or delete them together.
        self.articles.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.articles.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.articles.horizontalHeader().setContextMenuPolicy(
            Qt.ContextMenuPolicy.CustomContextMenu
        )
        self.articles.horizontalHeader().setSectionsMovable(True)
        self.articles.horizontalHeader().setSortIndicatorShown(True)
        self.articles.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        # The title takes the width the other columns leave, never less than 10 characters.
        self.articles.viewport().installEventFilter(self)
        self.articles.horizontalHeader().sectionResized.connect(self._other_resized)
        self.articles.setShowGrid(False)
        self.articles.setWordWrap(False)
        self.articles.setAlternatingRowColors(True)
        self.articles.verticalHeader().hide()
        self.articles.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.articles.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.articles.horizontalHeader().setHighlightSections(False)
        self.articles.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(tr("Article count"))

        self.browse_split = QSplitter(Qt.Orientation.Vertical, self)
        self.browse_split.setChildrenCollapsible(False)
        self.browse_split.addWidget(self.tabs)
        holder = QWidget(self)
        hl = QVBoxLayout(holder)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.setSpacing(2)
        hl.addWidget(self.articles, 1)
        hl.addWidget(self.status)
        self.browse_split.addWidget(holder)
        self.browse_split.setStretchFactor(0, 2)
        self.browse_split.setStretchFactor(1, 3)

        browse = QWidget(self)
        bl = QVBoxLayout(browse)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addLayout(filters)
        bl.addWidget(self.browse_split, 1)

        # search page
        self.results = QListView(self)
        self.results.setAccessibleName(tr("Search results"))
        self.hits = SearchHitDelegate(self.results)
        self.results.setItemDelegate(self.hits)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setWordWrap(True)
        self.results.setSpacing(1)
        self.result_count = QLabel(self)
        self.result_count.setTextFormat(Qt.TextFormat.PlainText)
        self.result_count.setAccessibleName(tr("Number of search results"))
        self.result_count.setWordWrap(True)
        self.sort = QComboBox(self)
        self.sort.setAccessibleName(tr("Sort search results"))
        for key, label in (
            ("relevance", tr("Best first")),
            ("newest", tr("Newest first")),
            ("oldest", tr("Oldest first")),
        ):
            self.sort.addItem(label, key)
        self.filters_button = QToolButton(self)
        self.filters_button.setText(tr("Filters"))
        self.filters_button.setCheckable(True)
        self.filters_button.setToolTip(tr("Show the search filters (Ctrl+Shift+F)"))
        self.filters_button.setAccessibleName(tr("Show the search filters"))
        self.filters = SearchFiltersView(self)
        self.filters.hide()
        search = QWidget(self)
        sl = QVBoxLayout(search)
        sl.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.result_count, 1)
        top.addWidget(self.sort)
        top.addWidget(self.filters_button)
        sl.addLayout(top)
        sl.addWidget(self.filters)
        sl.addWidget(self.results, 1)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(browse)
        self.stack.addWidget(search)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_field)
        layout.addWidget(self.stack, 1)

    # Shown until the user chooses: title, date, page, kind; authors, highlights and
    # source file are a right-click on the header away.
    DEFAULT_HIDDEN = (4, 5, 6)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and obj is self.articles.viewport():
            self.fit_title()
        return False

    def _other_resized(self, section: int, _old: int, _new: int) -> None:
        if section != 0:
            self.fit_title()

    def fit_title(self) -> None:
        header = self.articles.horizontalHeader()
        if header.count() == 0:
            return
        others = sum(
            header.sectionSize(c) for c in range(1, header.count()) if not header.isSectionHidden(c)
        )
        least = self.fontMetrics().horizontalAdvance("0") * 10
        want = max(least, self.articles.viewport().width() - others)
        if header.sectionSize(0) != want:
            header.blockSignals(True)
            header.resizeSection(0, want)
            header.blockSignals(False)
            self.articles.viewport().update()

    def size_columns(self) -> None:
        header = self.articles.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.sectionCountChanged.connect(lambda _o, _n: self.fit_title())
        em = self.fontMetrics().horizontalAdvance("0")
        widths = {1: 10, 2: 4, 3: 6, 4: 9, 5: 4, 6: 16}
        for col, chars in widths.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, em * chars + 16)
        for col in self.DEFAULT_HIDDEN:
            header.setSectionHidden(col, True)
        self.articles.setSortingEnabled(True)
        self.fit_title()

    def set_hit_colour(self, colour: str) -> None:
        """The background of the query's hits in search results (follows the theme)."""
        self.hits.mark_colour = QColor(colour)
        self.results.viewport().update()
