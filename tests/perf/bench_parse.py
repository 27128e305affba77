"""Parsing time against page size, next to raw jieba on the same text.

    python tests/perf/bench_parse.py [--sizes 128,256,512,1024]   (sizes in KB)

Pages are built from the sample pages' own lines (titles, bylines, broken paragraphs,
duplicates…), shuffled and lightly mutated so that a long page is not one page repeated.
Prints one row per size; linear parsing keeps the µs/KB column flat.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.ingest import parse_text  # noqa: E402
from reader.text import segment  # noqa: E402

HANZI = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"


def corpus_blocks() -> list[str]:
    blocks: list[str] = []
    for page in sorted((ROOT / "resources" / "samples").glob("*page-*.txt")):
        text = page.read_text(encoding="utf-8").replace("\r\n", "\n")
        blocks.extend(b.strip("\n") for b in text.split("\n\n") if b.strip())
    seed = ROOT.parent / "shared" / "corpus" / "seed-page-000.txt"
    if seed.is_file():
        text = seed.read_text(encoding="utf-8")
        blocks.extend(b.strip("\n") for b in text.split("\n\n") if b.strip())
    return blocks


def make_page(blocks: list[str], size_bytes: int, rng: random.Random) -> str:
    out: list[str] = []
    total = 0
    while total < size_bytes:
        block = rng.choice(blocks)
        if not block.startswith(("#", "●", "■", "(")) and len(block) > 20 and rng.random() < 0.8:
            # Mutate a few characters so paragraphs are not all exact duplicates.
            chars = list(block)
            for _ in range(3):
                i = rng.randrange(len(chars))
                if "\u4e00" <= chars[i] <= "\u9fff":
                    chars[i] = rng.choice(HANZI)
            block = "".join(chars)
        out.append(block)
        total += len(block.encode("utf-8")) + 2
    return "\n\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="128,256,512,1024")
    args = ap.parse_args()
    rng = random.Random(20261122)
    blocks = corpus_blocks()
    segment.tokenizer()  # load jieba before timing
    parse_text("# 预热\n\n正文。\n")
    print(f"{'size':>8} {'articles':>8} {'parse s':>8} {'µs/KB':>7} {'jieba s':>8} {'ratio':>6}")
    for kb in (int(s) for s in args.sizes.split(",")):
        text = make_page(blocks, kb * 1024, rng)
        t0 = time.perf_counter()
        page = parse_text(text)
        t_parse = time.perf_counter() - t0
        t0 = time.perf_counter()
        segment.tokenizer().lcut(text, HMM=False)
        t_jieba = time.perf_counter() - t0
        print(
            f"{kb:>6}KB {len(page.articles):>8} {t_parse:>8.2f} {t_parse / kb * 1e6:>7.0f} "
            f"{t_jieba:>8.2f} {t_parse / t_jieba:>6.2f}"
        )


if __name__ == "__main__":
    main()
