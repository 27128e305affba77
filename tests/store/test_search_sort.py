"""Newest/oldest first and the bounded ranking: same hits as a scan, in the promised order."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import queries, searchtext
from reader.store.ids import ArticleId
from reader.store.library import Library
from reader.store.queries import Where
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
        monkeypatch.setattr(queries, "SORT_ALL_BELOW", 1)
        monkeypatch.setattr(queries, "DATE_CHUNK", 3)
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
    monkeypatch.setattr(queries, "RANK_CANDIDATES", 2)
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


def _summaries(lib: Library) -> dict[ArticleId, object]:
    return {s.id: s for s in lib.list_articles()}


@pytest.mark.parametrize("query", ["呼和浩特", "记者", "的", "2025年", "科技 创新"])
def test_filters_narrow_to_exactly_the_scan_within_them(
    corpus_library: Library, haystacks: dict[ArticleId, str], query: str
) -> None:
    everything = _scan(haystacks, query)
    rows = {s.id: s for s in corpus_library.list_articles()}
    dates = sorted({s.date for s in rows.values() if s.date})
    assert len(dates) >= 2
    since, until = dates[len(dates) // 3], dates[2 * len(dates) // 3]
    authors = [a for s in rows.values() for a in s.authors]
    author = max(set(authors), key=authors.count)
    cases = [
        ({"since": since}, lambda s: s.date is not None and s.date >= since),
        ({"until": until}, lambda s: s.date is not None and s.date <= until),
        ({"since": since, "until": until}, lambda s: s.date and since <= s.date <= until),
        ({"kinds": ("fragment",)}, lambda s: s.kind == "fragment"),
        ({"kinds": ("article", "photo")}, lambda s: s.kind in ("article", "photo")),
        ({"author": author}, lambda s: author in s.authors),
    ]
    for where, keep in cases:
        expected = {i for i in everything if keep(rows[i])}
        for sort in ("relevance", "newest"):
            found = corpus_library.search(query, limit=100_000, sort=sort, where=Where(**where))
            assert {h.id for h in found} == expected, (where, sort)
        assert corpus_library.count_matches(query, Where(**where)) == len(expected)
    assert corpus_library.count_matches(query) == len(everything)


def test_a_tag_filter_finds_the_tagged_hits_only(library: Library, small_page: Path) -> None:
    library.import_paths([small_page])
    first, second = library.article_ids()
    from reader.cli import main

    assert main(["--library", str(library.path), "tag", str(second), "交通"]) == 0
    assert [h.id for h in library.search("记者", where=Where(tag="交通"))] == [second]
    assert library.count_matches("记者", Where(tag="交通")) == 1
    assert {h.id for h in library.search("记者")} == {first, second}


def test_cli_search_json_carries_the_total_and_all_gives_every_hit(
    corpus_library: Library, haystacks: dict[ArticleId, str], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from reader.cli import main

    expected = _scan(haystacks, "记者")
    assert len(expected) > 3
    args = ["--library", str(corpus_library.path), "search", "记者", "--json"]
    assert main([*args, "--limit", "2", "--sort", "newest"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] == len(expected) and len(out["results"]) == 2
    assert main([*args, "--all"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in out["results"]} == expected
