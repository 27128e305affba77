"""Page text is stored compressed (migration 0014) and reads back exactly as imported."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.paths import samples_dir
from reader.store import pagetext, search
from reader.store.library import Library
from tests.store.test_migrations import _make_at

# Page text is valid Unicode: SQLite stored it as UTF-8 before it was compressed too.
SAMPLES = samples_dir()
PAGE_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=2000)


@given(PAGE_TEXT)
def test_encoding_is_lossless(text: str) -> None:
    assert pagetext.decode(pagetext.encode(text)) == text


@given(PAGE_TEXT)
def test_text_stored_as_text_reads_as_itself(text: str) -> None:
    assert pagetext.decode(text) == text


@given(PAGE_TEXT)
def test_text_compressed_as_utf8_reads_as_itself(text: str) -> None:
    """As migration 0014 and Pizhu until 0016 stored it."""
    assert pagetext.decode(zlib.compress(text.encode("utf-8"), 6)) == text


def test_the_sample_pages_take_less_room_as_utf16() -> None:
    pages = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    assert pages
    utf16 = sum(len(pagetext.encode(t)) for t in pages)
    utf8 = sum(len(zlib.compress(t.encode("utf-8"), pagetext.LEVEL)) for t in pages)
    assert utf16 < utf8


def _stored(path: Path) -> list[tuple[int, str, bytes | str]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, typeof(text), text FROM source_files ORDER BY id")
        return [(int(i), str(t), v) for i, t, v in rows]


def test_an_imported_page_is_stored_compressed_and_read_back_whole(
    library: Library, small_page: Path
) -> None:
    library.import_paths([small_page])
    [(sid, kind, value)] = _stored(library.path)
    assert kind == "blob" and isinstance(value, bytes)
    assert len(value) < len(small_page.read_bytes())
    assert library.source_text(sid) == small_page.read_text(encoding="utf-8")
    # re-parsing reads it through the same column: the same page, the same articles
    before = library.article_ids()
    report = library.reparse_source(sid)
    assert list(report.kept) == before and not report.added and not report.removed


def test_upgrading_compresses_the_pages_and_queues_the_index_again(lib_path: Path) -> None:
    _make_at(lib_path, "0013")
    page = "第3版\n\n# 呼和浩特地铁\n\n本报讯 PM2.5 监测屏上线。\n" * 20
    with sqlite3.connect(lib_path) as conn:
        conn.execute(
            "INSERT INTO source_files (id, path, name, sha256, text_hash, encoding, size, text, "
            "imported_at) VALUES (1, '/p.txt', 'p.txt', 'a', 'b', 'utf-8', 3, ?, 'now')",
            (page,),
        )
        conn.execute(
            "INSERT INTO articles (id, uuid, source_id, ordinal, title, kind, authors, "
            "photographers, text, content_hash, flags, consumed, created_at) VALUES "
            "(1, 'u-1', 1, 0, '呼和浩特地铁', 'article', '[]', '[]', '本报讯 PM2.5 监测屏上线。', "
            "'h', '[]', '[]', 'now')"
        )
        # indexed by the old layout (title, body, grams), with today's tokenizer
        conn.execute(
            "INSERT INTO search_articles (rowid, title, body, grams) VALUES (1, 'x', '', 'y')"
        )
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)",
            (search.TOKENIZER_KEY, search.tokenizer_fingerprint()),
        )
    lib = Library.open(lib_path)
    try:
        [(sid, kind, _)] = _stored(lib_path)
        assert kind == "blob" and lib.source_text(sid) == page
        with sqlite3.connect(lib_path) as conn:
            cols = [r[1] for r in conn.execute("PRAGMA table_info(search_articles)")]
            waiting = conn.execute("SELECT article_id FROM search_pending").fetchall()
        assert cols == ["grams", "title"] and waiting == [(1,)]
        lib.build_index()
        assert [h.id for h in lib.search("pm2.5 监测")] == [1]
        assert [h.id for h in lib.search("地铁")] == [1]  # in the title
        assert lib.search("y") == []  # the old row went with the old table
    finally:
        lib.close()


def test_a_full_check_reports_a_page_whose_text_cannot_be_read(
    library: Library, small_page: Path
) -> None:
    library.import_paths([small_page])
    assert library.check(full=True).problems == ()
    with sqlite3.connect(library.path) as conn:
        conn.execute("UPDATE source_files SET text = X'78DA00112233'")
    problems = library.check(full=True).problems
    assert len(problems) == 1 and "its text cannot be read" in problems[0]
    with sqlite3.connect(library.path) as conn:  # the same behind the UTF-16 mark
        conn.execute("UPDATE source_files SET text = X'0178DA00112233'")
    problems = library.check(full=True).problems
    assert len(problems) == 1 and "its text cannot be read" in problems[0]
    assert library.check().problems == ()  # the quick check does not read the pages
