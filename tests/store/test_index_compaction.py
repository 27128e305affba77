"""After a large indexing run the article index is merged into one segment and the
freed pages go back to the file system; hits are the same before, during and after."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.store import indexing, pagetext, searchtext
from reader.store.library import Library
from tests.store.conftest import SMALL_PAGE, variant

FIXTURES = Path(__file__).resolve().parent / "fixtures"
QUERIES = ("本报讯", "和浩", "pm2.5", "3号线", "第7号", "便民驿站 公园", "补充说明", "15座")


def _pages(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        page = folder / f"呼和浩特日报_2026-01-{i % 28 + 1:02d}_第{i:02d}版.txt"
        page.write_text(variant(SMALL_PAGE, i), encoding="utf-8")
    return folder


def _segments(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(
            conn.execute("SELECT count(DISTINCT segid) FROM search_articles_idx").fetchone()[0]
        )


def _pragma(path: Path, name: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"PRAGMA {name}").fetchone()[0])


def _hits(lib: Library) -> dict[str, list[int]]:
    return {q: sorted(h.id for h in lib.search(q, limit=1000)) for q in QUERIES}


def test_a_large_run_leaves_one_segment_and_no_free_pages(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _pragma(library.path, "auto_vacuum") == indexing.INCREMENTAL  # a new library
    library.import_paths([_pages(tmp_path / "pages", 40)], index=False)
    monkeypatch.setattr(indexing, "COMPACT_FROM", 1)
    library.build_index(batch=3, workers=1)  # many small segments, merged at the end
    assert _segments(library.path) == 1
    assert _pragma(library.path, "freelist_count") == 0
    assert library.check(full=True).problems == ()
    assert _hits(library) == _scan(library.path)


def _scan(path: Path) -> dict[str, list[int]]:
    """What the search must find: every article containing every term."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, title, text FROM articles").fetchall()
    texts = {i: searchtext.normalize(f"{t or ''} {pagetext.decode(b)}") for i, t, b in rows}
    return {
        q: sorted(i for i, s in texts.items() if all(t in s for t in searchtext.terms(q)))
        for q in QUERIES
    }


def test_compaction_stopped_midway_or_done_keeps_every_hit(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.import_paths([_pages(tmp_path / "pages", 40)], index=False)
    library.build_index(batch=3, workers=1)  # too few articles: not compacted
    assert _segments(library.path) > 1
    before = _hits(library)
    monkeypatch.setattr(indexing, "MERGE_PAGES", 1)
    steps = iter(range(2))
    indexing.compact(library._write, cancel=lambda: next(steps, None) is None)
    assert library.check(full=True).problems == () and _hits(library) == before
    indexing.compact(library._write)
    assert _segments(library.path) == 1
    assert library.check(full=True).problems == () and _hits(library) == before


def test_an_older_library_is_compacted_and_keeps_its_free_pages_for_reuse(
    tmp_path: Path,
) -> None:
    path = tmp_path / "library.sqlite"
    shutil.copyfile(FIXTURES / "library-0004.sqlite", path)
    lib = Library.open(path)
    try:
        lib.build_index()
        assert _pragma(path, "auto_vacuum") == 0
        before = _hits(lib)
        indexing.compact(lib._write)
        assert _segments(path) == 1
        assert lib.check(full=True).problems == () and _hits(lib) == before
    finally:
        lib.close()
