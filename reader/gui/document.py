"""An article as a QTextDocument: plain text only, styled with cursor formats.

Article text is untrusted. It is inserted with ``QTextCursor.insertText`` and never
interpreted as HTML or Markdown, so ``<img src=…>`` or ``<script>`` show up literally
and nothing is ever fetched. :class:`OffsetMap` ties offsets in the stored article text
(what highlights and search hits use) to positions in the document.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader.gui.i18n import tr
from reader.gui.settings import ReadingPrefs
from reader.gui.shown import shown
from reader.gui.theme import colours, reading_family
from reader.ingest.model import (
    JOINED,
    MISPLACED,
    MOVED,
    TRUNCATED_END,
    TRUNCATED_START,
    Article,
)

# Where each part of the article starts in the document, for tests and accessibility.
PART_PROPERTY = QTextFormat.Property.UserProperty + 1
FLAG_MARK = "⋯"


@dataclass
class OffsetMap:
    """Article-text offsets ↔ document positions, one entry per body block."""

    text_starts: list[int] = field(default_factory=list)
    doc_starts: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)

    def add(self, text_start: int, doc_start: int, length: int) -> None:
        self.text_starts.append(text_start)
        self.doc_starts.append(doc_start)
        self.lengths.append(length)

    def to_doc(self, offset: int) -> int | None:
        i = bisect_right(self.text_starts, offset) - 1
        if i < 0:
            return None
        inside = offset - self.text_starts[i]
        if inside > self.lengths[i]:
            return None
        return self.doc_starts[i] + inside

    def block_at(self, position: int) -> int | None:
        """Index of the body block holding document ``position`` (None: title, byline…)."""
        i = bisect_right(self.doc_starts, position) - 1
        if i < 0 or position - self.doc_starts[i] > self.lengths[i]:
            return None
        return i

    def to_text(self, position: int) -> int | None:
        i = bisect_right(self.doc_starts, position) - 1
        if i < 0:
            return None
        inside = position - self.doc_starts[i]
        if inside > self.lengths[i]:
            return None
        return self.text_starts[i] + inside


@dataclass
class Built:
    document: QTextDocument
    offsets: OffsetMap
    parts: dict[str, list[str]]  # part name → texts, in order (title, byline, heading, …)


def _char(
    prefs: ReadingPrefs, *, scale: float = 1.0, colour: str, bold: bool = False
) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setFontFamilies([reading_family(prefs.font_family)])
    f.setFontPointSize(max(6.0, prefs.font_size * scale))
    f.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    f.setForeground(QColor(colour))
    return f


char_format = _char  # for pages built around the article (print)


def block_starts(article: Article) -> list[int]:
    """Each block's offset in the article text (blocks are joined by blank lines)."""
    out, pos = [], 0
    for b in article.blocks:
        out.append(pos)
        pos += len(b.text) + 2
    return out


def _block(
    prefs: ReadingPrefs,
    *,
    top: float = 0.0,
    bottom: float = 0.0,
    indent_em: float = 0.0,
    centre: bool = False,
    line_height: int | None = None,
) -> QTextBlockFormat:
    b = QTextBlockFormat()
    b.setTopMargin(top * prefs.font_size)
    b.setBottomMargin(bottom * prefs.font_size)
    b.setTextIndent(indent_em * prefs.font_size * 1.33)
    b.setLineHeight(
        float(line_height or prefs.line_height),
        QTextBlockFormat.LineHeightTypes.ProportionalHeight.value,
    )
    if centre:
        from PySide6.QtCore import Qt

        b.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return b


def flag_notes(flags: list[str]) -> list[str]:
    notes = []
    if TRUNCATED_START in flags:
        notes.append(tr("Starts mid-sentence: the beginning is missing from the page."))
    if TRUNCATED_END in flags:
        notes.append(tr("Breaks off mid-sentence: the rest is missing from the page."))
    if JOINED in flags:
        notes.append(tr("Joined across a column or page break."))
    if MOVED in flags:
        notes.append(tr("Moved back to this article from elsewhere on the page."))
    if MISPLACED in flags:
        notes.append(tr("May belong to another article on the page."))
    return notes


