"""A desktop app: icon, desktop entry, AppStream metainfo, gui-script, bundle recipe."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from reader.gui.app import app_icon
from reader.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "io.github.pizhu.Pizhu.desktop"
METAINFO = PACKAGING / "io.github.pizhu.Pizhu.metainfo.xml"


def test_icon_in_every_size(qapp) -> None:  # type: ignore[no-untyped-def]
    icons = resources_dir() / "icons"
    assert (icons / "pizhu.svg").read_text(encoding="utf-8").startswith("<svg")
    for size in (16, 32, 48, 64, 128, 256, 512):
        image = QImage(str(icons / f"pizhu-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
    assert not app_icon().isNull()


def test_gui_entry_point_is_a_gui_script() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"]["pizhu-gui"] == "reader.gui.app:main"
    assert "Exec=pizhu-gui" in DESKTOP.read_text(encoding="utf-8")


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed"
)
def test_desktop_entry_validates() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pyinstaller_recipe_names_the_data_it_needs() -> None:
    spec = (PACKAGING / "pizhu.spec").read_text(encoding="utf-8")
    for needed in (
        '"reader/migrations"',
        '"reader/resources"',
        'collect_data_files("jieba")',
        "COLLECT(",
    ):
        assert needed in spec
    compile(spec, "pizhu.spec", "exec")
