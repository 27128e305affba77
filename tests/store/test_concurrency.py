"""Crashes and company: a killed import leaves whole files only; two processes share a library."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.ingest import parse_file
from reader.store.library import Library
from tests.conftest import REPO
from tests.store.conftest import SMALL_PAGE, corpus_pages, variant

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from sqlalchemy import event
    from reader.store.library import Library

    lib = Library.open(sys.argv[1])
    kill_after = int(sys.argv[3])  # INSERT statements; 0 = never
    seen = 0

    @event.listens_for(lib.engine, "after_cursor_execute")
    def _maybe_die(conn, cursor, statement, params, context, executemany):
        global seen
        if kill_after and statement.lstrip().upper().startswith("INSERT"):
            seen += 1
            if seen >= kill_after:  # in the middle of a file's transaction
                os.kill(os.getpid(), signal.SIGKILL)

    def progress(p):
        if p.result is not None:
            print(p.result.status, p.path, flush=True)

    lib.import_paths([sys.argv[2]], progress=progress)
    print("done", flush=True)
    """
)


def _pages(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    bases = [p.read_text(encoding="utf-8-sig") for p in corpus_pages()] or [SMALL_PAGE]
    out = []
    for i in range(count):
        page = folder / f"page-{i:03d}.txt"
        page.write_text(variant(bases[i % len(bases)], i), encoding="utf-8")
        out.append(page)
    return out


def killed_at(statement: str, run: str, setup: str = "") -> str:
    """A script for ``python -c SCRIPT LIBRARY N``: it opens the library, runs ``setup``
    and then ``run``, and kills itself (SIGKILL) after the Nth statement that starts with
    ``statement``, in the middle of that statement's transaction."""
    return textwrap.dedent(
        """
        import os, signal, sys
        from sqlalchemy import event
        from reader.store.library import Library

        lib = Library.open(sys.argv[1])
        kill_at = int(sys.argv[2])
        seen = 0
        {setup}

        @event.listens_for(lib.engine, "after_cursor_execute")
        def _maybe_die(conn, cursor, statement, params, context, executemany):
            global seen
            if statement.startswith({statement!r}):
                seen += 1
                if seen >= kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)

        {run}
        print("done", flush=True)
        """
    ).format(setup=setup, statement=statement, run=run)


def run_killed(script: str, lib_path: Path, kill_at: int) -> None:
    """Run a :func:`killed_at` script on the library; it must have died by SIGKILL."""
    child = subprocess.run(
        [sys.executable, "-c", script, str(lib_path), str(kill_at)],
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _assert_whole_files(lib_path: Path, expected: dict[str, int]) -> set[str]:
    lib = Library.open(lib_path)
    try:
        report = lib.check()
        assert report.ok, report.problems
        stored: dict[str, int] = {}
        for summary in lib.list_articles():
            stored[summary.source] = stored.get(summary.source, 0) + 1
        names = {s.name for s in lib.sources()}
        assert set(stored) <= names
        for name in names:
            assert stored.get(name, 0) == expected[name], name
        return names
    finally:
        lib.close()


@pytest.mark.slow
def test_killed_import_leaves_whole_files_only(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages", 24)
    expected = {p.name: len(parse_file(p).articles) for p in pages}
    lib_path = tmp_path / "library.sqlite"
    Library.open(lib_path).close()
    rng = random.Random(20260115)
    finished: set[str] = set()
    for round_ in range(6):
        mid_transaction = round_ % 2 == 1
        kill_after = rng.randint(3, 60) if mid_transaction else 0
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(lib_path), str(tmp_path / "pages"), str(kill_after)],
            stdout=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        assert child.stdout is not None
        wanted = rng.randint(1, 4)
        lines = []
        for line in child.stdout:
            lines.append(line.split())
            if not mid_transaction and len(lines) >= wanted:
                child.send_signal(signal.SIGKILL)  # somewhere in the next file
                break
        child.wait()
        child.stdout.close()
        if mid_transaction:
            assert child.returncode == -signal.SIGKILL  # it died inside a transaction
        assert child.returncode == -signal.SIGKILL or lines[-1] == ["done"]
        finished |= {Path(parts[1]).name for parts in lines if parts[0] == "imported"}
        names = _assert_whole_files(lib_path, expected)
        assert finished <= names
    # A last, uninterrupted run completes the library: every file exactly once.
    lib = Library.open(lib_path)
    try:
        lib.import_paths([tmp_path / "pages"])
    finally:
        lib.close()
    assert _assert_whole_files(lib_path, expected) == set(expected)


@pytest.mark.slow
def test_two_processes_import_while_the_app_reads(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages", 12)
    lib_path = tmp_path / "library.sqlite"
    app = Library.open(lib_path)
    try:
        cmd = [sys.executable, "-m", "reader", "--library", str(lib_path), "import", "--json"]
        children = [
            subprocess.Popen([*cmd, str(tmp_path / "pages")], stdout=subprocess.PIPE, env=_env())
            for _ in range(2)
        ]
        seen = [len(app.article_ids())]  # the app keeps reading meanwhile
        while any(c.poll() is None for c in children):
            seen.append(len(app.article_ids()))
            app.search("呼和浩特")
            if len(seen) > 10_000:
                break
        outputs = [c.communicate()[0] for c in children]
        assert [c.returncode for c in children] == [0, 0], outputs
        assert seen == sorted(seen)
        assert len(app.sources()) == len(pages)
        expected = {p.name: len(parse_file(p).articles) for p in pages}
        assert len(app.article_ids()) == sum(expected.values())
        assert app.check().ok
    finally:
        app.close()
