"""Library benchmark, run by hand (pytest does not collect it; see conftest.py).

    .venv/bin/python tests/perf/bench_library.py [--sizes 10000,100000] [--workdir DIR]

Generates newspaper pages laid out like the samples (titles, bylines, sections,
paragraphs of words drawn from jieba's dictionary by frequency, with numbers and Latin
such as PM2.5), then reports in one run:

* import throughput (MB/s of page files): until the articles are stored and readable,
  and until the search index has caught up, next to raw ``jieba.lcut_for_search`` on the
  same text (and raw rjieba), and where one process's import time goes;
* search latency p50/p95/max at each size (relevance, and newest first), next to a
  ``LIKE '%q%'`` scan of the same library;
* library size per MB of page text, by table; the window's start on the last library.
"""

from __future__ import annotations

import argparse
import bisect
import logging
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reader.analysis.service import Analysis  # noqa: E402
from reader.store import database  # noqa: E402
from reader.store.library import Library  # noqa: E402

ARTICLES_PER_PAGE = 6
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "晓青明华丽军伟芳娜敏静强磊洋勇艳杰娟涛超秀霞平刚桂英"
EXTRAS = ["PM2.5", "5G", "GDP", "3号线", "2025年", "38.97亿元", "12.5%", "AI", "CPI"]


class Words:
    """Words from jieba's dictionary, drawn with their corpus frequencies as weights."""

    def __init__(self, rng: random.Random) -> None:
        import jieba

        dict_path = Path(jieba.__file__).parent / "dict.txt"
        words: list[str] = []
        cum: list[float] = []
        total = 0.0
        with dict_path.open(encoding="utf-8") as fh:
            for line in fh:
                word, freq, *_ = line.split()
                if not all("\u4e00" <= ch <= "\u9fff" for ch in word) or len(word) > 4:
                    continue
                total += int(freq)
                words.append(word)
                cum.append(total)
        self.words, self.cum, self.total, self.rng = words, cum, total, rng

    def draw(self, n: int) -> list[str]:
        r = self.rng.random
        return [self.words[bisect.bisect(self.cum, r() * self.total)] for _ in range(n)]

    def sentence(self, n_words: int) -> str:
        parts = self.draw(n_words)
        if self.rng.random() < 0.25:
            parts.insert(self.rng.randrange(len(parts)), self.rng.choice(EXTRAS))
        out = []
        for i, w in enumerate(parts):
            out.append(w)
            if i and i < len(parts) - 1 and self.rng.random() < 0.12:
                out.append(",")
        return "".join(out) + self.rng.choice("。。。!?")


def make_page(words: Words, rng: random.Random, number: int) -> str:
    lines: list[str] = []
    for _ in range(ARTICLES_PER_PAGE):
        title = "".join(words.draw(rng.randint(3, 6)))
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
        lines += [f"# {title}", "", f"●本报记者 {name}", ""]
        paragraphs = rng.randint(2, 5)
        for p in range(paragraphs):
            if p and rng.random() < 0.2:
                lines += [f"## {''.join(words.draw(3))} {''.join(words.draw(3))}", ""]
            body = "".join(words.sentence(rng.randint(8, 20)) for _ in range(rng.randint(2, 6)))
            if p == 0:
                body = f"本报讯(记者 {name})" + body
            lines += [body, ""]
    lines.append(f"(第{number}页)")
    return "\n".join(lines) + "\n"


