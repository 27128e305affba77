"""A clipping report in Word (.docx), written with python-docx.

The report opens with a title page (title, date, counts, what each colour means), then
a table of contents (a Word TOC field over the article headings, its entries already
filled in so the list shows before Word refreshes it), then one section per article:
its title (Heading 1), the GB/T 7714 citation, its tags, its highlights in reading
order (the quote shaded in its colour, then the colour's meaning and who made it, the
note and the highlight's tags) and the article note.

User text goes in as run text, never as markup; characters XML cannot hold are dropped.
Labels are English by default; the window passes its translated ones.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from reader.exchange.citation import gbt7714
from reader.exchange.collect import ExportArticle, Loaded
from reader.exchange.manifest import write_atomic
from reader.exchange.report import Cancel, ExportReport, Progress, never, no_progress, output_file
from reader.exchange.templates import cited
from reader.store import palette
from reader.store.views import HighlightView

CJK_FONT = "Noto Serif CJK SC"  # Word falls back to its own CJK font when this is missing
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHADES = {s.key: s.light.lstrip("#").upper() for s in palette.DEFAULT_PALETTE}


@dataclass(frozen=True)
class DocxLabels:
    title: str = "Clipping report"
    contents: str = "Contents"
    colours: str = "Colours"
    highlights: str = "Highlights"
    not_found: str = "Highlights not found in this text"
    note: str = "Note"
    tags: str = "Tags"
    untitled: str = "Untitled"
    summary: str = "{articles} articles, {highlights} highlights"


def _text(value: str) -> str:
    return _XML_INVALID.sub("", value)


class _Writer:
    """Appends paragraphs in constant time: python-docx's add_paragraph looks for the
    section properties among all of the body's children each time, which made a report
    of 10,000 highlights take a minute."""

    def __init__(self, doc: DocumentObject) -> None:
        self.doc = doc
        body = doc.element.body
        self._end = body.sectPr
        self._body = doc._body
        self._styles: dict[str, str] = {}

    def para(self, text: str = "", style: str | None = None) -> Paragraph:
        p = OxmlElement("w:p")
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self.doc.element.body.append(p)
        paragraph = Paragraph(p, self._body)
        if style is not None:
            if style not in self._styles:
                self._styles[style] = self.doc.styles[style].style_id
            p.get_or_add_pPr().style = self._styles[style]
        if text:
            paragraph.add_run(_text(text))
        return paragraph

    def page_break(self) -> None:
        self.para().add_run().add_break(WD_BREAK.PAGE)


def _shade(run_or_par: object, fill: str) -> None:
    """A background fill (w:shd) on a run's properties."""
    rpr = run_or_par._r.get_or_add_rPr()  # type: ignore[attr-defined]
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    rpr.append(shd)


def _field(paragraph: Paragraph, kind: str, instruction: str | None = None) -> None:
    """One fldChar (begin, separate, end) or instrText run of a complex field."""
    run = paragraph.add_run()
    if instruction is not None:
        node = OxmlElement("w:instrText")
        node.set(qn("xml:space"), "preserve")
        node.text = instruction
    else:
        node = OxmlElement("w:fldChar")
        node.set(qn("w:fldCharType"), kind)
    run._r.append(node)


def _fonts(doc: DocumentObject) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), CJK_FONT)
    for name in ("Title", "Heading 1", "Heading 2"):
        rpr = doc.styles[name].element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)


def _title_page(
    w: _Writer,
    articles: Sequence[ExportArticle],
    meanings: Mapping[str, str],
    labels: DocxLabels,
    day: str,
) -> None:
    w.para(labels.title, "Title")
    w.para(day)
    total = sum(len(a.highlights) for a in articles)
    w.para(labels.summary.format(articles=len(articles), highlights=total))
    used = [k for k in meanings if any(h.colour == k for a in articles for h in a.highlights)]
    if used:
        w.para(labels.colours, "Heading 2")
        for key in used:
            p = w.para()
            swatch = p.add_run("\u3000\u3000")
            _shade(swatch, _SHADES.get(key, "E6E6E6"))
            p.add_run(" " + _text(meanings[key]))
    w.page_break()


