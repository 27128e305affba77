"""Output identity, run by hand around a speed-up: the parse JSON and the stored rows must
not change by a byte.

    python tests/perf/identity.py write OUT.json [--sim 300] [--files 60]
    python tests/perf/identity.py check OUT.json
    python tests/perf/identity.py suite      (rewrites tests/ingest/parse_identity.json)

``write`` (on the old code) hashes ``parse_text(...).to_json()`` (decisions included) of
the seed page, every sample, first-contact and independent page, and ``--sim`` simulator
pages, then imports ``--files`` generated pages and the sample pages into a fresh library
and hashes every table's rows (without ids' uuids and timestamps, which differ from run to
run). ``check`` (on the new code) recomputes them and names every page or table that
differs. ``tests/ingest/test_parse_identity.py`` keeps a fast subset in the suite.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reader.ingest import parse_text  # noqa: E402
from tests.pagesim import generate  # noqa: E402

SEED = ROOT.parent / "shared" / "corpus" / "seed-page-000.txt"
PAGE_DIRS = [
    ROOT / "resources" / "samples",
    ROOT / "tests" / "ingest" / "firstcontact",
    ROOT / "tests" / "ingest" / "independent",
]
SUITE = ROOT / "tests" / "ingest" / "parse_identity.json"
SUITE_SIM = 40  # simulator pages the suite checks: about a second
# Columns that differ between two imports of the same pages.
VOLATILE = frozenset({"uuid", "path", "imported_at", "created_at", "updated_at", "edited_at"})


def parse_hash(text: str) -> str:
    data = json.dumps(parse_text(text).to_json(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def fixed_pages() -> dict[str, str]:
    """The hand-made pages by name (the seed page when it is beside the checkout)."""
    pages = {}
    if SEED.is_file():
        pages["seed"] = SEED.read_text(encoding="utf-8")
    for folder in PAGE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            pages[f"{folder.name}/{path.name}"] = path.read_text(encoding="utf-8")
    return pages


def parse_hashes(sim: int) -> dict[str, str]:
    out = {name: parse_hash(text) for name, text in fixed_pages().items()}
    for seed in range(sim):
        out[f"sim/{seed}"] = parse_hash(generate(seed).text)
    return out


def row_hashes(files: int) -> dict[str, str]:
    """Import generated and sample pages into a fresh library; a hash per table."""
    import bench_library as bl

    from reader.store.library import Library

    work = Path(tempfile.mkdtemp(prefix="pizhu-identity-"))
    try:
        pages = work / "pages"
        rng = random.Random(12)
        bl.write_pages(pages, bl.Words(rng), rng, 0, files)
        for path in sorted((ROOT / "resources" / "samples").glob("*.txt")):
            shutil.copy(path, pages / path.name)
        lib = Library.open(work / "lib.sqlite")
        summary = lib.import_paths([pages], workers=1)
        assert summary.failed == 0, summary.to_json()["results"][:3]
        lib.close()
        conn = sqlite3.connect(work / "lib.sqlite")
        out = {}
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        for table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")]
            keep = [c for c in cols if c not in VOLATILE]
            if not keep:
                continue
            digest = hashlib.sha256()
            select = ", ".join(f'"{c}"' for c in keep)
            # The write counter counts transactions, not content (other processes watch it).
            where = " WHERE key != 'write_seq'" if table == "settings" else ""
            query = f'SELECT {select} FROM "{table}"{where} ORDER BY {select}'
            for row in conn.execute(query):
                digest.update(repr(row).encode("utf-8"))
            out[table] = digest.hexdigest()
        conn.close()
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("mode", choices=["write", "check", "suite"])
    ap.add_argument("out", type=Path, nargs="?", default=SUITE)
    ap.add_argument("--sim", type=int, default=300, help="simulator pages (seeds 0..N-1)")
    ap.add_argument("--files", type=int, default=60, help="generated pages to import")
    args = ap.parse_args()
    if args.mode == "suite":
        hashes = parse_hashes(SUITE_SIM)
        hashes.pop("seed", None)  # the seed page may not be beside a checkout: its own test
        if SEED.is_file():
            hashes["seed"] = parse_hash(SEED.read_text(encoding="utf-8"))
        text = json.dumps({"sim": SUITE_SIM, "pages": hashes}, indent=1, sort_keys=True)
        SUITE.write_text(text + "\n", encoding="utf-8")
        print(f"{len(hashes)} pages written to {SUITE}")
        return
    if args.mode == "write":
        data = {"parse": parse_hashes(args.sim), "rows": row_hashes(args.files)}
        data["sim"], data["files"] = args.sim, args.files
        args.out.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(data['parse'])} pages, {len(data['rows'])} tables written")
        return
    want = json.loads(args.out.read_text(encoding="utf-8"))
    got = {"parse": parse_hashes(want["sim"]), "rows": row_hashes(want["files"])}
    bad = [
        f"{part}: {key}"
        for part in ("parse", "rows")
        for key in sorted(set(want[part]) | set(got[part]))
        if want[part].get(key) != got[part].get(key)
    ]
    print(f"{len(got['parse'])} pages, {len(got['rows'])} tables: {len(bad)} differ")
    for line in bad:
        print("  ", line)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
