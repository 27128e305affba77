"""The library as a collection: page metadata, article metadata, the trash, sorting."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from hypothesis import given
from hypothesis import strategies as st

from reader.store import browse, database, metadata, pageinfo, trash
from reader.store.ids import ArticleId, SourceId
from reader.store.library import Library
from tests.store.conftest import SMALL_PAGE
from tests.store.test_cli import run


def _import(lib: Library, folder: Path, name: str, text: str = SMALL_PAGE) -> SourceId:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / name
    page.write_text(text, encoding="utf-8")
    summary = lib.import_paths([page])
    sid = summary.results[0].source_id
    assert sid is not None
    return SourceId(sid)


def test_page_names_and_numbers_come_from_file_names_and_headers() -> None:
    info = pageinfo.page_info("晚报-2026-02-10-第3版-要闻.txt", "")
    assert (info.date, info.page, info.page_name) == ("2026-02-10", "3", "要闻")
    head = "呼和浩特日报\n2026年1月5日 第A03版:经济新闻\n# 标题\n正文"
    info = pageinfo.page_info("x.txt", head)
    assert info == pageinfo.PageInfo("呼和浩特日报", "2026-01-05", "A3", "经济新闻")
    assert pageinfo.check_date("2026/1/5") == "2026-01-05"
    assert pageinfo.check_page("A03") == "A3" and pageinfo.check_page("第3版") == "3"
    for bad in ("tomorrow", "2026-13-01"):
        with pytest.raises(pageinfo.MetadataError):
            pageinfo.check_date(bad)
    with pytest.raises(pageinfo.MetadataError):
        pageinfo.check_page("0")


@given(st.text(max_size=12))
def test_typed_pages_and_dates_are_stored_form_or_refused(value: str) -> None:
    for check in (pageinfo.check_page, pageinfo.check_date):
        try:
            out = check(value)
        except pageinfo.MetadataError:
            continue
        assert check(out) == out  # what is stored reads back as itself


def test_migration_0005_backfills_page_facts_from_file_names(lib_path: Path) -> None:
    engine = database.make_engine(lib_path)
    cfg = database.alembic_config()
    with engine.connect() as conn, conn.begin():
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    engine.dispose()
    with sqlite3.connect(lib_path) as conn:
        conn.execute(
            "INSERT INTO source_files (id, path, name, sha256, text_hash, encoding, size, text, "
            "imported_at, paper, page_date, page) VALUES (1, '/p.txt', "
            "'晨报_2026-03-05_第7版_交通.txt', 'a', 'b', 'utf-8', 3, '正文', 'now', "
            "'手填日报', NULL, NULL)"
        )
    with Library.open(lib_path) as lib:
        src = lib.sources()[0]
    # What was known is kept; what was unknown is read from the name.
    assert (src.paper, src.date, src.page, src.page_name) == ("手填日报", "2026-03-05", "7", "交通")


def test_page_and_article_metadata_edits_undo_and_redo(library: Library, tmp_path: Path) -> None:
    sid = _import(library, tmp_path / "p", "page.txt")
    aids = library.article_ids()
    before = library.sources()[0]
    op = metadata.set_pages([sid], paper="晚报", date="2026-02-10", page="A03", page_name="要闻")
    done = library.run(op)
    after = library.sources()[0]
    assert (after.paper, after.date, after.page, after.page_name) == (
        "晚报",
        "2026-02-10",
        "A3",
        "要闻",
    )
    assert done.changes.sources_changed == {sid} and set(done.changes.articles_changed) == set(aids)
    redo = library.run(done.inverse)
    assert library.sources()[0] == before
    library.run(redo.inverse)
    assert library.sources()[0] == after

    edit = metadata.set_articles(aids, title="统一标题", kind="photo", authors=["甲", " 乙 ", ""])
    done = library.run(edit)
    rows = library.summaries(aids)
    assert {(r.title, r.kind, r.authors) for r in rows} == {("统一标题", "photo", ("甲", "乙"))}
    assert {h.id for h in library.search("统一标题")} == set(aids)
    library.run(done.inverse)
    rows = library.summaries(aids)
    assert [r.title for r in rows] == ["青城公园新增十二处便民驿站", "呼和浩特地铁3号线试运行"]
    assert library.search("统一标题") == []
    assert library.check().ok


def test_trash_hides_restores_and_empties(library: Library, tmp_path: Path) -> None:
    one = _import(library, tmp_path / "p", "晚报_2026-01-01_第1版.txt")
    two = _import(library, tmp_path / "p", "晚报_2026-01-02_第2版.txt", SMALL_PAGE + "\n另一页。\n")
    a1, a2, b1, b2 = library.article_ids()
    library.add_highlight(a1, 0, 4, note="留着")
    done = library.run(trash.TrashArticles((a1,)))
    assert a1 not in library.article_ids() and a1 not in browse.article_ids(library)
    assert browse.article_count(library) == 3
    assert all(h.id != a1 for h in library.search("便民驿站"))
    assert [i.id for i in library.read(trash.items)] == [a1]
    assert library.get_article(a1).in_trash
    tag, _ = library.ensure_tag("城市")
    library.tag_article(a1, tag)
    assert {t.name: t.count for t in browse.tag_counts(library)}["城市"] == 0  # in the trash
    library.run(done.inverse)  # undo
    assert {t.name: t.count for t in browse.tag_counts(library)}["城市"] == 1
    assert a1 in library.article_ids() and not library.read(trash.items)
    assert len(library.get_article(a1).highlights) == 1  # the annotations came back

    library.run(trash.TrashPages((two,)))
    assert library.article_ids() == [a1, a2]
    assert [d.date for d in browse.paper_dates(library)] == ["2026-01-01"]
    [item] = library.read(trash.items)
    assert (item.kind, item.id, item.articles) == ("page", two, 2)
    # Restoring an article on a trashed page brings the page back.
    library.run(trash.restore([b1], []))
    assert library.article_ids() == [a1, a2, b1, b2]

    library.run(trash.TrashArticles((a2,)))
    library.run(trash.TrashPages((one,)))
    changes = library.write(trash.empty)
    assert changes.articles_removed == {a1, a2} and changes.sources_removed == {one}
    assert library.article_ids() == [b1, b2] and not library.read(trash.items)
    assert library.check().ok


def test_sorting_the_article_list(library: Library, tmp_path: Path) -> None:
    _import(library, tmp_path / "p", "晚报_2026-01-02_第12版.txt")
    _import(library, tmp_path / "p", "晚报_2026-01-01_第3版.txt", SMALL_PAGE + "\n二。\n")
    _import(library, tmp_path / "p", "undated.txt", SMALL_PAGE + "\n三。\n")
    rows = {r.id: r for r in browse.article_rows(library, browse.article_ids(library))}

    def order(sort: str, desc: bool = False) -> list[tuple[object, ...]]:
        ids = browse.article_ids(library, sort=sort, descending=desc)
        return [(rows[i].date, rows[i].page, rows[i].title) for i in ids]

    dates = [d for d, _, _ in order("date")]
    assert dates == ["2026-01-01"] * 2 + ["2026-01-02"] * 2 + [None] * 2
    assert [d for d, _, _ in order("date", True)] == ["2026-01-02"] * 2 + ["2026-01-01"] * 2 + [
        None
    ] * 2  # unknown dates stay last
    assert [p for _, p, _ in order("page")][:4] == ["3", "3", "12", "12"]
    titles = [t for _, _, t in order("title")]
    assert titles == sorted(titles)  # type: ignore[type-var]
    aid = browse.article_ids(library)[-1]
    library.add_highlight(aid, 0, 2)
    assert browse.article_ids(library, sort="highlights", descending=True)[0] == aid
    assert browse.article_rows(library, [aid])[0].highlights == 1


def test_cli_import_options_edit_delete_trash(
    lib_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "scan-0001.txt"
    page.write_text(SMALL_PAGE, encoding="utf-8")
    lib = str(lib_path)
    code, out, err = run(
        capsys, "--library", lib, "import", str(page), "--paper", "呼和浩特晚报",
        "--date", "2026-02-10", "--page", "A3", "--page-name", "要闻",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "--library", lib, "show", "1", "--json")
    src = json.loads(out)["source"]
    assert (src["paper"], src["date"], src["page"], src["page_name"]) == (
        "呼和浩特晚报",
        "2026-02-10",
        "A3",
        "要闻",
    )
    code, out, err = run(
        capsys, "--library", lib, "edit", "2", "--title", "新标题", "--authors", "甲,乙",
        "--date", "2026-02-11", "--page", "4",
    )  # fmt: skip
    assert code == 0, err
    two = json.loads(run(capsys, "--library", lib, "show", "2", "--json")[1])
    assert (two["title"], two["authors"]) == ("新标题", ["甲", "乙"])
    # Page fields given with an article's id change that article's page.
    assert (two["source"]["date"], two["source"]["page"]) == ("2026-02-11", "4")
    code, _, err = run(capsys, "--library", lib, "edit", "2", "--date", "someday")
    assert code == 1 and err.count("\n") == 1 and "someday" in err

    assert run(capsys, "--library", lib, "delete", "1")[0] == 0
    code, out, _ = run(capsys, "--library", lib, "trash", "--json")
    assert [(i["kind"], i["id"]) for i in json.loads(out)] == [("article", 1)]
    assert json.loads(run(capsys, "--library", lib, "list", "--json")[1])[0]["id"] == 2
    assert run(capsys, "--library", lib, "trash", "--restore", "1")[0] == 0
    assert len(json.loads(run(capsys, "--library", lib, "list", "--json")[1])) == 2
    assert run(capsys, "--library", lib, "delete", "--page", "1")[0] == 0
    assert json.loads(run(capsys, "--library", lib, "trash", "--json")[1])[0]["kind"] == "page"
    assert run(capsys, "--library", lib, "trash", "--empty")[0] == 0
    assert json.loads(run(capsys, "--library", lib, "list", "--json")[1]) == []
    code, _, err = run(capsys, "--library", lib, "delete", "99")
    assert code == 1 and err.count("\n") == 1


@pytest.mark.parametrize("name", ["tool.py", "photo.png"])
def test_import_refuses_a_file_that_is_not_a_page_dump(
    lib_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    f = tmp_path / name
    f.write_bytes(b"import os\n" if name.endswith(".py") else b"\x89PNG\r\n\x1a\n")
    code, _, err = run(capsys, "--library", str(lib_path), "import", str(f))
    assert code == 1
    [line] = err.strip().splitlines()
    assert name in line and "not a page dump" in line and "Traceback" not in err


def test_article_id_unknown_is_refused_by_metadata(library: Library) -> None:
    with pytest.raises(Exception, match="no article 5"):
        library.run(metadata.set_articles([ArticleId(5)], title="x"))


def test_the_in_memory_index_orders_exactly_as_the_query(library: Library, tmp_path: Path) -> None:
    from reader.store.libindex import LibraryIndex

    _import(library, tmp_path / "p", "晚报_2026-01-02_第12版.txt")
    _import(library, tmp_path / "p", "晨报_2026-01-02_第A3版.txt", SMALL_PAGE + "\n二。\n")
    _import(library, tmp_path / "p", "晚报_2026-01-01_第3版.txt", SMALL_PAGE + "\n三。\n")
    _import(library, tmp_path / "p", "undated.txt", SMALL_PAGE + "\n四。\n")
    _import(library, tmp_path / "p", "日报_2026-01-02.txt", SMALL_PAGE + "\n五。\n")
    library.run(trash.TrashArticles((library.article_ids()[1],)))
    index = LibraryIndex.load(library)
    assert index.total == browse.article_count(library)
    filters = [
        browse.ArticleFilter(),
        browse.ArticleFilter(date="2026-01-02"),
        browse.ArticleFilter(date=browse.NO_DATE),
        browse.ArticleFilter(period="2026-01"),
        browse.ArticleFilter(source=SourceId(2)),
    ]
    for f in filters:
        for sort in ("library", "date", "page", "source"):
            for desc in (False, True):
                assert browse.indexed_ids(index, f, sort, desc) == browse.article_ids(
                    library, f, sort, desc
                ), (f, sort, desc)
    assert browse.indexed_ids(index, browse.ArticleFilter(kind="photo")) is None
    assert browse.indexed_ids(index, browse.ArticleFilter(), "title") is None
    views = {v.id: v for v in browse.page_views(index)}
    assert views == {v.id: v for v in browse.page_index(library)}
