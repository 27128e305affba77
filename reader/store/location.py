"""Where the library lives: ``--library``, else ``$PIZHU_LIBRARY``, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "pizhu"
FILE_NAME = "library.sqlite"
ENV_VAR = "PIZHU_LIBRARY"


def default_library_path() -> Path:
    """The library in the platform's user data directory (XDG on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / FILE_NAME


def resolve_library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_library_path()
