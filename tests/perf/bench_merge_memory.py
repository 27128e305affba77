"""Merging a huge share file in bounded memory, run by hand (pytest does not collect it).

    .venv/bin/python tests/perf/bench_merge_memory.py [--highlights 1000000]
        [--per-article 250] [--workdir DIR]

Builds a library of generated pages (two articles each), a sender library with
``--highlights`` highlights on them (a third with notes, a tenth tagged; the helpers of
bench_exchange.py), and a share file of all of it, written with SQLite directly
(``write_share`` itself is not what is measured here). Then it runs ``pizhu merge`` as a
separate process, as a user would:

* a dry run into a library with the same pages;
* the merge into that library (every highlight new);
* the same file again (nothing changes);
* the merge into an empty library (every page and article added too);

and prints each one's wall time and peak resident memory (``ru_maxrss`` of the child).
Issue 14 asks for under 500 MB with 1,000,000 highlights.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.exchange import schema  # noqa: E402
from reader.store import pagetext  # noqa: E402
from reader.store.library import Library  # noqa: E402
from tests.perf.bench_exchange import build_pages  # noqa: E402

STAMP = "2026-02-01T00:00:00+00:00"


def highlight_rows(db: sqlite3.Connection, total: int, per_article: int) -> Iterator[tuple]:  # type: ignore[type-arg]
    n = 0
    for aid, stored in db.execute("SELECT id, text FROM articles ORDER BY id").fetchall():
        body = pagetext.decode(stored)
        for j in range(per_article):
            if n >= total:
                return
            s = (j * 7) % max(1, len(body) - 12)
            e = s + 6
            note = f"笔记{n}" if n % 3 == 0 else ""
            yield (
                str(uuid.uuid4()), aid, s, e, body[s:e], body[max(0, s - 32) : s],
                body[e : e + 32], "yellow", note, "测试者", STAMP, STAMP, 0, 0,
            )  # fmt: skip
            n += 1


def annotate(path: Path, total: int, per_article: int) -> int:
    db = sqlite3.connect(path)
    db.execute(
        "INSERT OR IGNORE INTO tags (name, key, created_at) VALUES ('民生', '民生', ?)", (STAMP,)
    )
    db.executemany(
        'INSERT INTO highlights (uuid, article_id, start, "end", exact, prefix, suffix, colour, '
        "note, author, created_at, updated_at, deleted, orphaned) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        highlight_rows(db, total, per_article),
    )
    db.execute(
        "INSERT INTO highlight_tags (highlight_id, tag_id) SELECT h.id, t.id FROM highlights h, "
        "tags t WHERE t.key = '民生' AND h.id % 10 = 0"
    )
    db.commit()
    count = int(db.execute("SELECT count(*) FROM highlights").fetchone()[0])
    db.close()
    return count


def write_share_file(sender: Path, out: Path) -> None:
    """Every annotated article of ``sender`` in a share file, table by table in SQLite."""
    db = sqlite3.connect(out)
    for stmt in schema.ddl():
        db.execute(stmt)
    db.execute("ATTACH DATABASE ? AS s", (str(sender),))
    revision = db.execute("SELECT version_num FROM s.alembic_version").fetchone()[0]
    db.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    db.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?)",
        [
            ("share.created", time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())),
            ("share.author", "测试者"),
            ("share.format", str(schema.SHARE_FORMAT)),
        ],
    )
    chosen = "SELECT DISTINCT article_id FROM s.highlights"
    where = {
        "source_files": f"id IN (SELECT source_id FROM s.articles WHERE id IN ({chosen}))",
        "articles": f"id IN ({chosen})",
        "blocks": f"article_id IN ({chosen})",
        "tags": "1",
        "highlights": "1",
        "highlight_tags": "1",
        "article_tags": f"article_id IN ({chosen})",
        "article_notes": f"article_id IN ({chosen})",
    }
    for table, cond in where.items():
        cols = ", ".join(f'"{c}"' for c in schema.expected_columns(table))
        db.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM s.{table} WHERE {cond}")
    db.execute("UPDATE source_files SET path = name")  # the sender's folders stay private
    db.execute(f"PRAGMA application_id = {int(schema.APPLICATION_ID)}")
    db.execute(f"PRAGMA user_version = {int(schema.SHARE_FORMAT)}")
    db.commit()
    db.execute("DETACH DATABASE s")
    db.execute("VACUUM")
    db.close()


def run_merge(label: str, library: Path, share: Path, *extra: str) -> None:
    """``pizhu merge`` in its own process: wall time, peak RSS, its summary line."""
    cmd = [sys.executable, "-m", "reader", "--library", str(library), "merge", str(share), *extra]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    print(f"{label}: {elapsed:.1f} s, peak RSS {usage.ru_maxrss / 1024:.0f} MB, exit {code}")
    first = (out or err).splitlines()[:1]
    if first:
        print("  " + first[0][:300])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--highlights", type=int, default=1_000_000)
    ap.add_argument("--per-article", type=int, default=250)
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="pizhu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    pages = -(-args.highlights // (2 * args.per_article))
    template = work / "template.sqlite"
    if not template.exists():
        build_pages(work / "pages", pages)
        t = time.perf_counter()
        lib = Library.open(template)
        lib.import_paths([work / "pages"])
        lib.close()
        print(f"import {pages} pages: {time.perf_counter() - t:.1f} s")
    sender = work / "sender.sqlite"
    shutil.copyfile(template, sender)
    t = time.perf_counter()
    count = annotate(sender, args.highlights, args.per_article)
    share = work / "all.pizhu"
    share.unlink(missing_ok=True)
    write_share_file(sender, share)
    size = share.stat().st_size / 1e6
    print(f"{count} highlights, share file {size:.0f} MB: {time.perf_counter() - t:.1f} s")

    same = work / "same" / "library.sqlite"
    same.parent.mkdir(exist_ok=True)
    shutil.copyfile(template, same)
    run_merge("dry run into a library with the same pages", same, share, "--dry-run")
    run_merge("merge into a library with the same pages", same, share)
    run_merge("merge the same file again", same, share)
    empty = work / "empty" / "library.sqlite"
    empty.parent.mkdir(exist_ok=True)
    run_merge("merge into an empty library", empty, share)
    if not args.workdir:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
