"""The token scheme alone: bigram phrases match exactly where the term is a substring.

These tests need no jieba and no library: an in-memory FTS5 table with the grams
column, fed arbitrary text (CJK, Latin, digits, punctuation, FTS syntax), must find a
document exactly when the normalized term occurs in its normalized text.
"""

from __future__ import annotations

import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.store import searchtext

ALPHABET = st.sampled_from(
    [
        *list("呼和浩特市赛罕区新城的了一是在PMpm2.5-_*\"'():^,。、“”《》 \n\t"),
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "Ⅻ",
        "ｆｕｌｌ",
        "ß",
        "\u200b",
        "\x00",
    ]
)
TEXTS = st.lists(ALPHABET, max_size=40).map("".join)


def _fts(docs: list[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(grams, tokenize='ascii', content='')")
    for i, d in enumerate(docs):
        conn.execute(
            "INSERT INTO t (rowid, grams) VALUES (?, ?)",
            (i, searchtext.grams(searchtext.normalize(d))),
        )
    return conn


def _fts_find(conn: sqlite3.Connection, query: str) -> set[int]:
    built = searchtext.build_query(query, None)
    assert built is not None
    return {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (built.match,))}


def _scan(docs: list[str], query: str) -> set[int]:
    terms = searchtext.terms(query)
    return {i for i, d in enumerate(docs) if all(t in searchtext.normalize(d) for t in terms)}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(docs=st.lists(TEXTS, min_size=1, max_size=8), query=TEXTS)
def test_grams_match_exactly_like_a_substring_scan(docs: list[str], query: str) -> None:
    if not searchtext.terms(query):
        assert searchtext.build_query(query, None) is None
        return
    assert _fts_find(_fts(docs), query) == _scan(docs, query)


@settings(max_examples=300, deadline=None)
@given(docs=st.lists(TEXTS, min_size=1, max_size=8), data=st.data())
def test_every_substring_of_a_document_finds_it(docs: list[str], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(docs) - 1))
    norm = searchtext.normalize(docs[i])
    if not norm:
        return
    start = data.draw(st.integers(0, len(norm) - 1))
    end = data.draw(st.integers(start + 1, len(norm)))
    query = norm[start:end]
    if not searchtext.terms(query):
        return
    found = _fts_find(_fts(docs), query)
    assert i in found
    assert found == _scan(docs, query)


def test_normalize_folds_width_case_space_and_invisibles() -> None:
    assert searchtext.normalize("ＰＭ２．５\u3000呼和\u200b浩特\n\n  AND") == "pm2.5 呼和浩特 and"
    assert searchtext.terms("  和浩  和浩 PM2.5 ") == ["和浩", "pm2.5"]
    assert searchtext.terms(" \t\n") == []


def test_tokens_never_contain_fts_syntax() -> None:
    hostile = "\"*AND NEAR( - ^ : ) {x} [y] \\ 'a'"
    for token in searchtext.grams(searchtext.normalize(hostile)).split(" "):
        assert all(not (ch.isascii() and not ch.isalnum()) for ch in token)
    built = searchtext.build_query(hostile, lambda s: [s, '"', "AND"])
    assert built is not None
    conn = _fts([hostile, "无关"])
    assert {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (built.match,))} == {
        0
    }


def test_snippet_marks_hits_in_the_original_text() -> None:
    text = "在呼和浩特市,ＰＭ２．５浓度下降。" + "后文" * 100
    snip = searchtext.snippet(text, ["和浩", "pm2.5"])
    assert "呼【和浩】特" in snip.marked()
    assert "【ＰＭ２．５】" in snip.marked()
    for s, e in snip.marks:
        assert snip.text[s:e] in {"和浩", "ＰＭ２．５"}
    assert searchtext.snippet("没有", ["其他"]).marks == ()
