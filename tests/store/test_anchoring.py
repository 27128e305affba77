"""Anchoring: selectors, finding quotes, re-anchoring into changed text (with properties)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reader.store.anchoring import (
    CONTEXT,
    AmbiguousQuoteError,
    QuoteNotFoundError,
    RangeError,
    Selector,
    build,
    find_all,
    find_normalized,
    find_quote,
    reanchor,
    reanchor_range,
)
from reader.store.searchtext import normalize

TEXT = (
    "呼和浩特市地铁3号线今日开始试运行,全长21.5公里,设站15座。"
    "市民张女士说:“地铁通了,上班方便多了。”地铁公司表示,将根据客流调整发车间隔。"
)

# Realistic article text: common hanzi, some Latin and digits, punctuation, spaces.
HANZI = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
ALPHABET = HANZI[:120] + "ab12 ,。:“”\n"

texts = st.text(alphabet=ALPHABET, min_size=1, max_size=300)


def test_selector_keeps_quote_context_and_position() -> None:
    start = TEXT.index("地铁通了")
    sel = build(TEXT, start, start + 4)
    assert sel.exact == "地铁通了" and sel.start == start and sel.end == start + 4
    assert sel.prefix == TEXT[start - CONTEXT : start] and len(sel.prefix) == CONTEXT
    assert sel.suffix == TEXT[start + 4 : start + 4 + CONTEXT]
    assert Selector.from_json(sel.to_json()) == sel
    head = build(TEXT, 0, 2)
    assert head.prefix == "" and head.exact == "呼和"
    for bad in ((-1, 2), (3, 3), (5, 2), (0, len(TEXT) + 1)):
        with pytest.raises(RangeError):
            build(TEXT, *bad)


def test_find_quote_all_occurrences_and_errors() -> None:
    assert find_all(TEXT, "地铁") == [5, 41, 54]
    assert find_all("aaa", "aa") == [0, 1]  # overlapping
    assert find_quote(TEXT, "试运行") == (14, 17)
    assert find_quote(TEXT, "地铁", occurrence=2) == (41, 43)
    with pytest.raises(AmbiguousQuoteError) as info:
        find_quote(TEXT, "地铁")
    assert info.value.starts == (5, 41, 54) and "3 times" in str(info.value)
    with pytest.raises(QuoteNotFoundError, match="no occurrence 4"):
        find_quote(TEXT, "地铁", occurrence=4)
    with pytest.raises(QuoteNotFoundError, match="not in the text"):
        find_quote(TEXT, "高铁")
    with pytest.raises(QuoteNotFoundError):
        find_quote(TEXT, "  ")
    # Width and whitespace do not matter when the exact quote is absent.
    s, e = find_quote(TEXT, "全长２１．５公里")
    assert TEXT[s:e] == "全长21.5公里"
    assert find_normalized("上班\n方便", "上班 方便") == [(0, 5)]


def test_reanchor_steps() -> None:
    start = TEXT.index("上班方便多了")
    sel = build(TEXT, start, start + 6)
    assert reanchor(sel, TEXT).method == "position"  # type: ignore[union-attr]
    moved = "【导读】" + TEXT
    a = reanchor(sel, moved)
    assert a is not None and a.method == "quote" and moved[a.start : a.end] == "上班方便多了"
    spaced = moved.replace("上班方便", "上班\n方便")
    a = reanchor(sel, spaced)
    assert (
        a is not None and a.method == "normalized" and spaced[a.start : a.end] == "上班\n方便多了"
    )
    edited = moved.replace("上班方便多了", "上下班方便多了")
    a = reanchor(sel, edited)
    assert a is not None and a.method == "fuzzy" and edited[a.start : a.end] == "上下班方便多了"
    assert 0.8 <= a.score < 1.0
    gone = TEXT.replace("上班方便多了", "")
    assert reanchor(sel, gone) is None


def test_short_quote_needs_its_context() -> None:
    start = TEXT.index("地铁公司")
    sel = build(TEXT, start, start + 2)  # "地铁", one of three
    shifted = "前言。" + TEXT
    a = reanchor(sel, shifted)
    assert a is not None and a.start == start + 3  # the right one of the three
    unrelated = "今天天气很好,地铁很挤,大家都在看手机,没有人说话。"
    assert reanchor(sel, unrelated) is None  # a lone 地铁 in another story is not ours
    assert reanchor_range(TEXT, start, start + 2, shifted) == a


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.data())
def test_any_range_reanchors_to_itself(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    a = reanchor(build(text, start, end), text)
    assert a is not None and (a.start, a.end, a.method) == (start, end, "position")


@st.composite
def edits(draw: st.DrawFn, size: int) -> list[tuple[str, int, str]]:
    """Up to three single-character edits (insert, delete, replace) in a text of ``size``."""
    out = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        out.append((kind, draw(st.integers(0, max(0, size))), draw(st.sampled_from(ALPHABET))))
    return out


def apply_edits(text: str, changes: list[tuple[str, int, str]]) -> str:
    for kind, pos, ch in changes:
        pos = min(pos, len(text))
        if kind == "insert":
            text = text[:pos] + ch + text[pos:]
        elif pos < len(text):
            text = text[:pos] + (ch if kind == "replace" else "") + text[pos + 1 :]
    return text


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=ALPHABET, max_size=120),
    st.text(alphabet=ALPHABET, min_size=5, max_size=40),
    st.text(alphabet=ALPHABET, max_size=120),
    st.data(),
)
def test_edits_outside_the_quote_keep_it_found(
    before: str, quote: str, after: str, data: st.DataObject
) -> None:
    assume(quote.strip())
    sel = build(before + quote + after, len(before), len(before) + len(quote))
    new_before = apply_edits(before, data.draw(edits(len(before))))
    new_after = apply_edits(after, data.draw(edits(len(after))))
    new = new_before + quote + new_after
    a = reanchor(sel, new)
    assert a is not None
    assert new[a.start : a.end] == quote
    if len(find_all(new, quote)) == 1:
        assert (a.start, a.end) == (len(new_before), len(new_before) + len(quote))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=ALPHABET, max_size=120),
    st.text(alphabet=ALPHABET, min_size=8, max_size=40),
    st.text(alphabet=ALPHABET, max_size=120),
)
def test_a_deleted_long_quote_is_an_orphan_not_a_wrong_place(
    before: str, quote: str, after: str
) -> None:
    assume(normalize(quote))
    sel = build(before + quote + after, len(before), len(before) + len(quote))
    new = before + after
    a = reanchor(sel, new)
    # Only another copy of the very same words may be found.
    assert a is None or normalize(new[a.start : a.end]) == normalize(quote)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(HANZI), min_size=130, max_size=200, unique=True),
    st.integers(0, 80),
    st.integers(12, 40),
    st.integers(0, 10_000),
    st.sampled_from(HANZI),
)
def test_one_edit_inside_a_long_quote_is_found_fuzzily(
    chars: list[str], at: int, length: int, where: int, ch: str
) -> None:
    """Text that does not repeat itself (like prose): one character changed, inserted or
    deleted inside a quote of 12+ characters still finds it."""
    text = "".join(chars)
    before, quote, after = text[:at], text[at : at + length], text[at + length :]
    pos = 1 + where % (len(quote) - 2)
    kind = where % 3
    changed = quote[:pos] + ("" if kind == 0 else ch) + quote[pos + (kind != 2) :]
    assume(changed != quote)
    sel = build(before + quote + after, len(before), len(before) + len(quote))
    new = before + changed + after
    a = reanchor(sel, new)
    assert a is not None
    # The found range covers the edited quote, give or take its first and last character.
    assert abs(a.start - len(before)) <= 1 and abs(a.end - (len(before) + len(quote))) <= 1


def test_long_quote_with_edits_inside_is_found_by_its_ends() -> None:
    body = HANZI[:300]  # prose does not repeat itself
    start, end = 40, 40 + 180
    sel = build(body, start, end)
    edited = body[:100] + "新增内容" + body[100:150] + body[152:]
    a = reanchor(sel, edited)
    assert a is not None and a.method == "fuzzy"
    assert (a.start, a.end) == (start, end + 2) and a.score > 0.9
    assert reanchor(sel, body[:start] + body[end:]) is None
