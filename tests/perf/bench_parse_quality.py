"""How well the parser splits pages it has never seen: generated pages, scored on their gold.

    python tests/perf/bench_parse_quality.py [--pages 1000] [--seed S] [--out DIR] [--worst N]

Pages come from the simulator (``tests/pagesim.py``), which lays article text out with
FORMAT.md's habits 1-20 at random and writes the gold split beside each page. Scores use
the brief's scorer (``../shared/tools/score_parse.py``) on the JSON ``pizhu parse --json``
prints. Prints the mean, the 5th percentile and the minimum score, then the mean score of
the pages showing each habit, and the seeds of the worst pages (``--out`` writes them).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.ingest import parse_text  # noqa: E402
from tests.pagesim import generate  # noqa: E402
from tests.scoring import scorer  # noqa: E402

HABITS = {
    1: "article titles",
    2: "bold headings / datelines",
    3: "glued headings",
    4: "bylines and datelines",
    5: "kickers",
    6: "photo stories",
    7: "continuation markers",
    8: "page and column breaks",
    9: "duplicated fragments",
    10: "truncated text",
    11: "interleaved continuations",
    12: "orphan fragments",
    13: "two-line titles",
    14: "more kickers",
    15: "names in bylines",
    16: "photo title after the credit",
    17: "section heading variants",
    18: "no join across stories",
    19: "interleaved and orphans, again",
    20: "whitespace: no blank lines, CRLF, separators",
}


def score_seed(seed: int) -> tuple[float, set[int], str]:
    page = generate(seed)
    parsed = parse_text(page.text)
    pred = json.loads(json.dumps(parsed.to_json(), ensure_ascii=False))
    result = scorer().score(page.gold, pred, page.text)
    return float(result["score"]), page.habits, page.text


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="write the worst pages and their gold here")
    ap.add_argument("--worst", type=int, default=10)
    args = ap.parse_args()
    seeds = [args.seed * 1_000_003 + i for i in range(args.pages)]
    scores: list[float] = []
    by_habit: dict[int, list[float]] = defaultdict(list)
    ranked: list[tuple[float, int]] = []
    size = 0
    started = time.perf_counter()
    for s in seeds:
        sc, habits, text = score_seed(s)
        size += len(text.encode("utf-8"))
        scores.append(sc)
        ranked.append((sc, s))
        for h in habits:
            by_habit[h].append(sc)
    took = time.perf_counter() - started
    print(f"pages {len(scores)}  seed {args.seed}  {size / 1024 / len(scores):.1f} KB/page")
    print(f"mean  {statistics.fmean(scores):.4f}")
    print(f"p5    {percentile(scores, 0.05):.4f}")
    print(f"min   {min(scores):.4f}")
    print(f"perfect {sum(s >= 0.9995 for s in scores) / len(scores):.1%}")
    print(f"time  {took:.1f} s ({took / len(scores) * 1000:.0f} ms/page incl. generating)")
    print("per habit (pages showing it: mean, min)")
    for h, name in HABITS.items():
        vals = by_habit.get(h, [])
        if vals:
            print(
                f"  {h:>2} {name:<42} {len(vals):>5}  {statistics.fmean(vals):.4f}  {min(vals):.3f}"
            )
        else:
            print(f"  {h:>2} {name:<42}     0")
    ranked.sort()
    print("worst seeds:", " ".join(f"{s}({sc:.3f})" for sc, s in ranked[: args.worst]))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for _, s in ranked[: args.worst]:
            generate(s).write(args.out, f"sim-{s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
