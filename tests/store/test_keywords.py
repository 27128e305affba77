"""Tag suggestions: library document frequencies blended with jieba's IDF, and names."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.store import database, pagetext, suggest
from reader.store.library import Library
from reader.text.keywords import PRIOR_DOCS, BlendedIdf, entities, keywords
from reader.text.keywords import suggest as suggest_for
from tests.store.conftest import SMALL_PAGE

METRO = SMALL_PAGE.split("# ")[2]


def test_blended_idf_trusts_the_library_as_it_grows() -> None:
    general = BlendedIdf()
    assert general("地铁") == general.jieba_idf("地铁")
    small = BlendedIdf({"地铁": 1}, n_docs=10)
    big = BlendedIdf({"地铁": 900}, n_docs=1000)
    assert small.weight == 10 / (10 + PRIOR_DOCS) < big.weight
    # A word in nearly every article of a big library says little about any one of them.
    assert big("地铁") < general("地铁")
    assert big("没见过的词") == general("没见过的词")  # unseen: jieba's IDF


def test_keywords_and_names_of_an_article() -> None:
    words = [w for w, _ in keywords("呼和浩特地铁3号线试运行", METRO)]
    assert words[0] == "试运行" and "地铁" in words[:3]
    found = entities(METRO)
    assert found[("赛罕区", "place")] == 1 and ("呼和浩特", "place") in found
    chips = suggest_for("呼和浩特地铁3号线试运行", METRO, exclude=lambda w: w == "地铁")
    texts = [c.text for c in chips]
    assert "试运行" in texts and "赛罕区" in texts and "地铁" not in texts
    assert {c.kind for c in chips} >= {"keyword", "place"} and len(chips) <= 12
    assert chips == sorted(chips, key=lambda c: (-c.score, c.text))


def test_library_frequencies_come_from_the_search_index(corpus_library: Library) -> None:
    lib = corpus_library
    with sqlite3.connect(lib.path) as conn:
        bodies = [
            r[0] + "\n" + pagetext.decode(r[1])
            for r in conn.execute("SELECT coalesce(title, ''), text FROM articles")
        ]
    with database.reading(lib.engine) as conn:
        df = suggest.doc_freq(conn, ["呼和浩特", "地铁", "没有这个词"])
    assert df["没有这个词"] == 0
    # Two-character words count every article holding them; longer ones their jieba words.
    assert df["地铁"] == sum("地铁" in b for b in bodies)
    assert 0 < df["呼和浩特"] <= sum("呼和浩特" in b for b in bodies)


def test_suggestions_leave_out_the_articles_tags(library: Library, small_page: Path) -> None:
    library.import_paths([small_page])
    metro = library.article_ids()[1]
    before = [s.text for s in library.suggest_tags(metro)]
    assert "试运行" in before and "赛罕区" in before
    tag, _ = library.ensure_tag("试运行")
    library.tag_article(metro, tag)
    after = [s.text for s in library.suggest_tags(metro, limit=5)]
    assert "试运行" not in after and len(after) == 5


@pytest.mark.parametrize("limit", [0, 3])
def test_limit(limit: int) -> None:
    assert len(suggest_for("标题", METRO, limit=limit)) == limit
