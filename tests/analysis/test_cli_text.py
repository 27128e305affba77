"""The analysis commands' plain-text output says what is missing instead of printing an
empty table (a user reads these in a terminal)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.store.library import Library


def test_a_library_without_tags_or_authors_says_so(
    dated: Library, lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(lib_path)
    assert main(["--library", lib, "cooccur"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "no tags" in out.err
    assert main(["--library", lib, "agreement"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "two authors" in out.err


def test_entities_print_a_header_above_their_rows(
    dated: Library, lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--library", str(lib_path), "entities", "--kind", "person"]) == 0
    head, *rows = capsys.readouterr().out.splitlines()
    assert head.split() == ["kind", "articles", "mentions", "first", "name"]
    assert rows and all(r.startswith("person") for r in rows)
    assert any("王建国" in r for r in rows)


def test_an_empty_library_has_no_reprints_or_entities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "empty.sqlite")
    Library.open(lib).close()
    assert main(["--library", lib, "related", "--clusters"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "no reprints" in out.err
    assert main(["--library", lib, "entities"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "no entities" in out.err
