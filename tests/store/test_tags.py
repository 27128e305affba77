"""The tag manager and undo: every operation, then its inverse, leaves the rows as they were."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from reader.store import clock
from reader.store import operations as ops
from reader.store.ids import ArticleId, HighlightId, TagId
from reader.store.library import Library
from reader.store.tagging import TagCount, TagError, TagExistsError


@pytest.fixture(autouse=True)
def clock_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every stamp a second after the last, so a redo that stamps its own time, not the
    time of the change it redoes, differs from doing it (a flake before, when it ran
    across a second's edge)."""
    ticks = itertools.count(1)

    class Clock:
        @staticmethod
        def now(tz: dt.tzinfo | None = None) -> dt.datetime:
            return dt.datetime.now(tz) + dt.timedelta(seconds=next(ticks))

    monkeypatch.setattr(clock, "datetime", Clock)


TABLES = ("tags", "article_tags", "highlight_tags", "highlights", "article_notes", "settings")


def rows(lib: Library) -> dict[str, list[tuple[Any, ...]]]:
    """Every annotation row (and the notes index), read with plain sqlite3."""
    with sqlite3.connect(lib.path) as conn:
        out = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}
        # The write counter moves with every transaction, undo included (watch.py).
        if "settings" in out:
            out["settings"] = [r for r in out["settings"] if r[0] != "write_seq"]
        out["search_notes"] = sorted(
            conn.execute("SELECT rowid, words, grams FROM search_notes").fetchall()
        )
    return out


@pytest.fixture
def loaded(library: Library, small_page: Path) -> Library:
    library.import_paths([small_page])
    return library


@pytest.fixture
def tagged(loaded: Library) -> tuple[Library, dict[str, TagId], list[ArticleId], HighlightId]:
    """地点 › {赛罕区, 新城区}, 人物, 交通; both articles and one highlight tagged."""
    lib = loaded
    a1, a2 = lib.article_ids()
    place, _ = lib.ensure_tag("地点", colour="#80a0ff")
    saihan, _ = lib.ensure_tag("赛罕区", parent=place)
    xincheng, _ = lib.ensure_tag("新城区", parent=place)
    person, _ = lib.ensure_tag("人物")
    traffic, _ = lib.ensure_tag("交通")
    lib.tag_article(a1, person)
    lib.tag_article(a2, saihan)
    lib.tag_article(a2, traffic)
    lib.tag_article(a2, xincheng)
    body = lib.get_article(a2).text
    s = body.index("赛罕区")
    hid, _ = lib.add_highlight(a2, s, s + 3, note="线路终点")
    lib.tag_highlight(hid, saihan)
    lib.tag_highlight(hid, traffic)
    lib.set_note(a1, "驿站的笔记")
    tags = {"地点": place, "赛罕区": saihan, "新城区": xincheng, "人物": person, "交通": traffic}
    return lib, tags, [a1, a2], hid


def round_trip(lib: Library, op: ops.Operation) -> ops.Applied:
    """Apply ``op``, undo it (rows identical), redo it (rows as after the first apply)."""
    before = rows(lib)
    done = lib.run(op)
    after = rows(lib)
    undone = lib.run(done.inverse)
    assert rows(lib) == before, f"undo of {op.label} did not restore the rows"
    redone = lib.run(undone.inverse)
    assert rows(lib) == after, f"redo of {op.label} differs from doing it"
    lib.run(redone.inverse)
    assert rows(lib) == before
    return done


def test_rename_changes_name_and_key_and_refuses_another_tags_name(tagged: Any) -> None:
    lib, tags, (_a1, a2), hid = tagged
    done = round_trip(lib, ops.RenameTag(tags["交通"], "公共交通"))
    assert done.changes.tags == {tags["交通"]} and done.changes.article_tags == {a2}
    assert done.changes.highlights == {hid}
    lib.rename_tag(tags["交通"], "公共交通")
    assert "公共交通" in lib.get_article(a2).tags
    with sqlite3.connect(lib.path) as conn:
        assert conn.execute(
            "SELECT name, key FROM tags WHERE id = ?", (tags["交通"],)
        ).fetchone() == ("公共交通", "公共交通")
    lib.rename_tag(tags["人物"], "ＲＥＮ  物")  # a case/width change of its own is fine
    lib.rename_tag(tags["人物"], "人物")
    with pytest.raises(TagExistsError) as info:
        lib.rename_tag(tags["人物"], "地点")
    assert info.value.existing == tags["地点"] and "merge" in str(info.value)
    with pytest.raises(TagError):
        lib.rename_tag(tags["人物"], "  ")


def test_merge_moves_links_and_children_and_drops_the_source(tagged: Any) -> None:
    lib, tags, (a1, a2), hid = tagged
    done = round_trip(lib, ops.MergeTags(tags["赛罕区"], tags["新城区"]))
    assert done.changes.article_tags == {a2} and done.changes.highlights == {hid}
    lib.merge_tags(tags["赛罕区"], tags["新城区"])
    names = {t.name for t in lib.tags()}
    assert "赛罕区" not in names and "新城区" in names
    assert set(lib.get_article(a2).tags) == {"交通", "新城区"}
    assert set(lib.get_article(a2).highlights[0].tags) == {"交通", "新城区"}
    with sqlite3.connect(lib.path) as conn:
        assert conn.execute(
            "SELECT count(*) FROM tags WHERE id = ?", (tags["赛罕区"],)
        ).fetchone() == (0,)
    # Merging a parent into its own child: the child leaves the subtree first, the other
    # children move under it, nothing loops.
    round_trip(lib, ops.MergeTags(tags["地点"], tags["新城区"]))
    lib.merge_tags(tags["地点"], tags["新城区"])
    view = {t.name: t for t in lib.tags()}
    assert view["新城区"].parent_id is None and view["新城区"].colour is None
    assert [s.id for s in lib.list_articles(tag="新城区")] == [a2]
    with pytest.raises(TagError):
        lib.merge_tags(tags["新城区"], tags["新城区"])
    assert a1 not in [s.id for s in lib.list_articles(tag="新城区")]


