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


# SQLite's own files for a library: the database, its WAL, its shared memory, its journal.
COMPANIONS = ("", "-wal", "-shm", "-journal")


def is_library_file(path: str | os.PathLike[str], library: Path) -> bool:
    """Whether ``path`` is ``library`` or one of SQLite's files beside it.

    Only ``stat`` is used: opening (and closing) any of these files in a process that
    has the library open drops that process's SQLite locks and can corrupt the library.
    """
    given = Path(path)
    try:
        resolved = given.resolve()
    except OSError:
        return False
    try:
        st = os.stat(given)
    except OSError:
        st = None
    for suffix in COMPANIONS:
        companion = Path(f"{library}{suffix}")
        try:
            if companion.resolve() == resolved:
                return True
            if st is not None:
                other = os.stat(companion)
                if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
                    return True
        except OSError:
            continue
    return False


def refuse_library_file(path: str | os.PathLike[str], library: Path, what: str) -> None:
    """Raise a one-line KnownError if ``path`` (meant as ``what``) is the library's."""
    from reader.errors import KnownError

    if is_library_file(path, library):
        raise KnownError(f"{path}: is the library itself, not {what}; choose another file")
