"""Worker processes started from the preloaded fork server: they die with the process that
asked for them, and so does the server; they cut with the asking process's segmenter."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.store import workers
from reader.text import segment
from tests.conftest import REPO
from tests.store.conftest import SMALL_PAGE, corpus_pages, variant

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc; the fork server is POSIX's"
)

# Imports with worker processes and, once the first file is stored, prints the pids of its
# workers and of the fork server, then waits to be killed.
CHILD = textwrap.dedent(
    """
    import multiprocessing, sys, threading
    from multiprocessing import forkserver
    from reader.store.library import Library

    stored = threading.Event()

    def progress(p):
        if p.result is not None and p.result.status == "imported" and not stored.is_set():
            stored.set()
            pids = [c.pid for c in multiprocessing.active_children()]
            pids.append(forkserver._forkserver._forkserver_pid)
            print(*pids, flush=True)
            threading.Event().wait()  # blocks the import here until the test kills us

    lib = Library.open(sys.argv[1])
    lib.import_paths([sys.argv[2]], workers=2, index=False, progress=progress)
    """
)


def _pages(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    bases = [p.read_text(encoding="utf-8-sig") for p in corpus_pages()] or [SMALL_PAGE]
    for i in range(count):
        page = folder / f"page-{i:03d}.txt"
        page.write_text(variant(bases[i % len(bases)], i), encoding="utf-8")
    return folder


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has exited; whoever adopted it reaps it


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@linux_only
def test_pools_fork_their_workers_from_the_server() -> None:
    assert workers.context().get_start_method() == "forkserver"


WARM = textwrap.dedent(
    """
    import multiprocessing, os
    from multiprocessing import forkserver
    from reader.store import workers

    assert not multiprocessing.active_children()
    workers.warm_up()
    workers.warm_up()  # a second call starts nothing more
    print(forkserver._forkserver._forkserver_pid, flush=True)
    with workers.pool(1) as pool:
        print(pool.submit(os.getppid).result(), flush=True)
    """
)


@linux_only
def test_warming_up_starts_the_fork_server_the_import_then_uses() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(
        [sys.executable, "-c", WARM], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    server, workers_parent = (int(x) for x in out)
    assert server == workers_parent  # the worker was forked by the server warm_up started


@linux_only
@pytest.mark.slow
def test_workers_and_server_die_with_a_killed_importer(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages", 20)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path / "library.sqlite"), str(pages)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    pids = [int(p) for p in child.stdout.readline().split()]
    *pool, server = pids
    assert len(pool) == 2
    assert all(_parent(pid) == server for pid in pool)  # forked by the server, not spawned
    assert _parent(server) == child.pid
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    # No clock in the verdict: wait (bounded, so a failure cannot hang the suite) until
    # every one of them has gone.
    deadline = time.monotonic() + 120
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in pids if _alive(pid)] == []


def _engine_name() -> str:
    return segment.engine_name()


@pytest.mark.slow
def test_workers_collect_cycles_less_often_than_the_asking_process() -> None:
    with workers.pool(1) as pool:
        threshold = pool.submit(gc.get_threshold).result()
    assert threshold[0] == workers.WORKER_GC_THRESHOLD > gc.get_threshold()[0]
    assert threshold[1:] == gc.get_threshold()[1:]


def test_workers_cut_with_the_asking_process_segmenter(monkeypatch: pytest.MonkeyPatch) -> None:
    def in_a_worker() -> str:
        with workers.pool(1) as pool:
            return pool.submit(_engine_name).result()

    monkeypatch.delenv(workers.SEGMENTER, raising=False)
    first = in_a_worker()  # the fork server, if any, now runs with this environment
    assert first in ("rjieba", "jieba")
    monkeypatch.setenv(workers.SEGMENTER, "jieba")
    assert in_a_worker() == "jieba"
    monkeypatch.delenv(workers.SEGMENTER)
    assert in_a_worker() == first
