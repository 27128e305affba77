"""Accepting and flipping the parser's decisions: undoable, kept by re-parse and re-import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.ingest import Article, parse_text
from reader.store import decisions, fixrules, importer, splitfix
from reader.store.ids import SourceId
from reader.store.library import Library
from tests.splitpages import PAGE, parser_with_decisions, write_page


@pytest.fixture
def page_lib(library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setattr(importer, "default_parser", parser_with_decisions)
    library.import_paths([write_page(tmp_path / "pages")])
    return library


def _source(lib: Library) -> SourceId:
    return SourceId(lib.sources()[0].id)


def _titles(lib: Library) -> list[str | None]:
    return [a.title for a in lib.list_articles()]


def _texts(lib: Library) -> list[str]:
    return [lib.get_article(a.id).article.text for a in lib.list_articles()]


def test_decisions_are_read_defensively() -> None:
    page = parse_text(PAGE)
    read = decisions.decisions_of(page)  # the parser's own decisions come through whole
    assert read and {d.kind for d in read} <= {"join", "title_role", "orphan", "interleaved"}
    assert len(read) == len(page.decisions)
    junk = {
        "text": PAGE,
        "decisions": [
            {"kind": "join", "confidence": "high", "spans": [[0, 3]], "chosen": "join"},
            {"kind": "join", "confidence": 0.4, "spans": [[5, 10**9]], "chosen": "a"},
            {"kind": "orphan", "confidence": float("nan"), "spans": [[0, 3]]},
            "not a decision",
            {
                "kind": "orphan",
                "confidence": 0.3,
                "spans": [1, 4],
                "chosen": "fragment",
                "alternative": "own",
                "evidence": "extra fields are fine",
            },
        ],
    }
    found = decisions.decisions_of(junk)
    assert [(d.kind, d.spans, d.doubtful, d.flippable) for d in found] == [
        ("orphan", ((1, 4),), True, True)
    ]


def test_flip_a_join_then_undo_and_redo(page_lib: Library) -> None:
    lib = page_lib
    sid = _source(lib)
    join = next(d for d in lib.read(decisions.for_source, sid) if d.kind == "join")
    assert join.doubtful
    aid = lib.list_articles()[0].id
    hl = lib.highlight_quote(aid, "监测屏同步上线")
    before = _texts(lib)
    fe = lib.run(splitfix.Choose(sid, join, join.alternative))
    first = lib.get_article(aid)
    assert [b.text for b in first.article.blocks][:2] == [
        "本报讯(记者 王晓)记者从市园林局了解到,今年全市公园新增便民驿站十二处,提供饮水、充电和休",
        "息服务,PM2.5监测屏同步上线。",
    ]
    # the user's highlight follows its words into the paragraph they now stand in
    marked = next(h for h in first.highlights if h.id == hl.created)
    assert first.article.text[marked.start : marked.end] == "监测屏同步上线"
    [fix] = lib.read(splitfix.fixes, sid)
    assert fix.flipped and fix.chosen == "truncated" and fix.parser_chosen == "join"
    redo = lib.run(fe.inverse)
    assert _texts(lib) == before and lib.read(splitfix.fixes, sid) == []
    lib.run(redo.inverse)
    assert _texts(lib) != before and lib.read(splitfix.fixes, sid)[0].flipped


def test_a_title_becomes_a_section_and_back(page_lib: Library) -> None:
    lib = page_lib
    sid = _source(lib)
    role = next(
        d for d in lib.read(decisions.for_source, sid) if d.kind == "title_role" and d.doubtful
    )
    lib.run(splitfix.Choose(sid, role, "section"))
    assert _titles(lib) == ["青城公园新增十二处便民驿站"]
    assert "呼和浩特地铁3号线试运行\n\n本报讯(记者 李青)" in _texts(lib)[0]
    assert lib.get_article(lib.list_articles()[0].id).article.authors == ["王晓", "李青"]
    lib.run(splitfix.Choose(sid, role, "title"))
    assert _titles(lib) == ["青城公园新增十二处便民驿站", "呼和浩特地铁3号线试运行"]


def test_accepting_records_the_decision_and_changes_nothing(page_lib: Library) -> None:
    lib = page_lib
    sid = _source(lib)
    before = _texts(lib)
    role = next(
        d for d in lib.read(decisions.for_source, sid) if d.kind == "title_role" and d.doubtful
    )
    fe = lib.run(splitfix.Choose(sid, role, role.chosen))
    assert _texts(lib) == before
    assert [f.flipped for f in lib.read(splitfix.fixes, sid)] == [False]
    lib.run(fe.inverse)
    assert lib.read(splitfix.fixes, sid) == []


def test_fixes_survive_reimport_and_reparse(page_lib: Library, tmp_path: Path) -> None:
    lib = page_lib
    sid = _source(lib)
    role = next(
        d for d in lib.read(decisions.for_source, sid) if d.kind == "title_role" and d.doubtful
    )
    lib.run(splitfix.Choose(sid, role, "section"))
    fixed = _texts(lib)
    again = lib.import_paths([tmp_path / "pages"])
    assert again.imported == 0 and _texts(lib) == fixed
    lib.reparse_source(sid)  # a newer parser reads the page again: the fix is taken again
    assert _texts(lib) == fixed and _titles(lib) == ["青城公园新增十二处便民驿站"]


def test_a_fix_that_no_longer_fits_is_refused_in_one_line(page_lib: Library) -> None:
    lib = page_lib
    stray = decisions.Decision("join", 0.5, ((0, 5), (300, 305)), "join", "apart")
    with pytest.raises(fixrules.FixError, match="no longer"):
        lib.run(splitfix.Choose(_source(lib), stray, "apart"))


def _pages() -> list[Path]:
    from tests.store.conftest import corpus_pages

    return [p for p in corpus_pages() if p.suffix == ".txt"]


@pytest.mark.parametrize("path", _pages(), ids=lambda p: p.stem)
def test_flipping_twice_gives_the_parse_back(path: Path) -> None:
    """Take every decision on every sample page the other way and back: the same
    articles, and nothing of the page lost on the way."""
    text = path.read_text(encoding="utf-8")
    page = parser_with_decisions(text, importer.SourceInfo(path.name, "x", "utf-8"))
    found = decisions.decisions_of(page)
    assert {d.kind for d in found} >= {"title_role"}

    def shape(arts: list[Article]) -> list[object]:
        return [(a.title, [(b.type, b.text, b.spans) for b in a.blocks]) for a in arts]

    def covered(arts: list[Article]) -> set[int]:
        spans = [sp for a in arts for b in a.blocks for sp in b.spans]
        spans += [c.span for a in arts for c in a.consumed]
        return {i for s, e in spans for i in range(s, e)}

    for d in found:
        there = fixrules.apply(text, page.articles, d.kind, d.spans, d.alternative)
        assert shape(there) != shape(page.articles), d
        assert covered(there) == covered(page.articles), d
        back = fixrules.apply(text, there, d.kind, d.spans, d.chosen)
        assert shape(back) == shape(page.articles), d


def test_cli_lists_keeps_and_flips(page_lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    lib = page_lib
    second = lib.list_articles()[1].id
    base = ["--library", str(lib.path), "split", str(second)]
    assert main(base) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "晚报-2026-03-01-第2版.txt: 3 decisions, 2 doubtful"
    assert out[3] == "3\tdoubtful\ttitle_role: title (or section)\t60%\t# 呼和浩特地铁3号线试运行"
    assert main([*base, "--flip", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["open"] == 1 and data["decisions"][2]["state"] == "changed"
    assert _titles(lib) == ["青城公园新增十二处便民驿站"]
    first = str(lib.list_articles()[0].id)
    assert main([*base[:3], first, "--keep", "9"]) == 1
    assert "no decision 9 (the page has 3)" in capsys.readouterr().err
