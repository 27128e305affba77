"""A process killed while the analysis catches up loses nothing that the next catch-up
does not redo, and the rows come out as an import analysing with its parse writes them;
the CLI's import analyses with its parse unless told to be quick."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.analysis import index as analysis
from reader.analysis.service import Analysis
from reader.store.library import Library
from tests.analysis.conftest import write_pages
from tests.analysis.test_analysis_after_import import _analysis_rows, _count, _note
from tests.store.test_concurrency import _pages, killed_at, run_killed

# A transaction per file; the one that dies has its signatures in, its band keys not yet.
CATCH_UP = killed_at(
    "INSERT INTO article_signatures",
    "Analysis(lib).catch_up_imported()",
    setup="from reader.analysis import index\n"
    "from reader.analysis.service import Analysis\n"
    "index.CATCH_UP_BATCH = 1",
)


@pytest.mark.slow
def test_a_killed_catch_up_loses_nothing_that_is_not_redone(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages", 4)
    lib_path = tmp_path / "library.sqlite"
    with Library.open(lib_path) as lib:
        lib.import_paths(pages, index=False, workers=1)
        total = len(lib.article_ids())
    run_killed(CATCH_UP, lib_path, 3)
    with Library.open(lib_path) as lib:
        assert lib.check().ok, lib.check().problems
        assert 0 < _count(lib_path, "article_signatures") < total  # two files' worth
        assert _note(lib_path, analysis.ANALYSIS_FROM)
        Analysis(lib).catch_up_imported()
    assert _count(lib_path, "article_signatures") == total
    assert not _note(lib_path, analysis.ANALYSIS_FROM)
    fresh = tmp_path / "fresh.sqlite"
    with Library.open(fresh) as lib:
        lib.import_paths(pages, workers=1)
    assert _analysis_rows(lib_path) == _analysis_rows(fresh)


def test_the_cli_import_analyses_unless_told_to_be_quick(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    pages = write_pages(tmp_path)
    full, quick = tmp_path / "full.sqlite", tmp_path / "quick.sqlite"
    assert main(["--library", str(full), "import", str(pages)]) == 0
    assert main(["--library", str(quick), "import", "--no-index", str(pages)]) == 0
    with sqlite3.connect(full) as conn:
        analysed = conn.execute("SELECT count(*) FROM article_signatures").fetchone()[0]
        assert analysed == conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert not _note(full, analysis.ANALYSIS_FROM) and not _note(full, analysis.BANDS_FROM)
    assert _count(quick, "article_signatures") == 0 and _note(quick, analysis.ANALYSIS_FROM)
    capsys.readouterr()
    assert main(["--library", str(quick), "entities", "--json"]) == 0  # catches up first
    assert "呼和浩特" in capsys.readouterr().out
    assert _analysis_rows(quick) == _analysis_rows(full)
