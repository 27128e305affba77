"""File names that are safe on ext4, NTFS and APFS, and unique within a folder.

* no path separators, no characters Windows forbids (``<>:"/\\|?*``, controls): they
  become their full-width forms, which read naturally next to Chinese titles;
* no Windows device names (``CON``, ``nul.txt``, ``COM1``…), no trailing dots or spaces,
  no leading dots (hidden on Unix);
* at most 255 bytes of UTF-8 (ext4, APFS) and 255 UTF-16 units (NTFS), cut on a
  character boundary, the extension always kept;
* unique under case folding and Unicode normalization (NTFS and APFS compare names
  that way), by numbering: ``name (2).md``.
"""

from __future__ import annotations

import re
import unicodedata

MAX_BYTES = 255
MAX_UTF16 = 255

_FULL_WIDTH = str.maketrans(
    {
        "/": "／",
        "\\": "＼",
        ":": "：",
        "*": "＊",
        "?": "？",
        '"': "＂",
        "<": "＜",
        ">": "＞",
        "|": "｜",
    }
)
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$", re.I)


def _fits(name: str) -> bool:
    return (
        len(name.encode("utf-8")) <= MAX_BYTES and len(name.encode("utf-16-le")) // 2 <= MAX_UTF16
    )


def _clean_stem(stem: str) -> str:
    s = unicodedata.normalize("NFC", stem)
    s = _CONTROLS.sub("", s).translate(_FULL_WIDTH)
    s = _SPACES.sub(" ", s).strip(" .")
    return s


def _trim(stem: str, tail: str) -> str:
    """``stem`` shortened until ``stem + tail`` fits; never splits a character."""
    while stem and not _fits(stem + tail):
        stem = stem[:-1]
        while stem and unicodedata.combining(stem[-1]):
            stem = stem[:-1]
    return stem.rstrip(" .")


def safe_name(stem: str, ext: str, *, number: int = 1) -> str:
    """A portable file name for ``stem`` with extension ``ext`` (``".md"``)."""
    ext = _clean_stem(ext)
    if ext and not ext.startswith("."):
        ext = "." + ext
    s = _clean_stem(stem) or "untitled"
    if _RESERVED.match(s.split(".", 1)[0].strip()):
        s = "_" + s
    tail = (f" ({number})" if number > 1 else "") + ext
    s = _trim(s, tail) or "untitled"
    return s + tail


def name_key(name: str) -> str:
    """How NTFS and APFS compare names: without case, without normalization form."""
    return unicodedata.normalize("NFC", name).casefold()


class NameAllocator:
    """Hands out distinct names within one folder (taken names are remembered)."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self._taken = {name_key(n) for n in taken or ()}

    def reserve(self, name: str) -> None:
        self._taken.add(name_key(name))

    def allocate(self, stem: str, ext: str) -> str:
        number = 1
        while True:
            name = safe_name(stem, ext, number=number)
            if name_key(name) not in self._taken:
                self._taken.add(name_key(name))
                return name
            number += 1
