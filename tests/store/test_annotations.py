"""Highlights, tags, notes, removal and index upkeep: each answers with its change record."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.store import search
from reader.store.errors import LibraryError, NotFoundError
from reader.store.library import Library, tag_key
from tests.conftest import REPO


@pytest.fixture
def loaded(library: Library, small_page: Path) -> Library:
    library.import_paths([small_page])
    return library


def test_highlight_keeps_a_quote_selector(loaded: Library) -> None:
    aid = loaded.article_ids()[0]
    text = loaded.get_article(aid).text
    start = text.index("便民驿站")
    hid, changes = loaded.add_highlight(aid, start, start + 4, note="记下")
    assert changes.highlights == {hid}
    (h,) = loaded.get_article(aid).highlights
    assert h.exact == "便民驿站"
    assert h.prefix == text[max(0, start - 32) : start] and len(h.prefix) <= 32
    assert h.suffix == text[start + 4 : start + 36]
    assert h.author == "测试者" and h.created_at == h.updated_at and len(h.uuid) == 36
    loaded.update_highlight(hid, colour="blue")
    assert loaded.get_article(aid).highlights[0].colour == "blue"
    assert loaded.summaries([aid])[0].highlights == 1
    loaded.delete_highlight(hid)
    assert loaded.get_article(aid).highlights == ()
    assert loaded.summaries([aid])[0].highlights == 0
    with pytest.raises(NotFoundError):
        loaded.delete_highlight(hid)  # the tombstone stays, but is not live


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 5), (0, 10**6)])
def test_highlight_outside_the_text_is_refused(loaded: Library, start: int, end: int) -> None:
    with pytest.raises(LibraryError):
        loaded.add_highlight(loaded.article_ids()[0], start, end)


def test_tags_are_unique_by_nfkc_casefolded_name(loaded: Library) -> None:
    a, changes = loaded.ensure_tag("PM2.5 监测")
    assert changes.tags == {a}
    b, again = loaded.ensure_tag("ｐｍ２．５  监测")
    assert a == b and again.empty
    assert tag_key("ＡＢ  c") == "ab c"
    place, _ = loaded.ensure_tag("地点", colour="#80a0ff")
    child, _ = loaded.ensure_tag("赛罕区", parent=place)
    views = {v.name: v for v in loaded.tags()}
    assert views["赛罕区"].path == ("地点", "赛罕区") and views["赛罕区"].label == "地点 › 赛罕区"
    assert views["地点"].colour == "#80a0ff" and views["赛罕区"].parent_id == place
    _first, second = loaded.article_ids()
    assert loaded.tag_article(second, child).article_tags == {second}
    loaded.tag_article(second, child)  # twice is once
    assert [s.id for s in loaded.list_articles(tag="地点")] == [second]
    assert loaded.summaries([second])[0].tags == ("赛罕区",)
    loaded.untag_article(second, child)
    assert loaded.list_articles(tag="地点") == []
    with pytest.raises(LibraryError):
        loaded.ensure_tag("   ")


def test_delete_source_removes_articles_and_index_rows(loaded: Library) -> None:
    (src,) = loaded.sources()
    ids = loaded.article_ids()
    loaded.set_note(ids[0], "笔记")
    assert loaded.search("驿站")
    changes = loaded.delete_source(src.id)
    assert changes.sources_removed == {src.id} and changes.articles_removed == set(ids)
    assert (
        loaded.article_ids() == [] and loaded.search("驿站") == [] and loaded.search("笔记") == []
    )
    assert loaded.check().ok
    with pytest.raises(NotFoundError):
        loaded.delete_source(src.id)


def test_changed_tokenizer_rebuilds_the_index_before_a_delete(
    loaded: Library, small_page: Path, tmp_path: Path
) -> None:
    with loaded._write() as conn:
        search.set_fingerprint(conn, "an older dictionary")
    (src,) = loaded.sources()
    loaded.delete_source(src.id)
    assert loaded.check().ok
    with loaded._read() as conn:
        assert search.stored_fingerprint(conn) == search.tokenizer_fingerprint()


def test_rebuild_search_index_is_equivalent(loaded: Library) -> None:
    before = [h.id for h in loaded.search("呼和浩特")]
    assert loaded.rebuild_search_index().search_index
    assert [h.id for h in loaded.search("呼和浩特")] == before
    assert loaded.check().ok


def test_opening_and_listing_loads_neither_jieba_nor_qt(lib_path: Path, small_page: Path) -> None:
    with Library.open(lib_path) as library:
        library.import_paths([small_page])
    code = (
        "import sys\n"
        "from reader.store.library import Library\n"
        f"lib = Library.open({str(lib_path)!r})\n"
        "assert lib.list_articles()\n"
        "assert lib.get_article(lib.article_ids()[0])\n"
        "lib.close()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'PySide6'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
