"""Each converter habit of FORMAT.md on a small page of its own."""

from __future__ import annotations

from reader.ingest import parse_text
from reader.ingest.model import Article, ParsedPage
from reader.ingest.verify import problems


def parse(text: str) -> ParsedPage:
    page = parse_text(text)
    assert problems(page) == []
    return page


def titled(page: ParsedPage, title: str) -> Article:
    return next(a for a in page.articles if a.title == title)


def texts(art: Article, kind: str = "paragraph") -> list[str]:
    return [b.text for b in art.blocks if b.type == kind]


def test_hash_titles_sections_and_kickers() -> None:
    page = parse(
        "# 城市书房开到家门口\n\n## “走基层 看变化”系列报道\n\n●本报实习记者 赵可 钱明\n\n"
        "全市新建城市书房二十座,市民借书不出社区。\n\n## 书香社区 悦读青城\n\n"
        "各社区书房延长开放时间,周末也有志愿者值守。\n\n### 借阅数据\n\n今年借阅量超过十万册。\n"
    )
    (art,) = page.articles
    assert art.title == "城市书房开到家门口"
    assert art.kicker == "“走基层 看变化”系列报道"
    assert art.authors == ["赵可", "钱明"]
    assert texts(art, "heading") == ["书香社区 悦读青城", "借阅数据"]
    assert len(texts(art)) == 3


def test_double_hash_is_a_title_when_a_story_follows() -> None:
    page = parse(
        "# 第一条新闻\n\n第一条新闻的正文写完了。\n\n"
        "## 第二条新闻标题\n\n本报讯(记者 王某 通讯员 李某)第二条新闻的导语。\n\n"
        "## 第三条新闻标题\n\n本报(记者张三)第三条新闻的导语。\n\n"
        "## 第四条新闻标题\n\n**本报讯**(记者 孙七)第四条新闻的导语,加粗的电头。\n\n"
        "## 第五条新闻标题\n\n●本报记者 周八\n\n第五条新闻正文。\n"
    )
    assert [a.title for a in page.articles] == [
        "第一条新闻",
        "第二条新闻标题",
        "第三条新闻标题",
        "第四条新闻标题",
        "第五条新闻标题",
    ]
    assert titled(page, "第二条新闻标题").authors == ["王某", "李某"]
    assert titled(page, "第三条新闻标题").authors == ["张三"]
    fourth = titled(page, "第四条新闻标题")
    assert fourth.authors == ["孙七"]
    # The bold dateline is the lead paragraph, not a heading; the markup is gone.
    assert texts(fourth, "heading") == []
    assert texts(fourth) == ["本报讯(记者 孙七)第四条新闻的导语,加粗的电头。"]
    assert titled(page, "第五条新闻标题").authors == ["周八"]


def test_bold_line_is_a_section_heading() -> None:
    page = parse("# 就业新闻\n\n导语写完了。\n\n**稳就业 惠民生**\n\n第二部分正文写完了。\n")
    (art,) = page.articles
    assert [(b.type, b.text) for b in art.blocks] == [
        ("paragraph", "导语写完了。"),
        ("heading", "稳就业 惠民生"),
        ("paragraph", "第二部分正文写完了。"),
    ]


def test_heading_glued_to_paragraph_is_split() -> None:
    page = parse(
        "# 就业新闻\n\n导语写完了。\n\n### 稳定岗位 扩大就业\n\n正文写完了。\n\n"
        "优化服务 惠及民生 全市各部门今年继续优化政务服务,办事更加方便。\n"
    )
    (art,) = page.articles
    assert texts(art, "heading") == ["稳定岗位 扩大就业", "优化服务 惠及民生"]
    assert texts(art)[-1] == "全市各部门今年继续优化政务服务,办事更加方便。"
    glued = art.blocks[-2]
    assert "glued_heading" in glued.flags