def test_delete_moves_children_up_and_undo_brings_everything_back(tagged: Any) -> None:
    lib, tags, (_a1, a2), _hid = tagged
    done = round_trip(lib, ops.DeleteTag(tags["地点"]))
    assert {tags["地点"], tags["赛罕区"], tags["新城区"]} <= done.changes.tags
    lib.delete_tag(tags["地点"])
    view = {t.name: t for t in lib.tags()}
    assert "地点" not in view and view["赛罕区"].parent_id is None
    round_trip(lib, ops.DeleteTag(tags["交通"]))
    lib.delete_tag(tags["交通"])
    assert lib.get_article(a2).highlights[0].tags == ("赛罕区",)


def test_recolour_and_nest_refuse_cycles(tagged: Any) -> None:
    lib, tags, _ids, _hid = tagged
    round_trip(lib, ops.RecolourTag(tags["地点"], "#ff0000"))
    round_trip(lib, ops.RecolourTag(tags["人物"], "#00ff00"))
    round_trip(lib, ops.NestTag(tags["交通"], tags["赛罕区"]))
    round_trip(lib, ops.NestTag(tags["赛罕区"], None))
    lib.nest_tag(tags["交通"], tags["赛罕区"])
    assert {t.name: t for t in lib.tags()}["交通"].path == ("地点", "赛罕区", "交通")
    for parent in (tags["交通"], tags["地点"]):  # under itself, under its own descendant
        with pytest.raises(TagError):
            lib.nest_tag(tags["地点"], parent)


def test_counts_direct_and_with_the_subtree(tagged: Any) -> None:
    lib, tags, _ids, hid = tagged
    counts = lib.tag_counts()
    assert counts[tags["赛罕区"]] == TagCount(1, 1, 1, 1)
    assert counts[tags["地点"]] == TagCount(0, 0, 1, 1)  # a2 once, though under two children
    assert counts[tags["人物"]] == TagCount(1, 0, 1, 0)
    lib.delete_highlight(hid)
    assert lib.tag_counts()[tags["交通"]] == TagCount(1, 0, 1, 0)


def test_tagging_by_name_creates_the_tag_and_undo_removes_it(tagged: Any) -> None:
    lib, tags, (a1, _a2), hid = tagged
    done = round_trip(lib, ops.TagArticle(a1, "呼和浩特"))
    assert done.changes.article_tags == {a1} and len(done.changes.tags) == 1
    round_trip(lib, ops.TagArticle(a1, "人物"))  # already there: nothing to undo
    round_trip(lib, ops.TagArticle(a1, tags["交通"]))
    round_trip(lib, ops.UntagArticle(a1, tags["人物"]))
    round_trip(lib, ops.TagHighlight(hid, "终点站"))
    round_trip(lib, ops.UntagHighlight(hid, tags["交通"]))
    round_trip(lib, ops.CreateTag("新标签", parent=tags["地点"]))


def test_highlight_operations_round_trip(tagged: Any) -> None:
    lib, tags, (a1, a2), hid = tagged
    done = round_trip(lib, ops.DeleteHighlight(hid))
    assert done.changes.highlights == {hid}
    round_trip(lib, ops.EditHighlight(hid, colour="疑问"))
    round_trip(lib, ops.EditHighlight(hid, note="改过的笔记"))
    round_trip(lib, ops.EditHighlight(hid, colour="green", note=""))
    round_trip(lib, ops.SetNote(a1, "新的笔记"))
    round_trip(lib, ops.SetNote(a2, "第一次写笔记"))
    round_trip(lib, ops.RenameColour("yellow", "关键"))
    round_trip(
        lib,
        ops.Batch(
            (ops.DeleteHighlight(hid), ops.DeleteTag(tags["交通"]), ops.SetNote(a1, "")),
            "Clean up",
        ),
    )
    # Adding, undone, leaves only a tombstone behind; redone, the same row is live again.
    before = rows(lib)
    added = lib.run(ops.AddHighlight(a1, 0, 4, "数据", "记一笔", ("新词",)))
    assert added.created is not None and len(added.changes.tags) == 1
    undone = lib.run(added.inverse)
    after_undo = rows(lib)
    assert (
        after_undo["tags"] == before["tags"]
        and after_undo["search_notes"] == before["search_notes"]
    )
    with sqlite3.connect(lib.path) as conn:
        (deleted,) = conn.execute("SELECT deleted FROM highlights WHERE id = ?", (added.created,))
    assert deleted == (1,)
    lib.run(undone.inverse)
    (h,) = [h for h in lib.get_article(a1).highlights if h.id == added.created]
    assert h.colour == "green" and h.note == "记一笔" and h.tags == ("新词",)
