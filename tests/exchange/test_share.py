"""Share files: standalone, consistent, only the chosen articles, no private paths."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import KnownError
from reader.exchange import schema
from reader.exchange.share import share_rows, write_share
from reader.exchange.untrusted import read_share
from reader.store.library import Library


def test_share_file_is_standalone_and_complete(lib: Library, tmp_path: Path) -> None:
    out = tmp_path / "out" / "mine.pizhu"
    out.parent.mkdir()
    lib.delete_highlight(lib.get_article(lib.article_ids()[1]).highlights[0].id)
    report = write_share(lib.read(share_rows), out)
    assert report.articles == 2 and report.highlights == 2 and report.tombstones == 1
    assert sorted(p.name for p in out.parent.iterdir()) == ["mine.pizhu"]  # no -wal, no temp
    with sqlite3.connect(out) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert tables == {*schema.SHARE_TABLES, "alembic_version"}
        paths = {r[0] for r in db.execute("SELECT path FROM source_files")}
        assert paths == {"呼和浩特日报_2026-01-15_第03版.txt"}
        authors = {r[0] for r in db.execute("SELECT author FROM highlights")}
        assert authors == {"测试者", "王编辑"}
    bundle = read_share(out)
    assert {t.name for t in bundle.tags.values()} == {"城市", "民生 服务", "#<b>x</b>"}
    assert bundle.tags["民生 服务"].parent == "城市"
    assert bundle.author == "测试者"


def test_share_chosen_articles(lib: Library, tmp_path: Path) -> None:
    report = write_share(lib.read(share_rows, [lib.article_ids()[1]]), tmp_path / "one.pizhu")
    assert report.articles == 1 and report.highlights == 1 and report.tags == 0
    with pytest.raises(KnownError, match="already exists"):
        write_share(lib.read(share_rows), tmp_path / "one.pizhu")


def test_cli_share(lib: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tagged.pizhu"
    assert main(["--library", str(lib.path), "share", "-o", str(out), "--tag", "城市"]) == 0
    assert "1 articles, 2 highlights" in capsys.readouterr().out
    assert main(["--library", str(lib.path), "share", "-o", str(out)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
