"""Saved searches: saved with filters and sort, listed with counts and new hits, re-run,
deleted and put back; the same through ``pizhu search --save/--saved`` and ``pizhu searches``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.cli import main
from reader.errors import KnownError
from reader.store import searches
from reader.store.changes import Changes
from reader.store.library import Library
from reader.store.queries import Where
from reader.store.searches import SavedSearch
from tests.conftest import SAMPLES
from tests.store.conftest import variant


def _save(
    lib: Library,
    name: str,
    query: str,
    sort: str = "relevance",
    where: Where | None = None,
    *,
    replace: bool = False,
) -> tuple[SavedSearch, SavedSearch | None]:
    """Save through the operation the window and the CLI run: the search saved and the
    one it replaced."""
    op = searches.SaveSearch(name, query, sort, where or Where(), replace)
    done = searches.swapped(lib.run(op))
    assert done.remove is not None
    return done.remove, done.put


def _pages(tmp_path: Path, n: int, start: int = 0) -> list[Path]:
    """Distinct pages, each with 记者 in it, dated 2026-02-26."""
    base = (SAMPLES / "2026-02-26-page-02-minsheng.txt").read_text(encoding="utf-8")
    out = []
    for i in range(start, start + n):
        p = tmp_path / "pages" / f"晚报_2026-02-26_第{i + 1}版.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(variant(base, i), encoding="utf-8")
        out.append(p)
    return out


def test_a_saved_search_counts_its_hits_and_the_new_ones_until_opened(
    library: Library, tmp_path: Path
) -> None:
    library.import_paths(_pages(tmp_path, 1))
    where = Where(kinds=("article",))
    saved, replaced = _save(library, "供热", "供热", "newest", where)
    assert replaced is None and saved.where == where and saved.sort == "newest"
    (before,) = searches.counted(library)
    assert before.total == library.count_matches("供热", where) > 0 and before.new == 0
    library.import_paths(_pages(tmp_path, 2, start=1))  # two more pages: the same story
    (after,) = searches.counted(library)
    assert after.total == library.count_matches("供热", where) == 3 * before.total
    assert after.new == 2 * before.total
    searches.opened(library, "供热")
    assert searches.counted(library)[0].new == 0


def test_deleting_answers_with_the_search_and_restoring_puts_it_back(
    library: Library, tmp_path: Path
) -> None:
    library.import_paths(_pages(tmp_path, 1))
    _save(library, "b", "记者", where=Where(since="2026-01-01", tag=None))
    saved, _ = _save(library, "A", "供热 延长")
    deleted = library.run(searches.DeleteSearch("a"))  # names match ignoring case and width
    assert deleted.changes == Changes(saved_searches=True)
    assert searches.swapped(deleted).put == saved
    assert [s.name for s in searches.saved(library)] == ["b"]
    redo = library.run(deleted.inverse)  # undo: put back
    assert [s.name for s in searches.saved(library)] == ["A", "b"]
    assert searches.get(library, "A") == saved  # same id, same seen hits
    library.run(redo.inverse)  # redo: gone again
    assert [s.name for s in searches.saved(library)] == ["b"]


def test_undoing_a_replacing_save_puts_the_replaced_search_back(library: Library) -> None:
    first, _ = _save(library, "周报", "记者", "newest")
    done = library.run(searches.SaveSearch("周报", "供热", replace=True))
    assert searches.get(library, "周报").query == "供热"
    redo = library.run(done.inverse)
    assert searches.saved(library) == [first]
    library.run(redo.inverse)
    again = searches.get(library, "周报")
    assert again.id == first.id and again.query == "供热"
    library.run(searches.DeleteSearch("周报"))
    with pytest.raises(KnownError):  # the step's search is gone: undo says so, changes nothing
        library.run(redo.inverse)
    assert searches.saved(library) == []


def test_names_are_unique_unless_replacing_which_keeps_the_place(library: Library) -> None:
    first, _ = _save(library, "周报", "记者")
    with pytest.raises(KnownError, match="exists already"):
        _save(library, "周报", "供热")
    again, replaced = _save(library, " 周报 ", "供热", replace=True)
    assert replaced == first and again.id == first.id and again.query == "供热"
    for bad in ("", "   "):
        with pytest.raises(KnownError):
            _save(library, bad, "记者")
    with pytest.raises(KnownError):
        _save(library, "空", "  ")
    with pytest.raises(KnownError, match="no tag"):
        _save(library, "标签", "记者", where=Where(tag="没有"))


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8)


@given(
    st.builds(
        Where,
        since=st.none() | st.dates().map(str),
        until=st.none() | st.dates().map(str),
        tag=st.none() | _text,
        kinds=st.lists(st.sampled_from(["article", "photo", "fragment"]), unique=True).map(tuple),
        author=st.none() | _text,
        paper=st.none() | _text,
        page=st.none() | _text,
    )
)
def test_filters_survive_their_json(where: Where) -> None:
    stored = json.loads(json.dumps(searches.where_json(where)))
    assert searches.where_of(stored) == where


def test_unknown_or_odd_stored_filters_are_ignored() -> None:
    assert searches.where_of({"since": 3, "kinds": "article", "later": "x"}) == Where()
    assert searches.where_of(None) == Where()


def test_cli_saves_lists_reruns_and_deletes(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library.import_paths(_pages(tmp_path, 1))
    lib = ["--library", str(library.path)]
    args = [*lib, "search", "供热", "--kind", "article", "--sort", "oldest", "--json"]
    assert main([*args, "--save", "供热稿"]) == 0
    ran = json.loads(capsys.readouterr().out)
    assert ran["saved"] == "供热稿" and ran["total"] >= 1
    library.import_paths(_pages(tmp_path, 1, start=1))
    assert main([*lib, "searches", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)["searches"]
    assert listed["name"] == "供热稿" and listed["sort"] == "oldest"
    assert listed["filters"] == {"kinds": ["article"]}
    assert listed["total"] == 2 * ran["total"] and listed["new"] == ran["total"]
    assert main([*lib, "search", "--saved", "供热稿", "--json", "--all"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["new"] == ran["total"] and again["total"] == listed["total"]
    assert len(again["results"]) == again["total"] and again["sort"] == "oldest"
    assert main([*lib, "search", "--saved", "供热稿", "--sort", "newest", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sort"] == "newest"  # --sort overrides
    assert main([*lib, "searches"]) == 0
    assert capsys.readouterr().out.split("\t")[:3] == ["供热稿", str(listed["total"]), "0 new"]
    assert main([*lib, "searches", "--delete", "供热稿"]) == 0
    capsys.readouterr()
    assert main([*lib, "searches", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"searches": []}


@pytest.mark.parametrize(
    "args",
    [
        ["search", "--saved", "nope"],
        ["search"],
        ["search", "记者", "--saved", "x"],
        ["search", "--saved", "x", "--kind", "photo"],
        ["searches", "--delete", "nope"],
        ["search", "  ", "--save", "x"],
    ],
)
def test_cli_mistakes_are_one_line_and_exit_1(
    library: Library, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _save(library, "x", "记者")
    assert main(["--library", str(library.path), *args]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("pizhu: ") and "Traceback" not in err[0]
