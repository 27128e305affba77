"""The unit of work: a batch is one transaction and one undo step; re-parse is undoable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.store import operations as ops
from reader.store import reparsing
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId, HighlightId
from reader.store.library import Library
from reader.store.unit import Batch
from tests.store.test_reimport import annotate, changed_parser, highlight_rows


def _dump(lib: Library) -> list[list[tuple[object, ...]]]:
    with sqlite3.connect(lib.path) as conn:
        return [
            conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("articles", "highlights", "highlight_tags", "article_tags", "tags")
        ]


def test_a_batch_that_fails_part_way_leaves_nothing(library: Library, small_page: Path) -> None:
    library.import_paths([small_page])
    aid = library.article_ids()[0]
    before = _dump(library)
    batch = Batch(
        (
            ops.AddHighlight(aid, 0, 4, tags=("新标签",)),
            ops.TagArticle(aid, "另一个"),
            ops.DeleteHighlight(HighlightId(999_999)),  # no such highlight
        )
    )
    with pytest.raises(NotFoundError):
        library.run(batch)
    assert _dump(library) == before  # one transaction: rolled back whole


def test_a_batch_is_one_step_both_ways(library: Library, small_page: Path) -> None:
    library.import_paths([small_page])
    a1, a2 = library.article_ids()
    before = _dump(library)
    done = library.run(
        Batch((ops.TagArticle(a1, "生态"), ops.TagArticle(a2, "生态"), ops.SetNote(a2, "笔记")))
    )
    assert done.changes.article_tags == {a1, a2} and done.changes.notes == {a2}
    redo = library.run(done.inverse)
    assert _dump(library) == before
    library.run(redo.inverse)
    assert library.get_article(a1).tags == ("生态",) and library.get_article(a2).note == "笔记"


def test_reparse_is_an_operation_with_an_inverse(library: Library, small_page: Path) -> None:
    library.import_paths([small_page])
    annotate(library)
    before, texts = (
        highlight_rows(library),
        [library.get_article(a).text for a in library.article_ids()],
    )
    (src,) = library.sources()
    new = library.read(reparsing.parse_again, src.id, changed_parser)
    done = library.run(reparsing.Reparse(src.id, new))
    assert set(done.changes.articles_rewritten) == set(library.article_ids())
    assert highlight_rows(library) != before
    redo = library.run(done.inverse)
    assert highlight_rows(library) == before
    assert [library.get_article(a).text for a in library.article_ids()] == texts
    assert library.check().ok, library.check().problems
    library.run(redo.inverse)
    assert "编者按" in library.get_article(library.article_ids()[1]).text
    assert library.check().ok, library.check().problems


def test_the_convenience_methods_are_the_operations(library: Library, small_page: Path) -> None:
    """Library.add_highlight and set_note write through AddHighlight and SetNote: the
    same rows as the operation the window runs."""
    library.import_paths([small_page])
    aid = ArticleId(library.article_ids()[0])
    hid, _ = library.add_highlight(aid, 0, 4, note="笔记", author="甲")
    done = library.run(ops.AddHighlight(aid, 0, 4, note="笔记", author="甲"))
    with sqlite3.connect(library.path) as conn:
        cols = 'article_id, start, "end", exact, prefix, suffix, colour, note, author'
        a, b = (
            conn.execute(f"SELECT {cols} FROM highlights WHERE id = ?", (i,)).fetchone()
            for i in (hid, done.created)
        )
    assert a == b
    library.set_note(aid, "文章笔记", author="乙")
    detail = library.get_article(aid)
    assert (detail.note, detail.note_author) == ("文章笔记", "乙")
    assert isinstance(library.ensure_tag("标签")[0], int)
