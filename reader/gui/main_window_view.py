"""The main window's layout: menus and actions, the three panes in a splitter. No behaviour."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QWidget

from reader.gui.annotation_view import AnnotationPanel
from reader.gui.first_start_view import WelcomeView
from reader.gui.i18n import tr
from reader.gui.library_view import LibraryPane
from reader.gui.reading_view import ReadingPane

Keys = QKeySequence.StandardKey


class Actions:
    """Every menu action, named, with its shortcuts."""

    def __init__(self, owner: QWidget) -> None:
        def make(text: str, *keys: str | QKeySequence.StandardKey, name: str = "") -> QAction:
            a = QAction(text, owner)
            a.setObjectName(name)
            seqs: list[QKeySequence] = []
            for k in keys:  # a standard key brings every binding (Redo: Ctrl+Y, Ctrl+Shift+Z)
                if isinstance(k, QKeySequence.StandardKey):
                    seqs += QKeySequence.keyBindings(k)
                else:
                    seqs.append(QKeySequence(k))
            seqs = list({q.toString(): q for q in seqs}.values())  # each binding once
            if seqs:
                a.setShortcuts(seqs)
            owner.addAction(a)
            return a

        self.import_files = make(tr("Import &files…"), "Ctrl+O", name="import_files")
        self.import_folder = make(tr("Import a f&older…"), "Ctrl+Shift+O", name="import_folder")
        self.load_samples = make(tr("Load the &sample pages"), name="load_samples")
        self.export = make(tr("&Export…"), "Ctrl+E", name="export")
        self.export_word = make(tr("Export to &Word…"), name="export_word")
        self.export_pdf = make(tr("Export the article as P&DF…"), name="export_pdf")
        self.print_article = make(tr("&Print the article…"), Keys.Print, name="print_article")
        self.share = make(tr("S&hare…"), name="share")
        self.merge_share = make(tr("&Merge a share file…"), name="merge_share")
        self.orphans = make(tr("&Unplaced highlights"), name="orphans")
        self.check_split = make(tr("&Check the split…"), "Ctrl+Shift+K", name="check_split")
        self.restore_backup = make(tr("&Restore from backup…"), name="restore_backup")
        self.notebook = make(tr("&Notebook"), "Ctrl+Shift+B", name="notebook")
        self.copy_citation = make(tr("Copy as &citation"), "Ctrl+Shift+C", name="copy_citation")
        self.quit = make(tr("&Quit"), "Ctrl+Q", name="quit")
        self.undo = make(tr("&Undo"), Keys.Undo, name="undo")
        # Ctrl+Y on every platform (Linux desktops bind only Ctrl+Shift+Z to Redo).
        self.redo = make(tr("&Redo"), Keys.Redo, "Ctrl+Y", name="redo")
        self.find = make(tr("&Find in article"), "Ctrl+F", name="find")
        self.find_next = make(tr("Find &next"), "F3", name="find_next")
        self.find_previous = make(tr("Find pre&vious"), "Shift+F3", name="find_previous")
        self.search = make(tr("&Search the library"), "Ctrl+K", name="search")
        self.search_filters = make(tr("Search &filters"), "Ctrl+Shift+F", name="search_filters")
        self.save_search = make(tr("Save the &search…"), "Ctrl+D", name="save_search")
        self.merge_next = make(tr("&Merge with the next article"), name="merge_next")
        self.split_here = make(tr("S&plit the article at this paragraph"), name="split_here")
        self.move_section = make(tr("Mo&ve this section to another article…"), name="move_section")
        self.mark_fragment = make(tr("Mark as a &fragment"), name="mark_fragment")
        self.highlight = make(tr("&Highlight the selection"), "H", name="highlight")
        self.note_selection = make(tr("Highlight and add a &note"), "N", name="note_selection")
        self.tag_article = make(tr("&Tag the article…"), "Ctrl+T", name="tag_article")
        self.tag_manager = make(tr("Manage ta&gs…"), "Ctrl+Shift+T", name="tag_manager")
        self.edit_metadata = make(tr("&Metadata…"), "Ctrl+I", name="edit_metadata")
        # Del in the article list or the Papers tree (a window-wide Del would take the
        # key from the note and tag fields).
        self.move_to_trash = make(tr("Move to the tr&ash"), name="move_to_trash")
        self.show_trash = make(tr("T&rash…"), name="show_trash")
        self.go_to_date = make(tr("&Go to date…"), "Ctrl+G", name="go_to_date")
        self.next_page = make(tr("Next pa&ge of the issue"), "Alt+PgDown", name="next_page")
        self.previous_page = make(
            tr("Previous page of the iss&ue"), "Alt+PgUp", name="previous_page"
        )
        self.preferences = make(tr("&Preferences…"), "Ctrl+,", name="preferences")
        self.next_article = make(tr("&Next article"), "Alt+Down", name="next_article")
        self.previous_article = make(tr("P&revious article"), "Alt+Up", name="previous_article")
        self.toggle_library = make(tr("&Library pane"), "Ctrl+Shift+L", name="toggle_library")
        self.toggle_annotations = make(
            tr("&Annotation pane"), "Ctrl+Shift+A", name="toggle_annotations"
        )
        for a in (self.toggle_library, self.toggle_annotations):
            a.setCheckable(True)
            a.setChecked(True)
        self.zoom_in = make(tr("Zoom &in"), "Ctrl+=", "Ctrl++", name="zoom_in")
        self.zoom_out = make(tr("Zoom &out"), "Ctrl+-", name="zoom_out")
        self.zoom_reset = make(tr("&Actual size"), "Ctrl+0", name="zoom_reset")
        self.dark_theme = make(tr("&Dark theme"), "Ctrl+Shift+D", name="dark_theme")
        self.dark_theme.setCheckable(True)
        self.shortcuts = make(tr("&Keyboard shortcuts"), "Ctrl+/", name="shortcuts")
        self.about = make(tr("&About Pizhu"), name="about")
        self.statistics = make(tr("S&tatistics…"), "Ctrl+Shift+S", name="statistics")
        self.export_qdpx = make(tr("Export as a REFI-QDA &project…"), name="export_qdpx")

    def all(self) -> list[QAction]:
        return [v for v in vars(self).values() if isinstance(v, QAction)]


class MainWindow(QMainWindow):
    """Menus, the library | reading | annotation splitter, and file drops."""

    files_dropped = Signal(list)  # list[str]
    closing = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pizhu-main")
        self.setWindowTitle(tr("Pizhu"))
        self.setAccessibleName(tr("Pizhu"))
        self.setAcceptDrops(True)
        self.actions_ = Actions(self)
        self.library = LibraryPane(self)
        self.reading = ReadingPane(self)
        self.welcome = WelcomeView(self)
        self.annotations = AnnotationPanel(self)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.reading)
        self.centre.addWidget(self.welcome)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(self.annotations)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([360, 700, 340])
        self.centre.setMinimumWidth(230)
        # Never narrower than its contents need (three filter menus in a row).
        self.annotations.setMinimumWidth(
            max(self.annotations.minimumWidth(), self.annotations.minimumSizeHint().width())
        )
        self.setCentralWidget(self.splitter)
        self._auto_hidden = False  # the annotation pane was hidden for want of width
        # Not the panes' sum: a narrow window folds a pane (fit_panes) instead of refusing.
        self.setMinimumSize(480, 360)
        # In a narrow window one side pane at a time: showing one folds the other.
        a = self.actions_
        a.toggle_annotations.toggled.connect(lambda on: self._one_side(on, a.toggle_library))
        a.toggle_library.toggled.connect(lambda on: self._one_side(on, a.toggle_annotations))
        self._menus()
        self.statusBar().setSizeGripEnabled(True)
        self.resize(1400, 860)

    def _menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        m = bar.addMenu(tr("&File"))
        m.addActions([a.import_files, a.import_folder, a.load_samples])
        m.addSeparator()
        m.addActions([a.export, a.export_word, a.export_qdpx, a.share, a.merge_share])
        m.addSeparator()
        m.addActions([a.print_article, a.export_pdf])
        m.addSeparator()
        m.addAction(a.restore_backup)
        m.addSeparator()
        m.addAction(a.show_trash)
        m.addSeparator()
        m.addAction(a.quit)
        m = bar.addMenu(tr("&Edit"))
        m.addActions([a.undo, a.redo])
        m.addSeparator()
        m.addActions([a.find, a.find_next, a.find_previous, a.search])
        m.addActions([a.search_filters, a.save_search])
        m.addAction(a.copy_citation)
        m.addSeparator()
        m.addActions([a.highlight, a.note_selection, a.tag_article, a.tag_manager])
        m.addSeparator()
        m.addActions([a.edit_metadata, a.move_to_trash])
        m.addSeparator()
        m.addActions([a.merge_next, a.split_here, a.move_section, a.mark_fragment])
        m.addSeparator()
        m.addAction(a.preferences)
        m = bar.addMenu(tr("&View"))
        m.addActions([a.next_article, a.previous_article])
        m.addActions([a.next_page, a.previous_page, a.go_to_date])
        m.addSeparator()
        m.addActions([a.toggle_library, a.toggle_annotations])
        m.addSeparator()
        m.addActions([a.orphans, a.notebook, a.statistics, a.check_split])
        m.addSeparator()
        m.addActions([a.zoom_in, a.zoom_out, a.zoom_reset, a.dark_theme])
        m = bar.addMenu(tr("&Help"))
        m.addActions([a.shortcuts, a.about])

    # A window that fits: below NARROW pixels the annotation pane folds away (Ctrl+Shift+A
    # brings it back), and the reading column never gets less than READING_SHARE of the
    # width while the side panes can give it room.
    NARROW = 750
    READING_SHARE = 0.42

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_panes()

    def fit_panes(self) -> None:
        width = self.width()
        shown = self.actions_.toggle_annotations
        if width < self.NARROW and shown.isChecked() and not self._auto_hidden:
            self._auto_hidden = True
            shown.setChecked(False)
        elif width >= self.NARROW and self._auto_hidden:
            self._auto_hidden = False
            if not shown.isChecked():
                shown.setChecked(True)
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0 or len(sizes) != 3:
            return
        want = int(total * self.READING_SHARE)
        if sizes[1] >= want:
            return
        side = [sizes[0], sizes[2]]
        spare = sum(side)
        if spare <= 0:
            return
        # The side panes give up width in proportion, down to their minimum.
        need = want - sizes[1]
        mins = [self.library.minimumSizeHint().width(), self.annotations.minimumWidth()]
        new_side = [max(m, s - need * s // spare) for s, m in zip(side, mins, strict=True)]
        self.splitter.setSizes([new_side[0], total - sum(new_side), new_side[1]])

    def _one_side(self, shown: bool, other: QAction) -> None:
        if shown and self.width() < self.NARROW and other.isChecked():
            other.setChecked(False)

    def show_welcome(self, empty: bool) -> None:
        self.centre.setCurrentWidget(self.welcome if empty else self.reading)

    # drops
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
