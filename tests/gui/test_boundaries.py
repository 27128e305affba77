"""The window's controllers stay small and keep to their own widgets.

Each controller owns its widgets and talks to the others through signals and small
interfaces; the reading pane in particular is reached only through the reading
controller (and its ArticleText adapter), so changing the view breaks one place.
"""

from __future__ import annotations

import re
from pathlib import Path

GUI = Path(__file__).resolve().parents[2] / "reader" / "gui"
READING_PANE = re.compile(r"\breading\.pane\b|\b_reading\.pane\b|\bpane\.view\b")


def test_no_gui_module_over_500_lines() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in GUI.glob("*.py")}
    assert len(sizes) > 40
    assert {name: n for name, n in sizes.items() if n > 500} == {}


def test_only_the_reading_controller_touches_the_reading_pane() -> None:
    reaching = sorted(
        p.name
        for p in GUI.glob("*.py")
        if p.name != "reading_controller.py" and READING_PANE.search(p.read_text(encoding="utf-8"))
    )
    assert reaching == []
