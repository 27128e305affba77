"""Every released schema keeps working: a library written by each past Pizhu upgrades on
open with nothing lost, and each past share file still merges.

The files in ``tests/store/fixtures/`` were written by the versions themselves
(``fixtures/build.py``); they are copied to tmp_path, never opened in place.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import database
from tests.conftest import SAMPLES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LIBRARIES = sorted(FIXTURES.glob("library-*.sqlite"))
SHARES = sorted(FIXTURES.glob("share-*.sqlite"))
COUNTED = ("articles", "highlights", "tags", "highlight_tags", "article_tags", "article_notes")


def _counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
    finally:
        con.close()


def _noted_article(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT article_id FROM article_notes").fetchone()[0])
    finally:
        con.close()


def _pizhu(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out


def test_there_is_a_fixture_for_every_schema_up_to_the_current_one() -> None:
    revisions = [r.revision for r in database.script_directory().walk_revisions()]
    assert {p.stem.split("-")[1] for p in LIBRARIES} >= {"0001", "0002", "0003", "0004"}
    assert {p.stem.split("-")[1] for p in SHARES} >= {"0003", "0004"}  # share exists since 0003
    assert all(p.stem.split("-")[1] in revisions for p in [*LIBRARIES, *SHARES])


@pytest.mark.parametrize("fixture", LIBRARIES, ids=lambda p: p.stem)
def test_old_library_upgrades_on_open_and_keeps_everything(
    fixture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "library.sqlite"
    shutil.copyfile(fixture, lib)
    before = _counts(lib)
    code, out = _pizhu(capsys, "--library", str(lib), "check", "--full", "--json")
    assert code == 0, out
    assert json.loads(out)["schema"] == database.head_revision()
    assert _counts(lib) == before
    code, out = _pizhu(capsys, "--library", str(lib), "list", "--json")
    listed = json.loads(out)
    assert len(listed) == before["articles"]
    assert sum(r["highlights"] for r in listed) == before["highlights"]
    assert any(r["tags"] for r in listed)
    # the highlighted words are found by search, and the highlight keeps its quote
    con = sqlite3.connect(lib)
    try:
        article, quote = con.execute(
            "SELECT article_id, exact FROM highlights ORDER BY id LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    code, out = _pizhu(capsys, "--library", str(lib), "show", str(article), "--json")
    shown = json.loads(out)
    assert quote in [h["quote"]["exact"] for h in shown["highlights"]]
    noted = [
        json.loads(_pizhu(capsys, "--library", str(lib), "show", str(r["id"]), "--json")[1])
        for r in listed
        if r["id"] == _noted_article(lib)
    ]
    assert [n["note"] for n in noted] == ["这篇要跟进。"]
    code, out = _pizhu(capsys, "--library", str(lib), "search", quote[:6], "--json")
    assert code == 0 and article in [hit["id"] for hit in json.loads(out)["results"]]


@pytest.mark.parametrize("fixture", SHARES, ids=lambda p: p.stem)
def test_old_share_file_merges_into_a_current_library(
    fixture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "library.sqlite")
    code, _ = _pizhu(capsys, "--library", lib, "import", str(SAMPLES))
    assert code == 0
    share = tmp_path / fixture.name
    shutil.copyfile(fixture, share)
    shared = _counts(share)
    code, out = _pizhu(capsys, "--library", lib, "merge", str(share), "--json")
    assert code == 0, out
    merged = _counts(Path(lib))
    assert merged["highlights"] == shared["highlights"]
    assert merged["article_notes"] == shared["article_notes"]
    assert merged["tags"] == shared["tags"]
    # merging it again changes nothing
    code, out = _pizhu(capsys, "--library", lib, "merge", str(share), "--json")
    assert code == 0 and _counts(Path(lib)) == merged


@pytest.mark.parametrize("fixture", LIBRARIES, ids=lambda p: p.stem)
def test_old_library_shared_merges_into_a_new_one(
    fixture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each past library, upgraded, shares its annotations; a new library merging that
    file holds every one of them (also for schemas older than share files)."""
    old = tmp_path / "old.sqlite"
    shutil.copyfile(fixture, old)
    share = tmp_path / "old.pizhu"
    code, out = _pizhu(capsys, "--library", str(old), "share", "-o", str(share), "--json")
    assert code == 0, out
    new = tmp_path / "new.sqlite"
    code, out = _pizhu(capsys, "--library", str(new), "merge", str(share), "--json")
    assert code == 0, out
    sent, got = _counts(old), _counts(new)
    for table in ("highlights", "highlight_tags", "article_tags", "article_notes"):
        assert got[table] == sent[table], table
    code, out = _pizhu(capsys, "--library", str(new), "check", "--json")
    assert code == 0, out
