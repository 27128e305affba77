"""Killing the real window while a note is being typed loses at most the last second.

The app runs offscreen in a child process on a library under tmp_path; a driver kept
with the tests (:mod:`tests.gui.typing_driver`) types into the article note like a user. The test waits until typing stopped 1.5 s ago, SIGKILLs the child (no
close event, no flush) and reads the note from the database.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gui.conftest import write_pages

REPO = Path(__file__).resolve().parents[2]
TYPED = "kill-while-typing: the note survives"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_after_typing_keeps_the_note(tmp_path: Path, library) -> None:  # type: ignore[no-untyped-def]
    library.import_paths(write_pages(tmp_path / "pages"))
    first = library.article_ids()[0]
    library.close()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.gui.typing_driver",
            str(tmp_path / "library.sqlite"),
            TYPED,
            "30",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
        env=env,
    ) as child:
        assert child.stdout is not None
        try:
            ready = child.stdout.readline().split()
            assert ready[0] == "READY" and int(ready[1]) == first
            assert child.stdout.readline().strip() == "TYPED"
            # 1.5 s with no typing (the child must still be running), then kill it
            with pytest.raises(subprocess.TimeoutExpired):
                child.wait(timeout=1.5)
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(timeout=10) == -signal.SIGKILL
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    con = sqlite3.connect(tmp_path / "library.sqlite")
    try:
        note = con.execute(
            "SELECT text FROM article_notes WHERE article_id = ?", (first,)
        ).fetchall()
    finally:
        con.close()
    assert note == [(TYPED,)]