def write_pages(folder: Path, words: Words, rng: random.Random, start: int, count: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(start, start + count):
        text = make_page(words, rng, i)
        path = folder / f"page-{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        size += path.stat().st_size
    return size


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[..., Any], sink: list[float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            sink.append(time.perf_counter() - t)

    return wrapper


def timed_iter(fn: Callable[[str], Iterable[str]], sink: list[float]) -> Callable[[str], list[str]]:
    def wrapper(text: str) -> list[str]:
        t = time.perf_counter()
        out = list(fn(text))
        sink.append(time.perf_counter() - t)
        return out

    return wrapper


def raw_jieba(files: list[Path]) -> float:
    import jieba

    texts = [f.read_text(encoding="utf-8") for f in files]
    t = time.perf_counter()
    for text in texts:
        jieba.lcut_for_search(text)
    return time.perf_counter() - t


def raw_rjieba(files: list[Path]) -> float:
    import rjieba

    texts = [f.read_text(encoding="utf-8") for f in files]
    t = time.perf_counter()
    for text in texts:
        rjieba.cut_for_search(text, False)
    return time.perf_counter() - t


def import_batch(lib: Library, folder: Path) -> dict[str, float]:
    """The import as users run it (worker processes where there are CPUs for them):
    stored and readable, then the search index caught up."""
    t = time.perf_counter()
    summary = lib.import_paths([folder], index=False)
    stored = time.perf_counter() - t
    searchable = [0.0]

    def indexing(done: int, total: int) -> None:
        if done >= total:  # the last batch is committed: every article can be found
            searchable[0] = time.perf_counter() - t

    lib.build_index(progress=indexing)
    indexed = time.perf_counter() - t  # and the index merged into one segment
    Analysis(lib).catch_up_imported()  # entities and signatures, after the files
    total = time.perf_counter() - t
    assert summary.failed == 0, summary.to_json()["results"][:3]
    return {
        "stored": stored,
        "searchable": searchable[0],
        "indexed": indexed,
        "total": total,
        "articles": summary.articles,
    }


def breakdown(files: list[Path], work: Path) -> dict[str, float]:
    """One process, instrumented: where the import time goes."""
    from reader.store import importer

    scratch = work / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    for f in files:
        shutil.copy(f, scratch / f.name)
    lib = Library.open(work / "scratch.sqlite")
    lib.cut("预热")
    parse_times: list[float] = []
    cut_times: list[float] = []
    t = time.perf_counter()
    lib.import_paths(
        [scratch], parser=timed(importer.default_parser, parse_times), workers=1, index=False
    )
    stored = time.perf_counter() - t
    lib._cut = timed_iter(lib.cut, cut_times)
    lib.build_index()
    indexed = time.perf_counter() - t
    Analysis(lib).catch_up_imported()
    total = time.perf_counter() - t
    lib.close()
    for p in work.glob("scratch.sqlite*"):
        p.unlink()
    return {
        "total": total,
        "stored": stored,
        "indexed": indexed,
        "parse": sum(parse_times),
        "jieba": sum(cut_times),
    }


def queries(lib: Library, rng: random.Random, words: Words, n: int) -> list[str]:
    """Words by frequency, rare words, sub-words, cut-out substrings, two terms, Latin."""
    ids = lib.article_ids()
    out: list[str] = []
    sample = lib.summaries(rng.sample(ids, min(200, len(ids))))
    bodies = [lib.get_article(s.id).text for s in sample[:50]]
    for i in range(n):
        kind = i % 6
        if kind == 0:
            out.append(next(w for w in words.draw(20) if len(w) >= 2))
        elif kind == 1:
            out.append(rng.choice([w for w in words.words[-5000:] if len(w) >= 2]))
        elif kind == 2:
            w = ""
            while len(w) < 3:
                w = rng.choice(words.words)
            s = rng.randrange(len(w) - 1)
            out.append(w[s : s + 2])
        elif kind == 3:
            body = rng.choice(bodies)
            s = rng.randrange(max(1, len(body) - 8))
            out.append(body[s : s + rng.randint(3, 8)].strip() or "呼和浩特")
        elif kind == 4:
            pair = [w for w in words.draw(40) if len(w) >= 2][:2]
            out.append(" ".join(pair))
        else:
            out.append(rng.choice(EXTRAS))
    return out


def search_latency(lib: Library, qs: list[str], sort: str = "relevance") -> dict[str, float]:
    for q in qs[:20]:
        lib.search(q, limit=20, sort=sort)  # warm the page cache and jieba
    times = []
    for q in qs:
        t = time.perf_counter()
        lib.search(q, limit=20, sort=sort)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50": percentile(times, 0.5), "p95": percentile(times, 0.95), "max": max(times)}


def like_latency(path: Path, qs: list[str], n: int = 20) -> dict[str, float]:
    conn = sqlite3.connect(path)
    database.add_functions(conn)  # the article text is stored as UTF-16 (pagetext)
    times = []
    for q in qs[:n]:
        t = time.perf_counter()
        conn.execute(
            "SELECT id FROM articles WHERE title LIKE ?1 OR pizhu_text(text) LIKE ?1",
            (f"%{q}%",),
        ).fetchall()
        times.append((time.perf_counter() - t) * 1000)
    conn.close()
    return {"p50": percentile(times, 0.5), "p95": percentile(times, 0.95)}


def sizes(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    conn.close()
    groups: dict[str, int] = {}
    for name, size in rows:
        key = (
            "search_articles (FTS)"
            if name.startswith("search_articles")
            else "search_notes (FTS)"
            if name.startswith("search_notes")
            else "source_files (page text)"
            if name.startswith(("source_files", "sqlite_autoindex_source"))
            else "articles + blocks"
            if name.startswith(("articles", "block", "ix_articles", "sqlite_autoindex_a"))
            or "block" in name
            else "other"
        )
        groups[key] = groups.get(key, 0) + int(size)
    groups["file"] = path.stat().st_size
    return groups


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="article counts to measure at")
    ap.add_argument("--workdir", type=Path, help="keep pages and library here")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-window", action="store_true", help="skip the window start-up")
    args = ap.parse_args()
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    rng = random.Random(args.seed)
    words = Words(rng)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="pizhu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    lib_path = work / "library.sqlite"
    for p in work.glob("library.sqlite*"):
        p.unlink()
    lib = Library.open(lib_path)
    lib.cut("预热")  # load the tokenizer outside the timings
    pages_done = 0
    bytes_done = 0
    # The parser finds more articles than the generator writes titles (some ## sections
    # stand alone): 8.5 a page with the parser of 2026-12-03, 7.2 with that of 12-04.
    per_page = 7.2
    for target in (int(s) for s in args.sizes.split(",")):
        have = len(lib.article_ids())
        need_pages = max(1, round((target - have) / per_page))
        batch = work / f"pages-{target}"
        shutil.rmtree(batch, ignore_errors=True)
        size = write_pages(batch, words, rng, pages_done, need_pages)
        files = sorted(batch.iterdir())
        raw = raw_jieba(files)
        raw_rs = raw_rjieba(files)
        result = import_batch(lib, batch)
        few = files[:200]
        few_raw = raw_jieba(few)
        parts = breakdown(few, work)
        pages_done += need_pages
        bytes_done += size
        per_page = len(lib.article_ids()) / pages_done
        mb = size / 1e6
        print(
            f"\n== {len(lib.article_ids())} articles ({pages_done} pages, {bytes_done / 1e6:.1f} MB)"
        )
        print(
            f"import this batch ({result['articles']} articles, {mb:.1f} MB): stored and readable "
            f"{mb / result['stored']:.2f} MB/s ({result['stored']:.1f} s); every article "
            f"searchable {mb / result['searchable']:.2f} MB/s ({result['searchable']:.1f} s), "
            f"the index merged {mb / result['indexed']:.2f} MB/s ({result['indexed']:.1f} s); "
            f"and the analysis "
            f"(entities, signatures) {mb / result['total']:.2f} MB/s ({result['total']:.1f} s)\n"
            f"  raw jieba.lcut_for_search: {mb / raw:.2f} MB/s ({raw:.1f} s), raw rjieba "
            f"{mb / raw_rs:.2f} MB/s; import (readable) / raw jieba = {result['stored'] / raw:.2f}x, "
            f"searchable / raw jieba = {result['searchable'] / raw:.2f}x, merged "
            f"{result['indexed'] / raw:.2f}x, with index and analysis "
            f"{result['total'] / raw:.2f}x"
        )
        index_part = parts["indexed"] - parts["stored"]
        analysis_part = parts["total"] - parts["indexed"]
        rest = parts["stored"] - parts["parse"]
        print(
            f"  one process, {len(few)} pages: whole import {parts['total'] / few_raw:.2f}x "
            f"raw jieba = parse {parts['parse'] / few_raw:.2f}x + decode, hashes, SQLite "
            f"{rest / few_raw:.2f}x + search index {index_part / few_raw:.2f}x (of which "
            f"segmenting {parts['jieba'] / few_raw:.2f}x) + analysis {analysis_part / few_raw:.2f}x"
        )
        qs = queries(lib, rng, words, args.queries)
        like = like_latency(lib_path, qs)
        for sort in ("relevance", "newest"):
            s = search_latency(lib, qs, sort)
            print(
                f"search, {sort} ({len(qs)} queries, first 20 with snippets): p50 "
                f"{s['p50']:.1f} ms, p95 {s['p95']:.1f} ms, max {s['max']:.1f} ms"
            )
        print(f"LIKE '%q%' scan: p50 {like['p50']:.1f} ms, p95 {like['p95']:.1f} ms")
        z = sizes(lib_path)
        text_mb = bytes_done / 1e6
        parts_text = ", ".join(
            f"{k} {v / 1e6 / text_mb:.2f}" for k, v in sorted(z.items()) if k != "file"
        )
        print(
            f"library: {z['file'] / 1e6:.0f} MB = {z['file'] / 1e6 / text_mb:.2f} MB per MB of "
            f"text ({parts_text})"
        )
    lib.close()
    if not args.no_window:
        from bench_gui import startup

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        runs = [startup(lib_path) for _ in range(3)]
        print(
            f"window: process start → painted {min(runs):.2f} s best, {max(runs):.2f} s worst of 3"
        )
    print(f"\nwork folder: {work}")


if __name__ == "__main__":
    main()
