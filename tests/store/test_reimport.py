"""Re-import stability: the same page again changes nothing; a re-parse re-anchors."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from reader.ingest import ParsedPage, SourceInfo, parse_text
from reader.ingest.model import Block
from reader.store.library import Library


def highlight_rows(lib: Library) -> list[tuple[object, ...]]:
    with sqlite3.connect(lib.path) as conn:
        return conn.execute(
            'SELECT id, uuid, article_id, start, "end", exact, prefix, suffix, colour, note, '
            "author, created_at, updated_at, deleted, orphaned FROM highlights ORDER BY id"
        ).fetchall()


def annotate(lib: Library) -> dict[str, int]:
    a1, a2 = lib.article_ids()
    t1, t2 = lib.get_article(a1).text, lib.get_article(a2).text
    out = {}
    for name, aid, body, quote in [
        ("stations", a1, t1, "便民驿站十二处"),
        ("services", a1, t1, "提供饮水、充电和休息服务"),
        ("overlap", a1, t1, "充电和休息"),
        ("quote", a1, t1, "带孩子来公园方便多了"),
        ("metro", a2, t2, "地铁3号线今日开始试运行"),
        ("km", a2, t2, "21.5公里"),
    ]:
        s = body.index(quote)
        hid, _ = lib.add_highlight(aid, s, s + len(quote), note=f"{name}的笔记")
        out[name] = hid
    tag, _ = lib.ensure_tag("交通")
    lib.tag_article(a2, tag)
    lib.tag_highlight(out["metro"], tag)
    lib.set_note(a2, "地铁的笔记")
    return out


def test_importing_the_same_page_again_keeps_every_offset(
    library: Library, small_page: Path, tmp_path: Path
) -> None:
    library.import_paths([small_page])
    annotate(library)
    before = highlight_rows(library)
    again = tmp_path / "again"
    again.mkdir()
    (again / "copy.txt").write_bytes(small_page.read_bytes())  # same bytes, another name
    (again / "gbk.txt").write_bytes(small_page.read_text(encoding="utf-8").encode("gb18030"))
    summary = library.import_paths([small_page, again])
    assert summary.imported == 0 and summary.skipped == 3
    assert highlight_rows(library) == before
    assert library.check().ok


def test_reparse_with_the_same_parser_changes_no_highlight(
    library: Library, small_page: Path
) -> None:
    library.import_paths([small_page])
    annotate(library)
    before = highlight_rows(library)
    ids = library.article_ids()
    uuids = [library.get_article(a).uuid for a in ids]
    (src,) = library.sources()
    report = library.reparse_source(src.id)
    assert report.kept == tuple(ids) and report.added == () and report.removed == ()
    assert report.methods == {"position": 6} and report.orphaned == ()
    assert highlight_rows(library) == before
    assert [library.get_article(a).uuid for a in library.article_ids()] == uuids
    assert library.check().ok


def changed_parser(text: str, source: SourceInfo) -> ParsedPage:
    """A "better" parser: a preface block, a repaired word, a dropped quotation."""
    page = parse_text(text, source)
    first, second = page.articles

    def edit(b: Block) -> Block:
        t = b.text.replace("提供饮水、充电和休息服务", "提供饮水、充电与休息服务")
        return replace(b, text=t.replace("便民驿站十二处", "便民\n驿站十二处"))

    blocks = [edit(b) for b in first.blocks if "张女士" not in b.text]
    preface = Block(type="paragraph", text="编者按:本文有更新。", spans=[])
    return replace(
        page,
        articles=[
            replace(first, blocks=blocks),
            replace(second, blocks=[preface, *second.blocks]),
        ],
    )


def test_reparse_with_a_changed_parse_reanchors_highlights(
    library: Library, small_page: Path
) -> None:
    library.import_paths([small_page])
    hl = annotate(library)
    a1, a2 = library.article_ids()
    (src,) = library.sources()
    report = library.reparse_source(src.id, parser=changed_parser)
    assert report.kept == (a1, a2) and report.added == () and report.removed == ()
    assert report.methods == {"quote": 2, "normalized": 1, "fuzzy": 2, "orphaned": 1}
    assert report.orphaned == (hl["quote"],)
    t1, t2 = library.get_article(a1).text, library.get_article(a2).text
    placed = {h.id: h for a in (a1, a2) for h in library.get_article(a).highlights}
    assert placed[hl["stations"]].exact == "便民\n驿站十二处"
    assert placed[hl["services"]].exact == "提供饮水、充电与休息服务"
    assert placed[hl["overlap"]].exact == "充电与休息"  # still inside the other one
    assert placed[hl["metro"]].start == t2.index("地铁3号线今日开始试运行")
    assert placed[hl["km"]].exact == "21.5公里"
    for h in placed.values():
        body = t1 if h.article_id == a1 else t2
        assert body[h.start : h.end] == h.exact and h.note
    assert hl["quote"] not in placed  # an orphan: kept, but not shown in the text
    with sqlite3.connect(library.path) as conn:
        assert conn.execute(
            "SELECT orphaned, deleted, note FROM highlights WHERE id = ?", (hl["quote"],)
        ).fetchone() == (1, 0, "quote的笔记")
    assert placed[hl["metro"]].tags == ("交通",)
    assert (
        library.get_article(a2).tags == ("交通",) and library.get_article(a2).note == "地铁的笔记"
    )
    assert [h.id for h in library.search("编者按")] == [a2]
    assert library.check().ok
