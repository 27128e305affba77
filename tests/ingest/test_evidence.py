"""The topic evidence's short cut gives the general computation's floats, bit for bit."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reader.ingest import parse_text, repair
from reader.ingest.draft import Art, Unit
from reader.ingest.evidence import Topics
from tests.conftest import SAMPLES


def _arts_of(page: Path, monkeypatch: pytest.MonkeyPatch) -> list[Art]:
    """The page's articles as the repair pass finished them."""
    seen: list[list[Art]] = []

    class Recording(Topics):
        def __init__(self, arts: list[Art]) -> None:
            super().__init__(arts)
            seen.append(arts)

    monkeypatch.setattr(repair, "Topics", Recording)
    parse_text(page.read_text(encoding="utf-8-sig"))
    return seen[-1]


@pytest.mark.parametrize("page", sorted(SAMPLES.glob("*page-*.txt"))[:6], ids=lambda p: p.stem)
def test_a_run_weighed_against_its_story_as_a_copy_weighs_the_same(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # affinity() and typical() probe with the removed run itself, or its first paragraph:
    # sim_without then sums in fewer loops. Equal copies of the paragraphs take the
    # general way; the scores the decisions print must not move by one bit.
    arts = _arts_of(page, monkeypatch)
    topics = Topics(arts)
    # Topics caches by the units' ids: the copies live as long as it does, as units do.
    kept: list[list[Unit]] = []
    compared = 0
    for art in arts:
        paras = [u for u in art.units if u.type == "paragraph"]
        for i in range(len(paras)):
            for k in (1, 2, 3):
                run = paras[i : i + k]
                if len(run) < k:
                    break
                copies = [dataclasses.replace(u) for u in run]
                kept.append(copies)
                assert topics.sim_without(run, art, run) == topics.sim_without(copies, art, run)
                assert topics.sim_without(run[:1], art, run) == topics.sim_without(
                    copies[:1], art, run
                )
                compared += 1
    assert compared > 10