def build(article: Article, prefs: ReadingPrefs, block_starts: list[int] | None = None) -> Built:
    """The document for ``article``; ``block_starts`` are the blocks' offsets in its text."""
    c = colours(prefs.theme)
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    base = QFont(reading_family(prefs.font_family))
    base.setPointSizeF(float(prefs.font_size))
    doc.setDefaultFont(base)
    doc.setDocumentMargin(prefs.font_size * 1.5)
    cur = QTextCursor(doc)
    parts: dict[str, list[str]] = {}
    offsets = OffsetMap()
    first = True

    def para(fmt: QTextBlockFormat) -> None:
        nonlocal first
        if first:
            cur.setBlockFormat(fmt)
            first = False
        else:
            cur.insertBlock(fmt)

    def put(part: str, text: str, cf: QTextCharFormat, bf: QTextBlockFormat) -> int:
        para(bf)
        cf = QTextCharFormat(cf)
        cf.setProperty(PART_PROPERTY, part)
        start = cur.position()
        cur.insertText(shown(text), cf)  # same length: offsets into the text hold
        parts.setdefault(part, []).append(text)
        return start

    muted_small = _char(prefs, scale=0.85, colour=c.muted)
    if article.kicker:
        put(
            "kicker",
            article.kicker,
            _char(prefs, scale=0.9, colour=c.accent),
            _block(prefs, bottom=0.3),
        )
    if article.title:
        put(
            "title",
            article.title,
            _char(prefs, scale=1.6, colour=c.heading, bold=True),
            _block(prefs, bottom=0.6, line_height=140),
        )
    elif article.kind == "fragment":
        put(
            "title",
            tr("Untitled fragment"),
            _char(prefs, scale=1.4, colour=c.muted, bold=True),
            _block(prefs, bottom=0.6, line_height=140),
        )
    byline: list[str] = []
    if article.authors:
        byline.append(tr("By %1").replace("%1", "、".join(article.authors)))
    if article.photographers:
        byline.append(tr("Photos: %1").replace("%1", "、".join(article.photographers)))
    if byline:
        put("byline", "   ".join(byline), muted_small, _block(prefs, bottom=0.4))
    if article.continued_from:
        put(
            "continuation",
            tr("Continued from %1").replace("%1", article.continued_from),
            muted_small,
            _block(prefs, bottom=0.4),
        )
    notes: list[str] = []
    if article.kind == "fragment":
        notes.append(tr("A fragment: text from a story whose title is on another page."))
    notes += flag_notes(list(article.flags))
    for note in notes:
        put("flag", note, muted_small, _block(prefs, bottom=0.2))

    starts = block_starts or []
    running = 0
    for i, block in enumerate(article.blocks):
        text_start = starts[i] if i < len(starts) else running
        running = text_start + len(block.text) + 2
        if block.type == "heading":
            cf = _char(prefs, scale=1.15, colour=c.heading, bold=True)
            bf = _block(prefs, top=1.0, bottom=0.4)
        elif block.type == "caption":
            cf = _char(prefs, scale=0.9, colour=c.muted)
            bf = _block(prefs, top=0.2, bottom=0.6, centre=True)
        else:
            cf = _char(prefs, colour=c.text)
            bf = _block(prefs, bottom=0.7, indent_em=2.0)
        if TRUNCATED_START in block.flags:
            para(bf)
            mark = QTextCharFormat(muted_small)
            mark.setToolTip(flag_notes([TRUNCATED_START])[0])
            cur.insertText(FLAG_MARK + " ", mark)
            start = cur.position()
            body = QTextCharFormat(cf)
            body.setProperty(PART_PROPERTY, block.type)
            cur.insertText(shown(block.text), body)
            parts.setdefault(block.type, []).append(block.text)
        else:
            start = put(block.type, block.text, cf, bf)
        offsets.add(text_start, start, len(block.text))
        tail = [f for f in (TRUNCATED_END, MOVED, MISPLACED) if f in block.flags]
        if tail:
            mark = QTextCharFormat(muted_small)
            mark.setToolTip("\n".join(flag_notes(tail)))
            mark.setProperty(PART_PROPERTY, "flag")
            cur.insertText(" " + FLAG_MARK, mark)
            parts.setdefault("flag", []).append(FLAG_MARK)
    if article.continued_on:
        put(
            "continuation",
            tr("Continued on %1").replace("%1", article.continued_on),
            muted_small,
            _block(prefs, top=0.4),
        )
    return Built(doc, offsets, parts)
