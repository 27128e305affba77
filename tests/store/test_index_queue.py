"""Articles are readable at once; the search index catches up after them, crash-safe."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.store import searchtext
from reader.store.library import Library
from tests.store.test_concurrency import _pages, killed_at, run_killed

# The batch whose transaction dies half-written: index rows in, the queue not yet updated.
INDEXER = killed_at("INSERT INTO search_articles", "lib.build_index(batch=3)")


def _text(lib: Library, article_id: int) -> str:
    detail = lib.get_article(article_id)
    return f"{detail.article.title or ''}\n{detail.text}"


def _scan(lib: Library, term: str) -> set[int]:
    norm = searchtext.normalize(term)
    return {
        i
        for i in lib.article_ids()
        if norm
        in searchtext.normalize(
            f"{lib.get_article(i).article.title or ''}\n{lib.get_article(i).text}"
        )
    }


def test_imported_articles_are_readable_before_they_are_searchable(
    library: Library, small_page: Path
) -> None:
    summary = library.import_paths([small_page], index=False)
    assert summary.articles == 2
    assert library.index_pending() == 2
    (first, _) = library.article_ids()
    assert "便民驿站" in library.get_article(first).text  # readable now
    assert library.search("驿站") == []  # not yet searchable: the window says so
    assert library.check().ok  # waiting is not damage
    assert library.build_index() == 2
    assert library.index_pending() == 0
    assert [h.id for h in library.search("驿站")] == [first]


def test_deleting_a_waiting_page_leaves_a_sound_index(library: Library, small_page: Path) -> None:
    library.import_paths([small_page], index=False)
    (src,) = library.sources()
    library.delete_source(src.id)
    assert library.index_pending() == 0
    assert library.check().ok


def test_cli_search_catches_the_index_up_first(
    tmp_path: Path, small_page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    lib_path = str(tmp_path / "cli.sqlite")
    assert main(["--library", lib_path, "import", "--no-index", str(small_page)]) == 0
    with Library.open(lib_path) as lib:
        assert lib.index_pending() == 2
    capsys.readouterr()
    assert main(["--library", lib_path, "search", "地铁", "--json"]) == 0
    assert '"title": "呼和浩特地铁3号线试运行"' in capsys.readouterr().out
    with Library.open(lib_path) as lib:
        assert lib.index_pending() == 0


@pytest.mark.slow
def test_a_killed_indexer_loses_nothing_that_is_not_redone(tmp_path: Path) -> None:
    lib_path = tmp_path / "library.sqlite"
    with Library.open(lib_path) as lib:
        lib.import_paths(_pages(tmp_path / "pages", 6), index=False, workers=1)
        waiting = lib.index_pending()
    assert waiting > 12
    indexed = 0
    for kill_at in (2, 3):
        run_killed(INDEXER, lib_path, kill_at)
        with Library.open(lib_path) as lib:
            assert lib.check().ok, lib.check().problems
            indexed += (kill_at - 1) * 3  # the batches before the one that died
            assert lib.index_pending() == waiting - indexed
    with Library.open(lib_path) as lib:
        lib.build_index()
        assert lib.index_pending() == 0 and lib.check().ok
        for term in ("记者", "呼和浩特", "和浩", "仅供测试", "PM2.5"):
            assert {h.id for h in lib.search(term, limit=10_000)} == _scan(lib, term), term


def _recorder(seen: list[tuple[int, int]]) -> Callable[[int, int], None]:
    return lambda done, total: seen.append((done, total))


@pytest.mark.slow
def test_worker_processes_build_the_same_index(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages", 6)
    results = []
    for workers in (1, 2):
        with Library.open(tmp_path / f"lib-{workers}.sqlite") as lib:
            lib.import_paths(pages, index=False, workers=1)
            seen: list[tuple[int, int]] = []
            indexed = lib.build_index(progress=_recorder(seen), batch=5, workers=workers)
            assert indexed == seen[-1][0] == seen[-1][1] > 10
            assert lib.index_pending() == 0 and lib.check().ok
            results.append(
                [
                    sorted(h.id for h in lib.search(t, limit=10_000))
                    for t in ("记者", "呼和浩特", "和浩", "PM2.5", "仅供测试")
                ]
            )
    assert results[0] == results[1]


def test_a_library_indexed_by_another_tokenizer_is_requeued_on_open(
    lib_path: Path, small_page: Path
) -> None:
    with Library.open(lib_path) as lib:
        lib.import_paths([small_page])
        lib.set_note(lib.article_ids()[0], "笔记里的青城")
    with sqlite3.connect(lib_path) as conn:
        conn.execute(
            "UPDATE settings SET value = 'scheme=3;jieba=old' WHERE key = 'search.tokenizer'"
        )
    with Library.open(lib_path) as lib:  # opens at once: nothing is tokenized here
        assert lib.index_pending() == 2 and lib.check().ok
        assert lib.search("青城")  # the notes index is rebuilt on the spot (it is small)
        assert not lib.search("地铁")
        lib.build_index()
        assert [h.title for h in lib.search("地铁")] == ["呼和浩特地铁3号线试运行"]
        assert lib.check().ok
