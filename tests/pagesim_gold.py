"""The simulator's records: the gold a page is scored on, and the lines it prints."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(eq=False)
class GBlock:
    type: str
    text: str


@dataclass(eq=False)
class GArticle:
    title: str | None
    kind: str = "article"
    kicker: str | None = None
    authors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    continued_from: str | None = None
    continued_on: str | None = None
    blocks: list[GBlock] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "kind": self.kind,
            "kicker": self.kicker,
            "authors": self.authors,
            "photographers": self.photographers,
            "continued_from": self.continued_from,
            "continued_on": self.continued_on,
            "blocks": [{"type": b.type, "text": b.text} for b in self.blocks],
        }


@dataclass(eq=False)
class Chunk:
    """One printed line (or block of text) and the gold block it prints, if any."""

    text: str
    role: str  # title, meta, heading, para, lead, caption, credit
    art: GArticle
    block: GBlock | None = None


@dataclass
class SimPage:
    text: str
    gold: dict[str, Any]
    habits: set[int]

    def write(self, folder: Path, name: str) -> Path:
        page = folder / f"{name}.txt"
        page.write_bytes(self.text.encode("utf-8"))
        self.gold["source"] = page.name
        (folder / f"{name}.gold.json").write_text(
            json.dumps(self.gold, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        return page


def printed_prefix(printed: str, gold: str) -> str:
    """The printed line cut where its gold text was cut (a dateline may carry ``**``;
    a heading glued before the paragraph is printed whole, not counted as its text)."""
    lead = next(
        (k for k in range(len(printed)) if printed[k:].replace("**", "").startswith(gold[:12])),
        0,
    )
    return printed[:lead] + _prefix(printed[lead:], gold)


def _prefix(printed: str, gold: str) -> str:
    i = kept = 0
    while kept < len(gold):
        if printed.startswith("**", i):
            i += 2
            continue
        i += 1
        kept += 1
    return printed[:i]
