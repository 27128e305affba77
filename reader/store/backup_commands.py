"""``pizhu backup`` and ``pizhu restore``: the library's backups from a terminal."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.store.command_support import print_json as _print_json

if TYPE_CHECKING:
    from reader.store.backups import Backup

    Sub = argparse._SubParsersAction[argparse.ArgumentParser]


def _library_path(args: argparse.Namespace) -> Path:
    from reader.store.location import resolve_library_path

    return resolve_library_path(getattr(args, "library", None))


def _row(b: Backup) -> str:
    from reader.store.backups import size_of

    made = b.made.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return f"{made}  {b.reason:<16} {size_of(b.path) / 1e6:8.1f} MB  {b.name}"


def _cmd_backup(args: argparse.Namespace) -> int:
    from reader.store import backups
    from reader.store.library import Library

    # Opening upgrades an old schema (after its own backup) and may make the daily one.
    with Library.open(getattr(args, "library", None), daily_backup=False) as lib:
        if args.keep is not None:
            lib.set_backup_keep(args.keep)
        made = backups.make_backup(lib.path, "manual")
    if args.json:
        _print_json(made.to_json())
    else:
        print(f"backup: {made.path}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from reader.store import backups
    from reader.store.library import Library

    path = _library_path(args)
    if args.backup is None:
        found = backups.list_backups(path)
        if args.json:
            _print_json([b.to_json() for b in found])
        elif not found:
            print(f"no backups of {path} (in {backups.folder_of(path)})")
        else:
            print("\n".join(_row(b) for b in found))
        return 0
    source = backups.find(path, args.backup)
    before = backups.restore(path, source)
    # Upgrades a backup from an older Pizhu and proves the result opens.
    with Library.open(path, daily_backup=False) as lib:
        ok = lib.check().ok
    if args.json:
        _print_json({"restored": str(source), "previous": str(before.path), "ok": ok})
    else:
        print(f"restored: {source.name}")
        print(f"the library as it was: {before.path}")
    return 0 if ok else 1


def _add_backup(sub: Sub) -> None:
    p = sub.add_parser(
        "backup",
        help="back the library up now",
        description="Copy the library (SQLite's online backup) into the backups folder "
        "beside it, keeping the newest N backups (default 10).",
    )
    p.add_argument(
        "--keep", type=int, metavar="N", help="keep the N newest backups from now on (N ≥ 1)"
    )
    p.add_argument("--json", action="store_true", help="print the backup as JSON")
    p.set_defaults(handler=_cmd_backup)


def _add_restore(sub: Sub) -> None:
    p = sub.add_parser(
        "restore",
        help="list the library's backups, or restore one",
        description="Without BACKUP: list the backups, newest first. With BACKUP (a name "
        "from the list or a path): back the current library up, then replace it with "
        "BACKUP in one transaction.",
    )
    p.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup's name or path")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_restore)


COMMANDS: list[Callable[[Sub], None]] = [_add_backup, _add_restore]
