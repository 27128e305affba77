"""Where file dialogs start: the folder last used for that kind of file, else the home
folder — never the process's working directory. The one place this is remembered
(QSettings ``folders/<kind>``), so every dialog that picks files asks here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths


def start_folder(kind: str) -> str:
    value = QSettings().value(f"folders/{kind}", "")
    if isinstance(value, str) and value and Path(value).is_dir():
        return value
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation)


def remember(kind: str, chosen: str | Path) -> None:
    """Remember the folder of ``chosen`` (a file or a folder) for the next dialog."""
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    QSettings().setValue(f"folders/{kind}", str(folder))
