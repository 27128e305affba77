"""A guard for GUI tests: the process opens a library only through SQLite.

On POSIX, closing any descriptor a process holds on a database file drops all of that
process's SQLite locks on it (sqlite.org/howtocorrupt.html, 2.2). Qt's file dialog
guessing a file's type, a hash, a ``shutil.copy`` — each opens and closes the file.

Two nets, both checked after every GUI test:

- ``strace`` attached to the test process (all its threads, and any process it starts)
  records every ``openat`` and ``close`` with the file each descriptor names (``-y``).
  SQLite's unix VFS opens database, WAL and shared-memory files with ``O_NOFOLLOW``;
  nothing else in the stack does. An open *without* it of a file the same process holds
  open through SQLite is the bug: it catches Qt's C++ code, GIO, Python, anything.
- an audit hook on Python's ``open`` events does the same for Python code, through
  ``/proc/self/fd``, where strace cannot be used (no ptrace permission).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import re
import shutil
import signal
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

COMPANION = re.compile(r"-(wal|shm|journal)\Z")
LINE = re.compile(r"^(\d+)\s+(.*)$")
CALL = re.compile(r"^(\w+)\((.*)\)\s+=\s+(-?\d+)(?:<(.*?)>)?")
PATH_ARG = re.compile(r'^[^,]*, "((?:[^"\\]|\\.)*)", ([A-Z_|0-9]+)')
CLOSE_ARG = re.compile(r"^(\d+)<(.*?)>")
PR_SET_PTRACER = 0x59616D61
PR_SET_PTRACER_ANY = ctypes.c_ulong(-1).value


def base_of(path: str) -> str:
    path = path.removesuffix("(deleted)").strip()
    return COMPANION.sub("", path)


def _join_unfinished(lines: list[str]) -> Iterator[tuple[int, str]]:
    pending: dict[int, str] = {}
    for raw in lines:
        m = LINE.match(raw)
        if not m:
            continue
        tid, rest = int(m.group(1)), m.group(2)
        if rest.endswith("<unfinished ...>"):
            pending[tid] = rest.removesuffix("<unfinished ...>").rstrip()
            continue
        resumed = re.match(r"^<\.\.\. \w+ resumed>(.*)$", rest)
        if resumed:
            rest = pending.pop(tid, "") + resumed.group(1)
        yield tid, rest


def violations(trace: str, main_pid: int) -> list[str]:
    """Opens, by ``main_pid``'s threads, of files its SQLite holds open."""
    process_of: dict[int, int] = {main_pid: main_pid}
    held: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    found: list[str] = []
    for tid, rest in _join_unfinished(trace.splitlines()):
        call = CALL.match(rest)
        if not call:
            continue
        name, args, ret = call.group(1), call.group(2), int(call.group(3))
        proc = process_of.setdefault(tid, tid)
        if name in ("clone", "clone3", "fork", "vfork") and ret > 0:
            process_of[ret] = proc if "CLONE_THREAD" in args else ret
        elif name == "openat" and ret >= 0:
            m = PATH_ARG.match(args)
            if not m:
                continue
            path = call.group(4) or m.group(1)
            fds = held[proc][base_of(path)]
            if "O_NOFOLLOW" in m.group(2):
                fds.add(ret)
            elif fds and proc == main_pid:
                found.append(f"{path} opened outside SQLite ({m.group(2)}) while SQLite holds it")
        elif name == "close" and ret == 0:
            m = CLOSE_ARG.match(args)
            if m:
                held[proc][base_of(m.group(2))].discard(int(m.group(1)))
    return found


class StraceGuard:
    """``strace -f -p`` on this process for the duration of one test."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.proc: subprocess.Popen[str] | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which("strace") is not None and sys.platform.startswith("linux")

    @staticmethod
    @functools.cache
    def can_trace_children() -> bool:
        """strace is installed and ptrace is allowed here (some containers forbid it)."""
        if not StraceGuard.available():
            return False
        done = subprocess.run(["strace", "-o", os.devnull, "true"], capture_output=True)
        return done.returncode == 0

    def start(self) -> bool:
        # Under Yama ptrace_scope=1 only ancestors may trace us; allow our own strace.
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PTRACER, ctypes.c_ulong(PR_SET_PTRACER_ANY), 0, 0, 0)
        self.proc = subprocess.Popen(
            [
                "strace",
                "-f",
                "-y",
                "-e",
                "trace=openat,close,clone,clone3,fork,vfork",
                "-e",
                "signal=none",
                "-o",
                str(self.log),
                "-p",
                str(os.getpid()),
            ],
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stderr is not None
        first = self.proc.stderr.readline()  # "strace: Process N attached …" once attached
        if "attached" not in first:  # no ptrace here: the audit hook alone stands guard
            self.proc.kill()
            self.proc.wait()
            self.proc = None
            return False
        return True

    def stop(self) -> list[str]:
        if self.proc is None:
            return []
        self.proc.send_signal(signal.SIGINT)  # detaches, leaving us running
        self.proc.communicate(timeout=60)
        return violations(self.log.read_text(errors="replace"), os.getpid())


# --- the audit hook ----------------------------------------------------------------------

_found: list[str] = []
_armed = False


def _sqlite_holds(path: str) -> bool:
    try:
        target = base_of(os.path.realpath(path))
    except (OSError, ValueError):
        return False
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return False
    for fd in names:
        with contextlib.suppress(OSError):
            if base_of(os.readlink(f"/proc/self/fd/{fd}")) == target and _by_sqlite(fd):
                return True  # the audit event comes before the open: someone else holds it
    return False


def _by_sqlite(fd: str) -> bool:
    """Whether the descriptor was opened the way SQLite opens (``O_NOFOLLOW``, kept in
    the file's flags): Qt keeps font files open, and matplotlib reading the same font
    is no danger to a library."""
    with open(f"/proc/self/fdinfo/{fd}", encoding="ascii") as info:
        for line in info:
            if line.startswith("flags:"):
                return bool(int(line.split()[1], 8) & os.O_NOFOLLOW)
    return False


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _armed or event != "open" or not args or not isinstance(args[0], str | bytes):
        return
    path = os.fsdecode(args[0])
    if path.startswith("/proc/") or not os.path.isfile(path):
        return
    if _sqlite_holds(path):
        _found.append(f"{path} opened by Python code while SQLite holds it")


_installed = False


@contextlib.contextmanager
def audit_opens() -> Iterator[list[str]]:
    global _armed, _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    _found.clear()
    _armed = True
    try:
        yield _found
    finally:
        _armed = False
