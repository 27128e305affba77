"""Merging share files: adding, idempotence, last writer wins, tombstones, re-anchoring."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.exchange.collect import load
from reader.exchange.markdown import export_markdown
from reader.exchange.merge import MergeCancelled, merge_file
from reader.exchange.orphans import list_orphans
from reader.exchange.share import share_rows, write_share
from reader.store.importer import content_hash
from reader.store.library import Library
from tests.exchange.conftest import make_page, sql


def annotations(lib: Library) -> dict[str, tuple[object, ...]]:
    """Every highlight by uuid: its fields and tag keys (positions are local)."""
    with sqlite3.connect(lib.path) as db:
        rows = db.execute(
            "SELECT h.uuid, h.colour, h.note, h.author, h.deleted, h.updated_at, h.exact, "
            "(SELECT group_concat(t.key, '|') FROM (SELECT t.key FROM highlight_tags l "
            "JOIN tags t ON t.id = l.tag_id WHERE l.highlight_id = h.id ORDER BY t.key) t) "
            "FROM highlights h"
        ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def dump(lib: Library) -> list[str]:
    with sqlite3.connect(lib.path) as db:
        return [s for s in db.iterdump() if "search_" not in s]


def share(lib: Library, path: Path) -> Path:
    write_share(lib.read(share_rows), path, force=True)
    return path


def test_merge_into_an_empty_library(lib: Library, other: Library, tmp_path: Path) -> None:
    f = share(lib, tmp_path / "a.pizhu")
    dry = merge_file(other, f, dry_run=True)
    assert dry.count("highlight", "added") == 3 and dry.count("article", "added") == 2
    assert other.article_ids() == [] and dry.backup is None
    report = merge_file(other, f)
    assert report.counts() == dry.counts()
    assert report.count("tag", "added") == 3 and report.count("note", "added") == 1
    assert report.backup is not None and report.backup.is_file()
    assert annotations(other) == annotations(lib)
    assert [t.path for t in other.tags()] == [t.path for t in lib.tags()]
    a = other.get_article(other.article_ids()[0])
    assert a.note.startswith("文章笔记") and a.tags == ("民生 服务",)
    assert [h.author for h in a.highlights] == ["测试者", "王编辑"]
    assert other.search("便民驿站") and other.search("数据")  # text and notes indexed
    assert other.check().ok
    assert not report.changes.empty and report.changes.articles_added


def test_merging_twice_changes_nothing(lib: Library, other: Library, tmp_path: Path) -> None:
    f = share(lib, tmp_path / "a.pizhu")
    merge_file(other, f)
    before = dump(other)
    again = merge_file(other, f)
    assert again.empty and again.backup is None and again.count("highlight", "unchanged") == 3
    assert dump(other) == before
    own = merge_file(lib, f)  # one's own file
    assert own.empty


def test_last_writer_wins_and_tombstones_travel(
    lib: Library, other: Library, tmp_path: Path
) -> None:
    merge_file(other, share(lib, tmp_path / "a1.pizhu"))
    u1, u2, u3 = (
        f"{d}" * 8 + "-" + f"{d}" * 4 + "-4" + f"{d}" * 3 + "-8" + f"{d}" * 3 + "-" + f"{d}" * 12
        for d in "123"
    )
    sql(
        other,
        "UPDATE highlights SET note = '他的新笔记', updated_at = '2026-03-01T00:00:00+00:00' WHERE uuid = :u",
        u=u1,
    )
    sql(
        lib,
        "UPDATE highlights SET note = '我的旧改动', updated_at = '2026-02-15T00:00:00+00:00' WHERE uuid = :u",
        u=u1,
    )
    sql(
        lib,
        "UPDATE highlights SET deleted = 1, updated_at = '2026-03-02T00:00:00+00:00' WHERE uuid = :u",
        u=u3,
    )
    r = merge_file(lib, share(other, tmp_path / "b.pizhu"))
    assert r.count("highlight", "updated") == 1 and r.count("highlight", "conflict") == 1
    r2 = merge_file(other, share(lib, tmp_path / "a2.pizhu"))
    assert r2.count("highlight", "updated") == 1  # the deletion
    assert annotations(lib) == annotations(other)
    assert annotations(lib)[u1][1] == "他的新笔记" and annotations(other)[u3][3] == 1
    assert u3 not in {h.uuid for h in other.get_article(other.article_ids()[1]).highlights}
    assert annotations(lib)[u2] == annotations(other)[u2]


def test_same_time_conflict_is_resolved_the_same_way_on_both_sides(
    lib: Library, other: Library, tmp_path: Path
) -> None:
    merge_file(other, share(lib, tmp_path / "a1.pizhu"))
    t = "2026-04-01T00:00:00+00:00"
    sql(lib, "UPDATE highlights SET colour = 'red', updated_at = :t WHERE colour = 'green'", t=t)
    sql(
        other,
        "UPDATE highlights SET colour = 'purple', updated_at = :t WHERE colour = 'green'",
        t=t,
    )
    fa, fb = share(lib, tmp_path / "a2.pizhu"), share(other, tmp_path / "b.pizhu")
    ra, rb = merge_file(lib, fb), merge_file(other, fa)
    assert ra.count("highlight", "conflict") == rb.count("highlight", "conflict") == 1
    assert annotations(lib) == annotations(other)


def test_reanchoring_after_a_better_repair(lib: Library, tmp_path: Path) -> None:
    """The receiver has the same page, but its article text differs."""
    (tmp_path / "c").mkdir()
    receiver = Library.open(tmp_path / "c" / "library.sqlite")
    try:
        receiver.import_paths([make_page(tmp_path / "pages-c")])
        aid = receiver.article_ids()[0]
        old = receiver.get_article(aid).text
        new = old.replace("本报讯", "本报讯 ").replace("PM2.5监测屏同步上线", "监测屏上线")
        new = new.replace("记者从市园林局了解到", "记者从市园林局了解道")
        sql(
            receiver,
            "UPDATE articles SET text = :t, content_hash = :h WHERE id = :i",
            t=new,
            h=content_hash(new),
            i=aid,
        )
        f = share(lib, tmp_path / "a.pizhu")
        report = merge_file(receiver, f)
        assert report.count("article", "added") == 0
        assert report.counts()["highlights"]["re-anchored"] == 1  # one small edit inside the quote
        orphans = receiver.read(list_orphans)
        assert [o.exact for o in orphans] == ["PM2.5监测屏同"] and report.counts()["highlights"][
            "orphaned"
        ] == 1
        placed = receiver.get_article(aid).highlights
        assert (
            len(placed) == 1
            and new[placed[0].start : placed[0].end] == "记者从市园林局了解道,今年全"
        )
        assert receiver.check().ok
        again = merge_file(receiver, f)
        assert again.empty  # the orphan stays an orphan, nothing is re-done
        md = (
            export_markdown(receiver.read(load, [aid]), tmp_path / "md")
            .written[0]
            .read_text(encoding="utf-8")
        )
        assert "Highlights not found in this text" in md and "PM2.5监测屏同" in md
    finally:
        receiver.close()


def test_cancel_rolls_back(lib: Library, other: Library, tmp_path: Path) -> None:
    f = share(lib, tmp_path / "a.pizhu")
    before = dump(other)
    with pytest.raises(MergeCancelled):
        merge_file(other, f, cancel=lambda: True)
    assert dump(other) == before


def test_cli_merge(
    lib: Library, other: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = share(lib, tmp_path / "a.pizhu")
    args = ["--library", str(other.path), "merge", str(f)]
    assert main([*args, "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dry_run"] and data["counts"]["highlights"]["added"] == 3
    assert other.article_ids() == []
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("merged ") and "3 added" in out and "backup: " in out


def note_of(lib: Library) -> tuple[str, str]:
    detail = lib.get_article(lib.article_ids()[0])
    return detail.note, detail.note_author


def test_the_note_author_travels_and_the_later_note_wins_with_its_author(
    lib: Library, other: Library, tmp_path: Path
) -> None:
    merge_file(other, share(lib, tmp_path / "a1.pizhu"))
    assert note_of(other) == note_of(lib)
    assert note_of(other)[1] == "测试者"
    first = lib.article_ids()[0]
    lib.set_note(first, "测试者改过的笔记", author="测试者")
    report = merge_file(other, share(lib, tmp_path / "a2.pizhu"))
    assert report.count("note", "updated") == 1
    assert note_of(other) == ("测试者改过的笔记", "测试者")
    # Someone else rewrote it: only the author edits a note (as in Hypothesis).
    lib.set_note(first, "王编辑改过的笔记", author="王编辑")
    report = merge_file(other, share(lib, tmp_path / "a2b.pizhu"))
    assert report.count("note", "skipped") == 1 and report.empty and report.backup is None
    assert "王编辑" in report.skipped[0].detail and "测试者" in report.skipped[0].detail
    assert note_of(other) == ("测试者改过的笔记", "测试者")
    sql(lib, "UPDATE article_notes SET updated_at = '2026-02-01T00:00:00+00:00'")
    other.set_note(other.article_ids()[0], "对方更晚的笔记", author="对方")
    sql(other, "UPDATE article_notes SET updated_at = '2026-03-01T00:00:00+00:00'")
    report = merge_file(other, share(lib, tmp_path / "a3.pizhu"))
    assert report.count("note", "conflict") == 1
    assert note_of(other) == ("对方更晚的笔记", "对方")  # ours is newer: kept, author too
    # Later, but not the author's.
    report = merge_file(lib, share(other, tmp_path / "b.pizhu"))
    assert report.count("note", "skipped") == 1
    assert note_of(lib) == ("王编辑改过的笔记", "王编辑")


def test_a_share_file_from_before_note_authors_still_merges(
    lib: Library, other: Library, tmp_path: Path
) -> None:
    """Revision 0003 had no article_notes.author: such a file reads as author ''."""
    f = share(lib, tmp_path / "old.pizhu")
    with sqlite3.connect(f) as db:
        db.execute("ALTER TABLE article_notes DROP COLUMN author")
        db.execute("UPDATE alembic_version SET version_num = '0003'")
    with sqlite3.connect(f) as db:
        cols = [r[1] for r in db.execute("PRAGMA table_info(article_notes)")]
        assert cols == ["article_id", "text", "updated_at"]
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [("0003",)]
    report = merge_file(other, f)
    assert report.count("note", "added") == 1 and report.count("highlight", "added") == 3
    assert note_of(other) == (note_of(lib)[0], "")
    assert [h.author for h in other.get_article(other.article_ids()[0]).highlights] == [
        "测试者",
        "王编辑",
    ]
    assert other.check().ok


U1 = "11111111-1111-4111-8111-111111111111"
U2 = "22222222-2222-4222-8222-222222222222"


def test_only_the_author_edits_or_deletes_a_highlight(
    lib: Library, other: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As in Hypothesis: a later edit or deletion by someone else is listed, not applied."""
    merge_file(other, share(lib, tmp_path / "a1.pizhu"))
    before = annotations(other)
    owner = before[U2][2]  # 王编辑 wrote U2; U1 is 测试者's
    assert owner == "王编辑" and before[U1][2] == "测试者"
    later = "2026-03-01T00:00:00+00:00"
    sql(lib, "UPDATE highlights SET note = '篡改', author = '冒名者', updated_at = :t WHERE uuid = :u", t=later, u=U1)  # fmt: skip
    sql(lib, "UPDATE highlights SET deleted = 1, author = '冒名者', updated_at = :t WHERE uuid = :u", t=later, u=U2)  # fmt: skip
    f = share(lib, tmp_path / "a2.pizhu")
    args = ["--library", str(other.path), "merge", str(f)]
    assert main([*args, "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["highlights"]["skipped"] == 2
    skipped = {i["key"]: i for i in data["items"] if i["action"] == "skipped"}
    assert skipped[U1]["by"] == "冒名者" and skipped[U1]["owner"] == "测试者"
    assert "deletion by 冒名者" in skipped[U2]["detail"] and "王编辑" in skipped[U2]["detail"]
    assert main(args) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("skipped\t")]
    assert len(lines) == 2 and "not applied (not the author's): 2" in out
    assert annotations(other) == before  # nothing changed, authors least of all
    # The author's own later edit still travels.
    sql(lib, "UPDATE highlights SET note = '本人修改', author = '测试者', updated_at = '2026-03-02T00:00:00+00:00' WHERE uuid = :u", u=U1)  # fmt: skip
    report = merge_file(other, share(lib, tmp_path / "a3.pizhu"))
    assert report.count("highlight", "updated") == 1
    assert annotations(other)[U1][1:3] == ("本人修改", "测试者")


def test_report_counts_everything_but_lists_a_bounded_number_of_items(
    lib: Library, other: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.exchange import merge_report

    monkeypatch.setattr(merge_report, "ITEM_LIMIT", 2)
    report = merge_file(other, share(lib, tmp_path / "a.pizhu"), dry_run=True)
    assert report.count("highlight", "added") == 3 and len(report.items) == 2
    listed = ("added", "updated", "conflict", "skipped")
    total = sum(row[a] for row in report.counts().values() for a in listed)
    assert total > 2 and report.omitted == total - 2
    assert report.to_json()["items_omitted"] == report.omitted


def test_small_chunks_merge_the_same_as_one_chunk(
    lib: Library, other: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Highlights are planned and written a chunk at a time; where chunks end changes
    nothing (here every chunk is two highlights, one ending inside an article)."""
    from reader.exchange import merge_plan

    f = share(lib, tmp_path / "a.pizhu")
    (tmp_path / "c").mkdir()
    whole = Library.open(tmp_path / "c" / "library.sqlite")
    try:
        expected = merge_file(whole, f)
        monkeypatch.setattr(merge_plan, "CHUNK", 2)
        report = merge_file(other, f)
        assert report.counts() == expected.counts()
        assert annotations(other) == annotations(whole)
        assert len(report.changes.highlights) == 3
    finally:
        whole.close()
