"""The library's own files are never read or written as pages, exports or share files.

Opening and closing them outside SQLite in a process that has the library open drops
that process's SQLite locks (sqlite.org/howtocorrupt.html, 2.2).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.store.library import Library
from reader.store.location import is_library_file
from tests.store.conftest import SMALL_PAGE


def _sha(path: Path) -> str:
    # In a child process: this one has the library open.
    code = "import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())"
    return subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    ).stdout


def test_companions_are_recognised_by_name_and_by_inode(library: Library, tmp_path: Path) -> None:
    lib = library.path
    for name in ("library.sqlite", "library.sqlite-wal", "library.sqlite-shm"):
        assert is_library_file(tmp_path / name, lib)
    link = tmp_path / "alias.txt"
    link.symlink_to(lib)
    hard = tmp_path / "hard.md"
    hard.hardlink_to(lib)
    assert is_library_file(link, lib) and is_library_file(hard, lib)
    assert not is_library_file(tmp_path / "other.sqlite", lib)


def test_importing_the_library_is_refused(library: Library, tmp_path: Path) -> None:
    alias = tmp_path / "library.txt"
    alias.hardlink_to(library.path)
    summary = library.import_paths([library.path, alias])
    assert summary.imported == 0 and summary.failed == 2
    assert all("is the library itself" in r.message for r in summary.results)
    # Found in a folder too, beside a real page, under another name.
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "copy.md").hardlink_to(library.path)
    (folder / "page.txt").write_text(SMALL_PAGE, encoding="utf-8")
    summary = library.import_paths([folder])
    assert (summary.imported, summary.failed) == (1, 1)
    assert "copy.md: is the library itself" in summary.results[0].message


@pytest.mark.parametrize(
    "argv",
    [
        ["merge", "{lib}"],
        ["merge", "{lib}-wal"],
        ["share", "-o", "{lib}", "--force"],
        ["share", "-o", "{lib}-wal", "--force"],
        ["export", "--format", "json", "--all", "-o", "{lib}", "--force"],
        ["export", "--all", "--single-file", "-o", "{lib}", "--force"],
    ],
)
def test_commands_refuse_the_library_as_their_file(
    library: Library, small_page: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    library.import_paths([small_page])
    library.tag_article(library.article_ids()[0], "标")
    lib = str(library.path)
    before = _sha(library.path)
    args = [a.replace("{lib}", lib) for a in argv]
    assert main(["--library", lib, *args]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is the library itself" in err, err
    assert _sha(library.path) == before
    assert library.check().ok