def test_continuation_markers_are_recorded_not_body() -> None:
    page = parse(
        "## 冬季供暖保障有力\n\n(上接第1版)\n\n全市供热面积继续扩大,新建热源两处。\n\n"
        "供热企业二十四小时值守,接到报修"
        "\n\n(下转第3版)\n"
    )
    (art,) = page.articles
    assert art.continued_from == "第1版"
    assert art.continued_on == "第3版"
    assert all("版" not in t for t in texts(art))
    # A paragraph continued on another page is not "truncated".
    assert "truncated_end" not in art.blocks[-1].flags


def test_photo_story_title_before_text() -> None:
    page = parse(
        "# 头条新闻\n\n头条正文写完了。\n\n## 雪后青城\n\n一场大雪过后,青城银装素裹,市民纷纷出门赏雪。\n\n"
        "■本报记者 王某 摄\n\n\n\n公园雪景\n\n\n\n孩子们堆雪人\n"
    )
    photo = titled(page, "雪后青城")
    assert photo.kind == "photo"
    assert photo.photographers == ["王某"]
    assert texts(photo) == ["一场大雪过后,青城银装素裹,市民纷纷出门赏雪。"]
    assert texts(photo, "caption") == ["公园雪景", "孩子们堆雪人"]
    assert texts(titled(page, "头条新闻")) == ["头条正文写完了。"]


def test_photo_story_title_after_credit() -> None:
    page = parse(
        "# 头条新闻\n\n●本报记者 李某\n\n头条正文第一段写完了。\n\n头条正文第二段也写完了。\n\n"
        "春耕时节,农民在田间忙着播种,处处是繁忙景象。\n\n■本报记者 赵某 通讯员 钱某 摄\n\n"
        "## 春耕正当时\n\n田间播种\n\n农机作业\n"
    )
    photo = titled(page, "春耕正当时")
    assert photo.kind == "photo"
    assert photo.photographers == ["赵某", "钱某"]
    assert texts(photo) == ["春耕时节,农民在田间忙着播种,处处是繁忙景象。"]
    assert texts(photo, "caption") == ["田间播种", "农机作业"]
    assert len(texts(titled(page, "头条新闻"))) == 2


def test_break_joined_with_next_block() -> None:
    page = parse("# 公园建设\n\n今年全市新建公\n\n园12个,改造提升游园30处。\n")
    (art,) = page.articles
    (para,) = art.blocks
    assert para.text == "今年全市新建公园12个,改造提升游园30处。"
    assert len(para.spans) == 2 and "joined" in para.flags


def test_break_joined_across_a_heading_when_the_word_runs_on() -> None:
    page = parse(
        "# 公园建设\n\n今年全市新建公\n\n### 绿色发展\n\n园12个,改造提升游园30处。\n\n"
        "绿化工作持续推进。\n"
    )
    (art,) = page.articles
    assert texts(art)[0] == "今年全市新建公园12个,改造提升游园30处。"
    assert texts(art, "heading") == ["绿色发展"]


def test_duplicate_keeps_the_copy_that_continues() -> None:
    page = parse(
        "# 乳业创新\n\n国家乳业技术创新中心成为产业创新引擎。“目\n\n"
        "前,中心已链接上下游企业一百余家。”主任介绍。\n\n中心还建设了中试基地。\n\n"
        "前,中心已链接上下游企业一百余家。”主任介绍。\n"
    )
    (art,) = page.articles
    assert texts(art) == [
        "国家乳业技术创新中心成为产业创新引擎。“目前,中心已链接上下游企业一百余家。”主任介绍。",
        "中心还建设了中试基地。",
    ]
    assert [c.reason for c in page.consumed] == ["duplicate"]


def test_truncated_paragraph_is_kept_and_flagged_not_glued() -> None:
    page = parse(
        "# 新闻一\n\n第一段写完了。\n\n政策护航筑牢创新根基,对研发投入\n\n"
        "# 新闻二\n\n高能级平台是聚合创新资源的核心。\n"
    )
    first = titled(page, "新闻一")
    assert texts(first)[-1] == "政策护航筑牢创新根基,对研发投入"
    assert "truncated_end" in first.blocks[-1].flags
    assert texts(titled(page, "新闻二")) == ["高能级平台是聚合创新资源的核心。"]


