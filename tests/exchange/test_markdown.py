"""Markdown export: snapshots, escaping checked by a CommonMark parser, the manifest."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.cli import main
from reader.exchange.collect import load, load_articles, select_articles
from reader.exchange.manifest import MANIFEST
from reader.exchange.markdown import export_markdown, render_article
from reader.exchange.mdescape import inline, lines
from reader.store.library import Library

SNAPSHOTS = Path(__file__).parent / "snapshots"


def check_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("PIZHU_UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"snapshot {name} differs"


def split_front_matter(md: str) -> tuple[dict[str, object], str]:
    assert md.startswith("---\n")
    head, body = md[4:].split("\n---\n", 1)
    fields = {}
    for line in head.splitlines():
        key, value = line.split(": ", 1)
        fields[key] = json.loads(value)
    return fields, body


def tokens(md: str) -> list[str]:
    out = []

    def walk(toks: list) -> None:  # type: ignore[type-arg]
        for t in toks:
            out.append(t.type)
            if t.children:
                walk(t.children)

    walk(MarkdownIt("commonmark").parse(md))
    return out


def test_per_article_files_match_snapshots(lib: Library, tmp_path: Path) -> None:
    out = tmp_path / "export"
    report = export_markdown(lib.read(load, lib.article_ids()), out)
    assert report.ok and report.articles == 2 and report.highlights == 3
    names = sorted(p.name for p in out.glob("*.md"))
    assert names == [
        "2026-01-15 第3版 呼和浩特地铁3号线试运行.md",
        "2026-01-15 第3版 青城公园新增十二处便民驿站.md",
    ]
    for n, name in enumerate(names):
        check_snapshot(f"article-{n}.md", (out / name).read_text(encoding="utf-8"))
    assert (out / MANIFEST).is_file()


def test_single_file_matches_snapshot(lib: Library, tmp_path: Path) -> None:
    out = tmp_path / "all.md"
    export_markdown(lib.read(load, lib.article_ids()), out, single_file=True)
    md = out.read_text(encoding="utf-8")
    check_snapshot("combined.md", md)
    kinds = tokens(md)
    assert "html_block" not in kinds and "html_inline" not in kinds
    assert "fence" not in kinds  # one front matter for the file, none per article
    assert md.count("\n---\n") == 1 and md.count("\n# ") == 2  # a section per article
    assert "> 全长21.5公里" in md and "文章笔记:" in md  # running text as typed


def test_front_matter_fields(lib: Library) -> None:
    article = lib.read(load_articles, lib.article_ids()[:1])[0]
    fields, _ = split_front_matter(render_article(article))
    assert fields == {
        "title": "青城公园新增十二处便民驿站",
        "paper": "呼和浩特日报",
        "date": "2026-01-15",
        "page": "3",
        "authors": article.authors and list(article.authors),
        "tags": ["民生 服务"],
        "source": "呼和浩特日报_2026-01-15_第03版.txt",
        "pizhu_id": "00000000-0000-4000-8000-000000000001",
        "citation": "王晓, 李青. 青城公园新增十二处便民驿站[N]. 呼和浩特日报, 2026-01-15(3).",
    }


def test_hostile_user_text_stays_text(lib: Library) -> None:
    article = lib.read(load_articles, lib.article_ids()[:1])[0]
    _, body = split_front_matter(render_article(article))
    kinds = tokens(body)
    assert "html_block" not in kinds and "html_inline" not in kinds
    assert "code_block" not in kinds and "link" not in kinds and "bullet_list_open" not in kinds
    assert "ordered_list_open" not in kinds and "hr" not in kinds and "code_inline" not in kinds
    # headings: the title, "Highlights", "Note" and nothing from the note
    assert kinds.count("heading_open") == 3
    assert kinds.count("blockquote_open") == 2  # one per highlight, none from the note
    html = MarkdownIt("commonmark").render(body)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x00" not in body and "\x07" not in body and "\u2028" not in body


@pytest.mark.parametrize(
    "text",
    [
        "# x",
        "> y",
        "- z",
        "1. a",
        "    code",
        "<div>",
        "[a](b)",
        "`c`",
        "***",
        "a\n===",
        "<!-- c -->",
    ],
)
def test_each_construct_is_escaped(text: str) -> None:
    html = MarkdownIt("commonmark").render("\n".join(lines(text)))
    assert html.startswith("<p>") and html.count("<") == 2 + html.count("<br")
    assert inline(text).replace("\\", "") == " ".join(text.split())


def test_tags_are_tags_not_headings(lib: Library) -> None:
    article = lib.read(load_articles, lib.article_ids()[:1])[0]
    md = render_article(article)
    assert "#\\#\\<b>x\\</b> #民生_服务" in md


def test_changed_file_is_kept_without_force(lib: Library, tmp_path: Path) -> None:
    out = tmp_path / "export"
    ids = lib.article_ids()
    first = export_markdown(lib.read(load, ids), out)
    edited = first.written[0]
    edited.write_text("my own notes\n", encoding="utf-8")
    lib.set_note(ids[1], "新的笔记")
    again = export_markdown(lib.read(load, ids), out)
    assert again.kept == [edited] and not again.ok
    assert edited.read_text(encoding="utf-8") == "my own notes\n"
    forced = export_markdown(lib.read(load, ids), out, force=True)
    assert edited in forced.written and "my own notes" not in edited.read_text(encoding="utf-8")
    third = export_markdown(lib.read(load, ids), out)
    assert third.ok and len(third.unchanged) == 2 and not third.written


def test_user_file_with_the_same_name_is_not_touched(lib: Library, tmp_path: Path) -> None:
    out = tmp_path / "export"
    out.mkdir()
    mine = out / "2026-01-15 第3版 呼和浩特地铁3号线试运行.md"
    mine.write_text("mine\n", encoding="utf-8")
    report = export_markdown(lib.read(load, lib.article_ids()), out)
    assert mine.read_text(encoding="utf-8") == "mine\n"
    assert (out / "2026-01-15 第3版 呼和浩特地铁3号线试运行 (2).md").is_file() and report.ok


def test_same_titles_get_distinct_names(lib: Library, tmp_path: Path) -> None:
    from tests.exchange.conftest import sql

    sql(lib, "UPDATE articles SET title = 'CON'")
    report = export_markdown(lib.read(load, lib.article_ids()), tmp_path / "x")
    assert sorted(p.name for p in report.written) == [
        "2026-01-15 第3版 CON (2).md",
        "2026-01-15 第3版 CON.md",
    ]


def test_cancel_stops_between_files(lib: Library, tmp_path: Path) -> None:
    calls = []
    report = export_markdown(
        lib.read(load, lib.article_ids()),
        tmp_path / "x",
        cancel=lambda: bool(calls),
        progress=lambda d, t: calls.append(d),
    )
    assert report.cancelled and len(report.written) == 1


def test_cli_export(lib: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli"
    args = ["--library", str(lib.path), "export", "--format", "markdown"]
    assert main([*args, "--tag", "城市", "-o", str(out)]) == 0
    assert len(list(out.glob("*.md"))) == 1
    assert (
        main([*args, "--since", "2026-01-01", "-o", str(tmp_path / "s.md"), "--single-file"]) == 0
    )
    assert main([*args, "--since", "yesterday", "-o", str(out)]) == 1
    assert main([*args, "--all", "-o", str(tmp_path / "a.json"), "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a date" in err
    ids = lib.read(select_articles, articles=["1", "00000000-0000-4000-8000-000000000002", "1"])
    assert ids == [1, 2]


def test_colours_are_exported_with_the_librarys_own_meanings(lib: Library, tmp_path: Path) -> None:
    lib.rename_colour("blue", "待核实")
    out = tmp_path / "all.md"
    export_markdown(lib.read(load, lib.article_ids()), out, single_file=True)
    md = out.read_text(encoding="utf-8")
    assert "**blue** · 待核实" in md
    assert "疑问" not in md
