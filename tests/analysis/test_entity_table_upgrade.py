"""``article_entities`` without a rowid (migration 0016): a library whose table has the
rowid layout of 0009 keeps every row, the entity index and the cascades."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.analysis.service import Analysis
from reader.store import database
from reader.store.library import Library
from tests.analysis.conftest import write_pages

# the table as migration 0009 made it
ROWID_LAYOUT = (
    "CREATE TABLE article_entities (article_id INTEGER NOT NULL, entity_id INTEGER NOT NULL, "
    "mentions INTEGER NOT NULL, CONSTRAINT pk_article_entities PRIMARY KEY (article_id, "
    "entity_id), CONSTRAINT fk_article_entities_article_id_articles FOREIGN KEY(article_id) "
    "REFERENCES articles (id) ON DELETE CASCADE, CONSTRAINT "
    "fk_article_entities_entity_id_entities FOREIGN KEY(entity_id) REFERENCES entities (id) "
    "ON DELETE CASCADE)"
)


def _rows(path: Path) -> list[tuple[int, int, int]]:
    with sqlite3.connect(path) as conn:
        return sorted(conn.execute("SELECT article_id, entity_id, mentions FROM article_entities"))


def _schema(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        sql = "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'article_entities'"
        return sorted((str(t), str(s)) for t, s in conn.execute(sql))


def test_upgrading_keeps_the_rows_the_index_and_the_cascade(lib_path: Path, tmp_path: Path) -> None:
    with Library.open(lib_path) as lib:
        lib.import_paths([write_pages(tmp_path)])
        entities = [(e.name, e.kind, e.articles) for e in Analysis(lib).entities()]
    rows = _rows(lib_path)
    assert rows and entities
    with sqlite3.connect(lib_path) as conn:  # back to the rowid layout, at 0015
        database.add_functions(conn)  # renaming a table parses the blocks view's triggers
        conn.execute("ALTER TABLE article_entities RENAME TO old")
        conn.execute(ROWID_LAYOUT)
        conn.execute("INSERT INTO article_entities SELECT * FROM old")
        conn.execute("DROP TABLE old")
        conn.execute("CREATE INDEX ix_article_entities_entity_id ON article_entities (entity_id)")
        conn.execute("UPDATE alembic_version SET version_num = '0015'")
    assert "WITHOUT ROWID" not in dict(_schema(lib_path))["table"]
    with Library.open(lib_path) as lib:
        with sqlite3.connect(lib_path) as conn:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        assert version == database.head_revision()
        schema = _schema(lib_path)
        # the key is the table itself: no index beside it but the one on entity_id
        assert [t for t, _ in schema] == ["index", "table"]
        assert "(entity_id)" in dict(schema)["index"]
        assert dict(schema)["table"].rstrip().endswith("WITHOUT ROWID")
        assert _rows(lib_path) == rows
        assert [(e.name, e.kind, e.articles) for e in Analysis(lib).entities()] == entities
    gone = rows[0][0]
    with sqlite3.connect(lib_path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM articles WHERE id = ?", (gone,))
    assert _rows(lib_path) == [r for r in rows if r[0] != gone]
