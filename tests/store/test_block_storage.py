"""Blocks are stored as places in their article's text, yet read back exactly as parsed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.ingest import parse_file
from reader.store import database
from reader.store.library import Library
from tests.store.conftest import corpus_pages
from tests.store.test_migrations import _make_at


def _raw(lib: Library) -> sqlite3.Connection:
    conn = sqlite3.connect(lib.path)
    database.add_functions(conn)  # the blocks view reads the article text through it
    return conn


def test_imported_blocks_read_back_as_parsed_and_keep_no_copy(
    corpus_library: Library,
) -> None:
    by_source: dict[str, list[list[str]]] = {}
    for page in corpus_pages():
        by_source[page.name] = [[b.text for b in a.blocks] for a in parse_file(page).articles]
    checked = 0
    for aid in corpus_library.article_ids():
        detail = corpus_library.get_article(aid)
        parsed = by_source.get(detail.source.name)
        if parsed is None:
            continue
        assert [b.text for b in detail.article.blocks] in parsed
        checked += 1
    assert checked > 50
    with _raw(corpus_library) as conn:
        copies, total = conn.execute("SELECT count(text), count(*) FROM block_rows").fetchone()
    assert total > 100 and copies == 0  # the text lives once, in the article


def test_a_block_that_disagrees_with_its_article_keeps_its_own_text(
    library: Library, small_page: Path
) -> None:
    library.import_paths([small_page])
    aid = library.article_ids()[0]
    with _raw(library) as conn:
        conn.execute(
            "INSERT INTO blocks (article_id, ordinal, type, text, start, spans, flags) "
            "VALUES (?, 99, 'paragraph', '别处的文字', 0, '[]', '[]')",
            (aid,),
        )
    blocks = library.get_article(aid).article.blocks
    assert blocks[-1].text == "别处的文字"


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(new=st.text(alphabet=st.sampled_from(list("呼和浩特新闻公园 \n")), min_size=1, max_size=30))
def test_editing_an_article_text_never_changes_what_its_blocks_say(
    tmp_path_factory: pytest.TempPathFactory, new: str
) -> None:
    path = tmp_path_factory.mktemp("edit") / "lib.sqlite"
    with Library.open(path) as lib:
        page = path.parent / "p.txt"
        page.write_text("# 标题\n\n第一段文字。\n\n第二段文字。\n", encoding="utf-8")
        lib.import_paths([page])
        aid = lib.article_ids()[0]
        before = [b.text for b in lib.get_article(aid).article.blocks]
        with _raw(lib) as conn:
            conn.execute("UPDATE articles SET text = ? WHERE id = ?", (new, aid))
        assert [b.text for b in lib.get_article(aid).article.blocks] == before
        with _raw(lib) as conn:  # the text back: the blocks give their copies up again
            conn.execute("UPDATE articles SET text = ? WHERE id = ?", ("\n\n".join(before), aid))
            (copies,) = conn.execute("SELECT count(text) FROM block_rows").fetchone()
        assert copies == 0
        assert [b.text for b in lib.get_article(aid).article.blocks] == before


def test_an_old_library_keeps_its_blocks_through_the_upgrade(lib_path: Path) -> None:
    _make_at(lib_path, "0004")
    with sqlite3.connect(lib_path) as conn:
        conn.execute(
            "INSERT INTO source_files (id, path, name, sha256, text_hash, encoding, size, text, "
            "imported_at) VALUES (1, '/p.txt', 'p.txt', 'a', 'b', 'utf-8', 3, 'x', 'now')"
        )
        conn.execute(
            "INSERT INTO articles (id, uuid, source_id, ordinal, title, kind, authors, "
            "photographers, text, content_hash, flags, consumed, created_at) VALUES "
            "(1, 'u-1', 1, 0, '标题', 'article', '[]', '[]', '呼和浩特\n\n新闻', 'h', '[]', '[]', 'now')"
        )
        for ordinal, (text, start) in enumerate([("呼和浩特", 0), ("新闻", 6), ("不一致", 0)]):
            conn.execute(
                "INSERT INTO blocks (article_id, ordinal, type, text, start, spans, flags) "
                "VALUES (1, ?, 'paragraph', ?, ?, '[]', '[]')",
                (ordinal, text, start),
            )
    with Library.open(lib_path) as lib:
        assert [b.text for b in lib.get_article(1).article.blocks] == ["呼和浩特", "新闻", "不一致"]
        assert lib.check().ok
        with _raw(lib) as conn:
            rows = conn.execute("SELECT text FROM block_rows ORDER BY ordinal").fetchall()
    assert rows == [(None,), (None,), ("不一致",)]


def test_blocks_written_straight_keep_their_own_text_only_where_it_differs(
    library: Library, small_page: Path
) -> None:
    from reader.store import tables

    library.import_paths([small_page])
    aid = library.article_ids()[0]
    body = library.get_article(aid).text
    rows = [
        {"article_id": aid, "ordinal": 100, "type": "paragraph", "text": body[:5], "start": 0},
        # Not its slice at that place: it must keep its own text.
        {"article_id": aid, "ordinal": 101, "type": "paragraph", "text": "另一段", "start": 2},
    ]
    with library.writing() as tx:
        tables.insert_cut_blocks(
            tx.conn, [{**r, "spans": [[0, 1]], "flags": []} for r in rows], {aid: body}
        )
    with _raw(library) as conn:
        stored = conn.execute(
            "SELECT ordinal, text, length FROM block_rows WHERE ordinal >= 100 ORDER BY ordinal"
        ).fetchall()
        shown = conn.execute(
            "SELECT text FROM blocks WHERE ordinal >= 100 ORDER BY ordinal"
        ).fetchall()
    assert stored == [(100, None, 5), (101, "另一段", 3)]
    assert shown == [(body[:5],), ("另一段",)]
