"""The notebook's core: every highlight of the library, filtered and grouped; pizhu highlights."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import KnownError
from reader.store.library import Library
from reader.store.notebook import (
    NOTE_GROUP,
    UNTAGGED,
    NotebookFilter,
    group_labels,
    notebook_index,
    notebook_rows,
)
from tests.exchange.conftest import annotate, fix_uuids, make_page, sql

H1 = "11111111-1111-4111-8111-111111111111"  # yellow, hostile note, tags 民生 服务 (under 城市), #<b>x</b>
H2 = "22222222-2222-4222-8222-222222222222"  # green, 王编辑, "数据"
H3 = "33333333-3333-4333-8333-333333333333"  # blue, second article


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "library.sqlite")
    library.import_paths([make_page(tmp_path / "pages")])
    fix_uuids(library)
    annotate(library)
    yield library
    library.close()


def uuids(lib: Library, f: NotebookFilter | None = None) -> list[str]:
    ids = notebook_index(lib, f).highlight_ids
    return [r.highlight.uuid for r in notebook_rows(lib, ids)]


def test_every_highlight_in_library_and_reading_order(lib: Library) -> None:
    assert uuids(lib) == [H1, H2, H3]
    rows = notebook_rows(lib, notebook_index(lib).highlight_ids)
    assert rows[0].title == "青城公园新增十二处便民驿站" and rows[0].date == "2026-01-15"
    assert rows[0].page == "3" and rows[0].highlight.tags == ("#<b>x</b>", "民生 服务")


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (NotebookFilter(tag="城市"), [H1]),  # nested: 民生 服务 sits under 城市
        (NotebookFilter(colour="数据"), [H2]),  # a meaning finds its colour
        (NotebookFilter(colour="blue"), [H3]),
        (NotebookFilter(author="王编辑"), [H2]),
        (NotebookFilter(since="2026-02-01", until="2026-02-01"), [H1, H2, H3]),
        (NotebookFilter(since="2026-02-02"), []),
        (NotebookFilter(until="2026-01-31"), []),
        (NotebookFilter(text="pm2.5"), [H2]),  # in the quote, ignoring ASCII case
        (NotebookFilter(text="%"), []),  # LIKE wildcards are text
        (NotebookFilter(text="数据"), [H2]),  # in the note
    ],
)
def test_filters(lib: Library, f: NotebookFilter, expected: list[str]) -> None:
    assert uuids(lib, f) == expected


def test_article_filter_and_deleted_highlights(lib: Library) -> None:
    first = lib.article_ids()[0]
    assert uuids(lib, NotebookFilter(article=first)) == [H1, H2]
    h2 = lib.get_article(first).highlights[1].id
    lib.delete_highlight(h2)
    assert uuids(lib) == [H1, H3]


def test_grouped_by_tag_colour_and_article(lib: Library) -> None:
    by_tag = notebook_index(lib, group="tag")
    labels = group_labels(lib, "tag", [g for g, _ in by_tag.rows])
    assert [labels[g] if g != UNTAGGED else "" for g, _ in by_tag.rows] == [
        "#<b>x</b>",
        "城市 › 民生 服务",
        "",
        "",
    ]
    assert len(by_tag.highlight_ids) == 3  # H1 shows under both of its tags
    by_colour = notebook_index(lib, group="colour")
    colours = group_labels(lib, "colour", [g for g, _ in by_colour.rows])
    assert [colours[g] for g, _ in by_colour.rows] == ["重要", "疑问", "数据"]
    by_article = notebook_index(lib, group="article")
    titles = group_labels(lib, "article", [g for g, _ in by_article.rows])
    assert [titles[g] for g, _ in by_article.rows][-1] == "呼和浩特地铁3号线试运行"


def test_unknown_tag_and_bad_date_are_known_errors(lib: Library) -> None:
    with pytest.raises(KnownError, match="no tag named '无此'"):
        notebook_index(lib, NotebookFilter(tag="无此"))
    with pytest.raises(KnownError, match="not a date"):
        notebook_index(lib, NotebookFilter(since="昨天"))


def test_cli_highlights(lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--library", str(lib.path), "highlights"]
    assert main([*base, "--color", "待查"]) == 0
    assert capsys.readouterr().out == ""
    assert main([*base, "--tag", "城市"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert (
        "\t2026-01-15\tyellow(重要)\t青城公园新增十二处便民驿站\t记者从市园林局了解到,今年全"
        in line
    )
    assert "[#<b>x</b>, 民生 服务] — <script>" in line
    assert main([*base, "--author", "王编辑", "--since", "2026-01-01", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["total"] == 1
    (h,) = doc["highlights"]
    assert h["uuid"] == H2 and h["meaning"] == "数据" and h["quote"]["exact"] == "PM2.5监测屏同"
    assert h["article"]["title"] == "青城公园新增十二处便民驿站"
    assert (
        h["citation"] == "王晓, 李青. 青城公园新增十二处便民驿站[N]. 呼和浩特日报, 2026-01-15(3)."
    )
    assert main([*base, "--since", "上周"]) == 1
    assert main([*base, "--tag", "无此"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err


def test_rows_of_many_ids_come_back_in_order(lib: Library) -> None:
    first = lib.article_ids()[0]
    text = lib.get_article(first).text
    for n in range(600):  # more than one chunk
        lib.add_highlight(first, n % 40, n % 40 + 1 + n % 7)
    sql(lib, "UPDATE highlights SET created_at = '2026-03-01T00:00:00+00:00'")
    ids = notebook_index(lib).highlight_ids
    rows = notebook_rows(lib, list(reversed(ids)))
    assert [r.highlight.id for r in rows] == list(reversed(ids)) and len(rows) == 603
    assert all(
        text[r.highlight.start : r.highlight.end] == r.highlight.exact
        for r in rows[:603]
        if r.highlight.article_id == first
    )


def test_article_notes_join_when_asked(lib: Library) -> None:
    first = lib.article_ids()[0]
    note = -int(first)
    with_notes = NotebookFilter(notes=True)
    index = notebook_index(lib, with_notes)
    assert index.count == 3 and index.notes == 1
    rows = notebook_rows(lib, index.highlight_ids)
    assert [r.highlight.uuid for r in rows] == [H1, H2, "00000000-0000-4000-8000-000000000001", H3]
    assert rows[2].kind == "note" and rows[2].highlight.id == note
    assert rows[2].highlight.note.startswith("文章笔记") and rows[2].highlight.tags == (
        "民生 服务",
    )
    assert rows[2].to_json({})["kind"] == "note"

    def ids(f: NotebookFilter, group: str = "article") -> list[int]:
        return [int(h) for _, h in notebook_index(lib, f, group).rows]  # type: ignore[arg-type]

    assert ids(NotebookFilter(notes=True, text="文章笔记")) == [note]
    assert note not in ids(NotebookFilter(notes=True, colour="yellow"))
    assert note in ids(NotebookFilter(notes=True, author="测试者"))
    assert note in ids(NotebookFilter(notes=True, tag="城市"))  # the article's tag, nested
    assert note not in ids(NotebookFilter(notes=True, since="2026-02-02"))
    by_colour = notebook_index(lib, with_notes, "colour").rows
    assert by_colour[-1] == (NOTE_GROUP, note)
    by_tag = notebook_index(lib, with_notes, "tag").rows
    tag = next(t.id for t in lib.tags() if t.name == "民生 服务")
    assert (tag, note) in by_tag
