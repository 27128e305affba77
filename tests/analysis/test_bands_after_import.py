"""An import writes its articles' band keys once, after its files; an import that stops
in between (a crash) leaves a note that the next opening acts on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.analysis import index as analysis
from reader.analysis import signature as sig
from reader.store.library import Library
from tests.analysis.conftest import write_pages


def _bands(path: Path) -> set[tuple[int, int]]:
    with sqlite3.connect(path) as conn:
        return set(conn.execute("SELECT key, article_id FROM signature_bands"))


def _expected(path: Path) -> set[tuple[int, int]]:
    """The band keys of every stored signature, as store_many writes them."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT article_id, signature FROM article_signatures").fetchall()
    return {(k, a) for a, blob in rows if not sig.is_empty(blob) for k in sig.band_keys(blob)}


def _waiting(path: Path) -> bool:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT 1 FROM settings WHERE key = ?", (analysis.BANDS_FROM,))
        return row.fetchone() is not None


def test_an_import_leaves_every_band_key_and_no_note(lib_path: Path, tmp_path: Path) -> None:
    with Library.open(lib_path) as lib:
        assert lib.import_paths([write_pages(tmp_path)], index=False).imported == 3
    assert _bands(lib_path) and _bands(lib_path) == _expected(lib_path)
    assert not _waiting(lib_path)


def test_an_import_stopped_before_its_bands_is_caught_up_on_open(
    lib_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(lib_path) as lib:
        with monkeypatch.context() as m:
            m.setattr(analysis, "write_bands", lambda conn: None)  # the process dies here
            lib.import_paths([write_pages(tmp_path)], index=False)
        assert _waiting(lib_path)
        assert not _bands(lib_path)
    with Library.open(lib_path):
        pass
    assert _bands(lib_path) == _expected(lib_path)
    assert not _waiting(lib_path)
