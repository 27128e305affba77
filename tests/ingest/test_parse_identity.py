"""Speed-ups must not change what the parser says: the parse JSON (decisions and their
scores included) of the hand-made pages and of simulator pages, hashed when the hashes in
``parse_identity.json`` were written.

A change that is meant to change the parse rewrites them
(``python tests/perf/identity.py suite``) and says why in its commit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.pagesim import SEED_GOLD, generate
from tests.perf.identity import fixed_pages, parse_hash

HASHES = json.loads((Path(__file__).with_name("parse_identity.json")).read_text(encoding="utf-8"))
PAGES = fixed_pages()


@pytest.mark.parametrize("name", sorted(n for n in HASHES["pages"] if not n.startswith("sim/")))
def test_hand_made_page_parses_as_before(name: str) -> None:
    if name not in PAGES:
        pytest.skip("../shared/corpus is not beside this checkout")
    assert parse_hash(PAGES[name]) == HASHES["pages"][name]


def test_simulator_pages_parse_as_before() -> None:
    if not SEED_GOLD.is_file():
        pytest.skip("the simulator lays out the seed page's stories when it is beside the checkout")
    changed = [
        seed
        for seed in range(HASHES["sim"])
        if parse_hash(generate(seed).text) != HASHES["pages"][f"sim/{seed}"]
    ]
    assert not changed, f"simulator seeds parsed differently: {changed}"
