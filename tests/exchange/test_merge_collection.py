"""Share files carry page facts and deletions; merging fills what the receiver lacks and
lets deletions travel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.exchange.merge import merge_file
from reader.exchange.merge_collection import PageFacts, decide
from reader.exchange.share import share_rows, write_share
from reader.store import metadata, trash
from reader.store.library import Library
from tests.store.conftest import SMALL_PAGE


def _page(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "scan-0001.txt"  # a name that tells nothing
    page.write_text(SMALL_PAGE, encoding="utf-8")
    return page


def test_page_facts_and_deletions_travel(tmp_path: Path) -> None:
    a = Library.open(tmp_path / "a.sqlite")
    b = Library.open(tmp_path / "b.sqlite")
    c = Library.open(tmp_path / "c.sqlite")
    try:
        a.import_paths([_page(tmp_path / "a")])
        b.import_paths([_page(tmp_path / "b")])
        [src] = a.sources()
        a.run(
            metadata.set_pages([src.id], paper="呼和浩特晚报", date="2026-02-10", page_name="要闻")
        )
        first, second = a.article_ids()
        a.add_highlight(first, 0, 4)
        a.add_highlight(second, 0, 4)
        a.run(trash.TrashArticles((first,)))
        # B knew the page number already: it keeps it; it learns what it lacked.
        b.run(metadata.set_pages([b.sources()[0].id], page="7"))
        f = tmp_path / "a.pizhu"
        write_share(
            a.read(share_rows), f, force=True
        )  # every annotated article, the trashed one too

        merge_file(b, f)
        got = b.sources()[0]
        assert (got.paper, got.date, got.page, got.page_name) == (
            "呼和浩特晚报",
            "2026-02-10",
            "7",
            "要闻",
        )
        assert [i.kind for i in b.read(trash.items)] == ["article"]
        assert len(b.article_ids()) == 1
        again = merge_file(b, f)  # merging twice changes nothing more
        assert again.empty or not [i for i in again.items if i.kind == "article"]

        merge_file(c, f)  # a new library gets the page and the article, in the trash
        assert c.sources()[0].page_name == "要闻"
        assert len(c.article_ids()) == 1 and len(c.read(trash.items)) == 1
        assert c.check().ok and b.check().ok
    finally:
        for lib in (a, b, c):
            lib.close()


facts = st.builds(
    PageFacts,
    *[st.one_of(st.none(), st.sampled_from(["x", "y"])) for _ in range(4)],
)


@given(facts, facts)
def test_the_merge_rule_only_fills_what_is_unknown(ours: PageFacts, theirs: PageFacts) -> None:
    plan = decide({1: ours}, {1: theirs}, {5: "t"}, {5})
    filled = dict(plan.facts[0][1]) if plan.facts else {}
    for name in ("paper", "page_date", "page", "page_name"):
        before, sent = getattr(ours, name), getattr(theirs, name)
        after = filled.get(name, before)
        assert after == (before if before is not None else sent)
    assert plan.trash == ((5, "t"),)
    assert decide({}, {}, {5: "t"}, set()).trash == ()  # already in the trash: nothing


def test_article_edits_travel_and_the_later_edit_wins(tmp_path: Path) -> None:
    a = Library.open(tmp_path / "a.sqlite")
    b = Library.open(tmp_path / "b.sqlite")
    try:
        a.import_paths([_page(tmp_path / "a")])
        b.import_paths([_page(tmp_path / "b")])
        first, _second = a.article_ids()
        a.add_highlight(first, 0, 4)
        edit = metadata.set_articles([first], title="更正后的标题", kind="photo", authors=["王晓"])
        a.run(edit)
        f = tmp_path / "a.pizhu"
        write_share(a.read(share_rows), f, force=True)

        plan = merge_file(b, f, dry_run=True)  # the dry run shows the edit
        [item] = [i for i in plan.items if i.kind == "article"]
        assert (item.action, item.detail) == ("updated", "title, kind, authors edited")
        assert "1 edited" in plan.summary()
        assert b.get_article(b.article_ids()[0]).article.title != "更正后的标题"

        done = merge_file(b, f)
        got = b.get_article(b.article_ids()[0])
        assert (got.article.title, got.article.kind, got.article.authors) == (
            "更正后的标题",
            "photo",
            ["王晓"],
        )
        assert got.id in done.changes.articles_changed
        assert [h.id for h in b.search("更正后")] == [got.id]  # the title is searchable
        assert not [i for i in merge_file(b, f).items if i.kind == "article"]  # twice: nothing

        # B edits later: B's edit wins in A, and A's older one no longer changes B.
        later = (datetime.now(UTC) + timedelta(minutes=5)).isoformat(timespec="seconds")
        rows = metadata.set_articles([got.id], title="乙的标题").rows
        b.run(metadata.SetArticleFields(rows, stamps=((got.id, later),)))
        g = tmp_path / "b.pizhu"
        write_share(b.read(share_rows), g, force=True)
        merge_file(a, g)
        assert a.get_article(first).article.title == "乙的标题"
        [older] = [i for i in merge_file(b, f).items if i.kind == "article"]
        assert older.action == "conflict" and b.get_article(got.id).article.title == "乙的标题"
        assert a.check().ok and b.check().ok
    finally:
        a.close()
        b.close()


def test_the_article_rule_is_symmetric() -> None:
    from reader.exchange.merge_rules import article_rule

    parsed = ("标题", "article", ("甲",), None)
    edited = ("新标题", "article", ("甲",), "2026-01-02T00:00:00+00:00")
    assert article_rule(parsed, edited)[:2] == ("updated", True)
    assert article_rule(edited, parsed)[:2] == ("unchanged", False)
    other = ("另一个", "photo", (), "2026-01-02T00:00:00+00:00")  # same time: one rule
    assert article_rule(edited, other)[1] != article_rule(other, edited)[1]
