"""Untrusted text on its way to a terminal or a window.

Titles, tags, authors and notes come from page files and share files. Raw, their control
characters could drive the terminal (ESC starts escape sequences: colours, cursor moves,
window titles, OSC 8 links; BEL rings; CR overwrites a line) and bidi controls could
reorder what is shown around them (U+202E makes ``txt.exe`` read ``exe.txt``). So:

* :func:`for_terminal` escapes them visibly (``\\x1b``, ``\\u202e``); every CLI output
  passes through it, because :func:`safe_output` wraps ``sys.stdout``/``sys.stderr``
  while a command runs (see :mod:`reader.cli`). The escape spelling is JSON-safe:
  ``json.dump`` already escapes C0 controls, and the ``\\uXXXX`` written for the rest is
  the same character to a JSON reader.
* :func:`for_display` gives the window a same-length stand-in for each, so offsets into
  the stored text (highlight anchors) stay valid: control pictures (␛) for C0 and DEL,
  U+FFFD for C1 and bidi controls.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

# C0 except tab and newline, DEL, C1, Arabic letter mark, LRM/RLM, the embeddings and
# overrides (U+202A-202E) and the isolates (U+2066-2069).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")


def _escaped(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with control and bidi characters escaped; tab and newline kept."""
    return UNSAFE.sub(_escaped, text)


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def for_display(text: str) -> str:
    """``text`` for a window: each control or bidi character replaced by a visible one
    of the same length (tab, newline and, in running text, CR kept)."""
    return _UNSAFE_IN_TEXT.sub(_picture, text)


class SafeStream:
    """A text stream that passes everything written through :func:`for_terminal`.

    ``raw`` writes our own control sequences (a progress bar's CR, search marks)
    unescaped; only text the program itself composed may go there.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(for_terminal(text))

    def raw(self, text: str) -> int:
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


def write_raw(stream: TextIO | SafeStream, text: str) -> None:
    """Write program-made control sequences to ``stream``, past a :class:`SafeStream`."""
    if isinstance(stream, SafeStream):
        stream.raw(text)
    else:
        stream.write(text)


@contextmanager
def safe_output() -> Iterator[None]:
    """While it lasts, ``sys.stdout`` and ``sys.stderr`` escape what they are given."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = SafeStream(out)
    sys.stderr = SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
