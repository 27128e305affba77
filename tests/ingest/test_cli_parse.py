"""`pizhu parse` as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )


def test_parse_json_has_the_documented_shape(seed_page: Path) -> None:
    proc = run("parse", str(seed_page), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["source"]["path"] == "seed-page-000.txt"
    assert out["source"]["encoding"] == "utf-8"
    assert len(out["source"]["sha256"]) == 64
    assert isinstance(out["consumed"], list)
    for art in out["articles"]:
        assert {"title", "kind", "kicker", "authors", "photographers", "continued_from"} <= set(art)
        assert art["kind"] in ("article", "photo", "fragment")
        for block in art["blocks"]:
            assert block["type"] in ("heading", "paragraph", "caption")
            assert all(len(span) == 2 and span[0] < span[1] for span in block["spans"])
    # The seed page's column breaks are joined, each join recorded as a decision.
    joins = [d for d in out["decisions"] if d["kind"] == "join"]
    assert joins
    for d in out["decisions"]:
        assert {"kind", "confidence", "spans", "chosen", "alternative"} <= set(d)
        assert 0.5 <= d["confidence"] <= 1.0
        assert d["chosen"] != d["alternative"]


def test_parse_outline_is_readable(seed_page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(seed_page)]) == 0
    out = capsys.readouterr().out
    assert "呼和浩特:科技赋能强产业 创新驱动启新程  [article]" in out
    assert "decisions: " in out  # with the doubtful ones listed for a reader to check
    assert "authors: 武子暄" in out
    assert "(untitled)  [fragment]" in out
    assert "photos: 王劭凯" in out
    assert "duplicate×2" in out


def test_parse_stores_nothing(seed_page: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "parse", str(seed_page)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("case", ["empty", "binary", "directory", "missing", "huge"])
def test_bad_input_is_one_line_exit_1(case: str, tmp_path: Path) -> None:
    path = tmp_path / f"{case}.txt"
    if case == "empty":
        path.write_bytes(b"")
    elif case == "binary":
        path.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    elif case == "directory":
        path.mkdir()
    elif case == "huge":
        with path.open("wb") as fh:
            fh.truncate(50 * 1024 * 1024 + 1)
    proc = run("parse", str(path), "--json")
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0]
    assert "Traceback" not in proc.stderr


def test_encoding_twins_parse_identically(seed_page: Path, tmp_path: Path) -> None:
    text = seed_page.read_text(encoding="utf-8")
    twins = {
        "gb18030": text.encode("gb18030"),
        "utf16": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf8bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf8": text.encode("utf-8"),
    }
    results = {}
    for name, raw in twins.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(raw)
        proc = run("parse", str(path), "--json")
        assert proc.returncode == 0, proc.stderr
        results[name] = json.loads(proc.stdout)
    encodings = {n: r["source"]["encoding"] for n, r in results.items()}
    assert encodings == {
        "gb18030": "gb18030",
        "utf16": "utf-16-le",
        "utf8bom": "utf-8-sig",
        "utf8": "utf-8",
    }
    articles = [r["articles"] for r in results.values()]
    assert all(a == articles[0] for a in articles)
    assert len(articles[0]) >= 5
