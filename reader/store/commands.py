"""Library commands for ``pizhu``: import, search, list, show, check.

Each ``_add_*`` function registers one sub-command (reader/cli.py appends them to
COMMANDS). Handlers open the library named by ``--library``/``$PIZHU_LIBRARY`` and call
the same :class:`~reader.store.library.Library` methods the windows use.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from reader.display import for_terminal, write_raw
from reader.store.command_support import library as _library
from reader.store.command_support import line as _line
from reader.store.command_support import print_json as _print_json

if TYPE_CHECKING:  # the library (SQLAlchemy, Alembic) loads only when a command runs
    from reader.store.importer import ImportProgress

    Sub = argparse._SubParsersAction[argparse.ArgumentParser]


# --- import --------------------------------------------------------------------------------


class ProgressBar:
    """A one-line progress bar on a terminal; silent anywhere else."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.width = shutil.get_terminal_size((80, 20)).columns

    def __call__(self, p: ImportProgress) -> None:
        if not self.enabled:
            return
        done = p.index + (1 if p.result is not None else 0)
        cells = 24
        filled = cells * done // max(1, p.total)
        label = _line(p.path.rsplit("/", 1)[-1])
        line = f"[{'#' * filled}{'.' * (cells - filled)}] {done}/{p.total} {label}"
        write_raw(self.stream, "\r")
        self.stream.write(line[: self.width - 1].ljust(self.width - 1))
        self.stream.flush()

    def indexing(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        cells = 24
        filled = cells * done // max(1, total)
        line = f"[{'#' * filled}{'.' * (cells - filled)}] search index {done}/{total} articles"
        self.stream.write("\r" + line[: self.width - 1].ljust(self.width - 1))
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            write_raw(self.stream, "\r" + " " * (self.width - 1) + "\r")
            self.stream.flush()


def _cmd_import(args: argparse.Namespace) -> int:
    from reader.store import importer, workers
    from reader.store.collection_commands import apply_import_options, check_import_options

    check_import_options(args)
    bar = ProgressBar(sys.stderr)
    count = importer.workers_for(args.paths)
    if count > 1:
        # The import's workers load while the library opens and makes the day's backup.
        workers.warm_up()
    with _library(args) as lib:
        try:
            # The analysis (entities, related stories) beside the parse, unless the
            # user asked for the quickest import: then the commands needing it do it.
            summary = lib.import_paths(
                args.paths, progress=bar, workers=count, index=False, analyse=not args.no_index
            )
            # The articles are stored and readable; now the search index catches up
            # (interrupted, the rest is indexed by the next search or window).
            if not args.no_index:
                lib.build_index(progress=bar.indexing)
        finally:
            bar.clear()
        apply_import_options(lib, args, summary)
    for r in summary.results:
        if r.status == "failed":
            print(f"pizhu: {_line(r.message)}", file=sys.stderr)
    if args.json:
        _print_json(summary.to_json())
    else:
        print(
            f"{summary.files} files: {summary.imported} imported ({summary.articles} articles), "
            f"{summary.skipped} skipped, {summary.failed} failed"
        )
    return 1 if summary.failed else 0


def _add_import(sub: Sub) -> None:
    p = sub.add_parser(
        "import",
        help="import page files and folders into the library",
        description="Import page dumps (.txt/.md; folders are searched recursively). "
        "Each file is stored whole or not at all; pages already in the library "
        "(same bytes, or the same text in another encoding or under another name) are skipped.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="page files or folders")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    from reader.store.collection_commands import add_import_options

    add_import_options(p)
    p.add_argument(
        "--no-index",
        action="store_true",
        help="store the articles only; the next search or the window builds the search "
        "index, and the entity and related-story commands or the window the analysis",
    )
    p.set_defaults(handler=_cmd_import)


# --- search --------------------------------------------------------------------------------


def _marks(stream: TextIO) -> tuple[str, str]:
    return ("\x1b[7m", "\x1b[0m") if stream.isatty() else ("【", "】")


def _cmd_search(args: argparse.Namespace) -> int:
    from reader.store import search_commands
    from reader.store.queries import Where

    where = Where(
        since=args.since,
        until=args.until,
        tag=args.tag,
        kinds=tuple(args.kind or ()),
        author=args.author,
        paper=args.paper,
        page=args.page,
    )
    # Only --save changes what the user made; the index catching up can be rebuilt.
    with _library(args, changes=args.save is not None) as lib:
        query, sort, where, extra = search_commands.resolve(lib, args, where)
        if lib.index_pending():
            bar = ProgressBar(sys.stderr)
            try:
                lib.build_index(progress=bar.indexing)  # every hit, not the indexed part
            finally:
                bar.clear()
        total = lib.count_matches(query, where)
        limit = max(total, 1) if args.all else args.limit
        hits = lib.search(query, limit=limit, sort=sort, where=where)
        extra.update(search_commands.save_if_asked(lib, args, query, sort, where))
    if args.json:
        _print_json(
            {
                "query": query,
                "sort": sort,
                "total": total,
                **extra,
                "results": [h.to_json() for h in hits],
            }
        )
        return 0
    before, after = _marks(sys.stdout)
    for h in hits:
        where_ = " ".join(x for x in (h.date, h.source) if x)
        print(f"{h.id}\t{_line(h.title or '(untitled)')}\t{where_}")
        # The marks may be terminal sequences of ours: escape the text, not them.
        text = h.snippet
        parts, pos = [], 0
        for s, e in text.marks:
            parts += [for_terminal(text.text[pos:s]), before, for_terminal(text.text[s:e]), after]
            pos = e
        parts.append(for_terminal(text.text[pos:]))
        write_raw(sys.stdout, f"\t{_line(''.join(parts))}\n")
    if not hits:
        print("no articles found", file=sys.stderr)
    elif len(hits) < total:
        print(f"{len(hits)} of {total} articles (--all for every one)", file=sys.stderr)
    return 0


def _date(value: str) -> str:
    """A YYYY-MM-DD argument, or argparse's one-line error."""
    import datetime

    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _add_search(sub: Sub) -> None:
    p = sub.add_parser(
        "search",
        help="full-text search (Chinese words, sub-words, numbers, Latin)",
        description="Find articles containing every whitespace-separated term of QUERY in "
        "their title, text or notes (as a substring, ignoring case and width), best first.",
    )
    p.add_argument("query", nargs="*", metavar="QUERY", help="the terms (or use --saved)")
    p.add_argument("--json", action="store_true", help="print results (and the total) as JSON")
    count = p.add_mutually_exclusive_group()
    count.add_argument("--limit", type=int, default=20, help="at most this many results (20)")
    count.add_argument("--all", action="store_true", help="every matching article")
    p.add_argument(
        "--sort",
        choices=["relevance", "newest", "oldest"],
        help="best first (default: title hits, then whole articles, then bm25), or by page date",
    )
    p.add_argument("--since", type=_date, metavar="D", help="pages dated D or later")
    p.add_argument("--until", type=_date, metavar="D", help="pages dated D or earlier")
    p.add_argument("--tag", metavar="T", help="articles with tag T (or under it), as list --tag")
    p.add_argument(
        "--kind",
        action="append",
        choices=["article", "photo", "fragment"],
        help="only this kind (repeatable)",
    )
    p.add_argument("--author", metavar="NAME", help="articles by this author or photographer")
    from reader.store.search_commands import add_search_options

    add_search_options(p)
    p.set_defaults(handler=_cmd_search)


# --- list / show ---------------------------------------------------------------------------


def _cmd_list(args: argparse.Namespace) -> int:
    with _library(args, changes=False) as lib:
        rows = lib.list_articles(tag=args.tag)
    if args.json:
        _print_json([r.to_json() for r in rows])
        return 0
    for r in rows:
        fields = [
            str(r.id),
            r.uuid,
            r.kind,
            r.date or "-",
            r.source,
            _line(r.title or "(untitled)"),
            ",".join(r.authors) or "-",
            ",".join(r.tags) or "-",
            str(r.highlights),
        ]
        print("\t".join(fields))
    return 0


def _add_list(sub: Sub) -> None:
    p = sub.add_parser(
        "list",
        help="list the library's articles",
        description="One line per article: id, uuid, kind, date, source, title, authors, "
        "tags, highlight count (tab-separated).",
    )
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument(
        "--tag",
        metavar="T",
        help="only articles with tag T or a tag under it, on the article or a highlight",
    )
    p.set_defaults(handler=_cmd_list)


def _cmd_show(args: argparse.Namespace) -> int:
    with _library(args, changes=False) as lib:
        detail = lib.get_article(args.id)
    if args.json:
        _print_json(detail.to_json())
        return 0
    a = detail.article
    out = sys.stdout
    out.write(f"# {a.title or '(untitled)'}\n")
    meta = [f"id {detail.id}", a.kind, detail.source.name]
    if detail.source.date:
        meta.append(detail.source.date)
    if a.authors:
        meta.append("记者 " + " ".join(a.authors))
    if detail.tags:
        meta.append("tags: " + ", ".join(detail.tags))
    out.write(" · ".join(meta) + "\n\n")
    for b in a.blocks:
        out.write((f"## {b.text}" if b.type == "heading" else b.text) + "\n\n")
    if detail.note:
        out.write(f"Note: {detail.note}\n\n")
    for h in detail.highlights:
        note = f" — {_line(h.note)}" if h.note else ""
        out.write(f"[{h.colour}] {_line(h.exact)}{note}\n")
    return 0


def _add_show(sub: Sub) -> None:
    p = sub.add_parser(
        "show",
        help="print one article with its tags, note and highlights",
        description="Print an article (by id or uuid). --json gives the parse schema "
        "plus id, tags, note and highlights.",
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(handler=_cmd_show)


# --- check ---------------------------------------------------------------------------------


def _cmd_check(args: argparse.Namespace) -> int:
    with _library(args, changes=False) as lib:
        report = lib.check(full=args.full)
        path = lib.path
    if args.json:
        _print_json(report.to_json())
    else:
        for problem in report.problems:
            print(f"pizhu: {path}: {_line(problem)}", file=sys.stderr)
        if report.ok:
            print(f"{path}: ok ({report.sources} files, {report.articles} articles)")
    return 0 if report.ok else 1


def _add_check(sub: Sub) -> None:
    p = sub.add_parser(
        "check",
        help="check the library for damage",
        description="Run SQLite's quick check (--full: integrity check), look for broken "
        "references, orphan rows and a stale search index. Exit 1 on any problem.",
    )
    p.add_argument("--full", action="store_true", help="the slower, complete integrity check")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=_cmd_check)


def _search_commands() -> list[Callable[[Sub], None]]:
    from reader.store.search_commands import COMMANDS as SEARCHES

    return SEARCHES


def _collection_commands() -> list[Callable[[Sub], None]]:
    from reader.store.collection_commands import COMMANDS as COLLECTION

    return COLLECTION


COMMANDS: list[Callable[[Sub], None]] = [
    _add_import,
    _add_search,
    _add_list,
    _add_show,
    _add_check,
    *_search_commands(),  # searches
    *_collection_commands(),  # edit, delete, trash
]
