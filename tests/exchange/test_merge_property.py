"""Merge order does not matter: A merging B's file and B merging A's file agree."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.exchange.merge import merge_file
from reader.exchange.share import share_rows, write_share
from reader.store.library import Library
from tests.exchange.conftest import make_page, sql
from tests.exchange.test_merge import annotations

UUIDS = [f"{n:08d}-0000-4000-8000-000000000000" for n in range(6)]
TAGS = ["交通", "民生", "数据"]

op = st.tuples(
    st.sampled_from("AB"),  # which library
    st.integers(0, len(UUIDS) - 1),  # which highlight
    st.integers(1, 4),  # when (few values, so ties happen)
    st.sampled_from(["yellow", "green", "red"]),
    st.sampled_from(["", "笔记一", "笔记二"]),
    st.booleans(),  # deleted
    st.frozensets(st.sampled_from(TAGS), max_size=2),
)


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    root = tmp_path_factory.mktemp("templates")
    paths = []
    for side in "AB":  # imported separately: the same articles under other uuids
        lib = Library.open(root / f"{side}.sqlite")
        lib.import_paths([make_page(root / f"pages-{side}")])
        for tag in TAGS:
            lib.ensure_tag(tag)
        lib.close()
        paths.append(root / f"{side}.sqlite")
    yield paths[0], paths[1]


def apply(lib: Library, ops: list[tuple[str, int, int, str, str, bool, frozenset[str]]]) -> None:
    aid = lib.article_ids()[0]
    body = lib.get_article(aid).text
    for _side, i, when, colour, note, deleted, tags in ops:
        start = 10 + 3 * i
        stamp = f"2026-05-0{when}T00:00:00+00:00"
        sql(lib, "DELETE FROM highlights WHERE uuid = :u", u=UUIDS[i])
        sql(
            lib,
            'INSERT INTO highlights (uuid, article_id, start, "end", exact, prefix, suffix, colour, '
            "note, author, created_at, updated_at, deleted, orphaned) VALUES (:u, :a, :s, :e, :x, "
            ":p, :q, :c, :n, 'me', '2026-05-01T00:00:00+00:00', :t, :d, 0)",
            u=UUIDS[i],
            a=aid,
            s=start,
            e=start + 5,
            x=body[start : start + 5],
            p=body[max(0, start - 32) : start],
            q=body[start + 5 : start + 37],
            c=colour,
            n=note,
            t=stamp,
            d=deleted,
        )
        if not deleted:
            for tag in tags:
                sql(
                    lib,
                    "INSERT INTO highlight_tags (highlight_id, tag_id) SELECT h.id, t.id "
                    "FROM highlights h, tags t WHERE h.uuid = :u AND t.key = :k",
                    u=UUIDS[i],
                    k=tag,
                )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(op, max_size=10))
def test_merge_order_does_not_matter(templates: tuple[Path, Path], ops: list) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "a").mkdir()
        (root / "b").mkdir()
        shutil.copyfile(templates[0], root / "a" / "lib.sqlite")
        shutil.copyfile(templates[1], root / "b" / "lib.sqlite")
        a = Library.open(root / "a" / "lib.sqlite")
        b = Library.open(root / "b" / "lib.sqlite")
        try:
            apply(a, [o for o in ops if o[0] == "A"])
            apply(b, [o for o in ops if o[0] == "B"])
            fa = root / "a.pizhu"
            fb = root / "b.pizhu"
            write_share(a.read(share_rows), fa)
            write_share(b.read(share_rows), fb)
            merge_file(a, fb, backup=False)
            merge_file(b, fa, backup=False)
            assert annotations(a) == annotations(b)
            assert merge_file(a, fb, backup=False).empty
            assert merge_file(b, fa, backup=False).empty
        finally:
            a.close()
            b.close()
