"""File → Print… and Export as PDF: the open article with its highlights and notes.

The page is built like the reading view (the same document builder, always on the light
theme, so highlights print as light shades on white paper): the title, the GB/T 7714
citation, the text with its highlights painted, then every highlight's quote with its
colour's meaning and note, then the article note. All of it is plain text placed with
QTextCursor, never HTML. Qt embeds the fonts it uses, so the PDF keeps its Chinese text
(tests read it back with pdftotext).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtGui import (
    QColor,
    QPageLayout,
    QPageSize,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from reader.exchange.citation import gbt7714, of_article
from reader.gui import document as docs
from reader.gui.highlights import HighlightPainter, Mark, background
from reader.gui.settings import ReadingPrefs
from reader.store.views import ArticleDetail


@dataclass(frozen=True)
class PrintLabels:
    highlights: str = "Highlights and notes"
    note: str = "Note"


def _format(prefs: ReadingPrefs, scale: float, colour: str, bold: bool = False) -> QTextCharFormat:
    """Text in the reading font: without a family, Qt's fallback font lost the digits."""
    return docs.char_format(prefs, scale=scale, colour=colour, bold=bold)


def article_document(
    detail: ArticleDetail,
    meanings: Mapping[str, str],
    prefs: ReadingPrefs,
    labels: PrintLabels | None = None,
) -> QTextDocument:
    """The printable document of one article (the caller owns it)."""
    labels = labels or PrintLabels()
    light = replace(prefs, theme="light")
    built = docs.build(detail.article, light, docs.block_starts(detail.article))
    doc = built.document
    marks = [Mark(int(h.id), h.start, h.end, h.colour, h.note) for h in detail.highlights]
    HighlightPainter(doc, built.offsets, "light").paint_all(
        [m for m, h in zip(marks, detail.highlights, strict=True) if not h.orphaned]
    )
    citation = gbt7714(of_article(detail))
    small = _format(light, 0.85, "#555555")
    top = QTextCursor(doc.begin())  # a block of its own above the title
    top.insertBlock(doc.begin().blockFormat(), small)
    top.movePosition(QTextCursor.MoveOperation.Start)
    top.setBlockFormat(QTextBlockFormat())
    top.insertText(citation, small)

    end = QTextCursor(doc)
    end.movePosition(QTextCursor.MoveOperation.End)
    heading = _format(light, 1.2, "#1f1f1f", bold=True)
    plain = _format(light, 1.0, "#1f1f1f")
    if detail.highlights:
        end.insertBlock()
        end.insertText(labels.highlights, heading)
        for h in detail.highlights:
            end.insertBlock()
            shaded = _format(light, 1.0, "#1f1f1f")
            shaded.setBackground(QColor(background(h.colour, "light")))
            end.insertText(" ".join(h.exact.split()), shaded)
            meta = " · ".join(x for x in (meanings.get(h.colour, h.colour), h.author) if x)
            end.insertText(f"  ({meta})", small)
            for line in h.note.splitlines():
                if line.strip():
                    end.insertBlock()
                    end.insertText("    " + line.strip(), plain)
    if detail.note.strip():
        end.insertBlock()
        title = f"{labels.note} · {detail.note_author}" if detail.note_author else labels.note
        end.insertText(title, heading)
        for line in detail.note.splitlines():
            if line.strip():
                end.insertBlock()
                end.insertText(line.strip(), plain)
    return doc


def pdf_printer(path: str | Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


def print_document(doc: QTextDocument, printer: QPrinter) -> None:
    doc.print_(printer)
