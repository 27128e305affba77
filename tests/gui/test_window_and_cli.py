"""The window and a ``pizhu`` command on one library, as real processes (issue 14).

On POSIX a process that opens and closes the library file outside SQLite (Qt's file
dialog guessing its type, a copy, a hash) loses its SQLite locks; a ``pizhu`` command
then deletes the WAL under the window and the window's later writes are lost.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.store.library import Library
from tests.conftest import run_pizhu
from tests.gui.conftest import write_pages
from tests.gui.sqlite_guard import StraceGuard, violations

REPO = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }


@pytest.mark.slow
@pytest.mark.strace_child
@pytest.mark.skipif(not StraceGuard.can_trace_children(), reason="needs strace and ptrace")
def test_window_dialogs_then_cli_then_window_writes_lose_nothing(tmp_path: Path) -> None:
    lib_path = tmp_path / "lib" / "library.sqlite"
    lib_path.parent.mkdir()
    with Library.open(lib_path) as lib:
        lib.import_paths(write_pages(tmp_path / "pages"))
        first, second = lib.article_ids()[:2]
    trace = tmp_path / "window.strace"
    command = [sys.executable, "-m", "tests.gui.window_driver", str(lib_path)]
    strace = ["strace", "-f", "-y", "-o", str(trace)]
    strace += ["-e", "trace=openat,close,clone,clone3,fork,vfork", "-e", "signal=none"]
    with subprocess.Popen(
        [*strace, *command],
        cwd=REPO,
        env=_env(tmp_path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as window:
        assert window.stdin is not None and window.stdout is not None
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(
            target=lambda: [lines.put(x.strip()) for x in window.stdout or []], daemon=True
        ).start()

        def answer() -> str:
            try:
                return lines.get(timeout=60)
            except queue.Empty:
                return "(no answer within 60 s)"

        def ask(line: str) -> str:
            assert window.stdin is not None
            window.stdin.write(line + "\n")
            window.stdin.flush()
            return answer()

        try:
            ready = answer().split()
            assert ready[0] == "READY"
            pid = int(ready[1])
            assert ask("dialogs") == "DIALOGS 6"  # each showed the library's folder
            cli = run_pizhu(lib_path, "tag", str(first), "命令行")
            assert cli.returncode == 0, cli.stderr
            assert ask("wait-tag 命令行") == "SEEN 命令行"  # the window noticed
            assert ask(f"tag {second} 窗口") == "TAGGED"
            cli = run_pizhu(lib_path, "tag", str(second), "再一次")
            assert cli.returncode == 0, cli.stderr
            assert ask("wait-tag 再一次") == "SEEN 再一次"
            assert ask(f"tag {first} 最后") == "TAGGED"
            window.stdin.write("quit\n")
            window.stdin.flush()
            assert window.wait(timeout=60) == 0
        finally:
            if window.poll() is None:
                window.kill()
    assert violations(trace.read_text(errors="replace"), pid) == []
    check = run_pizhu(lib_path, "check", "--full")
    assert check.returncode == 0, check.stdout + check.stderr
    with Library.open(lib_path, daily_backup=False) as lib:
        assert {t.name for t in lib.tags()} == {"命令行", "窗口", "再一次", "最后"}
        assert set(lib.get_article(first).tags) >= {"命令行", "最后"}
        assert set(lib.get_article(second).tags) >= {"窗口", "再一次"}


@pytest.mark.strace_child
def test_the_guard_sees_qt_sniffing_a_library_and_the_safe_dialog_does_not(
    tmp_path: Path,
) -> None:
    """Qt's own dialog opens the files it lists; ours must not (checked by strace)."""
    if not StraceGuard.can_trace_children():
        pytest.skip("needs strace and ptrace")
    lib_path = tmp_path / "library.sqlite"
    Library.open(lib_path).close()
    script = (
        "import sys, os\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel\n"
        "from reader.gui.file_dialogs import make_dialog\n"
        "from reader.store.library import Library\n"
        "app = QApplication([])\n"
        "lib = Library.open(sys.argv[1])\n"
        "folder = str(Path(sys.argv[1]).parent)\n"
        "if sys.argv[2] == 'safe':\n"
        "    d = make_dialog(None, 'x', lib.path, directory=folder)\n"
        "else:\n"
        "    d = QFileDialog(None, 'x', folder)\n"
        "    d.setOption(QFileDialog.Option.DontUseNativeDialog)\n"
        "m = d.findChild(QFileSystemModel)\n"
        "m.directoryLoaded.connect(lambda _p: app.processEvents() or d.reject())\n"
        "d.exec()\n"
        "lib.tags()\n"
        "print(os.getpid(), flush=True)\n"
        "lib.close()\n"
    )
    found = {}
    strace = ["strace", "-f", "-y", "-e", "trace=openat,close,clone,clone3"]
    for kind in ("plain", "safe"):
        trace = tmp_path / f"{kind}.strace"
        out = subprocess.run(
            [*strace, "-o", str(trace), sys.executable, "-c", script, str(lib_path), kind],
            cwd=REPO,
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        found[kind] = violations(trace.read_text(errors="replace"), int(out.stdout.split()[0]))
    assert any("library.sqlite" in v for v in found["plain"]), found
    assert found["safe"] == []


def _labels(app) -> list[str]:  # type: ignore[no-untyped-def]
    tags = app.controller.lib.tags
    return [str(tags.data(tags.index(r, 0))) for r in range(tags.rowCount())]


def _tree_names(manager) -> set[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    names = set()
    it = QTreeWidgetItemIterator(manager.dialog.tree)
    while it.value():
        names.add(it.value().text(0))
        it += 1
    return names


def test_the_window_shows_what_a_cli_command_changed(qtbot, app) -> None:  # type: ignore[no-untyped-def]
    """A tag added from a terminal appears in the tag list, the tag manager's tree and
    the open article's tags; a restore from a terminal shows the restored library."""
    c = app.controller
    first = c.library.article_ids()[0]
    c.lib.select(first, emit=False)
    c.reading.open(first)
    manager = c.open_tag_manager()
    lib_path = str(app.library.path)
    assert run_pizhu(Path(lib_path), "backup").returncode == 0
    with qtbot.waitSignal(c.external.noticed, timeout=10_000):
        assert run_pizhu(Path(lib_path), "tag", str(first), "终端标签").returncode == 0
    assert any(label.startswith("终端标签 ") for label in _labels(app))
    assert "终端标签" in _tree_names(manager)
    assert "终端标签" in c.annotations.tags
    # The window's own writes are not mistaken for another process's.
    c.bus.run(lambda: c.library.tag_article(first, "窗口标签"))
    assert not c.external.poll()
    with qtbot.waitSignal(c.external.noticed, timeout=10_000):
        restore = run_pizhu(Path(lib_path), "restore", "--json")
        assert restore.returncode == 0
        newest_manual = next(b for b in json.loads(restore.stdout) if b["reason"] == "manual")
        assert run_pizhu(Path(lib_path), "restore", newest_manual["path"]).returncode == 0
    qtbot.waitUntil(lambda: "终端标签" not in _tree_names(manager))
    assert not any(label.startswith("终端标签 ") for label in _labels(app))
    assert "终端标签" not in c.annotations.tags
    assert c.reading.current_id == first
