"""Article text is stored as UTF-16 (migration 0017) and reads back exactly as imported:
through the model, through plain SQL, and cut into blocks by the ``blocks`` view."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.ingest import parse_file
from reader.store import database, pagetext
from reader.store.library import Library
from tests.store.test_migrations import _make_at

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=2000)
BODY = "呼和浩特新闻\n\n地铁3号线 PM2.5 监测屏上线。𠀋字在外"  # an astral character too


@given(TEXT)
def test_encoding_is_lossless(text: str) -> None:
    stored = pagetext.encode_plain(text)
    assert stored[:1] == pagetext.PLAIN and pagetext.decode(stored) == text


def test_chinese_text_takes_two_thirds_of_its_utf8_room() -> None:
    assert len(pagetext.encode_plain(BODY)) < len(BODY.encode("utf-8"))


def _stored(path: Path) -> list[tuple[str, bytes | str]]:
    with sqlite3.connect(path) as conn:
        return list(conn.execute("SELECT typeof(text), text FROM articles ORDER BY id"))


def test_imported_articles_are_stored_as_utf16_and_cut_into_their_blocks(
    library: Library, small_page: Path
) -> None:
    library.import_paths([small_page])
    parsed = [a for a in parse_file(small_page).articles]
    stored = _stored(library.path)
    assert stored and all(kind == "blob" for kind, _ in stored)
    for aid, (_, value) in zip(library.article_ids(), stored, strict=True):
        detail = library.get_article(aid)
        assert pagetext.decode(value) == detail.text
        assert [b.text for b in detail.article.blocks] in [
            [b.text for b in a.blocks] for a in parsed
        ]
    with sqlite3.connect(library.path) as conn:
        copies = conn.execute("SELECT count(text) FROM block_rows").fetchone()[0]
    assert copies == 0  # the view cuts every block out of the decoded article text
    assert library.check(full=True).problems == ()


def test_upgrading_stores_the_text_as_utf16_and_keeps_the_blocks(lib_path: Path) -> None:
    _make_at(lib_path, "0016")
    with sqlite3.connect(lib_path) as conn:
        conn.execute(
            "INSERT INTO source_files (id, path, name, sha256, text_hash, encoding, size, text, "
            "imported_at) VALUES (1, '/p.txt', 'p.txt', 'a', 'b', 'utf-8', 3, ?, 'now')",
            (BODY,),
        )
        conn.execute(
            "INSERT INTO articles (id, uuid, source_id, ordinal, title, kind, authors, "
            "photographers, text, content_hash, flags, consumed, created_at) VALUES "
            "(1, 'u-1', 1, 0, '标题', 'article', '[]', '[]', ?, 'h', '[]', '[]', 'now')",
            (BODY,),
        )
        first, second = BODY.split("\n\n")
        conn.executemany(
            "INSERT INTO blocks (article_id, ordinal, type, text, start, spans, flags) "
            "VALUES (1, ?, 'paragraph', ?, ?, '[]', '[]')",
            [(0, first, 0), (1, second, len(first) + 2), (2, "别处的文字", 0)],
        )
        conn.execute("INSERT INTO search_pending (article_id) VALUES (1)")
    lib = Library.open(lib_path)
    try:
        [(kind, value)] = _stored(lib_path)
        assert kind == "blob" and pagetext.decode(value) == BODY
        blocks = [b.text for b in lib.get_article(1).article.blocks]
        assert blocks == [first, second, "别处的文字"]
        with sqlite3.connect(lib_path) as conn:
            own = conn.execute("SELECT text FROM block_rows ORDER BY ordinal").fetchall()
        assert own == [(None,), (None,), ("别处的文字",)]  # none copied by the rewrite
        lib.build_index()
        assert [h.id for h in lib.search("𠀋字")] == [1]
        assert lib.check(full=True).problems == ()
    finally:
        lib.close()


def test_an_edited_article_text_keeps_its_blocks_right(library: Library, small_page: Path) -> None:
    library.import_paths([small_page])
    aid = library.article_ids()[0]
    before = [b.text for b in library.get_article(aid).article.blocks]
    with sqlite3.connect(library.path) as conn:
        database.add_functions(conn)  # the triggers read the old and new text through it
        conn.execute(
            "UPDATE articles SET text = ? WHERE id = ?", (pagetext.encode_plain("改写"), aid)
        )
    assert [b.text for b in library.get_article(aid).article.blocks] == before


def test_a_full_check_reports_an_article_whose_text_cannot_be_read(
    library: Library, small_page: Path
) -> None:
    library.import_paths([small_page])
    aid = library.article_ids()[0]
    library.add_highlight(aid, 0, 2)
    with sqlite3.connect(library.path) as conn:  # an odd number of UTF-16 bytes
        # damage from outside Pizhu: the triggers see no text, and leave the blocks be
        conn.create_function(pagetext.SQL_NAME, 1, lambda _: None)
        conn.execute("UPDATE articles SET text = X'02414243' WHERE id = ?", (aid,))
    problems = library.check(full=True).problems
    assert len(problems) == 1 and f"article {aid}: its text cannot be read" in problems[0]
    assert library.check().problems == ()  # the quick check does not decode every article


def test_the_blocks_view_reads_where_sqlite_distrusts_schemas_by_default(
    library: Library, small_page: Path
) -> None:
    # Some SQLite builds start every connection with trusted_schema off, and then refuse
    # an application function in a view; the library's connections turn it on.
    library.import_paths([small_page])
    with library.reading() as tx:
        assert tx.conn.exec_driver_sql("PRAGMA trusted_schema").scalar_one() == 1
    raw = sqlite3.connect(library.path)
    try:
        database.add_functions(raw)
        raw.execute("PRAGMA trusted_schema = OFF")
        try:
            raw.execute("SELECT text FROM blocks").fetchall()
            refused = False
        except sqlite3.OperationalError:
            refused = True
        assert refused  # what the pragma protects the app from
    finally:
        raw.close()
    aid = library.article_ids()[0]
    assert library.get_article(aid).article.blocks
