"""Kinds of mistakes first met on unseen pages (fc-page-15..17, the independent pages and
the simulator's worst pages), each on a small page of its own."""

from __future__ import annotations

from reader.ingest.evidence import starts_mid_word, unknown_words
from tests.ingest.test_habits import parse, texts, titled


def test_a_number_cut_by_a_break_is_joined_without_a_space() -> None:
    page = parse(
        "# 社区服务站提档升级\n\n●本报记者 王敏\n\n"
        "今年以来,街道办事处改造便民服务站,累计投入资金8\n\n"
        "17万元,新增助餐、理发、康复等服务项目。\n\n"
        "社区书记说,服务站改造后,每天来办事的居民比以前多了一倍。\n"
    )
    (art,) = page.articles
    assert texts(art)[0].endswith("累计投入资金817万元,新增助餐、理发、康复等服务项目。")


def test_a_lone_unit_after_a_number_finishes_it_across_a_break() -> None:
    page = parse(
        "# 家庭医生签约服务扩面\n\n●本报记者 李华\n\n"
        "全市已组建家庭医生团队1184\n\n个,重点人群签约率超过七成。\n\n"
        "市卫健委表示,下一步将把签约服务延伸到更多社区。\n"
    )
    (art,) = page.articles
    assert texts(art)[0] == "全市已组建家庭医生团队1184个,重点人群签约率超过七成。"


def test_photo_title_after_its_credit_then_a_story_whose_title_has_quotes() -> None:
    page = parse(
        "# 农田里的春耕\n\n●本报记者 白雪\n\n农技人员在田间指导春播,播种机来回穿梭。\n\n"
        "连日来,大青山前坡的山杏花次第开放,吸引不少市民登山赏花。\n\n"
        "■本报记者 吕 航 摄\n\n## 杏花初绽大青山\n\n"
        "## 小店用上“共享会计”\n\n"
        "本报(记者韩露)辖区已有126家个体工商户用上了“共享会计”服务。\n"
    )
    photo = titled(page, "杏花初绽大青山")
    assert photo.kind == "photo"
    assert photo.photographers == ["吕航"]
    assert texts(photo) == ["连日来,大青山前坡的山杏花次第开放,吸引不少市民登山赏花。"]
    story = titled(page, "小店用上“共享会计”")
    assert story.kicker is None
    assert story.authors == ["韩露"]
    assert titled(page, "农田里的春耕").photographers == []


def test_a_measure_word_or_a_hanzi_before_a_stop_opens_mid_sentence() -> None:
    assert starts_mid_word("段实行交通管制,请过往车辆和行人注意绕行。")
    assert starts_mid_word("中。目前已有46位老人预约了这项服务。")
    # A surname opening a sentence, or a measure word inside a longer word, does not.
    assert not starts_mid_word("段红说,今年的活动比往年更热闹。")
    assert not starts_mid_word("位于城南的湿地公园迎来首批候鸟。")


def test_a_name_the_dictionary_does_not_know_is_found_in_both_places() -> None:
    said = unknown_words("“地好种了,钱也好借了,今年我打算再流转300亩。”王福生说。")
    before = unknown_words("塔布赛乡的种粮大户王福生承包了1200亩地。")
    assert "王福生" in said & before
    # Hanzi on both sides of a space are not one word: jieba never joins across it.
    assert unknown_words("王福 生承包了1200亩地") == unknown_words("王福\n生承包了1200亩地")
    assert "王福生" not in unknown_words("王福 生承包了1200亩地")


def test_a_photo_text_after_its_credit_is_text_however_short() -> None:
    page = parse(
        "# 头条\n\n头条写完了。\n\n## 草原风筝节\n\n■本报记者 赵 阳 摄\n\n"
        "周末的草原上,风筝爱好者们放飞了形态各异的风筝。\n\n图为一只巨龙风筝。\n\n游客拍照\n"
    )
    photo = titled(page, "草原风筝节")
    assert photo.kind == "photo" and photo.photographers == ["赵阳"]
    assert texts(photo) == ["周末的草原上,风筝爱好者们放飞了形态各异的风筝。"]
    assert texts(photo, "caption") == ["图为一只巨龙风筝。", "游客拍照"]
