"""Export through Jinja2 templates: the default one is the snapshot, user ones are sandboxed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import KnownError
from reader.exchange.collect import load, load_articles
from reader.exchange.markdown import export_markdown, render_article
from reader.exchange.templates import load_template, user_templates_dir
from reader.store.library import Library

SNAPSHOTS = Path(__file__).parent / "snapshots"

CLIPPING = """{% for a in articles %}
{{ a.raw.date }} {{ a.title }} ({{ a.highlights | length }})
{% for h in a.highlights %}
- {{ h.quote | join(" ") }} [{{ h.meaning }}]
{% endfor %}
{% endfor %}
"""


def test_default_template_reproduces_the_snapshot(lib: Library) -> None:
    article = lib.read(load_articles, lib.article_ids()[1:2])[0]
    expected = (SNAPSHOTS / "article-0.md").read_text(encoding="utf-8")
    assert render_article(article, template=load_template()) == expected


def test_user_template_by_name_from_the_data_folder(lib: Library, tmp_path: Path) -> None:
    folder = user_templates_dir()
    assert str(folder).startswith(os.environ["XDG_DATA_HOME"])
    folder.mkdir(parents=True)
    (folder / "clipping.txt.j2").write_text(CLIPPING, encoding="utf-8")
    report = export_markdown(
        lib.read(load, lib.article_ids()), tmp_path / "out", template="clipping"
    )
    names = sorted(p.name for p in report.written)
    assert names == [
        "2026-01-15 第3版 呼和浩特地铁3号线试运行.txt",
        "2026-01-15 第3版 青城公园新增十二处便民驿站.txt",
    ]
    text = (tmp_path / "out" / names[1]).read_text(encoding="utf-8")
    # user text arrives escaped for Markdown only where it would be markup
    assert text.startswith("2026-01-15 青城公园新增十二处便民驿站 (2)\n- 记者从市园林局")
    assert "- PM2.5监测屏同 [数据]" in text


def test_user_template_by_path_in_a_single_file(lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "mine.md.j2"
    path.write_text("{{ articles | length }} 篇, {{ highlights }} 条\n", encoding="utf-8")
    out = tmp_path / "all.md"
    export_markdown(lib.read(load, lib.article_ids()), out, single_file=True, template=str(path))
    assert out.read_text(encoding="utf-8") == "2 篇, 3 条\n"


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("{{ ''.__class__.__mro__ }}", "unsafe"),
        ("{{ articles[0].raw.__init__.__globals__ }}", "unsafe"),
        ("{% set x = articles.append(1) %}", "unsafe"),
        ("{{ nothing_here }}", "undefined"),
        ("{% for %}", "line 1"),
    ],
)
def test_hostile_or_broken_templates_fail_in_one_line(
    lib: Library, tmp_path: Path, source: str, reason: str
) -> None:
    path = tmp_path / "bad.md.j2"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(KnownError) as e:
        export_markdown(lib.read(load, lib.article_ids()), tmp_path / "out", template=str(path))
    assert reason in str(e.value) and "\n" not in str(e.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.md"))


def test_cli_template_and_unknown_template(
    lib: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.md.j2"
    path.write_text("{{ articles[0].citation }}\n", encoding="utf-8")
    base = ["--library", str(lib.path), "export", "--all"]
    assert main([*base, "-o", str(tmp_path / "o"), "--template", str(path)]) == 0
    written = sorted((tmp_path / "o").glob("*.md"))
    assert written[0].read_text(encoding="utf-8") == (
        "李青. 呼和浩特地铁3号线试运行[N]. 呼和浩特日报, 2026-01-15(3).\n"
    )
    assert main([*base, "-o", str(tmp_path / "p"), "--template", "nope"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no template 'nope'" in err
    json_out = ["-o", str(tmp_path / "a.json"), "--format", "json", "--template", str(path)]
    assert main([*base, *json_out]) == 1
    assert "--template: only for --format markdown" in capsys.readouterr().err


def test_exported_files_follow_the_umask(lib: Library, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        report = export_markdown(lib.read(load, lib.article_ids()), tmp_path / "out")
    finally:
        os.umask(old)
    for path in [*report.written, tmp_path / "out" / ".pizhu-export.json"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_highlight_citation_in_a_template(lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "cite.md.j2"
    path.write_text(
        "{% for a in articles %}{% for h in a.highlights %}{{ h.citation | join(' ') }}\n"
        "{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    out = tmp_path / "c.md"
    export_markdown(
        lib.read(load, lib.article_ids()[1:]), out, single_file=True, template=str(path)
    )
    assert out.read_text(encoding="utf-8") == (
        "“全长21.5公里” 李青. 呼和浩特地铁3号线试运行[N]. 呼和浩特日报, 2026-01-15(3).\n"
    )
