"""Search at scale, as the window runs it (run by hand; not collected by pytest):

    .venv/bin/python tests/perf/bench_search.py [--articles 150000] [--queries 300]

Builds (once, cached in the temp folder) a library of N articles written straight into
SQLite, ten to a page, pages dated over five years, bodies of words drawn from jieba's
dictionary by frequency (bench_library's generator), 本报讯 opening 90 % of them, then
queues them all and lets the real indexer build the search index. Reports:

1. search latency, first 20 hits with snippets, p50/p95/max over mixed queries
   (frequent and rare words, sub-words, cut-out substrings, two terms, Latin), for
   relevance and newest first;
2. the window's first page for a word in 90 % of the articles, newest first: the count
   (total shown at once) and the first 200 hits, median and worst;
3. fetching deeper as the list scrolls: the first N hits for N = 1,000 / 5,000 / 10,000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gui import insert_page  # noqa: E402
from bench_library import SURNAMES, Words, percentile, queries  # noqa: E402

from reader.store import pagetext  # noqa: E402
from reader.store.library import Library  # noqa: E402
from reader.store.queries import Where  # noqa: E402

PER_PAGE = 10
START = dt.date(2021, 1, 1)
FREQUENT = "本报讯"


def build(path: Path, n: int, seed: int) -> None:
    Library.open(path).close()  # schema and search fingerprint
    rng = random.Random(seed)
    words = Words(rng)
    con = sqlite3.connect(path)
    stamp = "2026-01-01T00:00:00+00:00"
    pages = n // PER_PAGE
    with con:
        for page in range(pages):
            # five years, in import order
            date = (START + dt.timedelta(days=page * 5 * 365 // pages)).isoformat()
            sid = insert_page(con, page, stamp, date, str(page % 8 + 1))
            for k in range(PER_PAGE):
                title = "".join(words.draw(rng.randint(3, 6)))
                body = "".join(words.sentence(rng.randint(8, 20)) for _ in range(rng.randint(3, 7)))
                if rng.random() < 0.9:
                    body = f"{FREQUENT}(记者 {rng.choice(SURNAMES)}青)" + body
                cur = con.execute(
                    "INSERT INTO articles (uuid, source_id, ordinal, title, kind, kicker, "
                    "authors, photographers, continued_from, continued_on, text, content_hash, "
                    "flags, consumed, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        str(uuid.uuid4()),
                        sid,
                        k,
                        title,
                        "article" if k < 9 else "fragment",
                        None,
                        json.dumps([f"记者{k}"]),
                        "[]",
                        None,
                        None,
                        pagetext.encode_plain(body),  # as a library stores it
                        "h",
                        "[]",
                        "[]",
                        stamp,
                    ),
                )
                con.execute(
                    "INSERT INTO block_rows (article_id, ordinal, type, start, length, spans, "
                    "flags) VALUES (?,?,?,?,?,?,?)",
                    (cur.lastrowid, 0, "paragraph", 0, len(body), "[[0, 40]]", "[]"),
                )
        con.execute("INSERT INTO search_pending (article_id) SELECT id FROM articles")
    con.close()
    lib = Library.open(path)
    t = time.perf_counter()
    lib.build_index()
    print(f"indexed {n} articles in {time.perf_counter() - t:.0f} s")
    lib.close()


def timed(fn, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    fn()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=150_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    import jieba

    jieba.setLogLevel(logging.WARNING)
    folder = Path(tempfile.gettempdir()) / f"pizhu-bench-search-{args.articles}"
    path = folder / "library.sqlite"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        build(path, args.articles, args.seed)
        print(f"built {path} in {time.perf_counter() - t:.0f} s")
    lib = Library.open(path)
    n = len(lib.article_ids())
    share = lib.count_matches(FREQUENT) / n
    print(f"{n} articles; {FREQUENT} in {share:.0%} of them")
    rng = random.Random(args.seed + 1)
    qs = queries(lib, rng, Words(rng), args.queries)
    for sort in ("relevance", "newest"):
        for q in qs[:20]:
            lib.search(q, limit=20, sort=sort)
        times = []
        for q in qs:
            t = time.perf_counter()
            lib.search(q, limit=20, sort=sort, stories=True)
            times.append((time.perf_counter() - t) * 1000)
        print(
            f"search, {sort}, first 20 with snippets ({len(qs)} queries): p50 "
            f"{percentile(times, 0.5):.1f} ms, p95 {percentile(times, 0.95):.1f} ms, "
            f"max {max(times):.1f} ms"
        )
    for sort in ("newest", "relevance"):
        page = timed(lambda s=sort: lib.search(FREQUENT, limit=200, sort=s, stories=True), 9)
        count = timed(lambda: lib.count_matches(FREQUENT), 9)
        print(
            f"window, {FREQUENT} ({share:.0%}), {sort}: first 200 hits median {page[0]:.0f} ms "
            f"(worst {page[1]:.0f}); total count median {count[0]:.0f} ms (worst {count[1]:.0f})"
        )
    where = Where(kinds=("article",), since="2024-01-01")
    filtered = timed(
        lambda: lib.search(FREQUENT, limit=200, sort="newest", where=where, stories=True), 5
    )
    print(f"window, {FREQUENT}, newest, kind + date filters: first 200 median {filtered[0]:.0f} ms")
    for depth in (1_000, 5_000, 10_000):
        for sort in ("newest", "relevance"):
            med, worst = timed(
                lambda d=depth, s=sort: lib.search(FREQUENT, limit=d, sort=s, stories=True), 3
            )
            print(
                f"scrolled to {depth:,} hits, {sort}: fetch median {med:.0f} ms (worst {worst:.0f})"
            )
    lib.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
