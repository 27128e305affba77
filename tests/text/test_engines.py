"""rjieba cuts for speed, jieba stays the reference: the words must be identical."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.paths import resources_dir
from reader.text import segment

SAMPLES = sorted(p for p in (resources_dir() / "samples").iterdir() if p.suffix in {".txt", ".md"})


@pytest.fixture(scope="module")
def engines() -> tuple[segment.Engine, segment.Engine]:
    pytest.importorskip("rjieba")
    return segment.JiebaEngine(), segment.RjiebaEngine()


def _assert_same(text: str, engines: tuple[segment.Engine, segment.Engine]) -> int:
    ref, fast = engines
    pieces = [p for p in re.split(r"\s+", text) if p]
    for piece in pieces:
        assert fast.cut(piece) == ref.cut(piece), piece
        assert fast.cut_for_search(piece) == ref.cut_for_search(piece), piece
        assert fast.tokenize(piece) == ref.tokenize(piece), piece
    return len(pieces)


@pytest.mark.parametrize("page", SAMPLES, ids=lambda p: p.name)
def test_rjieba_words_are_jiebas_on_every_sample_page(
    page: Path, engines: tuple[segment.Engine, segment.Engine]
) -> None:
    assert _assert_same(page.read_text(encoding="utf-8"), engines) > 10


def test_rjieba_words_are_jiebas_on_the_seed_page(
    seed_page: Path, engines: tuple[segment.Engine, segment.Engine]
) -> None:
    assert _assert_same(seed_page.read_text(encoding="utf-8"), engines) > 50


def test_rjieba_knows_the_user_dictionary(engines: tuple[segment.Engine, segment.Engine]) -> None:
    _, fast = engines
    assert "赛罕区" in fast.cut("赛罕区新建口袋公园")
    assert "内蒙古博物院" in fast.cut_for_search("市民走进内蒙古博物院参观")


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("呼和浩特市赛罕区新建公园中华人民共和国,。PM2.5ab的了")),
        max_size=60,
    )
)
def test_rjieba_words_are_jiebas_on_any_text(text: str) -> None:
    pytest.importorskip("rjieba")
    _assert_same(text, (segment.JiebaEngine(), segment.RjiebaEngine()))


def test_the_reference_can_be_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIZHU_SEGMENTER", "jieba")
    monkeypatch.setattr(segment, "_engine", None)
    assert segment.engine_name() == "jieba"
    assert segment.cut("赛罕区新建口袋公园")[0] == "赛罕区"
