"""Every item model passes qtmodeltester; the article table fetches rows on demand."""

from __future__ import annotations

from reader.gui.models import (
    ID_ROLE,
    ArticleTableModel,
    FacetModel,
    SearchResultsModel,
)
from reader.gui.paper_tree import PaperTreeModel
from reader.store.browse import ArticleRowView, PageView
from reader.store.ids import ArticleId, SourceId
from reader.store.searchtext import Snippet
from reader.store.views import SearchHit


def _rows(ids):  # type: ignore[no-untyped-def]
    return [
        ArticleRowView(
            ArticleId(i),
            f"标题{i}" if i % 7 else None,
            "article",
            "2026-01-01",
            "3",
            None,
            "p.txt",
            ("王某",),
            (),
        )
        for i in ids
    ]


def test_article_table_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ArticleTableModel(_rows)
    model.set_ids([ArticleId(i) for i in range(1, 1001)])
    qtmodeltester.check(model, force_py=True)
    assert model.index(6, 0).data() == "(untitled)"
    assert model.index(0, 0).data() == "标题1"
    assert model.index(0, 0).data(ID_ROLE) == 1


def test_article_rows_are_fetched_in_chunks_on_demand() -> None:
    asked: list[int] = []

    def fetch(ids):  # type: ignore[no-untyped-def]
        asked.append(len(ids))
        return _rows(ids)

    model = ArticleTableModel(fetch)
    model.set_ids([ArticleId(i) for i in range(100_000)])
    assert asked == []  # nothing is read until a view asks
    assert model.rowCount() == 100_000
    model.index(50_000, 0).data()
    model.index(50_001, 1).data()
    assert asked == [ArticleTableModel.CHUNK]
    for row in range(0, 100_000, ArticleTableModel.CHUNK):
        model.index(row, 0).data()
    assert len(model._cache) <= ArticleTableModel.MAX_CHUNKS  # the cache stays bounded


def test_paper_tree_goes_paper_year_month_issue_page_article(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    pages = [
        PageView(SourceId(1), "a.txt", "晚报", "2026-01-02", "12", 2, "体育"),
        PageView(SourceId(2), "b.txt", "晚报", "2026-01-02", "3", 3, "要闻"),
        PageView(SourceId(3), "c.txt", "晚报", "2025-12-31", "1", 1),
        PageView(SourceId(4), "d.txt", None, "2026-01-02", "1", 1),
        PageView(SourceId(5), "scan-7.txt", None, None, None, 4),
    ]
    loaded: list[int] = []

    def articles(source: SourceId) -> list[tuple[ArticleId, str | None]]:
        loaded.append(int(source))
        return [(ArticleId(100 + i), f"标题{i}") for i in range(2)]

    counts = {p.id: p.articles for p in pages}
    model = PaperTreeModel(lambda: (pages, counts.__getitem__), articles)
    model.reload()
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert labels == ["晚报  (6)", "Unknown paper  (1)", "Undated pages  (4)"]
    paper = model.index(0, 0)
    years = [model.index(r, 0, paper).data() for r in range(model.rowCount(paper))]
    assert years == ["2026  (5)", "2025  (1)"]  # newest first
    month = model.index(0, 0, model.index(0, 0, paper))
    issue = model.index(0, 0, month)
    assert issue.data() == "2026-01-02  (5)"
    assert model.canFetchMore(issue)  # its pages become nodes when it is expanded
    model.fetchMore(issue)
    # Pages in page order (3 before 12), with 版次 and 版名.
    assert [model.index(r, 0, issue).data() for r in range(2)] == [
        "Page 3 要闻  (3)",
        "Page 12 体育  (2)",
    ]
    page = model.index(0, 0, issue)
    assert loaded == [] and model.canFetchMore(page)
    model.fetchMore(page)
    assert loaded == [2] and model.index(1, 0, page).data() == "标题1"
    assert model.node(model.index(1, 0, page)) == ("article", 101)
    undated = model.index(2, 0)
    model.fetchMore(undated)
    assert model.index(0, 0, undated).data() == "scan-7.txt  (4)"  # its file name
    assert model.find("page", SourceId(3)) is not None  # in an issue not expanded yet
    assert model.issue_dates() == {"2026-01-02", "2025-12-31"}
    qtmodeltester.check(model, force_py=True)


def test_facet_and_search_models(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    facets = FacetModel()
    facets.set_items([(None, "All"), ("王某", "王某 (3)")])
    qtmodeltester.check(facets, force_py=True)
    assert facets.row_of("王某") == 1 and facets.value(1) == "王某"
    results = SearchResultsModel()
    hit = SearchHit(
        ArticleId(3),
        "u",
        "标题",
        "article",
        "p.txt",
        "2026-01-01",
        -1.0,
        Snippet("…公园很多…", ((1, 3),)),
    )
    results.set_hits("公园", [hit, hit])
    qtmodeltester.check(results, force_py=True)
    assert results.index(0, 0).data() == "标题"


def test_search_results_fetch_more_as_asked_and_stop_at_the_end(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    hits = [
        SearchHit(ArticleId(i), f"u{i}", f"标题{i}", "article", "p.txt", None, 0.0, Snippet("", ()))
        for i in range(7)
    ]
    asked: list[int] = []

    def fetch(n: int) -> list[SearchHit]:
        asked.append(n)
        return hits[:n]

    results = SearchResultsModel()
    results.page = 3
    results.set_search("公园", fetch, len(hits), hits[:3])
    qtmodeltester.check(results, force_py=True)  # the tester fetches every row, as a view would
    assert [results.hit(r).id for r in range(results.rowCount())] == list(range(7))
    assert not results.canFetchMore() and asked == [6, 9]
    # A story's parts collapse: fewer hits than the total, and fetching stops when none come.
    results.set_search("公园", lambda n: hits[:4], 9, hits[:4])
    results.fetchMore()
    assert results.rowCount() == 4 and not results.canFetchMore()
