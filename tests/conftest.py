"""Every user path points into the test's temporary directory; nothing touches $HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "resources" / "samples"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.delenv("PIZHU_LIBRARY", raising=False)
    monkeypatch.setenv("PIZHU_AUTHOR", "测试者")
    yield home


@pytest.fixture
def seed_page() -> Path:
    page = SHARED / "corpus" / "seed-page-000.txt"
    if not page.is_file():
        pytest.skip("../shared/corpus is not beside this checkout")
    return page


def run_pizhu(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``pizhu --library LIBRARY ARGS…`` as a real process, like a command in a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", "--library", str(library), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
