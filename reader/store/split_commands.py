"""``pizhu split ID``: the parser's decisions on an article's page, and the user's answers.

The same core the "Check the split" window uses (:mod:`reader.store.splitfix`): list the
decisions (numbered in page order), keep one (``--keep N``) or take its other choice
(``--flip N``). Answers are stored with the page and replayed by re-parsing and merges.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.errors import KnownError
from reader.store.commands import _library, _print_json

if TYPE_CHECKING:
    from reader.store.splitcheck import DecisionState

    Sub = argparse._SubParsersAction[argparse.ArgumentParser]


def _state(s: DecisionState) -> str:
    if s.fix is None:
        return "doubtful" if s.decision.doubtful else "sure"
    return "changed" if s.fix.flipped else "kept"


def _row(n: int, s: DecisionState, text: str) -> dict[str, object]:
    d = s.decision
    first = d.spans[0]
    return {
        "n": n,
        "kind": d.kind,
        "chosen": s.current,
        "other": s.other,
        "confidence": round(d.confidence, 3),
        "state": _state(s),
        "spans": [[a, b] for a, b in d.spans],
        "text": " ".join(text[first[0] : first[1]].split())[:40],
    }


def _cmd_split(args: argparse.Namespace) -> int:
    from reader.store import splitcheck, splitfix

    if args.reading is not None and args.flip is None:
        raise KnownError("--as goes with --flip N")
    with _library(args) as lib:
        detail = lib.get_article(lib.resolve(args.article))
        sid = detail.source.id
        page = lib.read(splitcheck.overview, sid)
        which = args.keep or args.flip
        if which is not None:
            if not 1 <= which <= len(page.decisions):
                raise KnownError(
                    f"{detail.source.name}: no decision {which} "
                    f"(the page has {len(page.decisions)})"
                )
            state = page.decisions[which - 1]
            if args.flip and not state.choices():
                raise KnownError(f"decision {which}: Pizhu cannot take its other choice")
            choice = (args.reading or state.other) if args.flip else state.current
            lib.run(splitfix.Choose(sid, state.decision, choice))
            page = lib.read(splitcheck.overview, sid)
    rows = [_row(n, s, page.text) for n, s in enumerate(page.decisions, start=1)]
    if args.json:
        _print_json({"page": page.name, "open": page.open_count, "decisions": rows})
        return 0
    print(f"{page.name}: {len(rows)} decisions, {page.open_count} doubtful")
    for r, s in zip(rows, page.decisions, strict=True):
        what = f"{s.decision.kind}: {s.current} (or {s.other})"
        conf = f"{round(s.decision.confidence * 100)}%"
        print(f"{r['n']}\t{r['state']}\t{what}\t{conf}\t{r['text']}")
    return 0


def _add_split(sub: Sub) -> None:
    p = sub.add_parser(
        "split",
        help="the parser's decisions on an article's page; keep or flip one",
        description="List the decisions the parser took in splitting the page of article ID "
        "into articles (numbered in page order), with their confidence and your answers; "
        "--keep N accepts decision N, --flip N takes its other choice (both stored with the "
        "page, kept by re-parsing, carried by share files).",
    )
    p.add_argument("article", metavar="ID", help="an article id or uuid")
    one = p.add_mutually_exclusive_group()
    one.add_argument("--keep", type=int, metavar="N", help="keep decision N as the parser took it")
    one.add_argument("--flip", type=int, metavar="N", help="take decision N's other choice")
    p.add_argument(
        "--as",
        dest="reading",
        metavar="READING",
        help="with --flip: the reading to take (a heading line: title, title_part, kicker, "
        "section or photo_title)",
    )
    p.add_argument("--json", action="store_true", help="print the decisions as JSON")
    p.set_defaults(handler=_cmd_split)


COMMANDS: list[Callable[[Sub], None]] = [_add_split]
