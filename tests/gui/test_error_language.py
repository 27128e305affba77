"""The core's error messages appear in the window's language; the CLI keeps English.

The window translates a core message by matching it against the wordings listed in
``reader/gui/error_text.py``; these tests check that every wording the core raises is
listed and translated, and trigger real failures in a Chinese window.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.gui import error_text
from reader.gui.error_text import translated
from reader.store.library import Library
from tests.gui.conftest import make_app
from tests.gui.test_exchange import Chooser

ROOT = Path(__file__).resolve().parents[2]
# Commands of the CLI alone: their messages never reach the window.
CLI_ONLY = {
    "reader/cli.py",
    "reader/analysis/commands.py",
    "reader/exchange/commands.py",
    "reader/exchange/collect.py",
    "reader/store/collection_commands.py",
    "reader/store/split_commands.py",
}


def _known_error_classes(trees: list[ast.Module]) -> set[str]:
    names = {"KnownError"}
    grew = True
    while grew:
        grew = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names:
                    bases = {
                        b.id if isinstance(b, ast.Name) else getattr(b, "attr", "")
                        for b in node.bases
                    }
                    if bases & names:
                        names.add(node.name)
                        grew = True
    return names


def _wording(node: ast.expr) -> str | None:
    """An f-string's wording with its values as %1, %2, … in order of appearance."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("%", "%%") if "%" in node.value else node.value
    if not isinstance(node, ast.JoinedStr):
        return None
    seen: list[str] = []
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            out.append(str(part.value))
        elif isinstance(part, ast.FormattedValue):
            key = ast.unparse(part.value)
            if key not in seen:
                seen.append(key)
            out.append(f"%{seen.index(key) + 1}")
    return "".join(out)


def raised_wordings() -> set[str]:
    files = [
        p
        for p in (ROOT / "reader").rglob("*.py")
        if "gui" not in p.parts and str(p.relative_to(ROOT)) not in CLI_ONLY
    ]
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in files]
    classes = _known_error_classes(trees)
    found = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args:
                f = node.func
                name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
                wording = _wording(node.args[0]) if name in classes else None
                if wording is not None:
                    found.add(wording)
    return found


def test_every_wording_the_core_raises_is_listed() -> None:
    wordings = raised_wordings()
    assert len(wordings) > 80  # the scan found the core's raises
    missing = sorted(wordings - set(error_text.RAISED))
    assert not missing, f"add to reader/gui/error_text.py RAISED and translate: {missing}"


def test_every_listed_wording_is_translated_with_its_values() -> None:
    ts = ET.parse(ROOT / "resources" / "translations" / "pizhu_zh_CN.ts")
    catalogue = {m.findtext("source"): m.find("translation") for m in ts.getroot().iter("message")}
    for wording in error_text.RAISED + error_text.REPORTED:
        found = catalogue.get(wording)
        assert found is not None and found.get("type") is None and found.text, wording
        values = set(re.findall(r"%\d", wording))
        assert set(re.findall(r"%\d", found.text)) == values, wording


def test_messages_stay_english_in_an_english_window(qapp) -> None:  # type: ignore[no-untyped-def]
    for message in (
        "/tmp/x.txt: the file is empty",
        "/tmp/s.sqlite: refused: not a Pizhu share file",
        "something no wording matches",
    ):
        assert translated(message) == message


@pytest.fixture
def chinese(qtbot, filled, settings, no_samples) -> Iterator[object]:  # type: ignore[no-untyped-def]
    settings.set_language("zh_CN")
    a = make_app(qtbot, filled, settings)
    yield a
    a.controller.imports.shutdown()
    a.controller.exchange.shutdown()
    a.translations.apply("en")  # the next test's window is English again


def test_a_bad_import_is_reported_in_chinese(chinese, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "空白.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "图片.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    imports = chinese.controller.imports
    with qtbot.waitSignal(imports.done, timeout=20_000):
        imports.start([empty, binary])
    report = imports.report
    reasons = {
        report.files.topLevelItem(i).text(0): report.files.topLevelItem(i).text(2)
        for i in range(report.files.topLevelItemCount())
    }
    assert reasons["空白.txt"] == f"{empty}:文件是空的"
    assert reasons["图片.txt"] == f"{binary}:二进制文件(含 NUL 字节),不是文本版面"
    report.close()


def test_a_refused_share_file_is_reported_in_chinese(chinese, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "同事.sqlite"
    fake.write_bytes(b"not a database at all, just some bytes" * 4)
    exchange = chinese.controller.exchange
    exchange.chooser = Chooser(fake)
    with qtbot.waitSignal(exchange.failed, timeout=10_000) as failed:
        assert exchange.open_merge()
    assert failed.args[0] == f"{fake}: refused: not a SQLite database"  # the core's English
    assert exchange.message.text() == f"{fake}:已拒绝:不是 SQLite 数据库"


def test_a_locked_library_is_reported_in_chinese(
    qtbot, library_path: Path, settings, no_samples
) -> None:  # type: ignore[no-untyped-def]
    lib = Library.open(library_path, busy_timeout_ms=50)
    settings.set_language("zh_CN")
    app = make_app(qtbot, lib, settings)
    aid = lib.article_ids()[0]
    holder = subprocess.Popen(  # another program writing to the library
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
            " c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.read()",
            str(library_path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        app.controller.reading.open(aid)
        with qtbot.waitSignal(app.controller.bus.failed, timeout=10_000) as failed:
            app.controller.annotations.tag_article("锁住")
        assert "locked by another program" in failed.args[0]  # the CLI's English line
        shown = app.window.statusBar().currentMessage()
        assert shown == f"{library_path}:资料库被另一个程序锁定;请稍后再试"
    finally:
        holder.communicate("")
        app.controller.imports.shutdown()
        app.translations.apply("en")
        lib.close()


@pytest.fixture
def library_path(filled) -> Path:  # type: ignore[no-untyped-def]
    path = Path(filled.path)
    filled.close()
    return path


def test_a_nested_reason_is_translated_too(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from reader.gui.i18n import Translations

    translations = Translations(QApplication.instance())
    try:
        translations.apply("zh_CN")
        assert translated("/a/b.sqlite: refused: not a Pizhu share file") == (
            "/a/b.sqlite:已拒绝:不是批注共享文件"
        )
        assert translated("no article 42 in /a/library.sqlite") == "/a/library.sqlite 中没有文章 42"
        assert translated("something no wording matches") == "something no wording matches"
    finally:
        translations.apply("en")
