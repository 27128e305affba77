"""Accepting and flipping the real parser's decisions: the alternative split, undoable,
kept by re-parse, and given back when a deleted page is imported again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest import Article, parse_text
from reader.store import decisions, splitcheck, splitfix
from reader.store.database import reading
from reader.store.ids import SourceId
from reader.store.library import Library
from tests.splitcheck_pages import PAIRS, cases, page_with, pages, quote_near, reading_of

CASES = cases()


def _ids(case: tuple[str, ...]) -> str:
    return f"{case[3]}-{case[4]}-to-{case[5]}"


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _articles(lib: Library, sid: int) -> list[Article]:
    with reading(lib.engine) as conn:
        return splitfix.page_articles(conn, sid)[2]


def _shape(lib: Library, sid: int) -> list[object]:
    return splitfix.shape(_articles(lib, sid))


def _state(lib: Library, sid: int, key: str) -> splitcheck.DecisionState:
    return next(s for s in lib.read(splitcheck.overview, sid).decisions if s.decision.key == key)


def test_every_reading_change_has_a_page() -> None:
    assert [c[3:] for c in CASES] == list(PAIRS)


def test_decisions_are_read_defensively() -> None:
    text = pages()[0][1]
    page = parse_text(text)
    read = decisions.decisions_of(page)  # the parser's own decisions come through whole
    assert len(read) == len(page.decisions)
    assert {d.key for d in read} == {d.key for d in page.decisions}
    assert [d.doubtful for d in read] == [
        d.doubtful
        for d in sorted(page.decisions, key=lambda d: (min(s for s, _ in d.spans), d.key))
    ]
    junk = {
        "text": text,
        "decisions": [
            {"kind": "join", "confidence": "high", "spans": [[0, 3]], "chosen": "join"},
            {"kind": "join", "confidence": 0.4, "spans": [[5, 10**9]], "chosen": "a"},
            {"kind": "orphan", "confidence": float("nan"), "spans": [[0, 3]]},
            "not a decision",
            {
                "kind": "orphan",
                "confidence": 0.6,
                "spans": [1, 4],
                "chosen": "fragment",
                "alternative": "own",
                "evidence": ["extra fields are fine", 3],
            },
        ],
    }
    found = decisions.decisions_of(junk)
    assert [(d.key, d.spans, d.doubtful, d.flippable, d.evidence) for d in found] == [
        ("orphan@1", ((1, 4),), True, True, ("extra fields are fine",))
    ]


def test_a_kind_of_decision_pizhu_does_not_know_yet_can_still_be_answered() -> None:
    d = decisions.Decision("byline_role", 0.6, ((3, 9),), "Byline", "heading")
    assert d.flippable and d.readings() == ("byline", "heading")
    state = splitcheck.DecisionState(d, None)
    assert (state.current, state.other, state.choices()) == ("Byline", "heading", ["heading"])


@pytest.mark.parametrize("name,text", pages(20), ids=lambda v: v if v.endswith(".txt") else "")
def test_every_decision_flips_to_its_alternative(name: str, text: str) -> None:
    """On every real page and twenty simulated ones: each decision the parser takes shows
    in the articles, and taken the other way the articles show the other reading."""
    page = parse_text(text)
    for d in page.decisions:
        spans = [(s, e) for s, e in d.spans]
        assert reading_of(page.articles, d.kind, spans, d.target) == d.chosen, d
        other = parse_text(text, overrides={d.key: d.alternative})
        assert reading_of(other.articles, d.kind, spans, d.target) == d.alternative, d


@given(seed=st.integers(min_value=1000, max_value=10**6))
@settings(max_examples=8, deadline=None)
def test_on_any_simulated_page_every_flip_shows_its_alternative(seed: int) -> None:
    """Pages the simulator lays out at random: each decision taken the other way shows
    the other reading, and no text of the page is lost or claimed twice."""
    from reader.ingest.verify import problems
    from tests.pagesim import generate

    text = generate(seed).text
    page = parse_text(text)
    for d in page.decisions:
        spans = [(s, e) for s, e in d.spans]
        other = parse_text(text, overrides={d.key: d.alternative})
        assert reading_of(other.articles, d.kind, spans, d.target) == d.alternative, d
        assert problems(other) == [], d


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_flip_undo_redo_reparse_and_reimport_after_delete(
    case: tuple[str, str, str, str, str, str], library: Library, tmp_path: Path
) -> None:
    name, text, key, kind, chosen, alternative = case
    lib = library
    folder = tmp_path / "pages"
    lib.import_paths([_write(folder, name, text)])
    sid = lib.sources()[0].id
    state = _state(lib, sid, key)
    d = state.decision
    spans = list(d.spans)
    assert state.current == chosen and state.other == alternative and state.fix is None
    before = _shape(lib, sid)
    ai, words = quote_near(_articles(lib, sid), spans)
    aid = [a.id for a in lib.list_articles()][ai]
    mark = lib.highlight_quote(aid, words, note="批注").created

    def where() -> tuple[int, int, int]:
        for a in lib.list_articles():
            for h in lib.get_article(a.id).highlights:
                if h.id == mark and not h.orphaned:
                    assert lib.get_article(a.id).article.text[h.start : h.end] == words
                    return a.id, h.start, h.end
        raise AssertionError("the highlight is lost")

    placed = where()
    fe = lib.run(splitfix.Choose(sid, d, alternative))
    # the alternative split, the parser's own, with the highlight on its words
    flipped = _shape(lib, sid)
    assert flipped == splitfix.shape(parse_text(text, overrides={key: alternative}).articles)
    assert flipped != before
    assert reading_of(_articles(lib, sid), kind, spans, d.target) == alternative
    where()
    [fix] = lib.read(splitfix.fixes, sid)
    assert fix.flipped and (fix.chosen, fix.parser_chosen) == (alternative, chosen)
    now = _state(lib, sid, key)
    assert now.current == alternative and not now.open and now.other == chosen

    redo = lib.run(fe.inverse)  # the articles and the highlight exactly as they were
    assert _shape(lib, sid) == before and lib.read(splitfix.fixes, sid) == []
    assert where() == placed
    lib.run(redo.inverse)
    assert _shape(lib, sid) == flipped

    assert lib.import_paths([folder]).imported == 0 and _shape(lib, sid) == flipped
    lib.reparse_source(SourceId(sid))  # the parser reads the page again: the fix holds
    assert _shape(lib, sid) == flipped
    lib.delete_source(SourceId(sid))
    assert lib.import_paths([folder]).imported == 1  # deleted, then imported again
    again = lib.sources()[0].id
    assert _shape(lib, again) == flipped
    assert [f.chosen for f in lib.read(splitfix.fixes, again)] == [alternative]
    assert _state(lib, again, key).fix is not None
    assert lib.check().ok


def test_accepting_records_the_decision_and_changes_nothing(
    library: Library, tmp_path: Path
) -> None:
    name, text = page_with(1)
    library.import_paths([_write(tmp_path / "pages", name, text)])
    sid = library.sources()[0].id
    before = _shape(library, sid)
    state = next(s for s in library.read(splitcheck.overview, sid).decisions if s.open)
    key = state.decision.key
    fe = library.run(splitfix.Choose(sid, state.decision, state.current))
    assert _shape(library, sid) == before
    assert [f.flipped for f in library.read(splitfix.fixes, sid)] == [False]
    assert not _state(library, sid, key).open
    assert (
        library.read(splitcheck.open_decisions, sid)
        == library.read(splitcheck.overview, sid).open_count
    )
    library.run(fe.inverse)
    assert library.read(splitfix.fixes, sid) == [] and _state(library, sid, key).open


def test_a_title_line_takes_any_role_the_parser_allows(library: Library, tmp_path: Path) -> None:
    name, text, key = next(c[:3] for c in CASES if c[3:] == ("title_role", "kicker", "title"))
    library.import_paths([_write(tmp_path / "pages", name, text)])
    sid = library.sources()[0].id
    state = _state(library, sid, key)
    assert state.choices()[0] == "title" and "section" in state.choices()
    library.run(splitfix.Choose(sid, state.decision, "section"))
    arts = _articles(library, sid)
    assert reading_of(arts, "title_role", list(state.decision.spans), None) == "section"
    assert _state(library, sid, key).current == "section"


def test_a_fix_that_no_longer_fits_is_refused_in_one_line(library: Library, tmp_path: Path) -> None:
    name, text, *_ = CASES[0]
    library.import_paths([_write(tmp_path / "pages", name, text)])
    sid = library.sources()[0].id
    before = _shape(library, sid)
    stray = decisions.Decision("join", 0.5, ((0, 5), (300, 305)), "join", "apart")
    with pytest.raises(splitfix.FixError, match="no longer"):
        library.run(splitfix.Choose(sid, stray, "apart"))
    odd = decisions.Decision("join", 0.5, ((0, 5), (300, 305)), "join", "sideways")
    with pytest.raises(splitfix.FixError, match="cannot read"):
        library.run(splitfix.Choose(sid, odd, "sideways"))
    assert _shape(library, sid) == before and library.read(splitfix.fixes, sid) == []


def test_cli_lists_keeps_and_flips(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    name, text, key = next(c[:3] for c in CASES if c[3:] == ("title_role", "kicker", "title"))
    library.import_paths([_write(tmp_path / "pages", name, text)])
    sid = library.sources()[0].id
    page = library.read(splitcheck.overview, sid)
    n = next(i for i, s in enumerate(page.decisions, start=1) if s.decision.key == key)
    first = library.list_articles()[0].id
    base = ["--library", str(library.path), "split", str(first)]
    assert main(base) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{name}: {len(page.decisions)} decisions, {page.open_count} doubtful"
    assert out[n].startswith(f"{n}\tdoubtful\ttitle_role: kicker (or title)\t")
    assert main([*base, "--flip", str(n), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["open"] == page.open_count - 1 and data["decisions"][n - 1]["state"] == "changed"
    assert _state(library, sid, key).current == "title"
    assert main([*base, "--keep", "99"]) == 1
    # the other reading may bring a decision of its own: count the page as it now reads
    now = library.read(splitcheck.overview, sid)
    assert f"no decision 99 (the page has {len(now.decisions)})" in capsys.readouterr().err


def test_fixes_of_an_older_library_move_to_their_page_text(tmp_path: Path) -> None:
    import sqlite3

    from tests.store.test_migrations import _make_at

    path = tmp_path / "old.sqlite"
    _make_at(path, "0011")  # the revision before split fixes moved to the page text
    fix = (
        "INSERT INTO split_fixes (uuid, source_id, key, kind, spans, chosen, parser_chosen, "
        "alternative, author, created_at) VALUES (?, 1, ?, 'title_role', ?, ?, 'title', "
        "'section', '我', ?)"
    )
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO source_files (id, path, name, sha256, text_hash, encoding, size, text, "
            "imported_at) VALUES (1, '/p.txt', 'p.txt', 'a', 'page-hash', 'utf-8', 3, "
            "'# 标题', 'now')"
        )
        # two keys of the old form naming one decision: the later answer stays
        conn.execute(fix, ("u1", "title_role:0-4", "[[0, 4]]", "kicker", "2026-01-01T00:00:00"))
        conn.execute(fix, ("u2", "title_role:0-3", "[[0, 3]]", "section", "2026-01-02T00:00:00"))
    lib = Library.open(path)
    try:
        with reading(lib.engine) as conn:
            [moved] = splitfix.for_page(conn, "page-hash")
        assert (moved.key, moved.chosen, moved.uuid) == ("title_role@0", "section", "u2")
    finally:
        lib.close()


def test_cli_takes_another_reading_of_a_heading_line(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    name, text, key = next(c[:3] for c in CASES if c[3:] == ("title_role", "kicker", "title"))
    library.import_paths([_write(tmp_path / "pages", name, text)])
    sid = library.sources()[0].id
    page = library.read(splitcheck.overview, sid)
    n = next(i for i, s in enumerate(page.decisions, start=1) if s.decision.key == key)
    base = ["--library", str(library.path), "split", str(library.list_articles()[0].id)]
    assert main([*base, "--flip", str(n), "--as", "photo"]) == 1
    assert capsys.readouterr().err.count("\n") == 1  # one line, no traceback
    assert main([*base, "--as", "section"]) == 1
    assert "--as goes with --flip N" in capsys.readouterr().err
    assert main([*base, "--flip", str(n), "--as", "section"]) == 0
    assert _state(library, sid, key).current == "section"


def test_an_answer_the_parser_no_longer_asks_and_a_hand_edited_page_are_shown(
    library: Library, tmp_path: Path
) -> None:
    from reader.store import edits

    name, text, *_ = CASES[0]
    library.import_paths([_write(tmp_path / "pages", name, text)])
    sid = library.sources()[0].id
    assert not library.read(splitcheck.overview, sid).recut
    gone = decisions.Decision("join", 0.5, ((0, 5), (300, 305)), "join", "apart")
    with library.engine.begin() as conn:  # an answer to a decision an older parser took
        page = splitfix.page_hash(conn, sid)
        splitfix.record(conn, page, gone, "apart", "我")
    states = library.read(splitcheck.overview, sid).decisions
    [stale] = [s for s in states if s.stale]
    assert stale.decision.key == "join@0" and stale.current == "apart" and not stale.open
    before = _shape(library, sid)
    library.reparse_source(SourceId(sid))  # the parser ignores what it does not ask
    assert _shape(library, sid) == before
    library.write(edits.merge_with_next, library.list_articles()[0].id)  # a hand edit
    assert library.read(splitcheck.overview, sid).recut
