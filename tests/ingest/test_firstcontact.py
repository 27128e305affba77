"""Pages written after the parser was done and scored before any change for them.

``tests/ingest/firstcontact/`` holds pages in the paper's style (own sentences, new
layouts, many FORMAT habits at once) with hand-made gold. Their first-contact scores were
0.986, 0.872 and 1.000, then (second round) 1.000 and 0.808, (third) 0.983, (fourth)
0.852, (fifth) 0.974, (sixth) 0.938, (seventh) 0.943, (eighth) 1.000, (ninth) 0.700,
(tenth) 0.981, (eleventh) 0.627, (twelfth) 0.818, 1.000, 0.982, (thirteenth) 0.952,
1.000, 1.000, (fourteenth, nothing changed for them) 1.000, 0.947, 1.000 and (fifteenth)
1.000. The fixes they prompted keep all but three at 1.000 (the folder's README lists
what each page shows and what those three still miss); those three keep their floors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scoring import score_page

FOLDER = Path(__file__).parent / "firstcontact"
GOLDS = sorted(FOLDER.glob("*.gold.json"))
# Known misses, kept visible rather than tuned away: on fc-page-06 a paragraph printed
# twice is kept in the story that shares more of its words, not in its own; on
# fc-page-17 a break across a heading whose tail starts cleanly is left apart; on
# fc-page-22 a bare sentence tail printed in the next story is not joined back.
FLOOR = {
    "fc-page-06": 0.98,
    "fc-page-17": 0.982,
    "fc-page-22": 0.947,
}


def test_there_are_first_contact_pages() -> None:
    assert len(GOLDS) >= 3


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_first_contact_page_parses_like_its_gold(gold_path: Path) -> None:
    page = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
    result = score_page(page, gold_path)
    assert result["source_coverage"] == 1.0, result
    assert result["duplicate_paragraphs"] == 0, result
    name = gold_path.name.removesuffix(".gold.json")
    if name in FLOOR:
        assert result["score"] >= FLOOR[name] - 0.0005, result
    else:
        assert result["score"] == pytest.approx(1.0), result
