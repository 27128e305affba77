"""The annotation panel on the right: article tags and suggestions, the article's note,
its highlights as filterable cards, and an editor for the chosen highlight. Layout only;
:class:`reader.gui.annotation_controller.AnnotationController` gives it life."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.gui.annotation_widgets import ChipBox, SwatchRow
from reader.gui.highlight_list import HighlightCardDelegate
from reader.gui.i18n import tr


class _UpAndDown(QScrollArea):
    """Scrolls up and down only, so it is as wide as its contents need (with the bar)."""

    def minimumSizeHint(self) -> QSize:
        base = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return base
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.minimumSizeHint().width() + bar, base.height())


def _label(text: str, parent: QWidget, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold:
        f = label.font()
        f.setBold(True)
        label.setFont(f)
    return label


class NoteEdit(QPlainTextEdit):
    """A plain-text note editor that says when it loses focus (to save at once)."""

    focus_lost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(True)

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().focusOutEvent(event)
        self.focus_lost.emit()


class HighlightListView(QListView):
    delete_pressed = Signal()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.currentIndex().isValid()
        ):
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class AnnotationPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Annotations"))
        self.heading = _label(tr("Annotations"), self, bold=True)
        self.empty = _label(tr("Highlights and notes for this article will appear here."), self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        # the article: tags, suggestions, note
        self.tags = ChipBox(removable=True, parent=self, reserve_line=True)
        self.tag_field = QLineEdit(self)
        self.tag_field.setPlaceholderText(tr("Add a tag… (Ctrl+T)"))
        self.tag_field.setAccessibleName(tr("Add a tag to the article"))
        self.tag_field.setClearButtonEnabled(True)
        self.suggestions_label = _label(tr("Suggested:"), self)
        self.suggestions = ChipBox(removable=False, parent=self)
        self.note = NoteEdit(self)
        self.note.setPlaceholderText(tr("A note on this article…"))
        self.note.setAccessibleName(tr("Article note"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.note_author = _label("", self)  # who wrote the note: small and muted
        self.note_author.setAccessibleName(tr("Note author"))
        self.note_author.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        small = self.note_author.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.note_author.setFont(small)
        self.saved = _label("", self)
        self.saved.setAccessibleName(tr("Save state"))

        # the highlights
        self.count = _label("", self, bold=True)
        self.colour_filter = QComboBox(self)
        self.colour_filter.setAccessibleName(tr("Filter highlights by colour"))
        self.colour_filter.setToolTip(tr("Filter highlights by colour"))
        self.tag_filter = QComboBox(self)
        self.tag_filter.setAccessibleName(tr("Filter highlights by tag"))
        self.tag_filter.setToolTip(tr("Filter highlights by tag"))
        self.author_filter = QComboBox(self)
        self.author_filter.setAccessibleName(tr("Filter highlights by author"))
        self.author_filter.setToolTip(tr("Filter highlights by author"))
        for combo in (self.colour_filter, self.tag_filter, self.author_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(3)
        # the library pane's tag filter, applied to the cards too; ✕ shows them all again
        self.scope_chip = QToolButton(self)
        self.scope_chip.setObjectName("chip")
        self.scope_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.scope_chip.hide()
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(4)
        filters.addWidget(self.colour_filter, 1)
        filters.addWidget(self.tag_filter, 1)
        filters.addWidget(self.author_filter, 1)
        self.cards = HighlightListView(self)
        self.cards.setAccessibleName(tr("Highlights"))
        self.cards.setItemDelegate(HighlightCardDelegate(self.cards))
        self.cards.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.cards.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cards.setSpacing(2)
        self.cards.setUniformItemSizes(False)
        self.cards.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        # the chosen highlight
        self.editor = QWidget(self)
        self.editor_title = _label(tr("Chosen highlight"), self.editor, bold=True)
        self.colours = SwatchRow(self.editor)
        self.delete = QToolButton(self.editor)
        self.delete.setText(tr("Delete"))
        self.delete.setToolTip(tr("Delete the highlight (Del; undo with Ctrl+Z)"))
        self.delete.setAccessibleName(tr("Delete the highlight"))
        self.highlight_note = NoteEdit(self.editor)
        self.highlight_note.setPlaceholderText(tr("A note on this highlight…"))
        self.highlight_note.setAccessibleName(tr("Highlight note"))
        self.highlight_note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.highlight_tags = ChipBox(removable=True, parent=self.editor)
        self.highlight_tag_field = QLineEdit(self.editor)
        self.highlight_tag_field.setPlaceholderText(tr("Tag this highlight…"))
        self.highlight_tag_field.setAccessibleName(tr("Add a tag to the highlight"))
        self.highlight_tag_field.setClearButtonEnabled(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.editor_title, 1)
        top.addWidget(self.delete)
        el = QVBoxLayout(self.editor)
        el.setContentsMargins(0, 4, 0, 0)
        el.setSpacing(4)
        el.addLayout(top)
        el.addWidget(self.colours)
        el.addWidget(self.highlight_note)
        el.addWidget(self.highlight_tags)
        el.addWidget(self.highlight_tag_field)
        self.editor.hide()

        # assembly: the article part above, the highlights below, in a splitter
        article = QWidget(self)
        al = QVBoxLayout(article)
        al.setContentsMargins(0, 0, 0, 0)
        al.setSpacing(4)
        al.addWidget(self.heading)
        al.addWidget(_label(tr("Tags"), article))
        al.addWidget(self.tags)
        al.addWidget(self.tag_field)
        al.addWidget(self.suggestions_label)
        al.addWidget(self.suggestions)
        note_head = QHBoxLayout()
        note_head.addWidget(_label(tr("Note"), article))
        note_head.addWidget(self.note_author, 1)
        note_head.addWidget(self.saved)
        al.addLayout(note_head)
        al.addWidget(self.note)
        al.addStretch(0)
        lower = QWidget(self)
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.setSpacing(4)
        ll.addWidget(self.count)
        ll.addLayout(filters)
        ll.addWidget(self.scope_chip, 0, Qt.AlignmentFlag.AlignLeft)
        ll.addWidget(self.cards, 1)
        ll.addWidget(self.editor)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(article)
        self.split.addWidget(lower)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        # On a short screen (1024×600) the parts keep their minimum heights and the pane
        # scrolls, instead of the splitter squeezing the chips under the note.
        self.scroller = _UpAndDown(self)
        self.scroller.setWidget(self.split)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QStackedWidget(self)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.scroller)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.body)
        self.setMinimumWidth(220)

    def show_article(self, on: bool) -> None:
        self.body.setCurrentWidget(self.scroller if on else self.empty)