def test_text_before_the_first_title_is_a_fragment() -> None:
    page = parse("的发展成果惠及全体市民。\n\n# 新闻一\n\n正文写完了。\n")
    frag, art = page.articles
    assert frag.title is None and frag.kind == "fragment"
    assert "truncated_start" in frag.blocks[0].flags
    assert art.title == "新闻一"


def test_single_article_file() -> None:
    page = parse("青城的冬天\n\n第一段写完了。\n\n第二段也写完了。\n")
    (art,) = page.articles
    assert art.title == "青城的冬天"
    assert art.kind == "article"
    assert texts(art) == ["第一段写完了。", "第二段也写完了。"]


def test_single_article_mode_keeps_double_hash_as_sections() -> None:
    page = parse_text(
        "# 青城的冬天\n\n●本报记者 王某\n\n第一段写完了。\n\n## 冰雪\n\n本报讯(记者 王某)第二段。\n",
        mode="article",
    )
    (art,) = page.articles
    assert art.title == "青城的冬天"
    assert texts(art, "heading") == ["冰雪"]


def test_kicker_printed_above_the_title() -> None:
    page = parse(
        "# 前一条\n\n前一条写完了。\n\n## “新春走基层”\n\n# 夜班公交温暖回家路\n\n"
        "●本报记者 王某\n\n深夜十一点,最后一班公交车准时发车。\n"
    )
    art = titled(page, "夜班公交温暖回家路")
    assert art.kicker == "“新春走基层”"
    assert art.authors == ["王某"]
    assert texts(titled(page, "前一条"), "heading") == []


def test_photo_title_directly_followed_by_credit() -> None:
    page = parse(
        "# 头条\n\n头条写完了。\n\n## 冰雕展开幕\n\n■本报记者 王某 摄\n\n冰雕作品\n\n游客拍照\n"
    )
    photo = titled(page, "冰雕展开幕")
    assert photo.kind == "photo" and photo.photographers == ["王某"]
    assert texts(photo, "caption") == ["冰雕作品", "游客拍照"]


PARKS = (
    "# 青城公园绿地持续扩容\n\n●本报记者 高原\n\n"
    "今年以来,市园林部门加快公园绿地建设,新建口袋公园和街心游园,让市民出门就能见绿。"
    "园林部门在老城区见缝插绿,把闲置地块改造成小游园,种植乔木和花灌木。\n\n"
    "截至目前,全市公园绿地面积持续增加,人均公园绿地面积稳步提升,园林绿化管护水平不断提高,"
    "各公园的步道、座椅和照明设施也同步完善。全年计划新建公\n\n"
)
SCHOOLS = (
    "## 新学期中小学课后服务全覆盖\n\n本报讯(记者 孟雪)记者从市教育局获悉,新学期全市中小学课后服务实现全覆盖,"
    "学校开设体育、艺术、科技等特色课程,家长接孩子的时间更加从容。\n\n"
    "教育部门要求各学校合理安排课后服务时间,课程内容由学生自主选择,教师轮流值守,"
    "确保学生在校安全。\n\n"
)
PARKS_TAIL = (
    "园12个,改造提升游园30处,绿道里程继续延伸,公园绿地服务半径覆盖率进一步提高。\n\n"
    "**绿地惠民 园林添彩**\n\n"
    "园林部门还在公园里增设健身步道和儿童游乐设施,市民在公园绿地里散步、健身,"
    "公园的花卉和乔木四季有景。\n\n"
)
SCHOOLS_TAIL = (
    "不少家长表示,课后服务解决了接孩子难的问题,孩子在学校完成作业,还能参加兴趣课程,"
    "学校的课后服务让家长和学生都满意。\n"
)


