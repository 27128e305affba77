"""Annotation commands for ``pizhu``: highlight a quote, tag an article.

For scripting and tests: the same undoable operations the windows run
(:mod:`reader.store.operations`). Registered in reader/cli.py's COMMANDS.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.store.commands import _library, _line, _print_json

if TYPE_CHECKING:
    Sub = argparse._SubParsersAction[argparse.ArgumentParser]


def _cmd_highlight(args: argparse.Namespace) -> int:
    from reader.store.ids import HighlightId

    with _library(args) as lib:
        done = lib.highlight_quote(
            args.id,
            args.quote,
            occurrence=args.occurrence,
            colour=args.color,
            note=args.note,
            tags=args.tag,
        )
        hid = HighlightId(int(done.created or 0))
        detail = lib.get_article(args.id)
    (h,) = [h for h in detail.highlights if h.id == hid]
    if args.json:
        _print_json({"id": h.id, "article_id": detail.id, **h.to_json()})
    else:
        tags = f" [{', '.join(h.tags)}]" if h.tags else ""
        print(f"{h.id}\t{h.colour}\t{h.start}-{h.end}\t{_line(h.exact)}{tags}")
    return 0


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("occurrences are counted from 1")
    return n


def _add_highlight(sub: Sub) -> None:
    p = sub.add_parser(
        "highlight",
        help="highlight a quote in an article",
        description="Highlight QUOTE in article ID (id or uuid). A quote that is not in "
        "the article, or occurs more than once without --occurrence, is an error.",
    )
    p.add_argument("id", metavar="ARTICLE_ID")
    p.add_argument("--quote", required=True, metavar="TEXT", help="the text to highlight")
    p.add_argument(
        "--occurrence", type=_positive, metavar="N", help="the N-th place the quote occurs (1…)"
    )
    p.add_argument(
        "--color",
        "--colour",
        default="yellow",
        metavar="C",
        help="a palette colour or its meaning: yellow 重要, blue 疑问, green 数据, pink 人物, "
        "purple 地点, orange 待查 (default yellow)",
    )
    p.add_argument("--note", default="", metavar="TEXT")
    p.add_argument(
        "--tag", action="append", default=[], metavar="T", help="tag the highlight (repeatable)"
    )
    p.add_argument("--json", action="store_true", help="print the highlight as JSON")
    p.set_defaults(handler=_cmd_highlight)


def _cmd_tag(args: argparse.Namespace) -> int:
    from reader.store import operations

    with _library(args) as lib:
        aid = lib.resolve(args.id)
        op = operations.Batch(
            tuple(operations.TagArticle(aid, name) for name in args.tags), "Tag article"
        )
        done = op.apply(lib)
        created = sorted(t.name for t in lib.tags() if t.id in done.changes.tags)
        tags = lib.get_article(aid).tags
    if args.json:
        _print_json({"id": aid, "tags": list(tags), "created": created})
    else:
        print(f"{aid}\t{', '.join(tags)}")
    return 0


def _add_tag(sub: Sub) -> None:
    p = sub.add_parser(
        "tag",
        help="tag an article",
        description="Add tags to article ARTICLE_ID; tags that do not exist yet are created "
        "(names are matched ignoring case and width).",
    )
    p.add_argument("id", metavar="ARTICLE_ID")
    p.add_argument("tags", nargs="+", metavar="TAG")
    p.add_argument("--json", action="store_true", help="print the article's tags as JSON")
    p.set_defaults(handler=_cmd_tag)


COMMANDS: list[Callable[[Sub], None]] = [_add_highlight, _add_tag]
