"""Held-out pages written apart from the parser (see ``independent/README.md``): the
parser must not fall below what it scored on them at first contact."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scoring import score_page

FOLDER = Path(__file__).parent / "independent"
FLOOR = {
    # 0.917 at first contact; 0.982 since an orphan run is no longer glued to the
    # truncated paragraph before it; 1.000 since a hanzi then a stop (中。) opens mid-sentence.
    "2026-04-14-page-05-chengshi": 1.0,
    # 0.953 at first contact; 1.000 since a paragraph opening with a measure word
    # (段实行…) reads as starting mid-sentence, so the lone orphan leaves its host.
    "2026-04-15-page-03-zonghe": 1.0,
    "2026-04-16-page-04-jingji": 1.0,
    # A second set (session 17), scored on the parser as it was merged: 0.871, 0.964,
    # 1.000 (the parser before that session's changes: 0.871, 0.874, 0.978).
    "2026-05-08-page-02-yaowen": 0.871,
    "2026-05-09-page-06-shehui": 0.964,
    "2026-05-10-page-07-wenti": 1.0,
}


@pytest.mark.parametrize("name", sorted(FLOOR))
def test_independent_page_keeps_its_first_contact_score(name: str) -> None:
    result = score_page(FOLDER / f"{name}.txt", FOLDER / f"{name}.gold.json")
    assert result["source_coverage"] == 1.0, result
    assert result["duplicate_paragraphs"] == 0, result
    assert result["score"] >= FLOOR[name] - 0.0005, result
