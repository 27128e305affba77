"""Analysis benchmark, run by hand (pytest does not collect it; see conftest.py).

    .venv/bin/python tests/perf/bench_analysis.py [--articles 150000] [--pages 200]

1. Entity extraction and signatures on import: the same generated pages imported into
   fresh libraries with the analysis step and without it (one process, alternating
   rounds), so the ratio is the analysis' share of import time.
2. A library of N articles (default 150,000) written straight into SQLite — pages over
   five years, nested tags on a tenth of the articles and on highlights, entities, and a
   MinHash signature per article from words drawn like the library benchmark's — then:
   statistics for one (nested) tag by month, entity timeline by month, and related
   stories for 200 random articles (p50/p95/max).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.analysis import signature  # noqa: E402
from reader.analysis.service import Analysis  # noqa: E402
from reader.analysis.stats import Filters  # noqa: E402
from reader.store import importer  # noqa: E402
from reader.store.library import Library  # noqa: E402
from reader.text import segment  # noqa: E402
from tests.perf.bench_library import Words, make_page, percentile  # noqa: E402


def _dated_pages(folder: Path, words: Words, rng: random.Random, count: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    day = date(2025, 1, 1)
    for i in range(count):
        path = folder / f"晚报_{(day + timedelta(days=i // 8)).isoformat()}_第{i % 8 + 1}版.txt"
        path.write_text(make_page(words, rng, i), encoding="utf-8")
        size += path.stat().st_size
    return size


def import_cost(work: Path, pages: int, rounds: int) -> None:
    """Import the same pages with and without the analysis step, and also time the
    analysis inside each import (CPU seconds of this process: the machine is shared,
    and waiting for a core is not the analysis' cost)."""
    rng = random.Random(7)
    words = Words(rng)
    folder = work / "pages"
    size = _dated_pages(folder, words, rng, pages)
    from reader.analysis import index
    from reader.text import entities

    real_analyse, real_store = importer.analysis.analyse, importer.analysis.store_many
    spent = [0.0]
    parts = {"entities": 0.0}

    def timed(fn: Any, bucket: list[float] | None = None, part: str = "") -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                if part:
                    parts[part] += time.process_time() - t
                else:
                    spent[0] += time.process_time() - t

        return wrapper

    # the entity share: finding names (in analyse) and writing them (in store_many)
    entities.candidates_of = timed(entities.candidates_of, part="entities")  # type: ignore[assignment]
    index.store_entities = timed(index.store_entities, part="entities")  # type: ignore[assignment]
    entity_shares: list[float] = []

    def nothing(title: str | None, body: str) -> None:
        return None

    # warm up jieba, the POS table and the new-word model in this process
    Library.open(work / "warm.sqlite").import_paths([next(folder.iterdir())], workers=1)
    times: dict[str, list[float]] = {"with": [], "without": []}
    shares: list[float] = []
    for r in range(rounds):
        for mode in ("without", "with") if r % 2 == 0 else ("with", "without"):
            if mode == "with":
                importer.analysis.analyse = timed(real_analyse)  # type: ignore[assignment]
                importer.analysis.store_many = timed(real_store)  # type: ignore[assignment]
            else:
                importer.analysis.analyse = nothing  # type: ignore[assignment]
                importer.analysis.store_many = real_store  # type: ignore[assignment]
            segment._precise.cache_clear()  # each import segments from a cold cache
            spent[0] = 0.0
            parts["entities"] = 0.0
            lib = Library.open(work / f"{mode}-{r}.sqlite")
            t = time.process_time()
            summary = lib.import_paths([folder], workers=1)
            total = time.process_time() - t
            times[mode].append(total)
            if mode == "with":
                shares.append(spent[0] / (total - spent[0]))
                entity_shares.append(parts["entities"] / (total - spent[0]))
            lib.close()
    importer.analysis.analyse, importer.analysis.store_many = real_analyse, real_store  # type: ignore[assignment]
    w, wo = min(times["with"]), min(times["without"])
    print(
        f"import of {pages} pages ({summary.articles} articles, {size / 1e6:.1f} MB), one "
        f"process, CPU seconds, best of {rounds}: without analysis {wo:.2f} s, with {w:.2f} s "
        f"→ +{(w / wo - 1) * 100:.1f}%; analysis timed inside each import: "
        f"+{sorted(shares)[len(shares) // 2] * 100:.1f}% median "
        f"({', '.join(f'{x * 100:.1f}%' for x in shares)}), of which entity extraction "
        f"+{sorted(entity_shares)[len(entity_shares) // 2] * 100:.1f}% median "
        f"({', '.join(f'{x * 100:.1f}%' for x in entity_shares)}); all rounds: {times}"
    )


def build_big(path: Path, n: int) -> None:
    Library.open(path).close()
    rng = random.Random(11)
    words = Words(rng)
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    per_page = 6
    first = date(2021, 1, 1)
    stamp = "2026-01-01T00:00:00+00:00"
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO source_files (id, path, name, sha256, text_hash, encoding, size, text, "
        "imported_at, paper, page_date, page) VALUES (?, '', ?, ?, ?, 'utf-8', 0, '', ?, '晚报', ?, '1')",
        [
            (p, f"p{p}.txt", f"s{p}", f"t{p}", stamp, (first + timedelta(days=p // 14)).isoformat())
            for p in range(1, n // per_page + 2)
        ],
    )
    tags = [("地点", None), ("民生", None), ("经济", None), ("教育", None)]
    tags += [(f"区{i}", 1) for i in range(12)] + [(f"话题{i}", 2) for i in range(14)]
    for i, (name, parent) in enumerate(tags, start=1):
        db.execute(
            "INSERT INTO tags (id, name, key, parent_id, created_at) VALUES (?, ?, ?, ?, ?)",
            (i, name, name, parent, stamp),
        )
    articles, sigs, bands, atags, ents = [], [], [], [], []
    people = [f"{s}{g}" for s in "王李张刘陈杨赵黄周吴" for g in "晓青明华丽军伟芳"]
    for e, name in enumerate(people, start=1):
        db.execute("INSERT INTO entities (id, name, kind) VALUES (?, ?, 'person')", (e, name))
    t = time.perf_counter()
    for a in range(1, n + 1):
        body = words.draw(rng.randint(60, 200))
        articles.append(
            (
                a,
                f"u{a}",
                a // per_page + 1,
                a % per_page,
                "".join(body[:4]),
                "article",
                "[]",
                "[]",
                "",
                f"h{a}",
                "[]",
                "[]",
                stamp,
            )
        )
        blob = signature.signature(None, " ".join(body))
        sigs.append((a, blob))
        bands += [(k, a) for k in signature.band_keys(blob)]
        if rng.random() < 0.1:
            for tid in rng.sample(range(1, len(tags) + 1), rng.randint(1, 2)):
                atags.append((a, tid))
        for e in rng.sample(range(1, len(people) + 1), 2):
            ents.append((a, e, 1))
        if a % 10000 == 0 or a == n:
            db.executemany(
                "INSERT INTO articles (id, uuid, source_id, ordinal, title, kind, authors, "
                "photographers, text, content_hash, flags, consumed, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                articles,
            )
            db.executemany("INSERT INTO article_signatures VALUES (?, ?)", sigs)
            db.executemany("INSERT OR IGNORE INTO signature_bands VALUES (?, ?)", bands)
            db.executemany("INSERT INTO article_tags VALUES (?, ?)", atags)
            db.executemany("INSERT INTO article_entities VALUES (?, ?, ?)", ents)
            articles, sigs, bands, atags, ents = [], [], [], [], []
            print(f"  {a} articles ({time.perf_counter() - t:.0f} s)", flush=True)
    db.commit()  # the new library recorded its tokenizer: no search rebuild on open
    db.execute("ANALYZE")
    db.close()


def queries(path: Path, n: int) -> None:
    lib = Library.open(path)
    an = Analysis(lib)
    assert not an.pending()
    for label, filters in (
        ("tag 地点 (12 nested tags) by month", Filters(tag="地点")),
        ("entity 王晓 by month", Filters(entity="王晓")),
    ):
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            series = an.stats("month", filters)
            runs.append(time.perf_counter() - t)
        print(
            f"stats {label} at {n} articles: median {sorted(runs)[2] * 1000:.0f} ms "
            f"(runs {[round(r * 1000) for r in runs]}); {len(series.rows)} months, "
            f"{sum(r.matched for r in series.rows)} matched"
        )
    rng = random.Random(3)
    times, found = [], []
    an.related(1)  # numpy and datasketch imported once
    for a in rng.sample(range(1, n + 1), 200):
        t = time.perf_counter()
        rows = an.related(a)
        times.append(time.perf_counter() - t)
        found.append(len(rows))
    print(
        f"related at {n} articles (200 articles): p50 {percentile(times, 0.5) * 1000:.1f} ms, "
        f"p95 {percentile(times, 0.95) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms; "
        f"{sum(found) / len(found):.1f} results each"
    )
    lib.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=150_000)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--skip-import", action="store_true")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="pizhu-bench-analysis-"))
    if not args.skip_import:
        import_cost(work, args.pages, args.rounds)
    big = work / "big.sqlite"
    if not big.exists():
        t = time.perf_counter()
        build_big(big, args.articles)
        print(f"built {args.articles} articles in {time.perf_counter() - t:.0f} s")
    queries(big, args.articles)


if __name__ == "__main__":
    main()
