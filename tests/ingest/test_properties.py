"""Open-ended input: whatever a page looks like, parsing never raises and loses nothing."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.ingest import parse_text
from reader.ingest.verify import problems
from tests.pagesim import generate

HANZI = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
NAMES = st.text(
    alphabet="王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文",
    min_size=2,
    max_size=3,
)

hanzi = st.text(alphabet=HANZI, min_size=1, max_size=40)
ending = st.sampled_from(["", "", "。", "!", "?", "”", "。”", "…", ",", ":", "、"])
ascii_bits = st.text(alphabet="abcXYZ0123456789 .,;:#*()[]<>&%-_/\\'\"", min_size=1, max_size=12)
prose = st.builds(
    lambda parts, end: "".join(parts) + end,
    st.lists(st.one_of(hanzi, hanzi, hanzi, ascii_bits), min_size=1, max_size=6),
    ending,
)

piece = st.one_of(
    prose,
    prose,
    prose,
    st.builds(lambda h, t: h + " " + t, st.sampled_from(["#", "##", "###", "####"]), hanzi),
    st.builds(lambda t: f"**{t}**", hanzi),
    st.builds(lambda t, p: f"**本报讯**(记者 {t}){p}", NAMES, prose),
    st.builds(lambda n, p: f"本报讯(记者 {n} 通讯员 {n[::-1]}){p}", NAMES, prose),
    st.builds(lambda n, p: f"本报(记者{n}){p}", NAMES, prose),
    st.builds(lambda n: f"●本报记者 {n}", NAMES),
    st.builds(lambda n: f"●本报实习记者 {n} {n[::-1]}", NAMES),
    st.builds(lambda n: f"■本报记者 {n} 摄", NAMES),
    st.builds(lambda n: f"(上接第{n}版)", st.integers(1, 16)),
    st.builds(lambda n: f"(下转第{n}版)", st.integers(1, 16)),
    st.builds(lambda a, b, p: f"{a} {b} {p}", hanzi, hanzi, prose),
    st.sampled_from(["#", "**", "***", "---", "## ", "\u00a0", "■", "●"]),
)
separator = st.sampled_from(["\n\n", "\n\n", "\n", "\r\n\r\n", "\n \n", "\n\u00a0\n", "\n\n\n\n"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    parts = draw(st.lists(piece, min_size=1, max_size=30))
    # The converter's duplicates: repeat a few pieces somewhere else.
    for _ in range(draw(st.integers(0, 3))):
        if parts:
            src = draw(st.integers(0, len(parts) - 1))
            dst = draw(st.integers(0, len(parts)))
            parts.insert(dst, parts[src])
    out = ""
    for p in parts:
        out += p + draw(separator)
    return draw(st.sampled_from(["", "\n", "\ufeff"])) + out


def check(text: str) -> None:
    page = parse_text(text)
    assert problems(page) == []
    json.dumps(page.to_json(), ensure_ascii=False)
    for art in page.articles:
        assert art.kind in ("article", "photo", "fragment")
        assert art.title is not None or art.blocks


# How many examples is the profile's business (tests/conftest.py: ci, dev, deep).
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(pages())
def test_page_like_text_parses_and_loses_nothing(text: str) -> None:
    check(text)


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text_parses_and_loses_nothing(text: str) -> None:
    check(text)


@SETTINGS
@given(pages())
# In --mode article a photo credit followed by a title opened a second article.
@example("# 标题\n\n一段文字\n\n■本报记者 王某 摄\n\n## 图片标题\n\n说明\n")
@example("正文一段\n■本报记者 王某 摄\n## 图片标题\n")
def test_single_article_mode_loses_nothing(text: str) -> None:
    page = parse_text(text, mode="article")
    assert problems(page) == []
    assert len(page.articles) <= 1


@SETTINGS
@given(st.integers(0, 2**31))
def test_generated_pages_parse_and_lose_nothing(seed: int) -> None:
    """Pages laid out with every FORMAT habit (tests/pagesim.py): the parse keeps both
    promises, and every article the gold names a title for is found by that title or
    kept whole as text (nothing of the page's prose goes missing)."""
    page = generate(seed)
    parsed = parse_text(page.text)
    assert problems(parsed) == []
    body = "".join(b.text for a in parsed.articles for b in a.blocks)
    for art in page.gold["articles"]:
        for block in art["blocks"]:
            # Text moves between articles and is joined, but never disappears.
            assert block["text"].replace(" ", "")[:6] in body.replace(" ", "")
    for d in parsed.decisions:
        assert 0.5 <= d.confidence <= 1.0 and d.chosen != d.alternative
        assert all(0 <= s < e <= len(page.text) for s, e in d.spans)
