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
def library(args: argparse.Namespace) -> Iterator[Library]:
    """The library named by ``--library`` or ``$PIZHU_LIBRARY``, closed afterwards."""
    from reader.store.library import Library

    lib = Library.open(getattr(args, "library", None))
    if lib.backup_warning:  # the command still runs; the user should know
        print(f"pizhu: warning: {line(lib.backup_warning)}", file=sys.stderr)
    try:
        yield lib
    finally:
        lib.close()


def line(text: str) -> str:
    """One line, whatever the text holds."""
    return " ".join(text.split())
