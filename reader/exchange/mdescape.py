"""User text as literal Markdown, escaped only where CommonMark would read markup.

People paste exports into Word, WeChat and Obsidian, where a stray backslash shows up
and breaks text search (``呼和浩特\\:``, ``38\\.97亿元``), so punctuation is escaped
only at the positions where it would start a construct:

* at the start of a line: ATX headings (``#``…), block quotes (``>``), list markers
  (``-``, ``+``, ``*``, ``1.``, ``1)``), thematic breaks and setext underlines (``---``,
  ``===``), fences (backticks, ``~~~``);
* anywhere: backticks (code spans), ``*`` and ``_`` that could open or close emphasis,
  ``[``/``]`` that could pair into a link (a ``]`` followed by ``(``, ``[`` or ``:``),
  ``<`` that could start HTML or an autolink,
  ``&`` that would read as an entity, a backslash that would escape what follows or
  break the line; ``|`` and ``~~`` too, which GitHub-flavoured readers (Obsidian) turn
  into tables and strike-through.

Indentation is dropped (no code blocks) and control characters removed.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x85\u2028\u2029]")
_HSPACE = re.compile(r"[ \t]+")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_BULLET = re.compile(r"[-+*](?:[ \t]|$)")
_ORDERED = re.compile(r"\d{1,9}[.)](?:[ \t]|$)")
_BREAK = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")


def clean(text: str) -> str:
    """Line breaks as ``\\n``, control and bidi characters removed."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text)).replace("\x0c", "")


def _kind(c: str | None) -> str:
    """How CommonMark's flanking rules see a neighbour: space, punct or other."""
    if c is None or c.isspace():
        return "space"
    if c in _ASCII_PUNCT or unicodedata.category(c)[0] in "PS":
        return "punct"
    return "other"


_INLINE_MARKUP = re.compile(r"[\\`*_\[\]<&|~]")
_LINE_START_MARKUP = frozenset("#>-+*=_~`0123456789")


def _escape(text: str, *, line_start: bool) -> str:
    """Escape ``text`` (one line, no breaks). Outside a whole line is space; outside a
    fragment of a line may be space or markup, so a fragment is checked both ways."""
    if not _INLINE_MARKUP.search(text) and not (
        line_start and text[:1] in _LINE_START_MARKUP and text
    ):
        return text  # most text has nothing to escape: skip the walk
    edges = ("space",) if line_start else ("space", "punct")
    n = len(text)
    marks = [False] * n
    if line_start:
        if (
            _ATX.match(text)
            or text.startswith(">")
            or _BULLET.match(text)
            or _BREAK.match(text)
            or _SETEXT.match(text)
        ):
            marks[0] = True
        elif m := _ORDERED.match(text):
            marks[m.end() - 1 if text[m.end() - 1] in ".)" else m.end() - 2] = True
        if text.startswith("~~~"):
            marks[0] = True
    _mark_links(text, marks)
    for i, c in enumerate(text):
        before = text[i - 1] if i else None
        after = text[i + 1] if i + 1 < n else None
        if c == "`" or c == "|":
            marks[i] = True
        elif c == "\\":
            marks[i] = after is None or after in _ASCII_PUNCT
        elif c == "~":
            marks[i] = before == "~" or after == "~"
        elif (c == "*" or c == "_") and not marks[i]:
            s0, e0 = _run(text, i)
            if any(_delimits(text, s0, e0, edge) for edge in edges):
                for j in range(s0, e0):
                    marks[j] = True
        elif c == "<":
            marks[i] = after is not None and (
                (after.isascii() and after.isalpha()) or after in "/!?"
            )
        elif c == "&":
            marks[i] = bool(_ENTITY.match(text, i))
    return "".join("\\" + c if mark else c for c, mark in zip(text, marks, strict=True))


def _mark_links(text: str, marks: list[bool]) -> None:
    """Mark each ']' a link needs after it ("(" inline, "[" reference, ":" definition) and
    the nearest '[' before it. With no definitions in the file, "[N]" alone stays text."""
    for j, c in enumerate(text):
        if c == "]" and j + 1 < len(text) and text[j + 1] in "([:":
            i = j - 1
            while i >= 0 and not (text[i] == "[" and not marks[i]):
                i -= 1
            if i >= 0:
                marks[i] = marks[j] = True


def _run(text: str, i: int) -> tuple[int, int]:
    """The delimiter run of ``text[i]`` around ``i``, as [start, end)."""
    c, s, e = text[i], i, i + 1
    while s > 0 and text[s - 1] == c:
        s -= 1
    while e < len(text) and text[e] == c:
        e += 1
    return s, e


def _delimits(text: str, s: int, e: int, edge: str) -> bool:
    """Whether the run text[s:e] of '*' or '_' can open or close emphasis (CommonMark 6.2)."""
    before = _kind(text[s - 1]) if s > 0 else edge
    after = _kind(text[e]) if e < len(text) else edge
    left = after != "space" and (after != "punct" or before in ("space", "punct"))
    right = before != "space" and (before != "punct" or after in ("space", "punct"))
    if text[s] == "*":
        return left or right
    opens = left and (not right or before == "punct")
    closes = right and (not left or after == "punct")
    return opens or closes


def flat(text: str) -> str:
    """One line: line breaks become spaces, runs of spaces one, no spaces at the ends."""
    return _HSPACE.sub(" ", clean(text).replace("\n", " ")).strip()


def inline(text: str) -> str:
    """User text inside a line of other Markdown (after ``**…** · ``, a ``#`` tag)."""
    return _escape(flat(text), line_start=False)


def heading(text: str) -> str:
    """User text as an ATX heading's content: a trailing ``#`` run would be dropped."""
    out = inline(text)
    m = re.search(r"(?:^| )(#+)$", out)
    return out[: m.start(1)] + "\\" + out[m.start(1) :] if m else out


def tag_word(name: str) -> str:
    """``#name`` with spaces as underscores; a name starting with '#' can't make a heading."""
    word = inline("_".join(name.split()))
    return "#" + ("\\" if word.startswith("#") else "") + word


def line(text: str) -> str:
    """User text as a whole line of a paragraph (or of a block quote's paragraph)."""
    return _escape(flat(text), line_start=True)


def lines(text: str) -> list[str]:
    """User text as literal Markdown lines; runs of blank lines become one empty line."""
    out: list[str] = []
    for raw in clean(text).split("\n"):
        escaped = line(raw)
        if escaped:
            out.append(escaped)
        elif out and out[-1]:
            out.append("")
    while out and not out[-1]:
        out.pop()
    return out
