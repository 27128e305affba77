"""A share file holds its pages and articles as text, while libraries store them encoded
(0014, 0017)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.exchange.merge import merge_file
from reader.exchange.share import share_rows, write_share
from reader.store.library import Library

PAGE = (
    "# 呼和浩特地铁3号线试运行\n\n●本报记者 李青\n\n"
    "本报讯(记者 李青)呼和浩特市地铁3号线今日开始试运行,全长21.5公里,设站15座。\n"
)


def _stored(path: Path) -> list[tuple[int, str, bytes | str]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, typeof(text), text FROM source_files ORDER BY id")
        return [(int(i), str(t), v) for i, t, v in rows]


def test_a_share_holds_the_page_as_text_and_merges_it_compressed(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "呼和浩特日报_2026-01-15_第03版.txt"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    mine = Library.open(tmp_path / "mine.sqlite")
    other = Library.open(tmp_path / "other.sqlite")
    try:
        mine.import_paths([page])
        mine.add_highlight(mine.article_ids()[0], 0, 4)
        out = tmp_path / "out.pizhu"
        write_share(mine.read(share_rows), out)
        [(_, kind, value)] = _stored(out)
        assert (kind, value) == ("text", PAGE)
        merge_file(other, out, backup=False)
        [(sid, kind, _)] = _stored(other.path)
        assert kind == "blob" and other.source_text(sid) == PAGE
        # the article text likewise: as text in the share, as UTF-16 in a library (0017)
        body = mine.get_article(mine.article_ids()[0]).text
        with sqlite3.connect(out) as conn:
            assert conn.execute("SELECT typeof(text), text FROM articles").fetchall() == [
                ("text", body)
            ]
        with sqlite3.connect(other.path) as conn:
            assert conn.execute("SELECT typeof(text) FROM articles").fetchall() == [("blob",)]
        assert other.get_article(other.article_ids()[0]).text == body
    finally:
        mine.close()
        other.close()
