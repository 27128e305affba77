"""Wires one main window to the core: actions, panes, settings, first start, drops."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from reader.gui import theme, undo
from reader.gui.annotation_controller import AnnotationController
from reader.gui.article_output import ArticleOutput
from reader.gui.changes import ChangeBus
from reader.gui.error_text import translated
from reader.gui.external import ExternalWatch
from reader.gui.first_paint import AfterFirstPaint
from reader.gui.i18n import tr
from reader.gui.import_controller import ImportController
from reader.gui.indexer import BackgroundIndexer
from reader.gui.library_controller import LibraryController
from reader.gui.main_window_view import MainWindow
from reader.gui.preferences_view import PreferencesDialog
from reader.gui.reading_controller import ReadingController
from reader.gui.restore_view import RestoreDialog
from reader.gui.search_controller import SearchController
from reader.gui.settings import ReadingPrefs, Settings
from reader.gui.shortcuts_view import ShortcutsDialog
from reader.gui.shown import shown
from reader.paths import samples_dir
from reader.store import backups
from reader.store.changes import Changes
from reader.store.importer import SUFFIXES
from reader.store.library import Library
from reader.store.naming import AUTHOR_ENV, default_author


def sample_pages() -> list[Path]:
    folder = samples_dir()
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in SUFFIXES and p.is_file() and not p.name.upper().startswith("README")
    )


class WindowController(QObject):
    language_requested = Signal(str)
    restore_requested = Signal(object)  # a Backup: App restores it and reopens the library
    ready = Signal()  # facets loaded; the window is fully populated

    def __init__(
        self,
        library: Library,
        settings: Settings,
        apply_theme: Callable[[str], None] | None = None,
        language: str = "system",
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self._apply_theme = apply_theme or (lambda _name: None)
        self.language = language
        self.window = MainWindow()
        self.window.setWindowTitle(tr("Pizhu") + " — " + library.path.name)
        self.bus = ChangeBus(self)
        self.undo = QUndoStack(self)
        prefs = settings.reading()
        self.lib = LibraryController(library, self.bus, self.window.library)
        self.search = SearchController(library, self.bus, self.window.library)
        self.reading = ReadingController(library, self.bus, self.window.reading, prefs)
        self.imports = ImportController(library, self.bus, self.window)
        self.indexer = BackgroundIndexer(library, self.bus, self.window.statusBar())
        from reader.gui.edit_controller import EditController

        self.edits = EditController(
            library, self.bus, self.undo, self.reading, self.lib, self.window
        )
        self.annotations = AnnotationController(
            library, self.bus, self.undo, self.reading, self.window.annotations, self.author
        )
        from reader.gui.exchange_controller import ExchangeController

        self.exchange = ExchangeController(library, self.bus, self.reading, self.window)
        from reader.gui.split_controller import SplitController

        self.split = SplitController(
            library, self.bus, self.undo, self.reading, self.window, self.settings
        )
        self.external = ExternalWatch(library, self.bus, self.annotations.flush, self)
        from reader.gui.collection_controller import CollectionController

        self.collection = CollectionController(
            library,
            self.bus,
            self.undo,
            self.reading,
            self.lib,
            self.window,
            tag=self.annotations.focus_tag_field,
            export=self.exchange.open_export,
            settings=settings,
        )
        from reader.gui.related_view import RelatedController, RelatedPanel

        self.related = RelatedController(
            library, RelatedPanel(self.window.annotations), self._open_from_statistics
        )
        self.related.panel.dock_in(self.window.annotations.split)
        self.output = ArticleOutput(
            library, self.reading, self.window, self.annotations.current, self.exchange.open_export
        )
        from reader.gui.saved_searches import attach

        self.search_filters, self.saved_searches = attach(
            library, self.bus, self.undo, self.search, settings, self.reading, self.window
        )
        self._wire()
        from reader.gui.app_shortcuts import AppShortcuts

        acts = self.window.actions_
        self.app_keys = AppShortcuts(self.window, (acts.export, acts.tag_article, acts.search))
        self._restore()

    # wiring
    def _wire(self) -> None:
        w, a = self.window, self.window.actions_
        a.import_files.triggered.connect(self.imports.choose_files)
        a.import_folder.triggered.connect(self.imports.choose_folder)
        a.load_samples.triggered.connect(self.load_samples)
        a.load_samples.setEnabled(bool(sample_pages()))
        a.export.triggered.connect(self.exchange.open_export)
        a.share.triggered.connect(self.exchange.open_share)
        a.merge_share.triggered.connect(self.exchange.open_merge)
        a.orphans.triggered.connect(lambda: self.exchange.show_orphans())
        a.restore_backup.triggered.connect(self.open_restore)
        a.notebook.triggered.connect(self.open_notebook)
        a.export_word.triggered.connect(self.output.export_word)
        a.export_pdf.triggered.connect(lambda: self.output.export_pdf())
        a.print_article.triggered.connect(self.output.print_article)
        a.copy_citation.triggered.connect(self.output.copy_citation)
        a.quit.triggered.connect(w.close)
        a.find.triggered.connect(self.reading.open_find)
        a.find_next.triggered.connect(self.reading.find_next)
        a.find_previous.triggered.connect(self.reading.find_previous)
        a.search.triggered.connect(self.search.focus)
        a.preferences.triggered.connect(self.open_preferences)
        a.next_article.triggered.connect(lambda: self.lib.step(+1))
        a.previous_article.triggered.connect(lambda: self.lib.step(-1))
        a.toggle_library.toggled.connect(w.library.setVisible)
        a.toggle_annotations.toggled.connect(w.annotations.setVisible)
        a.zoom_in.triggered.connect(lambda: self.reading.zoom(+1))
        a.zoom_out.triggered.connect(lambda: self.reading.zoom(-1))
        a.zoom_reset.triggered.connect(lambda: self.reading.zoom(0))
        a.dark_theme.setChecked(self.reading.prefs.theme == "dark")
        a.dark_theme.toggled.connect(self._toggle_dark)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self.show_about)
        a.statistics.triggered.connect(self.open_statistics)
        a.export_qdpx.triggered.connect(self.export_qdpx)
        a.highlight.triggered.connect(lambda: self.annotations.highlight_selection())
        a.note_selection.triggered.connect(self.annotations.note_selection)
        a.tag_article.triggered.connect(self.annotations.focus_tag_field)
        a.tag_manager.triggered.connect(self.open_tag_manager)
        a.undo.triggered.connect(self._undo)
        a.redo.triggered.connect(self.undo.redo)
        undo.name_actions(self.undo, a.undo, a.redo)
        self.undo.canUndoChanged.connect(a.undo.setEnabled)
        self.undo.canRedoChanged.connect(a.redo.setEnabled)
        a.undo.setEnabled(False)
        a.redo.setEnabled(False)
        w.welcome.samples.clicked.connect(self.load_samples)
        w.welcome.samples.setEnabled(bool(sample_pages()))
        w.welcome.files.clicked.connect(self.imports.choose_files)
        w.welcome.folder.clicked.connect(self.imports.choose_folder)
        w.files_dropped.connect(self.imports.start)
        w.closing.connect(self._closing)
        self.lib.open_requested.connect(self.reading.open)
        self.lib.tag_filter_changed.connect(self.annotations.set_tag_scope)
        self.lib.emptiness_changed.connect(w.show_welcome)
        # The sample pages only ever go into an empty library.
        self.lib.emptiness_changed.connect(
            lambda empty: a.load_samples.setEnabled(empty and bool(sample_pages()))
        )
        self.search.open_requested.connect(self._open_from_search)
        self.reading.opened.connect(self._opened)
        self.reading.opened.connect(self.related.show_for)
        self.imports.done.connect(self._imported)
        self.imports.done.connect(self.collection.ask_undated)
        self.imports.done.connect(lambda _summary: self.indexer.start())
        self.bus.failed.connect(self.show_error)

    def _restore(self) -> None:
        w, s = self.window, self.settings
        geometry = s.geometry()
        if geometry is not None:
            w.restoreGeometry(geometry)
        self._theme(self.reading.prefs.theme)

    def start(self) -> None:
        """Load the library into the window (fast parts first) and reopen the last article."""
        splitter = self.settings.splitter()
        if splitter is not None:  # after show: the splitter now has its real width
            self.window.splitter.restoreState(splitter)
        header = self.settings.list_header()
        if header is not None:
            self.window.library.articles.horizontalHeader().restoreState(header)
        self.lib.load()
        last = self.settings.last_article()
        if last is not None and self.lib.select(last, emit=False):
            self.reading.open(last)
        # The facets scan every article: they load once the window is on screen.
        self._late = AfterFirstPaint(self.window, self._load_late)
        self.external.start()
        if self.library.backup_warning:
            self.show_backup_warning(self.library.backup_warning)

    def show_backup_warning(self, message: str) -> None:
        """A backup on open that could not be made: said in the status bar, not in a box
        (the library itself is fine)."""
        self.window.statusBar().showMessage(shown(translated(message)), 15_000)

    def _load_late(self) -> None:
        self.lib.load_facets()
        self.indexer.start()  # articles an interrupted import left unindexed
        self.ready.emit()

    # behaviour
    def author(self) -> str:
        """Stamped on every annotation: $PIZHU_AUTHOR, else Preferences, else the account."""
        return default_author(self.settings.author())

    def _undo(self) -> None:
        self.annotations.flush()  # a note still being typed becomes the step undone
        self.undo.undo()

    def open_tag_manager(self):  # type: ignore[no-untyped-def]
        from reader.gui.tag_manager import TagManagerController

        self.tag_manager = TagManagerController(self.library, self.bus, self.undo, self.window)
        self.tag_manager.dialog.open()
        return self.tag_manager

    def open_notebook(self):  # type: ignore[no-untyped-def]
        """The notebook window (one per main window), raised if already open."""
        from reader.gui.notebook_controller import NotebookController

        existing = getattr(self, "notebook", None)
        if existing is None:
            existing = NotebookController(
                self.library, self.bus, self.undo, self.settings, parent=self, window=self.window
            )
            existing.open_requested.connect(self._open_highlight)
            self.notebook = existing
        existing.current_article = self.reading.current_id
        existing.window.this_article.setEnabled(self.reading.current_id is not None)
        existing.window.show()
        existing.window.activateWindow()
        return existing

    def _open_highlight(self, article_id: int, highlight_id: int) -> None:
        self.lib.select(article_id, emit=False)
        if self.reading.current_id != article_id:
            self.reading.open(article_id)
        if highlight_id:
            self.annotations.reveal(highlight_id)
        self.window.activateWindow()

    def open_statistics(self):  # type: ignore[no-untyped-def]
        from reader.gui.statistics_controller import StatisticsController

        if getattr(self, "statistics", None) is None:
            self.statistics = StatisticsController(
                self.library, self.window, open_article=self._open_from_statistics
            )
        self.statistics.show()
        return self.statistics

    def _open_from_statistics(self, article_id: int) -> None:
        self.lib.select(article_id, emit=False)
        self.reading.open(article_id)

    def export_qdpx(self) -> None:
        from reader.gui.qdpx_controller import export_qdpx

        export_qdpx(self.library, self.window, self.show_error)

    def _open_from_search(self, article_id: int, query: str) -> None:
        self.lib.select(article_id, emit=False)
        self.reading.open(article_id, query)

    def _opened(self, article_id: int) -> None:
        self.settings.set_last_article(article_id)
        self.window.statusBar().clearMessage()

    def _imported(self, summary: object) -> None:
        from reader.gui.import_view import summary_line

        self.window.statusBar().showMessage(summary_line(summary), 10_000)  # type: ignore[arg-type]
        if self.reading.current_id is None and self.lib.articles.rowCount():
            self.lib.step(+1)

    def load_samples(self) -> None:
        pages = sample_pages()
        if pages:
            self.imports.start(pages)

    def _toggle_dark(self, dark: bool) -> None:
        prefs = ReadingPrefs(**{**vars(self.reading.prefs), "theme": "dark" if dark else "light"})
        self.apply_reading(prefs)

    def _theme(self, name: str) -> None:
        self._apply_theme(name)
        c = theme.colours(name)
        self.window.library.set_hit_colour(c.hit)

    def apply_reading(self, prefs: ReadingPrefs) -> None:
        self.settings.set_reading(prefs)
        self._theme(prefs.theme)
        self.reading.apply_prefs(prefs)
        a = self.window.actions_.dark_theme
        if a.isChecked() != (prefs.theme == "dark"):
            a.blockSignals(True)
            a.setChecked(prefs.theme == "dark")
            a.blockSignals(False)

    def open_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(
            self.reading.prefs,
            self.language,
            self.window,
            author=self.settings.author(),
            account=default_author(None) if not os.environ.get(AUTHOR_ENV) else "",
            author_from_env=os.environ.get(AUTHOR_ENV) or None,
            palette=self.annotations.palette,
            backups_kept=backups.keep_count(self.library.path),
        )
        kept = dialog.backups_kept.value()

        def accepted() -> None:
            self.apply_reading(dialog.prefs())
            if dialog.author.isEnabled():
                self.settings.set_author(dialog.chosen_author())
            self.annotations.rename_colours(dialog.chosen_meanings())
            if dialog.backups_kept.value() != kept:
                self.bus.run(lambda: self._keep_backups(dialog.backups_kept.value()))
            chosen = dialog.chosen_language()
            if chosen != self.language:
                self.settings.set_language(chosen)
                self.language_requested.emit(chosen)

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def open_restore(self) -> RestoreDialog:
        """File → Restore from backup…: pick a backup; the App restores and reopens."""
        dialog = RestoreDialog(backups.list_backups(self.library.path), self.window)

        def accepted() -> None:
            chosen = dialog.chosen()
            if chosen is not None:
                self.annotations.flush()
                self.restore_requested.emit(chosen)

        dialog.accepted.connect(accepted)
        dialog.open()
        self.restore_dialog = dialog
        return dialog

    def _keep_backups(self, keep: int) -> Changes:
        self.library.set_backup_keep(keep)
        return Changes()

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.window.actions_.all(), self.window)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        from reader import __version__

        box = QMessageBox(self.window)
        box.setWindowTitle(tr("About Pizhu"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            tr("Pizhu (批注) %1\nA reader for annotating local Chinese news.").replace(
                "%1", __version__
            )
        )
        box.open()

    def show_error(self, message: str) -> None:
        # in the window's language; it may quote a file's name or a title
        message = shown(translated(message))
        self.window.statusBar().showMessage(message, 15_000)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Pizhu"),
            message,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    def save_state(self) -> None:
        self.settings.set_geometry(self.window.saveGeometry())
        self.settings.set_splitter(self.window.splitter.saveState())
        self.settings.set_list_header(self.window.library.articles.horizontalHeader().saveState())
        self.settings.set_last_article(self.reading.current_id)
        self.settings.sync()

    def _closing(self) -> None:
        self.external.stop()
        notebook = getattr(self, "notebook", None)
        if notebook is not None:
            notebook.window.close()  # saves its place and grouping
        self.app_keys.remove()
        self.annotations.shutdown()
        self.imports.shutdown()
        self.indexer.shutdown()
        self.exchange.shutdown()
        self.save_state()
