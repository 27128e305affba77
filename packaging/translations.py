"""Refresh the Qt Linguist catalogues: collect tr("…") strings, compile .qm files.

    .venv/bin/python packaging/translations.py

Runs ``pyside6-lupdate`` over ``reader/gui`` into ``resources/translations/*.ts`` (the
translations already there are kept) and ``pyside6-lrelease`` into ``*.qm`` beside them.
Edit the ``.ts`` files with ``pyside6-linguist`` or any XML editor.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)
# English needs a catalogue only for plurals ("1 highlight" / "2 highlights"): the
# sources are English already, so lupdate collects just the %n strings for it.
PLURALS_ONLY = ("en",)


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install PySide6-Essentials")
    return found


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "reader" / "gui").glob("*.py"))
    for lang in (*LANGUAGES, *PLURALS_ONLY):
        ts = FOLDER / f"pizhu_{lang}.ts"
        only = ["-pluralonly"] if lang in PLURALS_ONLY else []
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                *sources,
                *only,
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                "en",
                "-target-language",
                lang,
                "-ts",
                str(ts),
            ],
            check=True,
        )
        subprocess.run(
            [tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
