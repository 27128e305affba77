"""What an export wrote, and the callbacks long exchange operations take.

``progress(done, total)`` is called as work proceeds; ``cancel()`` is polled between
steps (return True to stop). Both run on the caller's thread, so a GUI worker thread
can forward them as signals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import KnownError

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


def output_file(out: str | Path, what: str) -> Path:
    """``out`` as a file to write: not a folder, in a folder that exists."""
    target = Path(out)
    if target.is_dir():
        raise KnownError(f"{target}: is a folder; give a file name for {what}")
    if not target.parent.is_dir():
        raise KnownError(f"{target}: the folder {target.parent} does not exist")
    return target


def no_progress(_done: int, _total: int) -> None:
    return None


def never() -> bool:
    return False


@dataclass
class ExportReport:
    """The outcome of one export: which files were written, left alone or kept."""

    format: str
    articles: int = 0
    highlights: int = 0
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)  # same bytes already there
    kept: list[Path] = field(default_factory=list)  # changed by the user: not overwritten
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.kept and not self.cancelled

    def to_json(self) -> dict[str, object]:
        return {
            "format": self.format,
            "articles": self.articles,
            "highlights": self.highlights,
            "written": [str(p) for p in self.written],
            "unchanged": [str(p) for p in self.unchanged],
            "kept": [str(p) for p in self.kept],
            "cancelled": self.cancelled,
        }
