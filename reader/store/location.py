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


class LibraryFiles:
    """``library`` and SQLite's files beside it, resolved and stat'ed once, to ask of
    many paths (an import of 10,000 files asked each of them again: 50,000 look-ups).

    Only ``stat`` is used: opening (and closing) any of these files in a process that
    has the library open drops that process's SQLite locks and can corrupt the library.
    """

    def __init__(self, library: Path) -> None:
        self._paths: set[Path] = set()
        self._ids: set[tuple[int, int]] = set()
        for suffix in COMPANIONS:
            companion = Path(f"{library}{suffix}")
            try:
                self._paths.add(companion.resolve())
                st = os.stat(companion)
            except OSError:
                continue
            self._ids.add((st.st_dev, st.st_ino))

    def holds(self, path: str | os.PathLike[str], resolved: Path | None = None) -> bool:
        """Whether ``path`` (``resolved``: its ``resolve()``, if the caller has it) is one
        of these files, by name or as the same file under another name."""
        given = Path(path)
        try:
            if (resolved or given.resolve()) in self._paths:
                return True
        except OSError:
            return False
        try:
            st = os.stat(given)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) in self._ids


def is_library_file(path: str | os.PathLike[str], library: Path) -> bool:
    """Whether ``path`` is ``library`` or one of SQLite's files beside it."""
    return LibraryFiles(library).holds(path)


def refuse_library_file(path: str | os.PathLike[str], library: Path, what: str) -> None:
    """Raise a one-line KnownError if ``path`` (meant as ``what``) is the library's."""
    from reader.errors import KnownError

    if is_library_file(path, library):
        raise KnownError(f"{path}: is the library itself, not {what}; choose another file")
