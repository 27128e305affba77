"""What every ``pizhu`` sub-command shares: the library it opens, JSON on stdout, and
text squeezed onto one line. Its own module so that the command modules (store, search,
annotation, exchange, split, backup, analysis) need not import each other."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the library (SQLAlchemy, Alembic) loads only when a command runs
    from reader.store.library import Library


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


@contextmanager
def library(args: argparse.Namespace, *, changes: bool = True) -> Iterator[Library]:
    """The library named by ``--library`` or ``$PIZHU_LIBRARY``, closed afterwards.

    ``changes``: the command may change what the user imported or made, so the day's
    backup is made first. A command that only reads (or rebuilds what can be rebuilt:
    the search index, the analysis) skips it: on a library of 680 MB the copy took
    seconds before a ``pizhu list`` could answer."""
    from reader.store.library import Library

    lib = Library.open(getattr(args, "library", None), daily_backup=changes)
    if lib.backup_warning:  # the command still runs; the user should know
        print(f"pizhu: warning: {line(lib.backup_warning)}", file=sys.stderr)
    try:
        yield lib
    finally:
        lib.close()


def line(text: str) -> str:
    """One line, whatever the text holds."""
    return " ".join(text.split())
