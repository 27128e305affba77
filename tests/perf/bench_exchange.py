"""Exchange benchmark, run by hand (pytest does not collect it; see conftest.py).

    .venv/bin/python tests/perf/bench_exchange.py [--highlights 50000] [--workdir DIR]

Builds a library of generated pages (variants of the small test page, two articles
each), puts ``--highlights`` highlights on them (a third with notes, a tenth tagged), then
times:

* writing a share file of everything;
* merging it into a library that holds the same pages (every highlight new, placed at
  its own position) and into an empty one (every article and page added too);
* merging the same file again (nothing changes);
* exporting 10,000 highlights to Markdown (one file per article), to JSON and to Word
  (``--exports-only`` skips the share and merge steps).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.exchange.collect import load  # noqa: E402
from reader.exchange.markdown import export_markdown  # noqa: E402
from reader.exchange.merge import merge_file  # noqa: E402
from reader.exchange.share import share_rows, write_share  # noqa: E402
from reader.exchange.webanno import export_json  # noqa: E402
from reader.exchange.word import export_docx  # noqa: E402
from reader.store import pagetext  # noqa: E402
from reader.store.library import Library  # noqa: E402
from tests.store.conftest import SMALL_PAGE, variant  # noqa: E402

PER_ARTICLE = 25


def build_pages(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for i in range(count):
        (folder / f"日报_2026-01-{1 + i % 28:02d}_第{i:04d}版.txt").write_text(
            variant(SMALL_PAGE, i), encoding="utf-8"
        )


def annotate(path: Path, highlights: int) -> None:
    db = sqlite3.connect(path)
    arts = [
        (aid, pagetext.decode(body))
        for aid, body in db.execute("SELECT id, text FROM articles ORDER BY id").fetchall()
    ]
    db.execute(
        "INSERT OR IGNORE INTO tags (name, key, created_at) VALUES ('民生', '民生', '2026-01-01')"
    )
    tag = db.execute("SELECT id FROM tags WHERE key = '民生'").fetchone()[0]
    rows, links = [], []
    n = 0
    for aid, body in arts:
        for j in range(PER_ARTICLE):
            if n >= highlights:
                break
            s = (j * 7) % max(1, len(body) - 12)
            e = s + 6
            u = str(uuid.uuid4())
            rows.append(
                (
                    u,
                    aid,
                    s,
                    e,
                    body[s:e],
                    body[max(0, s - 32) : s],
                    body[e : e + 32],
                    "yellow",
                    f"笔记{n}" if n % 3 == 0 else "",
                    "测试者",
                    "2026-02-01T00:00:00+00:00",
                    "2026-02-01T00:00:00+00:00",
                    0,
                    0,
                )
            )
            n += 1
    db.executemany(
        'INSERT INTO highlights (uuid, article_id, start, "end", exact, prefix, suffix, colour, '
        "note, author, created_at, updated_at, deleted, orphaned) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    ids = [r[0] for r in db.execute("SELECT id FROM highlights ORDER BY id")]
    links = [(h, tag) for h in ids[::10]]
    db.executemany("INSERT INTO highlight_tags (highlight_id, tag_id) VALUES (?, ?)", links)
    db.commit()
    db.close()
    if n < highlights:
        raise SystemExit(f"only {n} highlights fit; use more pages")


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    result = fn()
    print(f"{label}: {time.perf_counter() - t:.2f} s")
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--highlights", type=int, default=50_000)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--exports-only", action="store_true", help="skip share and merge")
    args = ap.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="pizhu-bench-"))
    pages_count = -(-args.highlights // (2 * PER_ARTICLE))
    build_pages(work / "pages", pages_count)
    template = work / "template.sqlite"
    lib = Library.open(template)
    timed(f"import {pages_count} pages", lambda: lib.import_paths([work / "pages"]))
    lib.close()
    sender_path = work / "sender.sqlite"
    shutil.copyfile(template, sender_path)
    annotate(sender_path, args.highlights)
    sender = Library.open(sender_path)
    if not args.exports_only:
        share_and_merge(sender, work, template)
    exports(sender, work)
    sender.close()
    if not args.workdir:
        shutil.rmtree(work)


def share_and_merge(sender: Library, work: Path, template: Path) -> None:
    share = work / "all.pizhu"
    report = timed("share", lambda: write_share(sender.read(share_rows), share, force=True))
    print(
        f"  {report.articles} articles, {report.highlights} highlights, {report.size / 1e6:.1f} MB"
    )

    same = work / "same.sqlite"
    shutil.copyfile(template, same)
    receiver = Library.open(same)
    receiver.cut  # noqa: B018  (load jieba outside the timing, as the running app has)
    r = timed("merge into a library with the same pages", lambda: merge_file(receiver, share))
    print("  " + r.summary())
    r = timed("merge the same file again", lambda: merge_file(receiver, share))
    print("  " + r.summary())
    receiver.close()

    empty = Library.open(work / "empty.sqlite")
    r = timed("merge into an empty library", lambda: merge_file(empty, share))
    print("  " + r.summary())
    empty.close()


def exports(sender: Library, work: Path) -> None:
    ids, count = [], 0
    for aid in sender.article_ids():
        ids.append(aid)
        count += PER_ARTICLE
        if count >= 10_000:
            break
    rep = timed(
        "export 10,000 highlights to Markdown",
        lambda: export_markdown(sender.read(load, ids), work / "md"),
    )
    print(f"  {rep.articles} articles, {rep.highlights} highlights, {len(rep.written)} files")
    timed(
        "export them to Markdown again (unchanged)",
        lambda: export_markdown(sender.read(load, ids), work / "md"),
    )
    timed(
        "export 10,000 highlights to JSON",
        lambda: export_json(sender.read(load, ids), work / "a.json"),
    )
    timed("export them to Word", lambda: export_docx(sender.read(load, ids), work / "report.docx"))


if __name__ == "__main__":
    main()
