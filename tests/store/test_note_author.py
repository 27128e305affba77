"""Article notes carry their author, as highlights do: stamped on every write, restored
by undo, carried when a re-parse hands an article's note to another article."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.store import database
from reader.store import operations as ops
from reader.store.library import Library
from reader.store.reparse import _bequeath


def note_row(lib: Library, aid: int) -> tuple[object, ...] | None:
    with sqlite3.connect(lib.path) as conn:
        return conn.execute(
            "SELECT text, author FROM article_notes WHERE article_id = ?", (aid,)
        ).fetchone()


@pytest.fixture
def loaded(library: Library, small_page: Path) -> Library:
    library.import_paths([small_page])
    return library


def test_set_note_is_stamped_with_the_author(
    loaded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    a1, a2 = loaded.article_ids()
    monkeypatch.setenv("PIZHU_AUTHOR", "甲编辑")
    loaded.set_note(a1, "值得跟进")
    loaded.set_note(a2, "另一条", author="乙编辑")
    assert note_row(loaded, a1) == ("值得跟进", "甲编辑")
    assert note_row(loaded, a2) == ("另一条", "乙编辑")
    detail = loaded.get_article(a1)
    assert (detail.note, detail.note_author) == ("值得跟进", "甲编辑")
    assert detail.to_json()["note_author"] == "甲编辑"
    loaded.set_note(a2, "")
    empty = loaded.get_article(a2)
    assert (empty.note, empty.note_author) == ("", "")


def test_set_note_operation_stamps_and_undo_restores_the_previous_author(
    loaded: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    a1 = loaded.article_ids()[0]
    monkeypatch.setenv("PIZHU_AUTHOR", "甲编辑")
    first = loaded.run(ops.SetNote(a1, "甲的笔记"))
    assert note_row(loaded, a1) == ("甲的笔记", "甲编辑")
    monkeypatch.setenv("PIZHU_AUTHOR", "乙编辑")
    second = loaded.run(ops.SetNote(a1, "乙改过的笔记"))
    assert note_row(loaded, a1) == ("乙改过的笔记", "乙编辑")
    redo = loaded.run(second.inverse)  # undo: the previous text with its author
    assert note_row(loaded, a1) == ("甲的笔记", "甲编辑")
    assert loaded.get_article(a1).note_author == "甲编辑"
    loaded.run(redo.inverse)  # redo: the later text with its author again
    assert note_row(loaded, a1) == ("乙改过的笔记", "乙编辑")
    loaded.run(ops.SetNote(a1, "甲的笔记", author="甲编辑"))
    loaded.run(first.inverse)  # undoing the first note removes it
    assert note_row(loaded, a1) is None
    loaded.run(ops.SetNote(a1, "明确的作者", author="丙"))
    assert note_row(loaded, a1) == ("明确的作者", "丙")


def test_a_carried_note_keeps_its_author(loaded: Library) -> None:
    a1, a2 = loaded.article_ids()
    loaded.set_note(a1, "旧文章的笔记", author="甲")
    with database.writing(loaded.engine) as conn:
        _bequeath(conn, a1, a2, "2026-03-01T00:00:00+00:00")
    assert note_row(loaded, a2) == ("旧文章的笔记", "甲")
    loaded.set_note(a1, "又一条", author="乙")
    with database.writing(loaded.engine) as conn:
        _bequeath(conn, a1, a2, "2026-03-02T00:00:00+00:00")
    assert note_row(loaded, a2) == ("旧文章的笔记\n\n又一条", "甲")  # the heir's author stays
