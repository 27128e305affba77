"""Annotation commands for ``pizhu``: highlight a quote, tag an article, list highlights.

For scripting and tests: the same undoable operations the windows run
(:mod:`reader.store.operations`). Registered in reader/cli.py's COMMANDS.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.store.command_support import library as _library
from reader.store.command_support import line as _line
from reader.store.command_support import print_json as _print_json

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
        done = lib.run(op)
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


def _cmd_highlights(args: argparse.Namespace) -> int:
    from reader.exchange.citation import Cited, gbt7714
    from reader.store.notebook import NotebookFilter, notebook_index, notebook_rows

    with _library(args, changes=False) as lib:
        f = NotebookFilter(
            tag=args.tag,
            colour=args.color,
            author=args.author,
            since=args.since,
            until=args.until,
            article=None if args.article is None else lib.resolve(args.article),
            text=args.text,
        )
        rows = notebook_rows(lib, notebook_index(lib, f).highlight_ids)
        meanings = {s.key: s.label for s in lib.highlight_colours()}
    if args.json:
        out = []
        for r in rows:
            item = r.to_json(meanings)
            item["citation"] = gbt7714(Cited(r.title, r.authors, r.paper, r.date, r.page))
            out.append(item)
        _print_json({"total": len(out), "highlights": out})
        return 0
    for r in rows:
        h = r.highlight
        tags = f" [{', '.join(h.tags)}]" if h.tags else ""
        note = f" — {_line(h.note)}" if h.note else ""
        colour = f"{h.colour}({meanings.get(h.colour, '')})"
        print(
            f"{h.id}\t{r.date or '-'}\t{colour}\t{_line(r.title or '')}\t"
            f"{_line(h.exact)}{tags}{note}"
        )
    return 0


def _add_highlights(sub: Sub) -> None:
    p = sub.add_parser(
        "highlights",
        help="list the highlights of the whole library (the notebook)",
        description="Every live highlight, articles in library order and highlights in "
        "reading order, filtered by tag (with the tags nested under it), colour, author, "
        "the day it was made, article or text in the quote or note.",
    )
    p.add_argument("--tag", metavar="T", help="highlights tagged T or a tag under it")
    p.add_argument(
        "--color", "--colour", metavar="C", help="a palette colour or its meaning (待查)"
    )
    p.add_argument("--author", metavar="A", help="highlights made by A")
    p.add_argument("--since", metavar="D", help="made on or after D (YYYY-MM-DD)")
    p.add_argument("--until", metavar="D", help="made on or before D (YYYY-MM-DD)")
    p.add_argument("--article", metavar="ID", help="in one article (id or uuid)")
    p.add_argument("--text", metavar="TEXT", help="TEXT in the quote or the note")
    p.add_argument("--json", action="store_true", help="print total and highlights as JSON")
    p.set_defaults(handler=_cmd_highlights)


COMMANDS: list[Callable[[Sub], None]] = [_add_highlight, _add_tag, _add_highlights]
