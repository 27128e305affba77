"""Control and bidi characters from page and share files never reach a terminal raw.

Issue 14 part 3: ``pizhu list``, ``show``, ``search``, ``highlight``, ``tag`` and error
messages print titles, tags, authors and notes escaped (``\\x1b``, ``\\u202e``); JSON
output stays valid and decodes to the stored text; the window's stand-ins keep length.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.cli import main
from reader.display import UNSAFE, for_display, for_terminal
from reader.store.library import Library
from tests.store.conftest import SMALL_PAGE

# ESC sequences that clear the screen, retitle the window and make a link; BEL, CR, a C1
# CSI, and the bidi override and isolate that would reverse what follows.
EVIL = "\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://evil/\x1b\\\r\x9b31m\u202e\u2066\u200f"
TITLE_WORDS = "青城公园新增"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A library whose first article's title, author, tag, note and highlight note
    carry EVIL, as a share file would bring them (a page file may carry some, not all:
    the importer refuses a page with many control bytes as binary)."""
    page = tmp_path / "pages" / "page.txt"
    page.parent.mkdir()
    page.write_text(SMALL_PAGE.replace(TITLE_WORDS, "青城\x1b[31m\u202e公园新增"), "utf-8")
    path = tmp_path / "library.sqlite"
    lib = Library.open(path)
    assert lib.import_paths([page]).failed == 0
    aid = lib.article_ids()[0]
    assert "\x1b[31m\u202e" in (lib.get_article(aid).article.title or "")  # pages keep them
    tag, _ = lib.ensure_tag("标签" + EVIL)
    lib.tag_article(aid, tag)
    lib.set_note(aid, "笔记" + EVIL)
    body = lib.get_article(aid).text
    s = body.index("记者从市园林局")
    lib.add_highlight(aid, s, s + 7, colour="yellow", note="划线笔记" + EVIL)
    lib.close()
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE articles SET authors = ?, title = ? WHERE id = ?",
            (json.dumps(["王晓" + EVIL]), "青城" + EVIL + "公园新增十二处便民驿站", aid),
        )
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    got = capsys.readouterr()
    return code, got.out, got.err


def assert_clean(*texts: str) -> None:
    for t in texts:
        raw = sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(t)})
        assert not raw, f"raw control or bidi characters reached the terminal: {raw}"


@pytest.mark.parametrize(
    "argv",
    [
        ("list",),
        ("show", "1"),
        ("search", "青城"),
        ("highlight", "1", "--quote", "了解到", "--tag", "新\x1b[2J\u202e标签"),
        ("tag", "1", "另一个"),
    ],
)
def test_cli_text_output_escapes_control_and_bidi_characters(
    hostile: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, "--library", str(hostile), *argv)
    assert code == 0, err
    assert_clean(out, err)
    assert "\\x1b" in out and "\\u202e" in out
    if argv[0] in ("list", "show"):
        assert "\\x07" in out and "\\x0d" in out and "\\u009b" in out and "\\u2066" in out


def test_show_prints_every_field_escaped(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "--library", str(hostile), "show", "1")
    escaped = for_terminal(EVIL)
    for field in ("青城" + escaped, "王晓" + escaped, "标签\\x1b[2J", "笔记" + escaped):
        assert field in out
    assert "划线笔记" + for_terminal(" ".join(EVIL.split())) in out  # one line: CR is a space


@pytest.mark.parametrize(
    "argv", [("list", "--json"), ("show", "1", "--json"), ("search", "青城", "--json")]
)
def test_json_output_is_valid_and_decodes_to_the_stored_text(
    hostile: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    code, out, _err = run(capsys, "--library", str(hostile), *argv)
    assert code == 0
    assert_clean(out)
    assert any(EVIL in s for s in strings(json.loads(out)))


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_error_messages_are_escaped_one_line(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / f"share{EVIL}\n第二行.pizhu"
    code, out, err = run(capsys, "--library", str(hostile), "merge", str(missing))
    assert code == 1 and not out
    assert_clean(err)
    assert err.count("\n") == 1 and "no such file" in err and "\\u202e" in err
    assert "\\n第二行" in err


def test_progress_bar_and_search_marks_still_control_the_terminal(
    hostile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Our own sequences (search marks on a terminal) are not escaped; the text is."""
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _code, out, _err = run(capsys, "--library", str(hostile), "search", "园林局")
    assert "\x1b[7m" in out and "\x1b[0m" in out  # the marks
    assert "\\x1b[2J" in out  # the page's sequence, escaped


@given(st.text())
def test_terminal_text_never_holds_controls(text: str) -> None:
    out = for_terminal(text)
    assert not UNSAFE.search(out)
    assert out.replace("\t", "").replace("\n", "") == for_terminal(
        text.replace("\t", "").replace("\n", "")
    )


@given(st.text())
def test_display_stand_ins_keep_every_offset(text: str) -> None:
    """Highlight anchors are offsets into the stored text: nothing may move."""
    shown = for_display(text)
    assert len(shown) == len(text)
    assert len(shown.encode("utf-16-le")) == len(text.encode("utf-16-le"))
    assert not any(
        c in shown
        for c in "\x1b\x07\x9b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    )
    for a, b in zip(text, shown, strict=True):
        assert a == b or UNSAFE.match(a)
