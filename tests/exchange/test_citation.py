"""GB/T 7714 newspaper citations."""

from __future__ import annotations

from reader.exchange.citation import Cited, gbt7714, quoted


def test_newspaper_form_with_every_part() -> None:
    c = Cited("创造学习的新思路", ["谢希德"], "人民日报", "1998-12-25", "10")
    assert gbt7714(c) == "谢希德. 创造学习的新思路[N]. 人民日报, 1998-12-25(10)."


def test_more_than_three_authors_end_with_deng() -> None:
    c = Cited("标题", ["甲", "乙", "丙", "丁"], "呼和浩特日报", "2026-01-15", "A3")
    assert gbt7714(c) == "甲, 乙, 丙, 等. 标题[N]. 呼和浩特日报, 2026-01-15(A3)."


def test_unknown_parts_are_left_out() -> None:
    assert gbt7714(Cited("标题", [], None, None, None)) == "标题[N]."
    assert gbt7714(Cited(None, ["  "], None, "2026-01-15", "3")) == "无题[N]. 2026-01-15(3)."


def test_a_quote_comes_before_its_source() -> None:
    c = Cited("标题", ["李青"], "呼和浩特日报", "2026-01-15", "3")
    assert (
        quoted("全长21.5\n公里", c)
        == "“全长21.5 公里”\n李青. 标题[N]. 呼和浩特日报, 2026-01-15(3)."
    )
