"""Every item model passes qtmodeltester; the article table fetches rows on demand."""

from __future__ import annotations

from reader.gui.models import (
    ID_ROLE,
    ArticleTableModel,
    FacetModel,
    PaperTreeModel,
    SearchResultsModel,
)
from reader.store import browse
from reader.store.browse import ArticleRowView, PageView, PaperDate
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


def test_paper_tree_model_loads_pages_when_expanded(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    dates = [
        PaperDate("2026-01-02", 2, 5),
        PaperDate("2026-01-01", 1, 3),
        PaperDate(browse.NO_DATE, 1, 1),
    ]
    loaded: list[str] = []

    def pages(d: str) -> list[PageView]:
        loaded.append(d)
        n = next(x.pages for x in dates if x.date == d)
        return [
            PageView(
                SourceId(i + 10 * len(loaded)), f"{d}-{i}.txt", "晚报", d or None, str(i + 1), 2
            )
            for i in range(n)
        ]

    model = PaperTreeModel(lambda: dates, pages)
    model.reload()
    assert loaded == []
    top = model.index(0, 0)
    assert model.hasChildren(top) and model.rowCount(top) == 0 and model.canFetchMore(top)
    model.fetchMore(top)
    assert loaded == ["2026-01-02"] and model.rowCount(top) == 2
    child = model.index(1, 0, top)
    assert model.parent(child) == top
    assert child.data() == "晚报 · Page 2  (2)"
    assert model.node(child)[0] == "page"
    assert model.index(2, 0).data().startswith("Undated pages")
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
