"""The worker processes of the import and of the search indexer, started cheaply.

A worker needs the parser's modules, jieba's frequency table, the IDF list and the
segmenter: about a second of loading. Spawned, every worker of every pool paid it again
(two for the import, two more for the indexer). Where the platform has it (Linux), the
pools start their workers from a ``forkserver`` that loaded all of that once, on its
first use in this process (:mod:`reader.store.warm`): a worker is then a fork of it,
ready at once, and so are the workers of every later import and index run.

Plain ``fork`` of this process stays out: the caller may be a thread of the Qt process.
The fork server is a fresh interpreter, single-threaded, started by fork-and-exec.

A worker dies with the process that asked for it (not the fork server, its OS parent):
it watches the data pipe its parent keeps open for exactly that (CPython's
``popen_forkserver`` keeps a duplicate of the write end until the process object goes
away; a spawned worker watches its pipe the same way). The fork server exits when the
last process holding its "alive" pipe (the parent and every worker) is gone.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext

from reader.text import segment, topics

PRELOAD = "reader.store.warm"
SEGMENTER = "PIZHU_SEGMENTER"
# Allocations between two runs of a worker's cycle collector (CPython's default: 700). A
# parse makes hundreds of thousands of small objects that their reference counts free
# at once; at the default the collector took about 5 % of a worker's time and found
# little. The parse's own cycles (a unit and its article) are still collected.
WORKER_GC_THRESHOLD = 20_000

_lock = threading.Lock()


def context() -> BaseContext:
    """The start method for worker pools: the preloaded fork server, else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    server = multiprocessing.get_context("forkserver")
    with _lock:
        # Read when the server starts (once per process); setting it again is harmless.
        server.set_forkserver_preload([PRELOAD])
    return server


def warm_up() -> None:
    """Start the fork server now, if the platform has one: it loads what a worker needs
    (about a second) while the user still picks files, and the import's workers are then
    forked from it at once. Returns at once; does nothing if it runs already."""
    if context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def pool(count: int) -> ProcessPoolExecutor:
    """``count`` worker processes (shut them down: ``with pool(n) as p``)."""
    return ProcessPoolExecutor(
        count, mp_context=context(), initializer=initialise, initargs=initargs()
    )


def initargs() -> tuple[str | None]:
    """What :func:`initialise` needs from the asking process: the fork server's
    environment is the one it started with, and the segmenter is chosen by it."""
    return (os.environ.get(SEGMENTER),)


def initialise(segmenter: str | None) -> None:
    """A pool's initializer: die with the parent, collect cycles less often, cut with
    the parent's segmenter. What the jobs load is loaded once per worker either way: by
    the fork server, or by the first job."""
    exit_with_parent()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])
    if os.environ.get(SEGMENTER) != segmenter:
        if segmenter is None:
            os.environ.pop(SEGMENTER, None)
        else:
            os.environ[SEGMENTER] = segmenter
        segment.reset()


def warm() -> None:
    """Load the segmenter, jieba's frequencies and the IDF list (cheap once loaded)."""
    segment.cut("预热")
    segment.word_freq("预热")
    topics.idf_table()


def exit_with_parent() -> None:
    """Workers must not outlive an importer that was killed: wait on the parent's sentinel."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="pizhu-parent-watch", daemon=True).start()
