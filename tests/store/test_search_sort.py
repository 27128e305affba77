"""Newest/oldest first and the bounded ranking: same hits as a scan, in the promised order."""

from __future__ import annotations

import pytest

from reader.store import search, searchtext
from reader.store.ids import ArticleId
from reader.store.library import Library
from tests.store.test_search import QUERIES, _haystacks, _scan


@pytest.fixture(scope="module")
def haystacks(corpus_library: Library) -> dict[ArticleId, str]:
    return _haystacks(corpus_library)


@pytest.mark.parametrize("walk", [False, True], ids=["sorted", "walked"])
@pytest.mark.parametrize("query", [q for q in QUERIES if searchtext.terms(q)][:12])
def test_newest_and_oldest_find_what_a_scan_finds_in_date_order(
    corpus_library: Library,
    haystacks: dict[ArticleId, str],
    query: str,
    walk: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if walk:  # the path frequent words take: the dated articles walked
        monkeypatch.setattr(search, "SORT_ALL_BELOW", 1)
    expected = _scan(haystacks, query)
    dates = {s.id: s.date for s in corpus_library.list_articles()}
    for sort in ("newest", "oldest"):
        hits = corpus_library.search(query, limit=100_000, sort=sort)
        assert {h.id for h in hits} == expected
        got = [dates[h.id] or "" for h in hits]
        dated = [d for d in got if d]
        assert dated == sorted(dated, reverse=sort == "newest")
    first = corpus_library.search(query, limit=3, sort="newest")
    full = corpus_library.search(query, limit=100_000, sort="newest")
    assert [h.id for h in first] == [h.id for h in full[:3]]


def test_ranking_only_bounded_candidates_still_finds_every_hit_asked_for(
    corpus_library: Library, haystacks: dict[ArticleId, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_CANDIDATES", 2)
    hits = corpus_library.search("的", limit=5)
    assert len(hits) == 5 and {h.id for h in hits} <= _scan(haystacks, "的")


def test_title_hits_come_first_and_fragments_after_whole_articles(
    corpus_library: Library,
) -> None:
    hits = corpus_library.search("呼和浩特", limit=100_000)
    in_title = ["呼和浩特" in searchtext.normalize(h.title or "") for h in hits]
    assert any(in_title) and not all(in_title)
    assert in_title == sorted(in_title, reverse=True)  # every title hit before the rest
    rest = [h.kind == "fragment" for h, t in zip(hits, in_title, strict=True) if not t]
    assert rest == sorted(rest)


def test_an_unknown_sort_is_a_bug(corpus_library: Library) -> None:
    with pytest.raises(ValueError):
        corpus_library.search("呼和浩特", sort="random")
