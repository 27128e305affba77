"""Stories printed in parts are linked by marker, page, title and text evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.exchange.collect import load
from reader.store import metadata
from reader.store.continuations import Part, link, marker_page
from reader.store.ids import ArticleId
from reader.store.library import Library
from tests.conftest import SAMPLES
from tests.store.test_cli import run

PAGES = ["2026-02-26-page-01-yaowen.txt", "2026-02-26-page-03-zonghe.txt"]


@pytest.fixture
def two_pages(library: Library, tmp_path: Path) -> Library:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in PAGES:
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    assert library.import_paths([folder]).imported == 2
    return library


def _part(lib: Library, marker: str) -> ArticleId:
    for a in lib.article_ids():
        d = lib.get_article(a)
        if marker in (d.article.continued_on, d.article.continued_from):
            return a
    raise AssertionError(marker)


def test_parts_on_two_pages_of_one_issue_are_linked(
    two_pages: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _part(two_pages, "第3版"), _part(two_pages, "第1版")
    shown = json.loads(
        run(capsys, "--library", str(two_pages.path), "show", str(first), "--json")[1]
    )
    assert (shown["continued_on_id"], shown["continued_from_id"]) == (second, None)
    back = two_pages.get_article(second)
    assert (back.continued_from_id, back.continued_on_id) == (first, None)
    assert two_pages.story(second).parts == (first, second)
    # Search treats the story as one: both parts hold 完整社区, one hit stands for it.
    ids = [h.id for h in two_pages.search("呼和浩特 城市更新", limit=20, stories=True)]
    assert len({first, second} & set(ids)) == 1
    every = [h.id for h in two_pages.search("呼和浩特 城市更新", limit=20)]
    assert {first, second} <= set(every)  # the core still finds every part
    # On another date the pages are no longer one issue: nothing is linked.
    src = back.source.id
    two_pages.run(metadata.set_pages([src], date="2026-02-27"))
    assert two_pages.get_article(first).continued_on_id is None


def test_marker_pages() -> None:
    assert marker_page("第3版") == "3" and marker_page("第A03版") == "A3"
    assert marker_page(None) is None and marker_page("另见") is None


def _p(i: int, page: str, title: str, cf: str | None, co: str | None) -> Part:
    return Part(ArticleId(i), page, title, cf, co, "正文")


def test_ties_link_nothing_and_one_sided_markers_need_the_title() -> None:
    a = _p(1, "1", "甲", None, "第3版")
    b = _p(2, "3", "甲", "第1版", None)
    c = _p(3, "3", "乙", "第1版", None)
    assert [(lk.first, lk.then) for lk in link([a, b, c])] == [(1, 2)]  # the title decides
    twin = _p(4, "3", "甲", "第1版", None)
    assert link([a, b, twin]) == []  # two equal candidates: no guess
    lone = _p(5, "3", "丙", None, None)
    assert link([a, lone]) == []  # one marker, no title: not enough


parts = st.lists(
    st.builds(
        _p,
        st.integers(1, 30),
        st.sampled_from(["1", "2", "3"]),
        st.sampled_from(["甲", "乙"]),
        st.sampled_from([None, "第1版", "第2版", "第3版"]),
        st.sampled_from([None, "第1版", "第2版", "第3版"]),
    ),
    max_size=8,
    unique_by=lambda p: p.id,
)


@given(parts)
def test_each_part_continues_at_most_one_and_is_continued_by_at_most_one(ps: list[Part]) -> None:
    links = link(ps)
    assert len({lk.first for lk in links}) == len(links)
    assert len({lk.then for lk in links}) == len(links)
    by_id = {p.id: p for p in ps}
    for lk in links:
        assert "marker 下转" in lk.evidence
        assert marker_page(by_id[lk.first].continued_on) == by_id[lk.then].page


def test_exporting_one_part_exports_the_whole_story(two_pages: Library, tmp_path: Path) -> None:
    from reader.exchange.collect import select_articles
    from reader.exchange.markdown import export_markdown

    first, second = _part(two_pages, "第3版"), _part(two_pages, "第1版")
    assert two_pages.read(select_articles, articles=[str(second)]) == [first, second]
    lib = two_pages
    texts = [lib.get_article(a).text for a in (first, second)]
    quotes = [t.strip()[:8] for t in texts]
    lib.highlight_quote(first, quotes[0], occurrence=1, note="头版", tags=["城建"])
    lib.highlight_quote(second, quotes[1], occurrence=1, colour="blue", tags=["转版"])
    lib.set_note(second, "下文见第3版")
    out = tmp_path / "out"
    report = export_markdown(lib.read(load, lib.read(select_articles, articles=[str(first)])), out)
    assert report.articles == 2 and report.highlights == 2
    (one,) = out.glob("*.md")  # one story, one file
    title = lib.get_article(first).article.title
    assert one.name.startswith("2026-02-26 第1,3版 ")
    md = one.read_text(encoding="utf-8")
    assert md.count(f"# {title}") == 1
    assert md.index(quotes[0]) < md.index(quotes[1])  # its parts in reading order
    assert "头版" in md and "下文见第3版" in md and "#城建" in md and "#转版" in md
    assert 'page: "1,3"' in md and "(1,3)" in md  # the citation names both pages
    # One file with every article: the story is one section there too.
    single = tmp_path / "all.md"
    export_markdown(lib.read(load, lib.article_ids()), single, single_file=True)
    whole = single.read_text(encoding="utf-8")
    assert whole.count(f"# {title}") == 1 and whole.index(quotes[0]) < whole.index(quotes[1])
    # A part exported without its sibling (by a tag only it has) stays a part.
    alone = tmp_path / "alone"
    export_markdown(lib.read(load, lib.read(select_articles, tag="转版")), alone)
    (part,) = alone.glob("*.md")
    text = part.read_text(encoding="utf-8")
    assert quotes[1] in text and quotes[0] not in text


def test_cli_export_of_a_part_writes_the_story_once(
    two_pages: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _part(two_pages, "第3版"), _part(two_pages, "第1版")
    out = tmp_path / "cli"
    lib = ["--library", str(two_pages.path)]
    assert run(capsys, *lib, "export", "--article", str(second), "-o", str(out))[0] == 0
    (one,) = out.glob("*.md")
    md = one.read_text(encoding="utf-8")
    assert md.count("pizhu_id:") == 1 and 'page: "1,3"' in md
    assert f'pizhu_id: "{two_pages.get_article(first).uuid}"' in md  # named by its first part
