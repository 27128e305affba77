"""Saved searches on the command line: ``pizhu search --save NAME`` / ``--saved NAME``
and ``pizhu searches`` (list with counts, ``--delete NAME``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.display import for_terminal
from reader.errors import KnownError

if TYPE_CHECKING:
    from reader.store.library import Library
    from reader.store.queries import Where

    Sub = argparse._SubParsersAction[argparse.ArgumentParser]


def add_search_options(p: argparse.ArgumentParser) -> None:
    """The options ``pizhu search`` gains for scope and saved searches."""
    p.add_argument("--paper", metavar="NAME", help="pages of this paper only")
    p.add_argument(
        "--page", metavar="N", help="pages numbered N only (with --since/--until: one page)"
    )
    saved = p.add_mutually_exclusive_group()
    saved.add_argument(
        "--save",
        metavar="NAME",
        help="save this query with its filters and sort as NAME (replacing one of that name)",
    )
    saved.add_argument(
        "--saved",
        metavar="NAME",
        help="run the saved search NAME (its query, filters and sort; --sort overrides)",
    )


def _filters_given(args: argparse.Namespace) -> bool:
    names = ("since", "until", "tag", "kind", "author", "paper", "page")
    return any(getattr(args, n) for n in names)


def resolve(
    lib: Library, args: argparse.Namespace, where: Where
) -> tuple[str, str, Where, dict[str, Any]]:
    """The query, sort and filters to run, and what the JSON adds: with ``--saved``,
    the saved search's (marked as opened, with how many hits were new)."""
    from reader.store import searches

    if not args.saved:
        if not args.query:
            raise KnownError("search needs a QUERY (or --saved NAME)")
        return " ".join(args.query), args.sort or "relevance", where, {}
    if args.query or _filters_given(args):
        raise KnownError("--saved runs the search as saved: give no QUERY or filters with it")
    found = searches.get(lib, args.saved)
    (count,) = searches.counted(lib, [found])
    searches.opened(lib, found.name)
    extra = {"saved": found.name, "new": count.new, "filters": searches.where_json(found.where)}
    if not args.json and count.new:
        print(f"{count.new} new since last opened", file=sys.stderr)
    return found.query, args.sort or found.sort, found.where, extra


def save_if_asked(
    lib: Library, args: argparse.Namespace, query: str, sort: str, where: Where
) -> dict[str, Any]:
    from reader.store import searches

    if not args.save:
        return {}
    done = searches.swapped(lib.run(searches.SaveSearch(args.save, query, sort, where, True)))
    assert done.remove is not None  # what undo would take out: the search saved
    if not args.json:
        what = "replaced saved search" if done.put else "saved search"
        print(f"{what} {for_terminal(done.remove.name)}", file=sys.stderr)
    return {"saved": done.remove.name}


def _cmd_searches(args: argparse.Namespace) -> int:
    from reader.store import searches
    from reader.store.command_support import library as _library
    from reader.store.command_support import line as _line
    from reader.store.command_support import print_json as _print_json

    with _library(args) as lib:
        if args.delete:
            gone = searches.swapped(lib.run(searches.DeleteSearch(args.delete))).put
            assert gone is not None  # what undo would put back: the search deleted
            if args.json:
                _print_json({"deleted": gone.to_json()})
            else:
                print(f"deleted saved search {for_terminal(gone.name)}", file=sys.stderr)
            return 0
        counted = searches.counted(lib)
    if args.json:
        _print_json({"searches": [c.to_json() for c in counted]})
        return 0
    for c in counted:
        s = c.search
        filters = " ".join(
            f"{k}={','.join(v) if isinstance(v, list) else v}"
            for k, v in searches.where_json(s.where).items()
        )
        fields = (s.name, str(c.total), f"{c.new} new", s.query, s.sort, filters)
        print("\t".join(for_terminal(_line(f)) for f in fields).rstrip())
    if not counted:
        print("no saved searches (pizhu search QUERY… --save NAME)", file=sys.stderr)
    return 0


def _add_searches(sub: Sub) -> None:
    p = sub.add_parser(
        "searches",
        help="saved searches with their counts",
        description="List the saved searches: name, hits, hits new since last opened "
        "(pizhu search --saved NAME opens one), query, sort and filters.",
    )
    p.add_argument("--delete", metavar="NAME", help="delete the saved search NAME")
    p.add_argument("--json", action="store_true", help="print them as JSON")
    p.set_defaults(handler=_cmd_searches)


COMMANDS: list[Callable[[Sub], None]] = [_add_searches]
