"""An import stores its articles without their analysis (entities, signatures, band
keys): they are readable at once, and the analysis catches up after the files. An
import or a catch-up that stops in between (a crash) leaves a note that the next
catch-up acts on; band keys an older import left are written by the next catch-up, not
while the library opens."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.analysis import index as analysis
from reader.analysis import signature as sig
from reader.analysis.service import Analysis
from reader.store import pagetext
from reader.store.library import Library
from tests.analysis.conftest import write_pages

TABLES = ("entities", "article_entities", "article_signatures", "signature_bands")


def _bands(path: Path) -> set[tuple[int, int]]:
    with sqlite3.connect(path) as conn:
        return set(conn.execute("SELECT key, article_id FROM signature_bands"))


def _expected(path: Path) -> set[tuple[int, int]]:
    """The band keys of every stored signature, as store_many writes them."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT article_id, signature FROM article_signatures").fetchall()
    return {(k, a) for a, blob in rows if not sig.is_empty(blob) for k in sig.band_keys(blob)}


def _note(path: Path, key: str) -> bool:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT 1 FROM settings WHERE key = ?", (key,))
        return row.fetchone() is not None


def _analysis_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}")) for t in TABLES}


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_articles_are_readable_before_their_analysis(lib_path: Path, tmp_path: Path) -> None:
    with Library.open(lib_path) as lib:
        assert lib.import_paths([write_pages(tmp_path)], index=False).imported == 3
        assert lib.article_ids() and _count(lib_path, "article_signatures") == 0
        assert Analysis(lib).imported_waiting()
        done = Analysis(lib).catch_up_imported()
        assert done == len(lib.article_ids())
        assert not Analysis(lib).imported_waiting()
    assert _bands(lib_path) and _bands(lib_path) == _expected(lib_path)
    assert not _note(lib_path, analysis.ANALYSIS_FROM)


def test_the_catch_up_writes_what_an_import_analysing_each_file_wrote(tmp_path: Path) -> None:
    """Entity ids too: the catch-up goes file by file, as the import did."""
    pages = write_pages(tmp_path)
    later, now = tmp_path / "later.sqlite", tmp_path / "now.sqlite"
    with Library.open(later) as lib:
        lib.import_paths([pages], index=False, workers=1)
        Analysis(lib).catch_up_imported()
    with Library.open(now) as lib:
        lib.import_paths([pages], workers=1)  # the CLI's import: analysed before it returns
    assert _analysis_rows(later) == _analysis_rows(now)
    with sqlite3.connect(now) as conn:
        for article_id, title, text in conn.execute("SELECT id, title, text FROM articles"):
            blob = conn.execute(
                "SELECT signature FROM article_signatures WHERE article_id = ?", (article_id,)
            ).fetchone()[0]
            assert blob == analysis.analyse(title, pagetext.decode(text)).signature


def test_a_catch_up_that_stops_half_way_is_finished_by_the_next(
    lib_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = write_pages(tmp_path)
    with Library.open(lib_path) as lib:
        lib.import_paths([pages], index=False, workers=1)
        analyse_file = analysis._analyse_file
        calls = 0

        def dies_on_the_second_file(conn: object, ids: list[int]) -> None:
            nonlocal calls
            calls += 1
            if calls == 2:
                raise RuntimeError("the process dies here")
            analyse_file(conn, ids)  # type: ignore[arg-type]

        with monkeypatch.context() as m:
            m.setattr(analysis, "CATCH_UP_BATCH", 1)  # a transaction per file
            m.setattr(analysis, "_analyse_file", dies_on_the_second_file)
            with pytest.raises(RuntimeError):
                Analysis(lib).catch_up_imported()
        assert 0 < _count(lib_path, "article_signatures") < len(lib.article_ids())
        assert _note(lib_path, analysis.ANALYSIS_FROM)
    with Library.open(lib_path) as lib:
        assert Analysis(lib).catch_up_imported() > 0
        assert _count(lib_path, "article_signatures") == len(lib.article_ids())
    assert not _note(lib_path, analysis.ANALYSIS_FROM)
    fresh = tmp_path / "fresh.sqlite"
    with Library.open(fresh) as lib:
        lib.import_paths([pages], workers=1)
    assert _analysis_rows(lib_path) == _analysis_rows(fresh)


def test_related_and_entities_catch_up_first(lib_path: Path, tmp_path: Path) -> None:
    with Library.open(lib_path) as lib:
        lib.import_paths([write_pages(tmp_path)], index=False)
        an = Analysis(lib)
        first = lib.article_ids()[0]
        assert an.related_if_analysed(first) is None  # the window says: not analysed yet
        assert an.related(first) is not None
        assert not an.imported_waiting()
        assert any(e.name == "呼和浩特" for e in an.entities())


def test_band_keys_an_older_import_left_are_written_by_the_next_catch_up(
    lib_path: Path, tmp_path: Path
) -> None:
    with Library.open(lib_path) as lib:
        lib.import_paths([write_pages(tmp_path)])
    want = _bands(lib_path)
    assert want == _expected(lib_path)
    with sqlite3.connect(lib_path) as conn:  # as an import before this one stopped
        conn.execute("DELETE FROM signature_bands")
        conn.execute("INSERT INTO settings (key, value) VALUES (?, '1')", (analysis.BANDS_FROM,))
    with Library.open(lib_path) as lib:
        assert not _bands(lib_path)  # opening does not wait for them
        an = Analysis(lib)
        assert an.imported_waiting()  # so the window's indexer starts
        an.catch_up_imported()
    assert _bands(lib_path) == want
    assert not _note(lib_path, analysis.BANDS_FROM)


def test_an_import_that_waits_for_everything_analyses_with_the_parse(
    lib_path: Path, tmp_path: Path
) -> None:
    """The CLI's import (index=True): analysed in the parse, band keys written after the
    files, nothing left waiting."""
    with Library.open(lib_path) as lib:
        lib.import_paths([write_pages(tmp_path)])
        assert _count(lib_path, "article_signatures") == len(lib.article_ids())
    assert _bands(lib_path) and _bands(lib_path) == _expected(lib_path)
    assert not _note(lib_path, analysis.ANALYSIS_FROM)
    assert not _note(lib_path, analysis.BANDS_FROM)
