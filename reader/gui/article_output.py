"""The open article out of the window: its citation on the clipboard, Word, PDF, print.

It needs only the open article (the reading controller), the chosen highlight and the
export dialog, passed in as callables; the main window is the parent of its dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMainWindow

from reader.exchange.citation import gbt7714
from reader.gui import file_dialogs
from reader.gui.i18n import tr
from reader.gui.reading_controller import ReadingController
from reader.store.library import Library
from reader.store.views import HighlightView

if TYPE_CHECKING:
    from reader.gui.exchange_view import ExportDialog


class ArticleOutput(QObject):
    def __init__(
        self,
        library: Library,
        reading: ReadingController,
        window: QMainWindow,
        current: Callable[[], HighlightView | None],
        open_export: Callable[[], ExportDialog | None],
    ) -> None:
        super().__init__(window)
        self._library = library
        self._reading = reading
        self._window = window
        self._current = current
        self._open_export = open_export

    def copy_citation(self) -> str:
        """The current highlight as a quote with its source, else the article's citation,
        on the clipboard (GB/T 7714)."""
        from PySide6.QtWidgets import QApplication

        from reader.exchange.citation import of_article, quoted

        detail = self._reading.detail
        if detail is None:
            return ""
        cited = of_article(detail)
        h = self._current()
        text = quoted(h.exact, cited) if h is not None else gbt7714(cited)
        QApplication.clipboard().setText(text)
        self._window.statusBar().showMessage(tr("Copied: %1").replace("%1", text), 10_000)
        return text

    def export_word(self) -> None:
        from reader.gui.exchange_view import WORD

        dialog = self._open_export()
        if dialog is not None:
            dialog.choose_format(WORD)

    def _printable(self) -> QTextDocument | None:
        from reader.gui.printing import PrintLabels, article_document

        detail = self._reading.detail
        if detail is None:
            return None
        meanings = {s.key: s.label for s in self._library.highlight_colours()}
        labels = PrintLabels(highlights=tr("Highlights and notes"), note=tr("Note"))
        return article_document(detail, meanings, self._reading.prefs, labels)

    def export_pdf(self, path: str | None = None) -> str | None:
        """The open article with its highlights and notes as a PDF file."""
        from reader.gui.printing import pdf_printer, print_document

        doc = self._printable()
        if doc is None:
            return None
        if path is None:
            title = (self._reading.detail.article.title or "pizhu") if self._reading.detail else ""
            path = file_dialogs.save_file(
                self._window,
                tr("Export the article as PDF"),
                f"{title}.pdf",
                tr("PDF (*.pdf)"),
                self._library.path,
                "export",
            )
            if not path:
                return None
        print_document(doc, pdf_printer(path))
        self._window.statusBar().showMessage(tr("Saved %1").replace("%1", path), 10_000)
        return path

    def print_article(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from reader.gui.printing import print_document

        doc = self._printable()
        if doc is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self._window)
        dialog.setWindowTitle(tr("Print the article"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            print_document(doc, printer)
