"""Fixtures for export, share and merge: small libraries with fixed annotations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from reader.store import database
from reader.store.library import Library
from tests.store.conftest import SMALL_PAGE

PAGE_NAME = "呼和浩特日报_2026-01-15_第03版.txt"
T0 = "2026-02-01T08:00:00+00:00"
HOSTILE_NOTE = (
    "<script>alert(1)</script> **粗** [链接](javascript:alert(1))\n"
    "# 不是标题\n\n    四个空格不是代码\n> 不是引用\n1. 不是列表\n---\n"
    "<img src=x onerror=alert(1)> &amp; `code` | 表 | \\\n"
    "\u2028行分隔\x00\x07尾  "
)


def make_page(folder: Path, body: str = SMALL_PAGE, name: str = PAGE_NAME) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / name
    page.write_text(body, encoding="utf-8")
    return page


def sql(lib: Library, statement: str, **params: object) -> None:
    with database.writing(lib.engine) as conn:
        conn.execute(text(statement), params)


def fix_uuids(lib: Library) -> None:
    """Stable article uuids and times, so exports can be compared with snapshots."""
    for n, aid in enumerate(lib.article_ids(), start=1):
        sql(
            lib,
            "UPDATE articles SET uuid = :u WHERE id = :i",
            u=f"00000000-0000-4000-8000-{n:012d}",
            i=aid,
        )


def annotate(lib: Library) -> None:
    """Two highlights, a hostile note, tags on both levels and an article note."""
    first, second = lib.article_ids()[:2]
    body = lib.get_article(first).text
    s = body.index("记者从市园林局")
    h1, _ = lib.add_highlight(
        first,
        s,
        s + 14,
        colour="yellow",
        note=HOSTILE_NOTE,
        highlight_uuid="11111111-1111-4111-8111-111111111111",
    )
    s2 = body.index("PM2.5")
    lib.add_highlight(
        first,
        s2,
        s2 + 9,
        colour="green",
        note="数据",
        author="王编辑",
        highlight_uuid="22222222-2222-4222-8222-222222222222",
    )
    body2 = lib.get_article(second).text
    s3 = body2.index("全长21.5公里")
    lib.add_highlight(
        second,
        s3,
        s3 + 8,
        colour="blue",
        highlight_uuid="33333333-3333-4333-8333-333333333333",
    )
    parent, _ = lib.ensure_tag("城市")
    tag, _ = lib.ensure_tag("民生 服务", parent=parent)
    evil, _ = lib.ensure_tag("#<b>x</b>")
    lib.tag_highlight(h1, tag)
    lib.tag_highlight(h1, evil)
    lib.tag_article(first, tag)
    lib.set_note(first, "文章笔记:[见](http://example.com) <i>斜</i>")
    sql(lib, "UPDATE highlights SET created_at = :t, updated_at = :t", t=T0)
    sql(lib, "UPDATE article_notes SET updated_at = :t", t=T0)
    sql(lib, "UPDATE tags SET created_at = :t", t=T0)


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    (tmp_path / "a").mkdir()
    library = Library.open(tmp_path / "a" / "library.sqlite")
    summary = library.import_paths([make_page(tmp_path / "pages")])
    assert summary.failed == 0
    fix_uuids(library)
    annotate(library)
    yield library
    library.close()


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Library]:
    """A second, empty library (the receiver)."""
    (tmp_path / "b").mkdir()
    library = Library.open(tmp_path / "b" / "library.sqlite")
    yield library
    library.close()
