"""The sample pages in resources/samples parse as their hand-made gold files say.

Each ``*.gold.json`` names its page in ``source``. The pages exercise every habit of
``../shared/FORMAT.md`` (see ``resources/samples/README.md`` for which page shows what),
so they are both the app's demo content and a regression suite for the parser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES
from tests.scoring import score_page

GOLDS = sorted(SAMPLES.glob("*.gold.json"))
ARTICLE_FIELDS = {
    "title",
    "kind",
    "kicker",
    "authors",
    "photographers",
    "continued_from",
    "continued_on",
    "blocks",
}


def _id(path: Path) -> str:
    return path.name.removesuffix(".gold.json")


def _load(gold_path: Path) -> tuple[dict[str, Any], Path]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return gold, SAMPLES / gold["source"]


def _squash(text: str) -> str:
    """Text without Markdown markup and whitespace, as the scorer compares spans."""
    return re.sub(r"[\s*#]", "", text)


def _pieces(text: str, page: str) -> list[str]:
    """Split ``text`` greedily into the longest runs that occur in ``page``."""
    pieces: list[str] = []
    rest = text
    while rest:
        n = len(rest)
        while n and rest[:n] not in page:
            n -= 1
        if n == 0:
            raise AssertionError(f"{rest[:20]!r} does not occur in the page")
        pieces.append(rest[:n])
        rest = rest[n:]
    return pieces


def test_there_are_samples() -> None:
    names = {p.name for p in GOLDS}
    assert sum("-page-" in n for n in names) >= 6
    assert any(n.startswith("article-") for n in names)


@pytest.mark.parametrize("gold_path", GOLDS, ids=_id)
def test_gold_matches_its_page(gold_path: Path) -> None:
    """The gold cannot drift from the page: every text in it is made of page text."""
    gold, page_path = _load(gold_path)
    assert page_path.is_file(), f"{gold_path.name}: no page {gold['source']}"
    raw = page_path.read_bytes().decode("utf-8")
    page = _squash(raw)
    assert gold["articles"], gold_path.name
    for art in gold["articles"]:
        assert set(art) == ARTICLE_FIELDS, (gold_path.name, art.get("title"))
        assert art["kind"] in {"article", "photo", "fragment"}
        assert (art["title"] is None) == (art["kind"] == "fragment")
        assert art["blocks"], (gold_path.name, art["title"])
        for field in ("title", "kicker"):
            if art[field] is not None:
                assert _squash(art[field]) in page, (field, art[field])
        for name in art["authors"] + art["photographers"]:
            assert name in raw, name
        for field in ("continued_from", "continued_on"):
            if art[field] is not None:
                word = "上接" if field == "continued_from" else "下转"
                assert f"({word}{art[field]})" in raw, (field, art[field])
        for block in art["blocks"]:
            assert block["type"] in {"heading", "paragraph", "caption"}
            text = block["text"]
            assert text == " ".join(text.split()), f"unfolded whitespace in {text[:20]!r}"
            assert "**" not in text and not text.startswith("#"), text[:20]
            squashed = _squash(text)
            assert squashed[:10] in page and squashed[-10:] in page, text[:20]
            # A repaired paragraph joins a few long slices of the page; an edited
            # character would show up as an extra short slice.
            pieces = _pieces(squashed, page)
            assert len(pieces) == 1 or (len(pieces) <= 3 and min(map(len, pieces)) >= 8), (
                text[:20],
                pieces,
            )


@pytest.mark.parametrize("gold_path", GOLDS, ids=_id)
def test_sample_parses_like_its_gold(gold_path: Path) -> None:
    _gold, page_path = _load(gold_path)
    result = score_page(page_path, gold_path)
    assert result["source_coverage"] == 1.0, result
    assert result["duplicate_paragraphs"] == 0, result
    # Every sample page is read exactly right: a change that costs one of them a join or
    # an orphan shows here, not only in the scores.
    assert result["score"] == pytest.approx(1.0), result


@pytest.mark.parametrize(
    "gold_path", [g for g in GOLDS if "-page-" in g.name], ids=lambda p: p.stem
)
def test_sample_without_blank_lines_parses_alike(gold_path: Path) -> None:
    """Dumps that drop the blank lines between paragraphs split the same way."""
    from reader.ingest import parse_text
    from tests.scoring import scorer

    page = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
    text = page.read_text(encoding="utf-8").replace("\n\n", "\n")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pred = json.loads(json.dumps(parse_text(text).to_json(), ensure_ascii=False))
    result = scorer().score(gold, pred, text)
    assert result["source_coverage"] == 1.0
    assert result["score"] >= 0.95, result