def _contents(w: _Writer, articles: Sequence[ExportArticle], labels: DocxLabels) -> None:
    w.para(labels.contents, "Heading 2")
    first = w.para()
    _field(first, "begin")
    _field(first, "", 'TOC \\o "1-1" \\h \\z \\u')
    _field(first, "separate")
    for n, a in enumerate(articles):
        p = first if n == 0 else w.para()
        p.add_run(_text(a.title or labels.untitled))
    last = w.para() if articles else first
    _field(last, "end")
    # Word refreshes the TOC's page numbers when the file opens
    settings = w.doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    w.page_break()


def _highlight(
    w: _Writer, h: HighlightView, meanings: Mapping[str, str], labels: DocxLabels
) -> None:
    quote = w.para(style="Quote")
    _shade(quote.add_run(_text(" ".join(h.exact.split()))), _SHADES.get(h.colour, "E6E6E6"))
    meta = w.para()
    parts = (meanings.get(h.colour, h.colour), h.author)
    label = meta.add_run(_text(" · ".join(x for x in parts if x)))
    label.font.size = Pt(9)
    label.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    for line in h.note.splitlines():
        if line.strip():
            w.para(line.strip())
    if h.tags:
        w.para(f"{labels.tags}: " + ", ".join(h.tags))


def _article(w: _Writer, a: ExportArticle, meanings: Mapping[str, str], labels: DocxLabels) -> None:
    w.para(" ".join((a.title or "").split()) or labels.untitled, "Heading 1")
    citation = w.para()
    citation.add_run(_text(gbt7714(cited(a)))).italic = True
    if a.tags:
        w.para(f"{labels.tags}: " + ", ".join(a.tags))
    placed = [h for h in a.highlights if not h.orphaned]
    orphans = [h for h in a.highlights if h.orphaned]
    for heading, group in ((labels.highlights, placed), (labels.not_found, orphans)):
        if group:
            w.para(heading, "Heading 2")
            for h in group:
                _highlight(w, h, meanings, labels)
    if a.note.strip():
        title = f"{labels.note} · {a.note_author}" if a.note_author else labels.note
        w.para(title, "Heading 2")
        for line in a.note.splitlines():
            if line.strip():
                w.para(line.strip())


def render_docx(
    articles: Sequence[ExportArticle],
    meanings: Mapping[str, str],
    labels: DocxLabels | None = None,
    day: str | None = None,
) -> DocumentObject:
    labels = labels or DocxLabels()
    doc = Document()
    _fonts(doc)
    doc.core_properties.title = labels.title
    doc.core_properties.author = "Pizhu"
    w = _Writer(doc)
    _title_page(w, articles, meanings, labels, day or dt.date.today().isoformat())
    _contents(w, articles, labels)
    for n, a in enumerate(articles):
        if n:
            w.page_break()
        _article(w, a, meanings, labels)
    return doc


def export_docx(
    loaded: Loaded,
    out: str | Path,
    *,
    labels: DocxLabels | None = None,
    day: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportReport:
    """Write the clipping report of the articles ``loaded`` (:func:`~reader.exchange.collect.load`)
    to the file ``out`` (replaced if it exists)."""
    target = output_file(out, "the Word report")
    report = ExportReport("docx")
    if (cancel or never)():
        report.cancelled = True
        return report
    report.articles = len(loaded.articles)
    report.highlights = loaded.highlights
    doc = render_docx(loaded.articles, loaded.meanings, labels, day)
    buffer = io.BytesIO()
    doc.save(buffer)
    write_atomic(target, buffer.getvalue())
    report.written.append(target)
    (progress or no_progress)(1, 1)
    return report
