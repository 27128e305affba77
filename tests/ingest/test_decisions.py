"""The parse's decisions: recorded with their evidence, and flipped by the reader.

Where a page can be read two ways the parser weighs both readings and records which it
took (``decisions`` in ``pizhu parse --json``). Passing ``{key: alternative}`` as
``overrides`` flips a decision: the check-the-split view relies on that to keep a
reader's choice across re-parses.
"""

from __future__ import annotations

from pathlib import Path

from reader.ingest import ParsedPage, parse_file, parse_text
from reader.ingest.model import Decision
from reader.ingest.verify import problems

FIRST = Path(__file__).parent / "firstcontact"


def _decision(page: ParsedPage, kind: str, starts_with: str) -> Decision:
    for d in page.decisions:
        if d.kind == kind and page.text[d.spans[0][0] : d.spans[0][1]].startswith(starts_with):
            return d
    raise AssertionError(f"no {kind} decision at {starts_with!r}")


def _flip(path: Path, d: Decision) -> ParsedPage:
    text = path.read_bytes().decode("utf-8")
    flipped = parse_text(text, overrides={d.key: d.alternative})
    assert problems(flipped) == []
    again = next(x for x in flipped.decisions if x.key == d.key)
    assert (again.chosen, again.alternative, again.confidence) == (d.alternative, d.chosen, 1.0)
    return flipped


def _titles(page: ParsedPage) -> list[str | None]:
    return [a.title for a in page.articles]


def test_every_decision_has_the_documented_shape() -> None:
    page = parse_file(FIRST / "fc-page-01.txt")
    kinds = {d.kind for d in page.decisions}
    assert {"join", "title_role", "orphan"} <= kinds
    for d in page.decisions:
        out = d.to_json()
        assert {"kind", "confidence", "spans", "chosen", "alternative", "key"} <= set(out)
        assert 0.5 <= out["confidence"] <= 1.0
        assert out["doubtful"] == (out["confidence"] < 0.75)
        assert out["evidence"], out


def test_flipping_a_join_keeps_the_parts_apart() -> None:
    path = FIRST / "fc-page-01.txt"
    page = parse_file(path)
    d = _decision(page, "join", "专家提醒")
    assert d.chosen == "join"
    flipped = _flip(path, d)
    wetland = next(a for a in flipped.articles if a.title == "湿地公园迎来首批北归候鸟")
    texts = [b.text for b in wetland.blocks]
    assert any(t.endswith("切勿自行带回家中饲") for t in texts)
    assert any(t.startswith("养。据统计") for t in texts)


def test_flipping_an_orphan_keeps_it_in_its_story() -> None:
    path = FIRST / "fc-page-01.txt"
    page = parse_file(path)
    d = _decision(page, "orphan", "近日,一批新的公共自行车")
    assert d.chosen == "fragment"
    assert None in _titles(page)
    flipped = _flip(path, d)
    assert None not in _titles(flipped)


def test_flipping_a_kicker_makes_it_the_first_section() -> None:
    path = FIRST / "fc-page-01.txt"
    page = parse_file(path)
    d = _decision(page, "title_role", "## “就业在身边”")
    assert d.chosen == "kicker"
    flipped = _flip(path, d)
    art = next(a for a in flipped.articles if a.title and a.title.endswith("3.2万个"))
    assert art.kicker is None
    assert art.blocks[0].type == "heading" and art.blocks[0].text == "“就业在身边”系列报道"


def test_flipping_an_interleaved_section_leaves_it_in_place() -> None:
    path = FIRST / "fc-page-02.txt"
    page = parse_file(path)
    d = _decision(page, "interleaved", "**●从零起步")
    assert d.chosen == "move_back" and d.target == "市青少年冰球联赛收官"
    flipped = _flip(path, d)
    library = next(a for a in flipped.articles if a.title == "图书馆“深夜书房”开放")
    assert "●从零起步 冰球走进校园" in [b.text for b in library.blocks]


def test_two_title_lines_are_one_title_unless_flipped() -> None:
    text = "# 春风送岗位\n\n# 春季招聘月提供岗位3.2万个\n\n招聘会上人头攒动。\n"
    page = parse_text(text)
    assert _titles(page) == ["春风送岗位 春季招聘月提供岗位3.2万个"]
    d = _decision(page, "title_role", "# 春季招聘月")
    flipped = parse_text(text, overrides={d.key: d.alternative})
    assert _titles(flipped) == ["春风送岗位", "春季招聘月提供岗位3.2万个"]


def test_an_override_naming_no_reading_is_ignored() -> None:
    path = FIRST / "fc-page-01.txt"
    page = parse_file(path)
    d = _decision(page, "join", "专家提醒")
    text = path.read_bytes().decode("utf-8")
    same = parse_text(text, overrides={d.key: "nonsense", "join@999999": "apart"})
    assert [a.to_json() for a in same.articles] == [a.to_json() for a in page.articles]


def _sample_pages() -> list[Path]:
    from tests.conftest import SAMPLES, SHARED

    pages = sorted(SAMPLES.glob("*page-*.txt"))
    seed = SHARED / "corpus" / "seed-page-000.txt"
    return [*pages, seed] if seed.is_file() else pages


def test_pages_read_right_ask_for_few_checks() -> None:
    """A page the parser splits right should not send its reader checking: a ``##`` line
    over a byline is a title, a kicker that names its column is a kicker, a photo title
    over its text and credit is the photo's, and none of them is doubtful. What stays
    doubtful is weak evidence (an orphan or a join judged on words alone)."""
    pages = _sample_pages()
    assert len(pages) >= 10
    doubtful: dict[str, list[Decision]] = {}
    for path in pages:
        page = parse_file(path)
        doubtful[path.name] = [d for d in page.decisions if d.doubtful]
        assert not [d for d in doubtful[path.name] if d.kind == "title_role"], path.name
    assert all(len(ds) <= 3 for ds in doubtful.values()), doubtful
    assert sum(len(ds) for ds in doubtful.values()) <= 6, doubtful


def test_a_join_judged_on_words_alone_stays_doubtful() -> None:
    from tests.conftest import SAMPLES

    path = SAMPLES / "2026-03-05-page-08-nongmu.txt"
    page = parse_file(path)
    d = _decision(page, "join", "春播前,各旗县区组织420名农技人员")
    assert d.doubtful
