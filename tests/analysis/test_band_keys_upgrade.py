"""Band keys of 32 bits (migration 0015): a library whose band table holds the 64-bit
keys of 0014 gets them written again from its signatures by the analysis catch-up (the
window's indexer, an analysis command), not while it opens, and lists the same related
stories as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from reader.analysis import index as analysis
from reader.analysis import signature as sig
from reader.analysis.service import Analysis
from reader.store import database
from reader.store.library import Library
from tests.analysis.conftest import write_pages


def _keys_of_0014(blob: bytes) -> list[int]:
    """band_keys as schema 0014 computed them: 63-bit keys."""
    values = sig.to_array(blob)[: sig.BANDS * sig.ROWS].astype(np.uint64)
    values = values.reshape(sig.BANDS, sig.ROWS)
    with np.errstate(over="ignore"):
        keys = np.arange(sig.BANDS, dtype=np.uint64) * np.uint64(sig._MIX[2])
        for r in range(sig.ROWS):
            keys = (keys ^ values[:, r]) * np.uint64(sig._MIX[r % 2])
        keys ^= keys >> np.uint64(31)
    return [int(k) >> 1 for k in keys.tolist()]


def _rows(path: Path, sql: str) -> list[tuple[int, ...]]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute(sql).fetchall())


def _related(lib: Library) -> dict[int, list[tuple[int, float]]]:
    an = Analysis(lib)
    return {a: [(r.article_id, r.similarity) for r in an.related(a)] for a in lib.article_ids()}


def test_keys_are_signed_32_bit_integers() -> None:
    blob = sig.signature_of(["呼和浩特", "地铁", "试运行", "公里", "乘客"])
    keys = sig.band_keys(blob)
    assert len(keys) == sig.BANDS
    assert all(-(2**31) <= k < 2**31 for k in keys)
    assert len(set(keys)) == sig.BANDS  # the band's number is mixed in


def test_upgrading_writes_the_bands_again_with_the_same_related_stories(
    lib_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(lib_path) as lib:
        lib.import_paths([write_pages(tmp_path)])
    signatures = _rows(lib_path, "SELECT article_id, signature FROM article_signatures")
    old = {(k, a) for a, b in signatures if not sig.is_empty(b) for k in _keys_of_0014(b)}
    with sqlite3.connect(lib_path) as conn:  # the band table as 0014 wrote it
        conn.execute("DELETE FROM signature_bands")
        conn.executemany("INSERT INTO signature_bands (key, article_id) VALUES (?, ?)", old)
    with monkeypatch.context() as m, Library.open(lib_path) as lib:
        m.setattr(sig, "band_keys", _keys_of_0014)
        before = _related(lib)
    assert any(before.values())  # the reprint at least
    with sqlite3.connect(lib_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0014'")
    monkeypatch.setattr(analysis, "_BANDS_CHUNK", 2)  # several chunks in the rewrite
    with Library.open(lib_path) as lib:
        version = _rows(lib_path, "SELECT version_num FROM alembic_version")
        assert version == [(database.head_revision(),)]
        assert Analysis(lib).imported_waiting()  # the window's indexer starts on it
        Analysis(lib).catch_up_imported()
        want = {(k, a) for a, b in signatures if not sig.is_empty(b) for k in sig.band_keys(b)}
        assert set(_rows(lib_path, "SELECT key, article_id FROM signature_bands")) == want
        assert not _rows(lib_path, f"SELECT 1 FROM settings WHERE key = '{analysis.BANDS_FROM}'")
        assert _related(lib) == before


def test_a_crash_after_the_upgrade_leaves_the_bands_waiting(lib_path: Path, tmp_path: Path) -> None:
    """The migration's transaction clears the keys and marks them waiting; a library
    left between it and the rewrite (a crash) is caught up by the next catch-up."""
    with Library.open(lib_path) as lib:
        lib.import_paths([write_pages(tmp_path)])
        want = set(_rows(lib_path, "SELECT key, article_id FROM signature_bands"))
        related = _related(lib)
    with sqlite3.connect(lib_path) as conn:  # what 0015 committed, and nothing after it
        conn.execute("DELETE FROM signature_bands")
        conn.execute(f"INSERT INTO settings (key, value) VALUES ('{analysis.BANDS_FROM}', '0')")
    with Library.open(lib_path) as lib:
        Analysis(lib).catch_up_imported()
        assert set(_rows(lib_path, "SELECT key, article_id FROM signature_bands")) == want
        assert _related(lib) == related
