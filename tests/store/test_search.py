"""Search over real pages: every article containing the query is found, and only those."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.store import searchtext
from reader.store.ids import ArticleId
from reader.store.library import Library

QUERIES = [
    "和浩",  # sub-word inside 呼和浩特
    "呼和浩特",
    "呼和浩特市",
    "赛罕区",
    "PM2.5",
    "pm2.5",
    "ＰＭ２．５",  # full width folds to the same
    "2.5",
    "M2",
    "2025年",
    "38.97",
    "3号线",
    "metro line",  # two terms, both Latin
    "科技 创新",  # two terms anywhere in the article
    "十四五",
    "“十四五”",
    "。",  # punctuation
    "的",
    "创新驱动启新程",  # title only
    "不存在的词语组合",
    "本报讯(记者",
]


def _haystacks(library: Library) -> dict[ArticleId, str]:
    out: dict[ArticleId, str] = {}
    for aid in library.article_ids():
        d = library.get_article(aid)
        out[aid] = searchtext.normalize(f"{d.article.title or ''}\n{d.text}\n{d.note}")
    return out


def _scan(hay: dict[ArticleId, str], query: str) -> set[ArticleId]:
    terms = searchtext.terms(query)
    return {aid for aid, h in hay.items() if terms and all(t in h for t in terms)}


def _found(library: Library, query: str) -> set[ArticleId]:
    return {h.id for h in library.search(query, limit=100_000)}


@pytest.fixture(scope="module")
def haystacks(corpus_library: Library) -> dict[ArticleId, str]:
    return _haystacks(corpus_library)


@pytest.mark.parametrize("query", QUERIES)
def test_search_equals_a_substring_scan(
    corpus_library: Library, haystacks: dict[ArticleId, str], query: str
) -> None:
    assert _found(corpus_library, query) == _scan(haystacks, query)


def test_the_query_set_is_not_trivial(haystacks: dict[ArticleId, str]) -> None:
    hits = [len(_scan(haystacks, q)) for q in QUERIES]
    assert sum(1 for h in hits if h) >= 12
    assert len(_scan(haystacks, "和浩")) >= 2


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_substring_of_indexed_text_finds_exactly_its_articles(
    corpus_library: Library, haystacks: dict[ArticleId, str], data: st.DataObject
) -> None:
    aid = data.draw(st.sampled_from(sorted(haystacks)))
    text = haystacks[aid]
    start = data.draw(st.integers(0, len(text) - 2))
    length = data.draw(st.integers(2, 12))
    query = text[start : start + length]
    if not searchtext.terms(query):
        return
    found = _found(corpus_library, query)
    assert aid in found
    assert found == _scan(haystacks, query)


HOSTILE = [
    '"',
    '""',
    "*",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "NEAR(和浩 特, 2)",
    "-",
    "-呼和浩特",
    "^",
    "^呼和",
    ":",
    "title:呼和浩特",
    "grams : x",
    "(",
    ")",
    "()",
    "(呼和浩特",
    "{title body}: 赛罕区",
    "'",
    "\\",
    "",
    "   ",
    "\x00",
    "\ud800",  # a lone surrogate, as argv can carry
    "呼和浩特" * 200,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(
    corpus_library: Library, haystacks: dict[ArticleId, str], query: str
) -> None:
    hits = corpus_library.search(query)
    assert {h.id for h in hits} <= _scan(haystacks, query) or not searchtext.terms(query)
    assert _found(corpus_library, query) == _scan(haystacks, query)


def test_empty_query_finds_nothing(corpus_library: Library) -> None:
    assert corpus_library.search("") == []
    assert corpus_library.search(" \t ") == []


def test_results_are_ranked_and_snippets_mark_hits(corpus_library: Library) -> None:
    hits = corpus_library.search("呼和浩特", limit=5)
    assert 0 < len(hits) <= 5
    scores = [h.score for h in hits]
    assert scores == sorted(scores)
    for h in hits:
        marked = h.snippet.marked()
        if h.snippet.marks:
            assert "【呼和浩特】" in marked
        assert "\n" not in h.snippet.text


def test_title_hits_rank_above_body_mentions(library: Library, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "rank.txt"
    page.write_text(
        "# 赛罕区举办冰雪节\n\n●本报记者 王晓\n\n本报讯(记者 王晓)冰雪节开幕,游客众多。\n\n"
        "# 新城区老旧小区改造\n\n●本报记者 李青\n\n本报讯(记者 李青)改造工程涉及多个小区,"
        "其中一处与赛罕区相邻。\n",
        encoding="utf-8",
    )
    library.import_paths([page])
    hits = library.search("赛罕区")
    assert next(h.title for h in hits) == "赛罕区举办冰雪节"
    assert len(hits) == 2


def test_notes_and_highlight_notes_are_searchable(library: Library, small_page) -> None:  # type: ignore[no-untyped-def]
    library.import_paths([small_page])
    first, second = library.article_ids()
    assert library.search("批注测试") == []
    library.set_note(first, "这是批注测试的笔记")
    hid, _ = library.add_highlight(second, 0, 4, note="高亮里的备忘")
    assert [h.id for h in library.search("批注测试")] == [first]
    assert [h.id for h in library.search("备忘")] == [second]
    # A term in the note and another in the body: both must be present.
    assert [h.id for h in library.search("批注 驿站")] == [first]
    assert library.search("批注 地铁") == []
    library.delete_highlight(hid)
    assert library.search("备忘") == []
    library.set_note(first, "")
    assert library.search("批注测试") == []
    assert library.check().ok


def test_count_matches(corpus_library: Library, haystacks: dict[ArticleId, str]) -> None:
    assert corpus_library.count_matches("呼和浩特") == len(_scan(haystacks, "呼和浩特"))
    assert corpus_library.count_matches("") == 0
