"""Portable file names: ext4, NTFS and APFS rules."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.exchange.filenames import NameAllocator, safe_name

FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


def valid(name: str, ext: str) -> bool:
    return (
        0 < len(name.encode("utf-8")) <= 255
        and len(name.encode("utf-16-le")) // 2 <= 255
        and not FORBIDDEN & set(name)
        and name.endswith(ext)
        and not name.startswith(".")
        and name not in (".", "..")
        and not name[: -len(ext)].endswith((" ", "."))
    )


def test_separators_and_reserved_characters() -> None:
    assert safe_name('a/b\\c:d*e?f"g<h>i|j', ".md") == "a／b＼c：d＊e？f＂g＜h＞i｜j.md"
    assert safe_name("../../etc/passwd", ".md") == "／..／etc／passwd.md"
    assert safe_name("  .hidden. ", ".md") == "hidden.md"
    assert safe_name("", ".md") == "untitled.md"
    assert safe_name("\x00\x1f", ".md") == "untitled.md"


def test_windows_device_names() -> None:
    for stem in ("CON", "con", "Nul", "COM1", "lpt9", "aux.tar", "COM¹"):
        assert safe_name(stem, ".md").startswith("_"), stem
    assert safe_name("CONSOLE", ".md") == "CONSOLE.md"


def test_long_names_keep_the_extension_and_whole_characters() -> None:
    name = safe_name("新闻" * 200, ".md")
    assert name.endswith(".md") and len(name.encode()) <= 255
    assert name[:-3] == "新闻" * (len(name[:-3]) // 2) or name[:-3].endswith("新")
    emoji = safe_name("😀" * 200, ".md")
    assert len(emoji.encode("utf-16-le")) // 2 <= 255 and emoji.endswith(".md")
    numbered = safe_name("新" * 200, ".md", number=12)
    assert numbered.endswith(" (12).md") and len(numbered.encode()) <= 255


def test_collisions_ignore_case_and_normalization() -> None:
    names = NameAllocator({"Report.md"})
    assert names.allocate("report", ".md") == "report (2).md"
    nfd = unicodedata.normalize("NFD", "café")
    assert names.allocate("café", ".md") == "café.md"
    assert names.allocate(nfd, ".md") == "café (2).md"


@given(st.text(max_size=400), st.sampled_from([".md", ".json"]))
def test_any_title_gives_a_valid_name(stem: str, ext: str) -> None:
    assert valid(safe_name(stem, ext), ext)
