"""After an import the articles are in the list at once; search catches up in the background."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.analysis import index as analysis
from reader.analysis.service import Analysis
from reader.store.library import Library
from tests.gui.conftest import make_app
from tests.gui.test_import import _many


def test_imported_articles_show_at_once_and_search_says_it_is_catching_up(  # type: ignore[no-untyped-def]
    qtbot, library: Library, settings, no_samples, tmp_path: Path, monkeypatch
) -> None:
    app = make_app(qtbot, library, settings)
    c = app.controller
    indexer = c.indexer
    start = indexer.start
    monkeypatch.setattr(indexer, "start", lambda: False)  # hold the indexer back a moment
    with qtbot.waitSignal(c.imports.done, timeout=30_000):
        c.imports.start(_many(tmp_path / "p", 4))
    # Stored and listed, not yet searchable: the result line says so.
    assert c.lib.articles.rowCount() > 0 and library.index_pending() > 0
    c.window.library.search_field.setText("城市1")
    c.search.run()
    assert "not yet indexed" in c.window.library.result_count.text()
    assert start()
    assert indexer.label.isVisibleTo(c.window)
    qtbot.waitUntil(lambda: not indexer.running, timeout=30_000)
    assert library.index_pending() == 0 and not indexer.label.isVisibleTo(c.window)
    # The index change re-ran the search: now complete.
    assert c.search.results.rowCount() > 0
    assert "not yet indexed" not in c.window.library.result_count.text()


def test_a_library_left_unindexed_is_indexed_when_the_window_opens(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, settings, no_samples
) -> None:
    path = tmp_path / "left.sqlite"
    with Library.open(path) as lib:
        lib.import_paths(_many(tmp_path / "q", 2), index=False)
        assert lib.index_pending() > 0
    library = Library.open(path)
    try:
        app = make_app(qtbot, library, settings)
        indexer = app.controller.indexer
        qtbot.waitUntil(lambda: not indexer.running, timeout=30_000)
        assert library.index_pending() == 0
        assert library.search("城市1")
        # The analysis the import left for later caught up too.
        assert not Analysis(library).imported_waiting()
        assert Analysis(library).related_if_analysed(library.article_ids()[0]) is not None
    finally:
        app.window.close()
        library.close()


def test_band_keys_left_waiting_are_written_after_the_window_opens(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, settings, no_samples
) -> None:
    """Band keys an upgrade (0015) or a stopped import left are written by the indexer,
    once the window is up, instead of holding the library's opening."""
    path = tmp_path / "bands.sqlite"
    with Library.open(path) as lib:
        lib.import_paths(_many(tmp_path / "b", 2))
    with sqlite3.connect(path) as conn:
        want = sorted(conn.execute("SELECT key, article_id FROM signature_bands"))
        conn.execute("DELETE FROM signature_bands")
        conn.execute(f"INSERT INTO settings (key, value) VALUES ('{analysis.BANDS_FROM}', '0')")
    library = Library.open(path)
    try:
        app = make_app(qtbot, library, settings)
        indexer = app.controller.indexer
        qtbot.waitUntil(lambda: not indexer.running and not Analysis(library).imported_waiting())
        with sqlite3.connect(path) as conn:
            assert sorted(conn.execute("SELECT key, article_id FROM signature_bands")) == want
    finally:
        app.window.close()
        library.close()


def test_closing_the_window_stops_the_indexer_for_good(  # type: ignore[no-untyped-def]
    qtbot, library: Library, settings, no_samples, tmp_path: Path
) -> None:
    library.import_paths(_many(tmp_path / "r", 3), index=False)
    waiting = library.index_pending()
    app = make_app(qtbot, library, settings)
    indexer = app.controller.indexer
    app.window.close()  # stops after the current batch; what is left stays queued
    assert not indexer.running and not indexer.start()
    assert 0 <= library.index_pending() <= waiting
    assert library.check().ok
