"""A page with doubtful decisions, and a parser that records them, for the split-fix tests.

Today's parser records no decisions; this one adds the ones the split view acts on,
named as FORMAT.md's ``decisions`` list names them, so the tests hold before and after
the parser learns to record its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.ingest import ParsedPage, SourceInfo, parse_text

PAGE = """\
# 青城公园新增十二处便民驿站

●本报记者 王晓

本报讯(记者 王晓)记者从市园林局了解到,今年全市公园新增便民驿站十二处,提供饮水、充电和休

息服务,PM2.5监测屏同步上线。

**驿站服务 贴心周到**

市民张女士说:“带孩子来公园方便多了。”

# 呼和浩特地铁3号线试运行

●本报记者 李青

本报讯(记者 李青)呼和浩特市地铁3号线今日开始试运行,全长21.5公里,设站15座。

沿线居民表示出行更方便了。
"""


def decisions_for(page: ParsedPage) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for art in page.articles:
        for b in art.blocks:
            if len(b.spans) > 1:
                out.append(
                    {
                        "kind": "join",
                        "confidence": 0.55,
                        "spans": [list(b.spans[0]), list(b.spans[1])],
                        "chosen": "join",
                        "alternative": "truncated",
                    }
                )
            elif b.type == "heading":
                out.append(
                    {
                        "kind": "title_role",
                        "confidence": 0.95,
                        "spans": [list(b.spans[0])],
                        "chosen": "section",
                        "alternative": "title",
                    }
                )
        moved = [b for b in art.blocks if "moved" in b.flags]
        if moved:  # an interleaved section the parser moved back
            out.append(
                {
                    "kind": "interleaved",
                    "confidence": 0.7,
                    "spans": [list(sp) for b in moved for sp in b.spans],
                    "chosen": "moved",
                    "alternative": "in_place",
                }
            )
        if art.kind == "fragment" and art.title is None:
            out.append(
                {
                    "kind": "orphan",
                    "confidence": 0.65,
                    "spans": [list(sp) for b in art.blocks for sp in b.spans],
                    "chosen": "fragment",
                    "alternative": "own",
                }
            )
    for art in page.articles[1:]:
        line = next((c.span for c in art.consumed if c.reason == "title"), None)
        if line is None:
            continue
        out.append(
            {
                "kind": "title_role",
                "confidence": 0.6,
                "spans": [list(line)],
                "chosen": "title",
                "alternative": "section",
            }
        )
    return out


def parser_with_decisions(text: str, source: SourceInfo) -> ParsedPage:
    page = parse_text(text, source)
    setattr(page, "decisions", decisions_for(page))  # noqa: B010 - the field the new parser adds
    return page


def write_page(folder: Path, name: str = "晚报-2026-03-01-第2版.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(PAGE, encoding="utf-8")
    return path
