"""A matplotlib chart in a Qt widget (the QtAgg backend), saved as PNG or SVG.

matplotlib rather than QtCharts (PySide6-Addons, a large extra download) or pyqtgraph
(interactive plotting, but its SVG export is partial): matplotlib draws publication
charts, writes real SVG, and its Qt backend works with PySide6-Essentials.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("QtAgg")

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QWidget

# Chinese labels need a CJK font; the first one installed is used (Noto CJK on Linux).
CJK_FONTS = [
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "DejaVu Sans",
]


def _fonts() -> list[str]:
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in CJK_FONTS if f in have] or ["DejaVu Sans"]


class Chart(FigureCanvasQTAgg):
    """Bars (or a line of shares) per period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.figure = Figure(figsize=(8, 4), layout="constrained")
        super().__init__(self.figure)  # type: ignore[no-untyped-call]
        self.setParent(parent)
        self.setMinimumHeight(260)
        self._family = _fonts()

    def plot(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        *,
        title: str,
        ylabel: str,
        share: bool = False,
    ) -> None:
        self.figure.clear()
        ax = self.figure.add_subplot()
        with matplotlib.rc_context({"font.family": self._family}):
            if share:
                ax.plot(range(len(values)), [v * 100 for v in values], marker="o", color="#3a6ea5")
                ax.set_ylim(bottom=0)
            else:
                ax.bar(range(len(values)), values, color="#3a6ea5")
            step = max(1, len(labels) // 12)  # at most a dozen tick labels
            ax.set_xticks(
                range(0, len(labels), step), [labels[i] for i in range(0, len(labels), step)]
            )
            ax.tick_params(axis="x", labelrotation=45)
            ax.set_title(title, fontfamily=self._family)
            ax.set_ylabel(ylabel, fontfamily=self._family)
            ax.grid(axis="y", alpha=0.3)
            for t in ax.get_xticklabels() + ax.get_yticklabels():
                t.set_fontfamily(self._family)
            self._draw()

    def _draw(self) -> None:
        with warnings.catch_warnings():
            # a machine without any CJK font draws boxes; that is not an error
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            self.draw()  # type: ignore[no-untyped-call]

    def save(self, path: str | Path) -> None:
        """PNG or SVG, by the file's suffix."""
        fmt = "svg" if str(path).lower().endswith(".svg") else "png"
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            self.figure.savefig(path, format=fmt, dpi=150)
