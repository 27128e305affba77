"""Escaping user text for Markdown: only what a CommonMark reader would take as markup."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.exchange.mdescape import clean, flat, heading, inline, lines, tag_word

# CommonMark plus the GitHub-flavoured tables and strike-through Obsidian users see.
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MARKUP = "\\`*_{}[]()<>#+-.!|~&=:$%^;/ 1234567890ax\t\n"
TEXT = st.text(alphabet=st.sampled_from([*MARKUP, "中", "文", "，", "。", "“", "　"]), max_size=40)


def rendered(md: str) -> tuple[set[str], str]:
    """Block and inline token types, and the text a reader would see."""
    kinds: set[str] = set()
    paragraphs: list[str] = []
    for tok in PARSER.parse(md):
        kinds.add(tok.type)
        if tok.type == "inline":
            parts = []
            for child in tok.children or []:
                kinds.add(child.type)
                parts.append("\n" if child.type == "softbreak" else child.content)
            paragraphs.append("".join(parts))
    return kinds, "\n".join(paragraphs)


PLAIN = {"paragraph_open", "paragraph_close", "inline", "text", "softbreak"}


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_lines_read_back_as_the_same_plain_text(text: str) -> None:
    kinds, seen = rendered("\n".join(lines(text)))
    assert kinds <= PLAIN
    expected = "\n".join(x for x in (flat(r) for r in clean(text).split("\n")) if x)
    assert seen == expected


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["**yellow** · {}", "a {} · x", "> a {} b", "#a {}"]))
def test_fragments_stay_text_inside_other_markup(text: str, frame: str) -> None:
    if not flat(text):
        return  # the callers never frame empty text
    plain_frame, expected_frame = rendered(frame.format("QQ"))
    kinds, seen = rendered(frame.format(inline(text)))
    assert kinds <= PLAIN | plain_frame
    assert seen == expected_frame.replace("QQ", flat(text))
    kinds, seen = rendered(tag_word(text))
    assert kinds <= PLAIN and seen == "#" + "_".join(flat(text).split())


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_headings_keep_their_text(text: str) -> None:
    tokens = PARSER.parse("# " + heading(text))
    if not flat(text):
        return
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    children = tokens[1].children or []
    assert {c.type for c in children} <= {"text"}
    assert "".join(c.content for c in children) == flat(text)


@pytest.mark.parametrize(
    "text",
    [
        "呼和浩特:",
        "同比增长38.97亿元",
        "占比30%",
        "3 * 4 = 12",
        "snake_case_name",
        "时间:2026.1.15,比例:50%,地址:新华大街1号",
        "气温-5~3℃",
        "PM2.5",
    ],
)
def test_running_text_punctuation_is_left_alone(text: str) -> None:
    assert inline(text) == text and lines(text) == [text]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# 标题", "\\# 标题"),
        ("> 引用", "\\> 引用"),
        ("- 列表", "\\- 列表"),
        ("+ 列表", "\\+ 列表"),
        ("1. 第一", "1\\. 第一"),
        ("2026) 年", "2026\\) 年"),
        ("---", "\\---"),
        ("===", "\\==="),
        ("**粗**", "\\*\\*粗\\*\\*"),
        ("[链接](http://x)", "\\[链接\\](http://x)"),
        ("<b>x</b>", "\\<b>x\\</b>"),
        ("&amp;", "\\&amp;"),
        ("`code`", "\\`code\\`"),
        ("a\\:b", "a\\\\:b"),
        ("| 表 |", "\\| 表 \\|"),
        ("~~删~~", "\\~\\~删\\~\\~"),
    ],
)
def test_markup_is_escaped_where_it_would_act(text: str, escaped: str) -> None:
    assert lines(text) == [escaped]


def test_mid_line_hash_and_list_markers_are_text() -> None:
    assert lines("第3版 # 1. - > 要闻") == ["第3版 # 1. - > 要闻"]
