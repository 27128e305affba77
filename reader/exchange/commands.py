"""Exchange commands for ``pizhu``: export, share, merge.

Each ``_add_*`` function registers one sub-command (reader/cli.py appends COMMANDS).
They call the same functions the File menu uses: :func:`export_markdown`,
:func:`export_json`, :func:`write_share` and :func:`merge_file`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.errors import KnownError
from reader.store.command_support import library as _library
from reader.store.command_support import line as _line
from reader.store.command_support import print_json as _print_json

if TYPE_CHECKING:
    from reader.store.ids import ArticleId

    Sub = argparse._SubParsersAction[argparse.ArgumentParser]


# --- export --------------------------------------------------------------------------------


def _cmd_export(args: argparse.Namespace) -> int:
    from reader.exchange.collect import load, select_articles
    from reader.exchange.markdown import export_markdown
    from reader.exchange.webanno import export_json

    if args.format != "markdown" and (args.template or args.single_file):
        option = "--template" if args.template else "--single-file"
        raise KnownError(f"{option}: only for --format markdown")
    # One snapshot, read before the files are written.
    with _library(args, changes=False) as lib, lib.reading() as tx:
        ids: list[ArticleId] = []
        if args.format != "qdc":  # the codebook alone: no articles to choose
            ids = select_articles(
                tx, articles=args.article or (), tag=args.tag, since=args.since, every=args.all
            )
        loaded = load(tx, ids)
    if args.format == "qdc":
        from reader.exchange.qdpx import export_qdc

        print(f"codebook written to {export_qdc(loaded, args.output, force=args.force).written[0]}")
        return 0
    if args.format == "qdpx":
        from reader.exchange.qdpx import export_qdpx

        report = export_qdpx(loaded, args.output, force=args.force)
    elif args.format == "json":
        report = export_json(loaded, args.output, force=args.force)
    elif args.format == "docx":
        from reader.exchange.word import export_docx

        report = export_docx(loaded, args.output)
    else:
        report = export_markdown(
            loaded,
            args.output,
            single_file=args.single_file,
            force=args.force,
            template=args.template,
        )
    for path in report.kept:
        print(
            f"pizhu: {path}: changed since the last export; not overwritten (use --force)",
            file=sys.stderr,
        )
    print(
        f"{report.articles} articles, {report.highlights} highlights: "
        f"{len(report.written)} files written, {len(report.unchanged)} unchanged, "
        f"{len(report.kept)} kept"
    )
    return 0 if report.ok else 1


def _add_export(sub: Sub) -> None:
    p = sub.add_parser(
        "export",
        help="export annotated articles as Markdown, Web Annotation JSON or Word",
        description="Write Markdown summaries (one file per article into a folder, or one "
        "file with --single-file, through a Jinja2 template), W3C Web Annotation JSON-LD, "
        "or a Word clipping report (--format docx). Files changed since the last Markdown "
        "or JSON export are not overwritten without --force.",
    )
    p.add_argument(
        "--format",
        choices=["markdown", "json", "docx", "qdpx", "qdc"],
        default="markdown",
        help="Markdown summaries, Web Annotation JSON-LD, a Word clipping report, a REFI-QDA "
        "project (qdpx: QualCoder, MAXQDA, NVivo, ATLAS.ti) or its codebook alone (qdc: "
        "needs no articles)",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument("--article", nargs="+", metavar="ID", help="articles by id or uuid")
    which.add_argument("--tag", metavar="T", help="articles with tag T (or a tag under it)")
    which.add_argument(
        "--since", metavar="DATE", help="articles whose annotations changed on or after DATE"
    )
    which.add_argument("--all", action="store_true", help="every annotated article")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="folder or file")
    p.add_argument("--single-file", action="store_true", help="one Markdown file")
    p.add_argument(
        "--template",
        metavar="NAME|PATH",
        help="a Jinja2 template file, or the name of one in the user data folder's "
        "templates/ (default: the built-in Markdown template)",
    )
    p.add_argument("--force", action="store_true", help="overwrite files changed since")
    p.set_defaults(handler=_cmd_export)


# --- share ---------------------------------------------------------------------------------


def _cmd_share(args: argparse.Namespace) -> int:
    from reader.exchange.collect import select_articles
    from reader.exchange.share import share_rows, write_share

    # One snapshot, read before the file is written.
    with _library(args, changes=False) as lib, lib.reading() as tx:
        ids = None
        if args.article or args.tag:
            ids = select_articles(tx, articles=args.article or (), tag=args.tag)
        rows = share_rows(tx, ids)
    report = write_share(rows, args.output, force=args.force)
    if args.json:
        _print_json(report.to_json())
    else:
        print(
            f"{report.path}: {report.articles} articles, {report.highlights} highlights "
            f"(+{report.tombstones} deleted), {report.notes} notes, {report.tags} tags, "
            f"{report.size} bytes"
        )
    return 0


def _add_share(sub: Sub) -> None:
    p = sub.add_parser(
        "share",
        help="write a share file of annotated articles for someone else to merge",
        description="Write a standalone SQLite file with the chosen articles' text and "
        "their highlights (deletions too), notes, tags and authors. Default: every "
        "annotated article.",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--article", nargs="+", metavar="ID", help="articles by id or uuid")
    which.add_argument("--tag", metavar="T", help="articles with tag T (or a tag under it)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(handler=_cmd_share)


# --- merge ---------------------------------------------------------------------------------


def _cmd_merge(args: argparse.Namespace) -> int:
    from reader.exchange.merge import merge_bundle
    from reader.exchange.untrusted import read_share
    from reader.store.location import refuse_library_file, resolve_library_path

    library = resolve_library_path(getattr(args, "library", None))
    refuse_library_file(args.file, library, "a share file")
    bundle = read_share(args.file)  # refused before the library is opened
    with _library(args) as lib:
        report = merge_bundle(lib, bundle, dry_run=args.dry_run, with_fixes=args.with_fixes)
    if args.json:
        _print_json(report.to_json())
        return 0
    prefix = "would merge" if args.dry_run else "merged"
    print(f"{prefix} {report.source}: {report.summary()}")
    if report.backup:
        print(f"backup: {report.backup}")
    for item in report.items:
        edited = item.kind == "article" and item.detail.endswith(" edited")
        if item.action in ("conflict", "skipped") or item.placement == "orphaned" or edited:
            what: str = "orphaned" if item.placement == "orphaned" else item.action
            what = "edited" if edited else what
            print(f"{what}\t{item.key}\t{_line(item.article)}\t{_line(item.detail)}")
    for fix in report.fixes:
        f = fix.fix
        change = _line(f"{f.kind}: {f.parser_chosen} → {f.chosen}")
        print(f"split fix\t{fix.action}\t{_line(f.page_name)}\t{change}\t{_line(fix.detail)}")
    if report.omitted:
        print(f"({report.omitted} more items counted above but not listed)")
    return 0


def _add_merge(sub: Sub) -> None:
    p = sub.add_parser(
        "merge",
        help="merge someone's share file into the library",
        description="Merge a share file: articles by content, highlights by uuid (the later "
        "edit wins, deletions travel), tags by name. The file is checked first and refused "
        "if unsafe; the library is backed up before anything changes.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="report what would change")
    p.add_argument(
        "--with-fixes",
        action="store_true",
        help="also take the sender's split fixes (how their pages are cut into articles)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(handler=_cmd_merge)


COMMANDS: list[Callable[[Sub], None]] = [_add_export, _add_share, _add_merge]
