"""Analysis commands for ``pizhu``: stats, cooccur, entities, related, agreement.

Each ``_add_*`` function registers one sub-command (reader/cli.py appends COMMANDS);
handlers call :class:`~reader.analysis.service.Analysis`, as the Statistics window does.
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
    Sub = argparse._SubParsersAction[argparse.ArgumentParser]


# --- stats ---------------------------------------------------------------------------------


def _cmd_stats(args: argparse.Namespace) -> int:
    from reader.analysis.service import Analysis
    from reader.analysis.stats import Filters, total

    filters = Filters(
        tag=args.tag, colour=args.color, author=args.author, entity=args.entity, term=args.term
    )
    with _library(args, changes=False) as lib:
        series = Analysis(lib).stats(args.by, filters)
    if args.json:
        _print_json(series.to_json())
    elif args.csv:
        sys.stdout.write(series.to_csv().replace("\r\n", "\n"))
    else:
        print(f"{'period':<10} {'articles':>8} {'matched':>8} {'share':>7} {'highlights':>10}")
        for r in [*series.rows, total(series.rows)]:
            print(
                f"{r.period:<10} {r.articles:>8} {r.matched:>8} {r.share:>7.1%} {r.highlights:>10}"
            )
        if series.undated.articles:
            u = series.undated
            print(f"(undated: {u.articles} articles, {u.matched} matched)")
    return 0


def _add_stats(sub: Sub) -> None:
    p = sub.add_parser(
        "stats",
        help="articles and highlights per day, week or month",
        description="Count over issue dates: articles in the library, articles the filters "
        "select (and their share: a term's hits normalised by the articles of the period) "
        "and highlights. Filters combine.",
    )
    p.add_argument("--by", choices=["day", "week", "month"], default="month")
    p.add_argument("--tag", metavar="T", help="tag T or a tag nested under it")
    p.add_argument("--color", "--colour", metavar="C", help="highlight colour or its meaning")
    p.add_argument("--author", metavar="A", help="highlights by author A")
    p.add_argument("--entity", metavar="E", help="articles naming person, place or org E")
    p.add_argument("--term", metavar="Q", help="articles a search for Q finds")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--csv", action="store_true", help="CSV: period,articles,matched,…")
    out.add_argument("--json", action="store_true", help="JSON")
    p.set_defaults(handler=_cmd_stats)


# --- co-occurrence -------------------------------------------------------------------------


def _cmd_cooccur(args: argparse.Namespace) -> int:
    from reader.analysis.service import Analysis

    with _library(args, changes=False) as lib:
        an = Analysis(lib)
        if args.both:
            ids = an.with_both(args.both[0], args.both[1], args.level)
            rows = lib.summaries(ids)  # type: ignore[arg-type]
            if args.json:
                _print_json(
                    {
                        "tags": args.both,
                        "level": args.level,
                        "articles": [r.to_json() for r in rows],
                    }
                )
            else:
                for r in rows:
                    print(f"{r.id}\t{r.date or ''}\t{_line(r.title or '')}")
            return 0
        m = an.cooccurrence(args.level)
    if args.json:
        _print_json(m.to_json())
    elif not m.tags:
        print("no tags yet: nothing co-occurs", file=sys.stderr)
    else:
        sys.stdout.write(m.to_csv().replace("\r\n", "\n"))
    return 0


def _add_cooccur(sub: Sub) -> None:
    p = sub.add_parser(
        "cooccur",
        help="tag co-occurrence matrix (CSV or JSON), or the articles behind one cell",
        description="How many articles (or highlights) carry both of two tags; nested tags "
        "count for their parents. --both A B lists the articles behind a cell.",
    )
    p.add_argument("--level", choices=["article", "highlight"], default="article")
    p.add_argument("--both", nargs=2, metavar=("A", "B"), help="articles carrying tags A and B")
    p.add_argument("--json", action="store_true", help="JSON instead of CSV")
    p.set_defaults(handler=_cmd_cooccur)


# --- entities ------------------------------------------------------------------------------


def _cmd_entities(args: argparse.Namespace) -> int:
    from reader.analysis.service import Analysis, kind_of

    with _library(args, changes=False) as lib:
        an = Analysis(lib)
        if args.add:
            if args.kind is None:
                raise KnownError("entities --add: give --kind person, place or org")
            n = an.add_local_name(args.add, kind_of(args.kind), args.alias_of)
            print(f"{args.add}: added; {n} articles re-analysed")
            return 0
        if args.remove:
            n = an.remove_local_name(args.remove)
            print(f"{args.remove}: removed; {n} articles re-analysed")
            return 0
        rows = an.entities(kind_of(args.kind) if args.kind else None, args.limit)
        names = an.local_names() if args.json else []
    if args.json:
        _print_json(
            {"entities": [r.to_json() for r in rows], "local_names": [n.to_json() for n in names]}
        )
    elif not rows:
        print("no entities found", file=sys.stderr)
    else:
        print(f"{'kind':<7} {'articles':>8} {'mentions':>8}  {'first':<10} name")
        for r in rows:
            print(
                f"{r.kind:<7} {r.articles:>8} {r.mentions:>8}  {r.first or '':<10} {_line(r.name)}"
            )
    return 0


def _add_entities(sub: Sub) -> None:
    p = sub.add_parser(
        "entities",
        help="people, places and organisations named in the library",
        description="Entities found on import (jieba's name tags and the local-names "
        "dictionary): kind, articles, mentions, first date, name. --add teaches a local "
        "name (--alias-of: the name it stands for, e.g. --add 呼市 --alias-of 呼和浩特).",
    )
    p.add_argument("--kind", help="person, place or org")
    p.add_argument("--limit", type=int, metavar="N", help="at most N entities")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--add", metavar="NAME", help="add NAME to the local names (needs --kind)")
    p.add_argument("--alias-of", metavar="NAME", help="with --add: the canonical name")
    p.add_argument("--remove", metavar="NAME", help="remove NAME from the local names")
    p.set_defaults(handler=_cmd_entities)


# --- related -------------------------------------------------------------------------------


def _cmd_related(args: argparse.Namespace) -> int:
    from reader.analysis.service import Analysis

    with _library(args, changes=False) as lib:
        an = Analysis(lib)
        if args.clusters:
            groups = an.clusters()
            if args.json:
                _print_json({"clusters": [c.to_json() for c in groups]})
            elif not groups:
                print("no reprints found: no story is printed twice", file=sys.stderr)
            else:
                for c in groups:
                    title = _line(c.members[0][2] or "")
                    print(f"{c.first_date or '?'}  {len(c.members)} printings  {title}")
            return 0
        if args.article is None:
            raise KnownError("related: give an article ID or --clusters")
        article_id = lib.resolve(args.article)
        rows = an.related(article_id, args.limit)
    if args.json:
        _print_json({"article": article_id, "related": [r.to_json() for r in rows]})
    elif not rows:
        print("no related articles found", file=sys.stderr)
    else:
        for r in rows:
            mark = " (reprint)" if r.reprint else ""
            print(
                f"{r.article_id}\t{r.similarity:.2f}{mark}\t{r.date or ''}\t{_line(r.title or '')}"
            )
    return 0


def _add_related(sub: Sub) -> None:
    p = sub.add_parser(
        "related",
        help="the articles most like one article, or clusters of reprints",
        description="Related stories by MinHash/LSH over content words; similarity is the "
        "estimated Jaccard of their words, 0.7 and above marked as a reprint. --clusters "
        "lists groups of near-duplicates with the date each first appeared.",
    )
    p.add_argument("article", nargs="?", metavar="ID", help="article id or uuid")
    p.add_argument("--limit", type=int, default=10, metavar="N")
    p.add_argument("--clusters", action="store_true", help="near-duplicate clusters")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=_cmd_related)


# --- agreement -----------------------------------------------------------------------------


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def _cmd_agreement(args: argparse.Namespace) -> int:
    from reader.analysis.service import Analysis

    with _library(args, changes=False) as lib:
        report = Analysis(lib).agreement(args.tag, args.author or None)
    if args.json:
        _print_json(report.to_json())
        return 0
    if len(report.authors) < 2:
        # kappa and alpha compare authors: with one there is nothing to measure
        have = ", ".join(report.authors) or "none"
        print(
            f"agreement needs annotations by two authors or more (authors: {_line(have)}); "
            "merge a colleague's share file first",
            file=sys.stderr,
        )
        return 0
    print("authors: " + ", ".join(_line(a) for a in report.authors))
    print(f"{'code':<20} {'level':<8} {'items':>6} {'kappa':>7} {'alpha':>7}")
    for c in report.codes:
        for level, fig in (("article", c.article), ("span", c.span)):
            print(
                f"{_line(c.code.label):<20} {level:<8} {fig.items:>6} {_fmt(fig.kappa):>7} "
                f"{_fmt(fig.alpha):>7}"
            )
    return 0


def _add_agreement(sub: Sub) -> None:
    p = sub.add_parser(
        "agreement",
        help="how far annotation authors agree, per tag and colour meaning",
        description="Per tag (nested tags included) and colour meaning, on articles and on "
        "highlighted characters: Cohen's kappa (two authors), Krippendorff's alpha and the "
        "number of items coded by at least two authors.",
    )
    p.add_argument("--tag", metavar="T", help="only tag T")
    p.add_argument("--author", action="append", metavar="A", help="compare only these authors")
    p.add_argument("--json", action="store_true", help="JSON: kappa, alpha, items per code")
    p.set_defaults(handler=_cmd_agreement)


COMMANDS: list[Callable[[Sub], None]] = [
    _add_stats,
    _add_cooccur,
    _add_entities,
    _add_related,
    _add_agreement,
]
