"""The core never loads Qt: import every non-GUI module in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reader


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(reader.__path__, "reader."):
        if info.name.startswith(("reader.gui", "reader.migrations")) or info.name.endswith(
            "__main__"
        ):
            continue
        names.append(info.name)
    return names


def test_core_imports_without_pyside6() -> None:
    modules = _core_modules()
    assert "reader.ingest.parse" in modules and "reader.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_no_pyside6_import_statement_outside_gui() -> None:
    import pathlib

    root = pathlib.Path(reader.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if "gui" in path.relative_to(root).parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "import PySide6" in text or "from PySide6" in text:
            offenders.append(str(path))
    assert offenders == []