def test_interleaved_continuation_goes_back_to_its_story() -> None:
    page = parse(PARKS + SCHOOLS + PARKS_TAIL + SCHOOLS_TAIL)
    parks = titled(page, "青城公园绿地持续扩容")
    schools = titled(page, "新学期中小学课后服务全覆盖")
    assert texts(parks)[-2].endswith(
        "全年计划新建公园12个,改造提升游园30处,绿道里程继续延伸,公园绿地服务半径覆盖率进一步提高。"
    )
    assert texts(parks, "heading") == ["绿地惠民 园林添彩"]
    assert texts(parks)[-1].startswith("园林部门还在公园里增设健身步道")
    assert "moved" in parks.blocks[-1].flags
    assert len(texts(schools)) == 3
    assert texts(schools)[-1].startswith("不少家长表示")


def test_bold_heading_glued_to_its_paragraph() -> None:
    page = parse(
        "# 就业新闻\n\n导语写完了。\n\n**稳就业 惠民生**全市各部门今年继续优化服务,办事更方便。\n\n"
        "**本报讯**不是标题的电头也写完了。\n\n**优化服务。**加粗的引语留在段落里。\n"
    )
    (art,) = page.articles
    assert [(b.type, b.text) for b in art.blocks] == [
        ("paragraph", "导语写完了。"),
        ("heading", "稳就业 惠民生"),
        ("paragraph", "全市各部门今年继续优化服务,办事更方便。"),
        ("paragraph", "本报讯不是标题的电头也写完了。"),
        ("paragraph", "优化服务。加粗的引语留在段落里。"),
    ]


def test_credit_variants() -> None:
    page = parse("## 雪景\n\n雪后的公园一片洁白,游人如织。\n\n■本报记者 王某/摄\n\n公园雪景\n")
    (art,) = page.articles
    assert art.kind == "photo" and art.photographers == ["王某"]


def test_interleaved_section_without_its_first_block_goes_back_by_topic() -> None:
    section = (
        "**绿地惠民 园林添彩**\n\n"
        "市园林部门还在公园里增设健身步道和儿童游乐设施,市民在公园绿地里散步、健身,"
        "公园的花卉和乔木四季有景。\n\n"
        "口袋公园和街心游园的绿化管护由园林部门统一负责,公园绿地的乔木、花灌木定期修剪。\n\n"
    )
    page = parse(PARKS + SCHOOLS + section + SCHOOLS_TAIL)
    parks = titled(page, "青城公园绿地持续扩容")
    schools = titled(page, "新学期中小学课后服务全覆盖")
    assert texts(parks, "heading") == ["绿地惠民 园林添彩"]
    assert next(b for b in parks.blocks if "moved" in b.flags).type == "heading"
    assert texts(parks)[-1].startswith("口袋公园和街心游园")
    assert "truncated_end" in parks.blocks[1].flags
    assert texts(schools, "heading") == []
    assert len(texts(schools)) == 3


def test_plain_heading_right_under_the_title_is_the_first_section() -> None:
    page = parse(
        "# 青城公园建设提速\n\n●本报记者 王某\n\n## 口袋公园 遍地开花\n\n今年新建口袋公园二十处。\n\n"
        "## 绿道串联 城园相融\n\n绿道串起了城市公园。\n"
    )
    (art,) = page.articles
    assert art.kicker is None
    assert texts(art, "heading") == ["口袋公园 遍地开花", "绿道串联 城园相融"]


def test_credit_words_beside_the_names_are_not_names() -> None:
    page = parse(
        "# 新闻一\n\n●本报记者 王晓 报道\n\n正文写完了。\n\n## 雪景\n\n雪后的公园一片洁白。\n\n"
        "■文/图 本报记者 李青 摄\n\n公园雪景\n"
    )
    assert titled(page, "新闻一").authors == ["王晓"]
    assert titled(page, "雪景").photographers == ["李青"]
