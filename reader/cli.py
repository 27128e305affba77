"""``pizhu``: the command-line front door, and the GUI when no command is given.

Every command calls the same core the windows use. Expected failures (KnownError) are
printed as one line on stderr with exit code 1; anything else is a bug and raises.
Everything a command prints passes through :func:`reader.display.for_terminal`, so
control and bidi characters from page and share files reach the terminal escaped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, TextIO

from reader import __version__
from reader.analysis.commands import COMMANDS as ANALYSIS_COMMANDS
from reader.display import for_terminal, safe_output
from reader.errors import KnownError
from reader.exchange.commands import COMMANDS as EXCHANGE_COMMANDS
from reader.store.annotation_commands import COMMANDS as ANNOTATION_COMMANDS
from reader.store.backup_commands import COMMANDS as BACKUP_COMMANDS
from reader.store.commands import COMMANDS as STORE_COMMANDS
from reader.store.split_commands import COMMANDS as SPLIT_COMMANDS

Handler = Callable[[argparse.Namespace], int]


def _print_json(obj: Any, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    json.dump(obj, out, ensure_ascii=False, indent=2)
    out.write("\n")


# --- parse -------------------------------------------------------------------------------


def _cmd_parse(args: argparse.Namespace) -> int:
    from reader.ingest import parse_file
    from reader.ingest.outline import outline

    page = parse_file(args.page, mode=args.mode)
    if args.json:
        _print_json(page.to_json())
    else:
        sys.stdout.write(outline(page))
    return 0


def _add_parse(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "parse",
        help="split a page dump into articles (stores nothing)",
        description="Parse one page dump and print its articles. Nothing is stored.",
    )
    p.add_argument("page", help="a .txt/.md page dump")
    p.add_argument("--json", action="store_true", help="print the parse as JSON (FORMAT.md)")
    p.add_argument(
        "--mode",
        choices=["auto", "page", "article"],
        default="auto",
        help="treat the file as a newspaper page, a single article, or decide (default)",
    )
    p.set_defaults(handler=_cmd_parse)


# --- the front door ------------------------------------------------------------------------

# Each entry adds one sub-command; store, exchange and GUI commands register here too.
COMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = [
    _add_parse,
    *STORE_COMMANDS,  # import, search, list, show, check
    *ANNOTATION_COMMANDS,  # highlight, tag
    *EXCHANGE_COMMANDS,  # export, share, merge
    *SPLIT_COMMANDS,  # split
    *BACKUP_COMMANDS,  # backup, restore
    *ANALYSIS_COMMANDS,  # stats, cooccur, entities, related, agreement
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pizhu",
        description="Pizhu (批注): read, annotate and search local news pages.",
    )
    parser.add_argument("--version", action="version", version=f"pizhu {__version__}")
    parser.add_argument(
        "--library",
        metavar="PATH",
        help="the library file to use (default: $PIZHU_LIBRARY, else the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    try:
        from reader.gui.app import run
    except ImportError as exc:  # the window is not part of this build yet
        raise KnownError(f"the reader window is not available: {exc}") from None
    return int(run(library=args.library))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    guarded: AbstractContextManager[None] = safe_output() if handler else nullcontext()
    with guarded:
        return _dispatch(args, handler)


def _dispatch(args: argparse.Namespace, handler: Handler | None) -> int:
    try:
        if handler is None:
            return _run_gui(args)
        return handler(args)
    except KnownError as exc:
        # One line even when the message quotes a name holding a newline.
        line = for_terminal(str(exc)).replace("\n", "\\n")
        print(f"pizhu: {line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pizhu: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `pizhu list | head` closes our stdout early; that is not an error.
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
