"""Operations on many highlights in one transaction, each undone exactly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import KnownError
from reader.store import bulk
from reader.store.ids import HighlightId
from reader.store.library import Library
from reader.store.notebook import notebook_index, notebook_rows
from tests.exchange.conftest import annotate, make_page


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "library.sqlite")
    library.import_paths([make_page(tmp_path / "pages")])
    annotate(library)
    first = library.article_ids()[0]
    for n in range(12):  # more highlights, some with notes
        library.add_highlight(first, 40 + n * 3, 42 + n * 3, note="备忘" if n % 2 else "")
    yield library
    library.close()


def snapshot(lib: Library) -> dict[int, tuple[str, str, str, tuple[str, ...]]]:
    rows = notebook_rows(lib, notebook_index(lib).highlight_ids)
    return {
        int(r.highlight.id): (
            r.highlight.colour,
            r.highlight.note,
            r.highlight.updated_at,
            r.highlight.tags,
        )
        for r in rows
    }


def ids(lib: Library) -> list[HighlightId]:
    return notebook_index(lib).highlight_ids


def test_recolour_and_undo_put_colour_and_time_back(lib: Library) -> None:
    before = snapshot(lib)
    chosen = tuple(ids(lib)[:5])
    done = lib.run(bulk.recolour(chosen, "待查"))  # a meaning finds its colour
    after = snapshot(lib)
    assert {after[h][0] for h in chosen} == {"orange"} and done.changes.highlights == set(chosen)
    redo = lib.run(done.inverse)
    assert snapshot(lib) == before
    lib.run(redo.inverse)
    assert {snapshot(lib)[h][0] for h in chosen} == {"orange"}


def test_delete_and_undo_bring_back_notes_and_tags(lib: Library) -> None:
    before = snapshot(lib)
    chosen = tuple(ids(lib))
    done = lib.run(bulk.DeleteHighlights(chosen))
    assert ids(lib) == []
    lib.run(done.inverse)
    assert snapshot(lib) == before


def test_tag_with_a_new_name_and_undo_removes_the_tag(lib: Library) -> None:
    chosen = tuple(ids(lib)[:3])
    done = lib.run(bulk.TagHighlights(chosen, "待核实"))
    assert all("待核实" in snapshot(lib)[h][3] for h in chosen)
    assert "待核实" in {t.name for t in lib.tags()}
    lib.run(done.inverse)
    assert "待核实" not in {t.name for t in lib.tags()}
    tag = next(t.id for t in lib.tags() if t.name == "民生 服务")
    tagged = [h for h, v in snapshot(lib).items() if "民生 服务" in v[3]]
    undo = lib.run(bulk.UntagHighlights(tuple(HighlightId(h) for h in tagged), tag))
    assert not any("民生 服务" in v[3] for v in snapshot(lib).values())
    lib.run(undo.inverse)
    assert [h for h, v in snapshot(lib).items() if "民生 服务" in v[3]] == tagged


def test_one_bad_id_changes_nothing(lib: Library) -> None:
    before = snapshot(lib)
    chosen = (*ids(lib)[:3], HighlightId(999_999))
    for op in (bulk.recolour(chosen, "blue"), bulk.DeleteHighlights(chosen)):
        with pytest.raises(KnownError):
            lib.run(op)
        assert snapshot(lib) == before


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["colour", "delete", "tag", "untag"]),
            st.sets(st.integers(0, 14), min_size=1),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_sequence_undone_in_reverse_restores_everything(lib: Library, steps) -> None:  # type: ignore[no-untyped-def]
    before, undo = snapshot(lib), []
    tag = next(t.id for t in lib.tags() if t.name == "城市")
    for kind, picks in steps:
        live = ids(lib)
        chosen = tuple(live[i] for i in sorted(picks) if i < len(live))
        if not chosen:
            continue
        op = {
            "colour": bulk.recolour(chosen, "purple"),
            "delete": bulk.DeleteHighlights(chosen),
            "tag": bulk.TagHighlights(chosen, tag),
            "untag": bulk.UntagHighlights(chosen, tag),
        }[kind]
        undo.append(lib.run(op).inverse)
    for inverse in reversed(undo):
        lib.run(inverse)
    assert snapshot(lib) == before
