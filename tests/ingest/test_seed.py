"""The real page from the paper scores as the brief demands."""

from __future__ import annotations

from pathlib import Path

from reader.ingest import parse_file
from reader.ingest.verify import problems
from tests.scoring import score_page


def test_seed_page_scores(seed_page: Path) -> None:
    result = score_page(seed_page, seed_page.with_name("seed-page-000.gold.json"))
    assert result["source_coverage"] == 1.0
    assert result["duplicate_paragraphs"] == 0
    assert result["blocks_with_bad_spans"].startswith("0/")
    assert result["score"] >= 0.95, result


def test_seed_page_keeps_its_promises(seed_page: Path) -> None:
    page = parse_file(seed_page)
    assert problems(page) == []


def test_seed_page_repairs(seed_page: Path) -> None:
    page = parse_file(seed_page)
    by_title = {a.title: a for a in page.articles}
    science = by_title["呼和浩特:科技赋能强产业 创新驱动启新程"]
    texts = [b.text for b in science.blocks]
    # "“目" + "前,乳铁蛋白…": the copy that finishes the broken word is kept, once.
    joined = next(t for t in texts if t.startswith("伊利集团"))
    assert "引擎。“目前,乳铁蛋白" in joined
    assert sum(t.count("乳铁蛋白一旦政策破冰") for t in texts) == 1
    # The paragraph that breaks off before a heading and is never continued stays as is.
    truncated = next(b for b in science.blocks if b.text.startswith("政策护航"))
    assert truncated.text.endswith("对研发投入")
    assert "truncated_end" in truncated.flags
    assert {c.reason for c in page.consumed} == {"duplicate"}
    # The heading glued to its paragraph is split off; the paragraph is joined to its tail.
    livelihood = by_title["呼和浩特:以全链保障勾勒民生幸福图景"]
    assert livelihood.continued_from == "第1版"
    headings = [b.text for b in livelihood.blocks if b.type == "heading"]
    assert headings == ["资源下沉 医疗守护百姓安康", "生态赋能 宜居青城幸福加码"]
    para = next(b for b in livelihood.blocks if b.text.startswith("呼和浩特市相关部门"))
    assert para.text.endswith("宜业的魅力青城筑起坚实保障。") and len(para.spans) == 2
    # The orphan paragraphs inside the museum story become an untitled fragment.
    fragments = [a for a in page.articles if a.kind == "fragment"]
    assert len(fragments) == 1 and fragments[0].title is None
    assert fragments[0].blocks[0].text.startswith("夜间文化和旅游消费集聚区")
    photo = by_title["快乐不打烊 冰雪过大年"]
    assert photo.kind == "photo" and photo.photographers == ["王劭凯"]
    assert [b.text for b in photo.blocks if b.type == "caption"] == [
        "拍照打卡",
        "火壶表演",
        "小朋友在体验冰上项目",
        "观看演出",
    ]


def test_seed_page_without_blank_lines_still_splits(seed_page: Path) -> None:
    """Some dumps drop the blank lines between paragraphs: a line that ends a sentence
    still ends its paragraph, and a line that breaks off still joins the next."""
    import json

    from reader.ingest import parse_text
    from tests.scoring import scorer

    text = seed_page.read_text(encoding="utf-8").replace("\n\n", "\n")
    gold = json.loads(seed_page.with_name("seed-page-000.gold.json").read_text(encoding="utf-8"))
    pred = json.loads(json.dumps(parse_text(text).to_json(), ensure_ascii=False))
    result = scorer().score(gold, pred, text)
    assert result["source_coverage"] == 1.0
    assert result["score"] >= 0.99, result
