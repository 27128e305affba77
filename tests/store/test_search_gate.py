"""Filters are asked of the candidates a search looks at (reader.store.queries.Gate);
past a number of turned-away candidates the set of every allowed article is asked
instead. Either way the hits are exactly the matching articles the filters let through."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.store import pagetext, queries, searchtext
from reader.store.library import Library
from reader.store.queries import Where
from tests.store.conftest import SMALL_PAGE, variant

QUERIES = ("本报讯", "记者", "公园", "补充说明")


@pytest.fixture(scope="module")
def dated_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    root = tmp_path_factory.mktemp("gate")
    pages = root / "pages"
    pages.mkdir()
    for i in range(24):
        page = (
            pages / f"呼和浩特日报_2026-{i % 12 + 1:02d}-{i % 27 + 1:02d}_第{i % 4 + 1:02d}版.txt"
        )
        page.write_text(variant(SMALL_PAGE, i), encoding="utf-8")
    lib = Library.open(root / "library.sqlite")
    lib.import_paths([pages])
    yield lib
    lib.close()


def _expected(lib: Library, q: str, where: Where) -> set[int]:
    with sqlite3.connect(lib.path) as conn:
        rows = conn.execute(
            "SELECT a.id, a.title, a.text, a.kind, s.page_date FROM articles a "
            "JOIN source_files s ON s.id = a.source_id"
        ).fetchall()
    terms = searchtext.terms(q)
    return {
        aid
        for aid, title, body, kind, date in rows
        if all(t in searchtext.normalize(f"{title or ''} {pagetext.decode(body)}") for t in terms)
        and (where.since is None or (date or "") >= where.since)
        and (where.until is None or (date is not None and date <= where.until))
        and (not where.kinds or kind in where.kinds)
    }


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=st.sampled_from(QUERIES),
    since=st.sampled_from([None, "2026-03-01", "2026-09-15"]),
    until=st.sampled_from([None, "2026-04-30", "2026-11-01"]),
    kinds=st.sampled_from([(), ("article",), ("fragment",)]),
    sort=st.sampled_from(queries.SORTS),
    asks=st.sampled_from([0, 3, 10_000]),
)
def test_filtered_hits_are_the_matching_articles_let_through(
    dated_library: Library,
    monkeypatch: pytest.MonkeyPatch,
    q: str,
    since: str | None,
    until: str | None,
    kinds: tuple[str, ...],
    sort: str,
    asks: int,
) -> None:
    monkeypatch.setattr(queries, "GATE_ASKS_UP_TO", asks)
    monkeypatch.setattr(queries, "SORT_ALL_BELOW", 5)  # walk the date order in chunks
    monkeypatch.setattr(queries, "DATE_CHUNK", 4)
    monkeypatch.setattr(queries, "RANK_CANDIDATES", 7)
    where = Where(since=since, until=until, kinds=kinds)
    hits = [h.id for h in dated_library.search(q, limit=1000, sort=sort, where=where)]
    assert len(hits) == len(set(hits))
    assert set(hits) == _expected(dated_library, q, where)
    assert dated_library.count_matches(q, where) == len(hits)
    first = [h.id for h in dated_library.search(q, limit=5, sort=sort, where=where)]
    assert first == hits[:5]


def test_a_gate_without_filters_lets_everything_through(dated_library: Library) -> None:
    with dated_library.reading() as tx:
        gate = queries.Gate(tx.conn, None)
        assert gate.open and gate([3, 1, 2]) == {1, 2, 3}


def test_pages_outside_the_library_are_not_let_through(dated_library: Library) -> None:
    with dated_library.reading() as tx:
        gate = queries.Gate(tx.conn, queries.Filters(kinds=("article",)))
        assert gate([10**9]) == set()
