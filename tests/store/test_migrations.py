"""Schema upgrades: on open, after a backup, transactional, linear, never downwards."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from reader.paths import migrations_dir
from reader.store import database
from reader.store.errors import LibraryCorruptError, LibraryVersionError, MigrationError
from reader.store.library import Library
from reader.store.models import Base


def _make_at(path: Path, revision: str) -> None:
    engine = database.make_engine(path)
    cfg = database.alembic_config()
    with engine.connect() as conn, conn.begin():
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_revision_chain_is_linear() -> None:
    scripts = database.script_directory()
    revisions = list(scripts.walk_revisions())
    assert len(scripts.get_heads()) == 1
    assert len(scripts.get_bases()) == 1
    for rev in revisions:
        assert not isinstance(rev.down_revision, tuple | list), rev.revision
        assert len(rev.nextrev) <= 1, rev.revision
    chain = [r.revision for r in reversed(revisions)]
    assert chain[0] == "0001" and chain[-1] == database.head_revision()
    assert migrations_dir().joinpath("env.py").is_file()


BLOCKS = ("blocks", "block_rows")


def test_new_library_is_at_head_and_matches_the_models(lib_path: Path) -> None:
    Library.open(lib_path).close()
    assert _revision(lib_path) == database.head_revision()
    engine = database.make_engine(lib_path)

    def ours(obj: object, name: str | None, type_: str, *_: object) -> bool:
        # search_* (FTS5, the index queue) and the blocks view over block_rows (0006) are
        # not modelled as tables.
        unmodelled = name is not None and (name.startswith("search_") or name in BLOCKS)
        return not (type_ == "table" and unmodelled)

    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": ours, "compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        fks = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
    engine.dispose()
    assert (mode, fks) == ("wal", 1)
    assert not list(lib_path.parent.glob("*.backup-*"))  # nothing to back up


def test_old_library_is_upgraded_on_open_after_a_backup(lib_path: Path) -> None:
    _make_at(lib_path, "0001")
    with sqlite3.connect(lib_path) as conn:
        conn.execute(
            "INSERT INTO source_files (id, path, name, sha256, text_hash, encoding, size, text, "
            "imported_at) VALUES (1, '/p.txt', 'p.txt', 'a', 'b', 'utf-8', 3, '呼和浩特', 'now')"
        )
        conn.execute(
            "INSERT INTO articles (id, uuid, source_id, ordinal, title, kind, authors, "
            "photographers, text, content_hash, flags, consumed, created_at) VALUES "
            "(1, 'u-1', 1, 0, '旧标题', 'article', '[]', '[]', '呼和浩特新闻', 'h', '[]', '[]', 'now')"
        )
        conn.execute(
            "INSERT INTO blocks (article_id, ordinal, type, text, start, spans, flags) "
            "VALUES (1, 0, 'paragraph', '呼和浩特新闻', 0, '[[0, 6]]', '[]')"
        )
    lib = Library.open(lib_path)
    try:
        assert lib.upgrade.from_revision == "0001"
        assert lib.upgrade.to_revision == database.head_revision()
        backup = lib.upgrade.backup
        assert backup is not None and backup.is_file()
        assert _revision(backup) == "0001"
        assert "search_articles" not in _tables(backup)
        # The new index was filled from the old rows.
        assert [h.title for h in lib.search("和浩")] == ["旧标题"]
        assert lib.check().ok
    finally:
        lib.close()
    assert _revision(lib_path) == database.head_revision()


def test_library_from_a_newer_pizhu_is_refused(lib_path: Path) -> None:
    Library.open(lib_path).close()
    with sqlite3.connect(lib_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with pytest.raises(LibraryVersionError) as info:
        Library.open(lib_path)
    message = str(info.value)
    assert "newer Pizhu" in message and "9999_from_the_future" in message and "\n" not in message
    assert _revision(lib_path) == "9999_from_the_future"


def test_failed_migration_leaves_the_library_intact(lib_path: Path, tmp_path: Path) -> None:
    lib = Library.open(lib_path)
    page = tmp_path / "p.txt"
    page.write_text("# 标题\n\n呼和浩特的新闻正文写在这里。\n", encoding="utf-8")
    lib.import_paths([page])
    lib.close()
    head = database.head_revision()
    broken = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), broken, ignore=shutil.ignore_patterns("__pycache__"))
    (broken / "versions" / "9000_broken.py").write_text(
        f'''
import sqlalchemy as sa
from alembic import op

revision = "9000"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("extra", sa.Text(), nullable=True))
    op.execute("UPDATE articles SET title = 'damaged'")
    op.execute("DELETE FROM blocks")
    raise RuntimeError("this migration fails half-way")


def downgrade():
    pass
''',
        encoding="utf-8",
    )
    with pytest.raises(MigrationError) as info:
        Library.open(lib_path, migrations=broken)
    assert "left unchanged" in str(info.value) and "\n" not in str(info.value)
    assert _revision(lib_path) == head
    assert "half_done" not in _tables(lib_path)
    with sqlite3.connect(lib_path) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
        titles = [r[0] for r in conn.execute("SELECT title FROM articles")]
        blocks = conn.execute("SELECT count(*) FROM block_rows").fetchone()[0]
    assert "extra" not in columns and titles == ["标题"] and blocks == 1
    lib = Library.open(lib_path)
    try:
        assert lib.check().ok and [h.title for h in lib.search("新闻")] == ["标题"]
    finally:
        lib.close()


def test_a_foreign_database_is_not_taken_over(lib_path: Path) -> None:
    with sqlite3.connect(lib_path) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    with pytest.raises(LibraryCorruptError, match="not a Pizhu library"):
        Library.open(lib_path)
    assert _tables(lib_path) == {"photos"}


def test_the_quick_head_is_alembics_head() -> None:
    assert database.quick_head() == database.head_revision()


def test_opening_an_up_to_date_library_does_not_load_alembic(lib_path: Path) -> None:
    import subprocess
    import sys

    Library.open(lib_path).close()
    code = (
        "import sys\n"
        "from reader.store.library import Library\n"
        f"Library.open({str(lib_path)!r}).close()\n"
        "assert 'alembic' not in sys.modules, 'alembic loaded on open'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
