"""Stage 2: every line becomes a piece of a kind (title, heading, byline, credit, marker,
prose), with the glued markers and bold headings split off the prose they stick to."""

from __future__ import annotations

import re

from reader.ingest import patterns as pt
from reader.ingest.draft import Line, Piece, PieceKind
from reader.ingest.model import Span


def _marker_dir(word: str) -> str:
    return "from" if word in ("上接", "接") else "on"


def _classify(line: Line) -> Piece:
    raw = line.text
    span: list[Span] = [(line.start, line.end)]
    m = pt.HEADING_RE.match(raw)
    if m:
        level = len(m.group(1))
        text = pt.fold_ws(m.group(2).strip("#" + pt.WS))
        if not text:
            return Piece("markup", "", span)
        kind: PieceKind = "h1" if level == 1 else "h2" if level == 2 else "h3"
        return Piece(kind, text, span)
    unbold = pt.fold_ws(raw)
    if not unbold.strip("*-_=~·. " + pt.WS):
        return Piece("markup", "", span)
    names = pt.credit_names(unbold)
    if names is not None:
        return Piece("credit", unbold, span, names=names)
    names = pt.byline_names(unbold)
    if names is not None:
        return Piece("byline", unbold, span, names=names)
    mm = pt.MARKER_RE.fullmatch(unbold)
    if mm:
        ref = pt.normalise_page_ref(mm.group("page"))
        return Piece("marker", unbold, span, marker=(_marker_dir(mm.group("dir")), ref))
    if pt.BRACKETED_RE.match(unbold) and not pt.ends_sentence(unbold[1:-1]):
        # A bracketed line of its own (【“创城”中的那些凡人小事】) reads like a ## line.
        return Piece("h2", unbold, span)
    bm = pt.BOLD_LINE_RE.match(raw)
    if bm and not pt.dateline(raw) and not pt.ends_sentence(bm.group(1)):
        return Piece("bold", pt.fold_ws(bm.group(1)), span)
    return Piece("text", unbold, span)


def _split_glued_markers(line: Line) -> list[Line]:
    """``(上接第1版)`` at the start or ``(下转第3版)`` at the end of a prose line: own line."""
    out: list[Line] = []
    text, start = line.text, line.start
    m = pt.MARKER_RE.match(text)
    if m and m.end() < len(text):
        out.append(Line(line.index, start, start + m.end(), m.group(0)))
        rest = len(text) - len(text[m.end() :].lstrip(pt.WS))
        text, start = text[rest:], start + rest
    tail = None
    for m in pt.MARKER_RE.finditer(text):
        if m.end() == len(text) and m.start() > 0:
            tail = m
    if tail is not None:
        body = text[: tail.start()].rstrip(pt.WS)
        out.append(Line(line.index, start, start + len(body), body))
        out.append(Line(line.index, start + tail.start(), start + tail.end(), tail.group(0)))
    else:
        out.append(Line(line.index, start, start + len(text), text))
    return out


_BOLD_LEAD_RE = re.compile(r"^\*\*(?!\*)([^*]{2,24}?)\*\*[ \t\u00a0\u3000]*(?=\S)")


def _split_bold_lead(line: Line) -> list[Line]:
    """``**稳就业 惠民生**全市各部门…``: a bold section heading glued to its paragraph.

    A bold dateline (``**本报讯**(记者…)``) or a bold lead-in sentence (``**优化服务。**…``)
    stays with its paragraph: only heading-shaped bold text is split off.
    """
    m = _BOLD_LEAD_RE.match(line.text)
    if not m or pt.dateline(line.text):
        return [line]
    head = m.group(1).strip()
    rest = line.text[m.end() :]
    if (
        any(c in head for c in pt.SENTENCE_END + pt.SOFT_END + ",，、")
        or not pt.CJK_RE.search(head)
        or head.startswith(("本报", "新华社", "中新社", "记者"))
        or len(rest) < 8
        or pt.MARKER_RE.match(rest)
    ):
        return [line]
    bold_end = m.group(0).rstrip(pt.WS)
    return [
        Line(line.index, line.start, line.start + len(bold_end), bold_end),
        Line(line.index, line.start + m.end(), line.end, rest),
    ]


def read_pieces(lines: list[Line]) -> list[Piece]:
    """Every non-blank line is a piece (or two, when a marker or a bold heading is glued
    to it). A line is a piece of its own even without a blank line after it: some dumps
    drop the blank lines between paragraphs, and a line broken off mid-sentence is joined
    with its continuation by the same repair as a column break."""
    return [
        _classify(sub)
        for line in lines
        if not line.blank
        for part in _split_glued_markers(line)
        for sub in _split_bold_lead(part)
    ]


# --- glued headings ------------------------------------------------------------------------

_PHRASE = r"[\u3400-\u9fff“”‘’·《》]"
_GLUED_RE = re.compile(rf"^({_PHRASE}{{2,10}}) ({_PHRASE}{{2,12}}) (?=\S)")
TWO_PART_RE = re.compile(rf"^{_PHRASE}{{2,10}} {_PHRASE}{{2,12}}$")
_MARKS = re.compile(r"[“”‘’·《》]")


def glued_heading(text: str, two_part_headings: bool) -> int | None:
    """Length of a section heading glued to the start of ``text``, if there is one.

    The converter sometimes drops the line break after a two-part heading
    (``稳就业 惠民生 全市各部门…``). Prose almost never puts a space between hanzi, so two
    short space-separated phrases at a paragraph start are a heading — strictly 4–8
    characters each, or 2–10 when the page's other section headings share that shape.
    """
    if pt.dateline(text):
        return None
    m = _GLUED_RE.match(text)
    if not m:
        return None
    # Length in hanzi: quote marks around a catchword (创新主体“量质齐升”) add none.
    a, b = (len(_MARKS.sub("", m.group(k))) for k in (1, 2))
    strict = 4 <= a <= 8 and 4 <= b <= 8
    if not (strict or (two_part_headings and a <= 10 and b <= 12)):
        return None
    rest = text[m.end() :]
    if len(rest) < 8 or not pt.CJK_RE.search(rest[:4]):
        return None
    return m.end() - 1  # without the separating space


def offset_span(spans: list[Span], skip: int, text_len: int) -> tuple[list[Span], list[Span]]:
    """Split a single-line piece's span after ``skip`` characters of display text.

    Only used on pieces whose display text equals their source (no markup inside the
    glued prefix), which :func:`_glued_heading`'s pattern guarantees for the prefix.
    """
    (s, e) = spans[0]
    head: list[Span] = [(s, s + skip)]
    rest_start = s + skip
    return head, [(rest_start, e), *spans[1:]]
