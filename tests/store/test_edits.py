"""Article edits: merge, split, move a section, mark as fragment; undo/redo; re-import."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import edits, operations
from reader.store.library import Library

PAGE = """\
# 第一篇文章

●本报记者 王某

第一段正文,讲公园。

**公园建设**

第二段正文,全市新建公园12个。

第三段正文,市民点赞。

# 第二篇文章

●本报记者 李某

另一篇的第一段。

另一篇的第二段。

# 第三篇文章

第三篇的正文。
"""


@pytest.fixture
def lib(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    library = Library.open(tmp_path / "lib.sqlite")
    assert library.import_paths([page]).imported == 1
    library.page = page  # type: ignore[attr-defined]
    yield library
    library.close()


def _titles(lib: Library) -> list[str | None]:
    return [lib.get_article(i).article.title for i in lib.article_ids()]


def _blocks(lib: Library, aid: int) -> list[str]:
    return [b.text for b in lib.get_article(aid).article.blocks]


def test_merge_with_next_and_undo_redo(lib: Library) -> None:
    first, second, third = lib.article_ids()
    body = lib.get_article(second).text
    hid, _ = lib.add_highlight(second, 0, 3)
    edit = lib.run(edits.MergeWithNext(first))
    assert _titles(lib) == ["第一篇文章", "第三篇文章"]
    merged = lib.get_article(first)
    assert "第二篇文章" in _blocks(lib, first) and merged.text.endswith(body)
    (h,) = merged.highlights
    assert h.id == hid and merged.text[h.start : h.end] == body[0:3]
    assert second in edit.changes.articles_removed and first in edit.changes.articles_rewritten
    assert [x.id for x in lib.search("另一篇")] == [first]
    assert lib.check().ok, lib.check().problems
    redo = lib.run(edit.inverse)
    assert lib.article_ids() == [first, second, third]
    assert lib.get_article(second).highlights[0].start == 0
    assert [x.id for x in lib.search("另一篇")] == [second]
    assert lib.check().ok, lib.check().problems
    lib.run(redo.inverse)
    assert lib.article_ids() == [first, third]
    assert lib.check().ok


def test_merge_last_article_is_refused(lib: Library) -> None:
    with pytest.raises(edits.EditError):
        lib.run(edits.MergeWithNext(lib.article_ids()[-1]))


def test_split_at_a_heading_makes_a_titled_article_in_place(lib: Library) -> None:
    first, second, third = lib.article_ids()
    blocks = _blocks(lib, first)
    at = blocks.index("公园建设")
    text = lib.get_article(first).text
    start = text.index("全市新建")
    lib.add_highlight(first, start, start + 4)
    edit = lib.run(edits.SplitAt(first, at))
    new = edit.created
    assert lib.article_ids() == [first, new, second, third]  # right after the original
    assert _titles(lib)[1] == "公园建设"
    assert _blocks(lib, first) == blocks[:at]
    moved = lib.get_article(new)
    (h,) = moved.highlights
    assert moved.text[h.start : h.end] == "全市新建"
    assert lib.check().ok, lib.check().problems
    redo = lib.run(edit.inverse)
    assert lib.article_ids() == [first, second, third]
    assert _blocks(lib, first) == blocks
    assert lib.check().ok, lib.check().problems
    lib.run(redo.inverse)
    assert lib.article_ids() == [first, new, second, third]


def test_split_at_a_paragraph_makes_a_fragment(lib: Library) -> None:
    first = lib.article_ids()[0]
    at = _blocks(lib, first).index("第二段正文,全市新建公园12个。")
    edit = lib.run(edits.SplitAt(first, at))
    new = lib.get_article(edit.created)
    assert new.article.title is None and new.article.kind == "fragment"
    with pytest.raises(edits.EditError):
        lib.run(edits.SplitAt(first, 0))


def test_move_section_to_another_article(lib: Library) -> None:
    first, second, _ = lib.article_ids()
    blocks = _blocks(lib, first)
    at = blocks.index("公园建设")
    tail = lib.get_article(first).text
    p3 = tail.index("第三段")
    lib.add_highlight(first, p3, p3 + 3)
    edit = lib.run(edits.MoveSection(first, at, second))
    assert _blocks(lib, first) == blocks[:at]
    assert _blocks(lib, second)[-3:] == blocks[at:]
    moved = lib.get_article(second)
    assert "moved" in moved.article.blocks[-1].flags
    (h,) = moved.highlights
    assert moved.text[h.start : h.end] == "第三段"
    assert lib.check().ok, lib.check().problems
    lib.run(edit.inverse)
    assert _blocks(lib, first) == blocks
    with pytest.raises(edits.EditError):
        lib.run(edits.MoveSection(first, 0, second))  # not a heading


def test_mark_fragment_and_back(lib: Library) -> None:
    aid = lib.article_ids()[2]
    edit = lib.run(edits.MarkFragment(aid))
    assert lib.get_article(aid).article.kind == "fragment"
    lib.run(edit.inverse)
    assert lib.get_article(aid).article.kind == "article"


def test_edits_survive_reimporting_the_page(lib: Library) -> None:
    first = lib.article_ids()[0]
    lib.run(edits.MergeWithNext(first))
    summary = lib.import_paths([lib.page])  # type: ignore[attr-defined]
    assert summary.skipped == 1 and summary.imported == 0
    assert _titles(lib) == ["第一篇文章", "第三篇文章"]


def test_undoing_an_edit_keeps_the_highlights_tags(lib: Library) -> None:
    first, second, _third = lib.article_ids()
    lib.run(operations.AddHighlight(second, 0, 3, tags=("红",)))
    lib.run(operations.TagArticle(second, "篮"))
    edit = lib.run(edits.MergeWithNext(first))
    assert lib.get_article(first).highlights[0].tags == ("红",)
    redo = lib.run(edit.inverse)
    back = lib.get_article(second)
    assert back.highlights[0].tags == ("红",) and back.tags == ("篮",)
    lib.run(redo.inverse)
    assert lib.get_article(first).highlights[0].tags == ("红",)
