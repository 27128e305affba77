"""``pizhu edit``, ``pizhu delete``, ``pizhu trash``: a library as a collection.

``pizhu import``'s page options (``--paper``, ``--date``, ``--page``, ``--page-name``)
are added here too (:func:`add_import_options`, :func:`apply_import_options`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.errors import KnownError

if TYPE_CHECKING:
    from reader.store.importer import ImportSummary
    from reader.store.library import Library

    Sub = argparse._SubParsersAction[argparse.ArgumentParser]

PAGE_OPTIONS = (("paper", "NAME"), ("date", "YYYY-MM-DD"), ("page", "N"), ("page_name", "NAME"))


def _print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _open(args: argparse.Namespace) -> Library:
    from reader.store.library import Library

    return Library.open(getattr(args, "library", None))


def _page_values(args: argparse.Namespace) -> dict[str, str | None]:
    return {k: getattr(args, k) for k, _ in PAGE_OPTIONS if getattr(args, k, None) is not None}


def add_import_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--paper", metavar="NAME", help="the paper these pages come from")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the issue date of these pages")
    p.add_argument("--page", metavar="N", help="the page number (版次), e.g. 3 or A3")
    p.add_argument("--page-name", dest="page_name", metavar="NAME", help="the page name (版名)")


def check_import_options(args: argparse.Namespace) -> None:
    """Refuse a bad --date or --page before anything is imported."""
    from reader.store.metadata import set_pages

    set_pages([], **_page_values(args))


def apply_import_options(lib: Library, args: argparse.Namespace, summary: ImportSummary) -> None:
    """Set the given page facts on every page the import stored."""
    from reader.store.ids import SourceId
    from reader.store.metadata import set_pages

    values = _page_values(args)
    sources = [SourceId(r.source_id) for r in summary.results if r.source_id is not None]
    if values and sources:
        lib.run(set_pages(sources, **values))


# --- edit ------------------------------------------------------------------------------------


def _cmd_edit(args: argparse.Namespace) -> int:
    from reader.store import metadata
    from reader.store.operations import Batch, Operation

    page = _page_values(args)
    article: dict[str, Any] = {}
    if args.title is not None:
        article["title"] = args.title
    if args.kind is not None:
        article["kind"] = args.kind
    if args.authors is not None:
        article["authors"] = tuple(args.authors.replace("，", ",").split(","))
    if not page and not article:
        raise KnownError("edit: nothing to change (give --title, --paper, --date, …)")
    with _open(args) as lib:
        aids = [lib.resolve(i) for i in args.ids]
        ops: list[Operation] = []
        if page:
            ops.append(metadata.set_pages(lib.read(metadata.sources_of, aids), **page))
        if article:
            ops.append(metadata.set_articles(aids, **article))
        lib.run(Batch(tuple(ops), "Edit metadata"))
        summaries = lib.summaries(aids)
    if args.json:
        _print_json([s.to_json() for s in summaries])
    else:
        for s in summaries:
            print(f"{s.id}\t{s.date or '-'}\t{s.title or '(untitled)'}")
    return 0


def _add_edit(sub: Sub) -> None:
    p = sub.add_parser(
        "edit",
        help="change an article's title, kind, authors or its page's paper, date, page",
        description="Change metadata of articles (by id or uuid). Page fields (--paper, "
        "--date, --page, --page-name) change the page the article is printed on.",
    )
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--title", metavar="T")
    p.add_argument("--kind", choices=["article", "photo", "fragment"])
    p.add_argument("--authors", metavar="A,B", help="comma-separated names ('' for none)")
    add_import_options(p)
    p.add_argument("--json", action="store_true", help="print the edited articles as JSON")
    p.set_defaults(handler=_cmd_edit)


# --- delete / trash --------------------------------------------------------------------------


def _cmd_delete(args: argparse.Namespace) -> int:
    from reader.store import trash
    from reader.store.ids import SourceId

    with _open(args) as lib:
        if args.page:
            pages = []
            for raw in args.ids:
                if not str(raw).isdigit():
                    raise KnownError(f"{raw}: not a page id")
                pages.append(SourceId(int(raw)))
            done = lib.run(trash.TrashPages(tuple(pages)))
        else:
            aids = tuple(lib.resolve(i) for i in args.ids)
            done = lib.run(trash.TrashArticles(aids))
    n = len(done.changes.articles_removed)
    print(f"{n} articles moved to the trash (pizhu trash --restore ID… brings them back)")
    return 0


def _add_delete(sub: Sub) -> None:
    p = sub.add_parser(
        "delete",
        help="move articles (or whole pages) to the trash",
        description="Move articles, with their highlights and notes, to the trash. "
        "--page: the ids are page ids (pizhu trash --json, pizhu show --json) and every "
        "article on those pages goes.",
    )
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--page", action="store_true", help="the ids name pages, not articles")
    p.set_defaults(handler=_cmd_delete)


def _cmd_trash(args: argparse.Namespace) -> int:
    from reader.store import trash
    from reader.store.ids import ArticleId, SourceId

    with _open(args) as lib:
        if args.restore:
            arts: list[ArticleId] = []
            pages: list[SourceId] = []
            for raw in args.restore:
                if str(raw).startswith("page:") and raw[5:].isdigit():
                    pages.append(SourceId(int(raw[5:])))
                else:
                    arts.append(lib.resolve(raw))
            done = lib.run(trash.restore(arts, pages))
            print(f"{len(done.changes.articles_added)} articles restored")
        if args.empty:
            changes = lib.write(trash.empty)
            print(f"{len(changes.articles_removed)} articles removed for good")
        items = lib.read(trash.items)
    if args.json:
        _print_json([i.to_json() for i in items])
    elif not args.restore and not args.empty:
        for i in items:
            ref = f"page:{i.id}" if i.kind == "page" else str(i.id)
            extra = f" ({i.articles} articles)" if i.kind == "page" else ""
            print(f"{ref}\t{i.deleted_at}\t{i.date or '-'}\t{' '.join(i.title.split())}{extra}")
        if not items:
            print("the trash is empty", file=sys.stderr)
    return 0


def _add_trash(sub: Sub) -> None:
    p = sub.add_parser(
        "trash",
        help="list, restore or empty the trash",
        description="List what is in the trash (articles by id, pages as page:ID), "
        "restore some of it, or remove it all for good.",
    )
    p.add_argument("--restore", nargs="+", metavar="ID", help="article ids or page:ID")
    p.add_argument("--empty", action="store_true", help="remove everything in the trash")
    p.add_argument("--json", action="store_true", help="print what the trash holds as JSON")
    p.set_defaults(handler=_cmd_trash)


COMMANDS: list[Callable[[Sub], None]] = [_add_edit, _add_delete, _add_trash]
