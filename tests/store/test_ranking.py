"""BM25 over a window of candidates (reader.store.ranking): FTS5's formula, bounded work."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.store import ranking
from reader.store.library import Library
from tests.store.conftest import SMALL_PAGE

FILLER = st.text(st.sampled_from("的了在是有和人这中大为上个国"), min_size=0, max_size=60)


@given(FILLER, st.integers(1, 5), st.integers(0, 4))
def test_more_occurrences_in_as_long_a_text_rank_higher(filler: str, n: int, more: int) -> None:
    few = ranking.folded(None, "记者" * n + "报" * (2 * more) + filler)
    many = ranking.folded(None, "记者" * (n + more) + filler)
    assert len(few) == len(many)
    got = ranking.scores({1: few, 2: many}, {"记者": 1.0})
    assert got[2] <= got[1] < 0
    if more:
        assert got[2] < got[1]


@given(FILLER, st.integers(1, 4))
def test_a_shorter_text_with_the_same_hits_ranks_higher(filler: str, n: int) -> None:
    got = ranking.scores(
        {1: ranking.folded(None, "记者" * n + filler + "报道" * 20), 2: "记者" * n + filler},
        {"记者": 1.0},
    )
    assert got[2] < got[1]


@given(FILLER)
def test_a_text_without_the_terms_scores_zero(filler: str) -> None:
    assert ranking.scores({7: filler}, {"记者": 1.0, "新闻": 2.0}) == {7: 0.0}


def test_terms_compare_with_the_folded_text() -> None:
    assert ranking.folded("ＰＭ２.５", "Metro （记者）") == "pm2.5 metro (记者)"


def test_a_rarer_term_weighs_more(library: Library, small_page: Path, tmp_path: Path) -> None:
    pages = tmp_path / "more"
    pages.mkdir()
    for i in range(6):
        page = pages / f"呼和浩特日报_2026-02-{i + 1:02d}_第01版.txt"
        page.write_text(SMALL_PAGE.replace("王晓", f"王晓{i}"), encoding="utf-8")
    library.import_paths([small_page, pages])
    with library.reading() as tx:
        weights = ranking.idf(tx.conn, ["本报讯", "王晓3"])
        single = ranking.idf(tx.conn, ["本报讯"])
    assert single == {"本报讯": 1.0}
    assert weights["王晓3"] > weights["本报讯"] > 0
