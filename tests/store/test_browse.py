"""Browsing queries: filtered ids, rows on demand, papers by date, facets, hit offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import browse
from reader.store.library import Library

PAGE_A = """\
# 第一篇文章标题

●本报记者 王某

本报讯 今天全市新建公园12个,市民纷纷点赞。

# 第二篇文章标题

●本报记者 李某 王某

城市公园越来越多。公园里人也越来越多。
"""

PAGE_B = """\
# 另一天的新闻

●本报记者 李某

公园之外,还有别的故事。
"""


@pytest.fixture
def lib(tmp_path: Path):
    a = tmp_path / "日报-2026-01-15-第3版.txt"
    b = tmp_path / "日报-2026-01-16-第1版.txt"
    c = tmp_path / "undated.txt"
    a.write_text(PAGE_A, encoding="utf-8")
    b.write_text(PAGE_B, encoding="utf-8")
    c.write_text(PAGE_B.replace("另一天", "无日期"), encoding="utf-8")
    library = Library.open(tmp_path / "lib.sqlite")
    summary = library.import_paths([a, b, c])
    assert summary.imported == 3
    yield library
    library.close()


def test_ids_in_library_order_and_rows_follow_the_given_order(lib: Library) -> None:
    ids = browse.article_ids(lib)
    assert ids == lib.article_ids()
    rows = browse.article_rows(lib, list(reversed(ids)))
    assert [r.id for r in rows] == list(reversed(ids))
    first = browse.article_rows(lib, ids[:1])[0]
    assert first.title == "第一篇文章标题"
    assert first.date == "2026-01-15" and first.page == "3"
    assert first.authors == ("王某",)


def test_filters(lib: Library) -> None:
    by_author = browse.article_ids(lib, browse.ArticleFilter(author="李某"))
    titles = [r.title for r in browse.article_rows(lib, by_author)]
    assert titles == ["第二篇文章标题", "另一天的新闻", "无日期的新闻"]
    dated = browse.article_ids(lib, browse.ArticleFilter(date="2026-01-16"))
    assert [r.title for r in browse.article_rows(lib, dated)] == ["另一天的新闻"]
    undated = browse.article_ids(lib, browse.ArticleFilter(date=browse.NO_DATE))
    assert [r.title for r in browse.article_rows(lib, undated)] == ["无日期的新闻"]
    assert browse.article_ids(lib, browse.ArticleFilter(kind="photo")) == []
    tag, _ = lib.ensure_tag("公园")
    lib.tag_article(by_author[0], tag)
    assert browse.article_ids(lib, browse.ArticleFilter(tag=tag)) == [by_author[0]]
    assert [(t.name, t.count) for t in browse.tag_counts(lib)] == [("公园", 1)]


def test_unknown_ids_are_left_out(lib: Library) -> None:
    assert browse.article_rows(lib, [10_000]) == []


def test_papers_by_date_then_page(lib: Library) -> None:
    dates = browse.paper_dates(lib)
    assert [(d.date, d.pages, d.articles) for d in dates] == [
        ("2026-01-16", 1, 1),
        ("2026-01-15", 1, 2),
        (browse.NO_DATE, 1, 1),
    ]
    pages = browse.pages_on(lib, "2026-01-15")
    assert [(p.page, p.articles) for p in pages] == [("3", 2)]
    assert len(browse.pages_on(lib, browse.NO_DATE)) == 1
    source = pages[0].id
    assert len(browse.article_ids(lib, browse.ArticleFilter(source=source))) == 2


def test_authors_most_prolific_first(lib: Library) -> None:
    assert browse.author_counts(lib) == [("李某", 3), ("王某", 2)]
    assert browse.article_count(lib) == 4


def test_hit_offsets_use_search_matching() -> None:
    body = "城市公园越来越多。PM2.5 公园"
    assert browse.first_hit(body, "公园") == (2, 4)
    assert browse.first_hit(body, "pm2.5") == (9, 14)
    assert browse.hits(body, "公园 多") == [(2, 4), (7, 8), (15, 17)]
    assert browse.first_hit(body, "   ") is None


def test_tag_filter_takes_nested_tags_and_highlight_tags(lib: Library) -> None:
    first, second, third, _ = lib.article_ids()
    place, _ = lib.ensure_tag("地点")
    district, _ = lib.ensure_tag("赛罕区", parent=place)
    lib.tag_article(first, district)
    hid, _ = lib.add_highlight(second, 0, 4)
    lib.tag_highlight(hid, place)
    assert browse.article_ids(lib, browse.ArticleFilter(tag=place)) == [first, second]
    assert browse.article_ids(lib, browse.ArticleFilter(tag=district)) == [first]
    assert lib.article_ids(tag="地点") == [first, second]
    counts = {c.name: c.count for c in browse.tag_counts(lib)}
    assert counts["地点"] == 2 and counts["赛罕区"] == 1
    # A deleted highlight no longer puts its article under the tag.
    lib.delete_highlight(hid)
    assert browse.article_ids(lib, browse.ArticleFilter(tag=place)) == [first]
    assert third not in lib.article_ids(tag="地点")
