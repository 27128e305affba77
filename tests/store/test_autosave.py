"""Autosave: the debouncer's timing (fake clock) and the kill-while-typing guarantee."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.store.autosave import Debouncer
from reader.store.library import Library
from tests.conftest import REPO


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_saves_after_a_pause_and_during_steady_typing() -> None:
    clock, saved = Clock(), []
    d = Debouncer(saved.append, delay=0.5, max_delay=1.0, clock=clock)
    assert d.due() is None and not d.poll()
    d.change("a")
    assert d.pending and d.due() == 0.5
    clock.now += 0.25
    d.change("ab")
    clock.now += 0.25
    assert not d.poll()  # only 0.25 s of quiet
    clock.now += 0.25
    assert d.poll() and saved == ["ab"] and not d.pending
    # Typing a key every 0.25 s never pauses for 0.5 s, yet no change waits over a second.
    for i in range(20):
        d.change(f"text{i}")
        d.poll()
        clock.now += 0.25
    assert saved[1:] == ["text4", "text9", "text14", "text19"]
    d.change("last")
    assert d.flush() and saved[-1] == "last" and not d.flush()
    d.change("gone")
    d.discard()
    assert not d.pending and d.due() is None


def test_a_failed_save_is_kept_for_the_next_try() -> None:
    clock, calls = Clock(), []

    def save(v: str) -> None:
        calls.append(v)
        if len(calls) == 1:
            raise OSError("disk busy")

    d = Debouncer(save, clock=clock)
    d.change("x")
    with pytest.raises(OSError):
        d.flush()
    assert d.pending and d.flush() and calls == ["x", "x"]
    with pytest.raises(ValueError):
        Debouncer(save, delay=2.0, max_delay=1.0)


CHILD = """
import sys, threading, time
from reader.store.autosave import Debouncer
from reader.store.library import Library

lib = Library.open(sys.argv[1])
aid = lib.article_ids()[0]
lib.cut("预热")  # jieba is loaded before the first keystroke, as in the app
text = []
lock = threading.Lock()
saver = Debouncer(lambda value: lib.set_note(aid, value))

def keys():
    for line in sys.stdin:
        with lock:
            text.append(line.rstrip("\\n"))
            saver.change("".join(text))

threading.Thread(target=keys, daemon=True).start()
print("ready", flush=True)
while True:
    with lock:
        saver.poll()
    time.sleep(0.02)
"""


@pytest.mark.slow
def test_killed_while_typing_loses_at_most_the_last_second(
    lib_path: Path, small_page: Path
) -> None:
    with Library.open(lib_path) as lib:
        lib.import_paths([small_page])
        aid = lib.article_ids()[0]
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(lib_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    ) as child:
        assert child.stdin is not None and child.stdout is not None
        try:
            assert child.stdout.readline().strip() == "ready"
            sent: list[tuple[float, str]] = []
            for i in range(60):  # 3 s of typing, a key every 50 ms
                key = "字" if i % 7 else f"[{i}]"
                child.stdin.write(key + "\n")
                child.stdin.flush()
                sent.append((time.monotonic(), key))
                time.sleep(0.05)
            killed_at = time.monotonic()
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.kill()
            child.wait()
    with Library.open(lib_path) as lib:
        note = lib.get_article(aid).note
    safe = "".join(k for t, k in sent if t <= killed_at - 1.0)
    everything = "".join(k for _t, k in sent)
    assert note.startswith(safe) and everything.startswith(note)
    assert len(safe) >= 30  # about two seconds of typing was safe
