"""Asking for more hits only adds to the list: the window fetches them as the user scrolls."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import queries
from reader.store.library import Library
from reader.store.queries import Where

LIMITS = (1, 2, 3, 5, 8, 13, 40, 100_000)


@pytest.mark.parametrize("sort", queries.SORTS)
@pytest.mark.parametrize("query", ["记者", "的", "呼和浩特", "2025年", "科技 创新"])
def test_a_longer_list_keeps_a_shorter_lists_order(
    corpus_library: Library, query: str, sort: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small windows and chunks, so that several ranking windows and date walks are crossed.
    monkeypatch.setattr(queries, "RANK_CANDIDATES", 3)
    monkeypatch.setattr(queries, "SORT_ALL_BELOW", 4)
    monkeypatch.setattr(queries, "DATE_CHUNK", 5)
    for stories in (False, True):
        lists = [
            [h.id for h in corpus_library.search(query, limit=n, sort=sort, stories=stories)]
            for n in LIMITS
        ]
        longest = lists[-1]
        assert len(set(longest)) == len(longest)
        for n, got in zip(LIMITS, lists, strict=True):
            # A story's parts are one hit: a page may come out shorter, never different.
            assert got == longest[: len(got)], (n, stories)
            assert len(got) == min(n, len(longest)) or stories


def test_the_total_leaves_the_trash_out(library: Library, small_page: Path) -> None:
    from reader.cli import main

    library.import_paths([small_page])
    first, second = library.article_ids()
    assert library.count_matches("记者") == 2
    assert main(["--library", str(library.path), "delete", str(first)]) == 0
    assert [h.id for h in library.search("记者")] == [second]
    assert library.count_matches("记者") == 1
    assert library.count_matches("记者", Where(kinds=("article",))) == 1


def test_a_trashed_page_takes_its_articles_out_of_hits_and_totals(
    library: Library, small_page: Path, tmp_path: Path
) -> None:
    from reader.cli import main

    other = tmp_path / "pages" / "呼和浩特日报_2026-01-16_第04版.txt"
    other.write_text(small_page.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")
    library.import_paths([small_page, other])
    assert library.count_matches("记者") == 4
    page = library.get_article(library.article_ids()[0]).source.id
    assert main(["--library", str(library.path), "delete", "--page", str(page)]) == 0
    hits = library.search("记者", limit=10)
    assert len(hits) == 2 and all(library.get_article(h.id).source.id != page for h in hits)
    assert library.count_matches("记者") == 2
