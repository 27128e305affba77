"""How far colleagues agree, after their annotations were merged into one library.

A *code* is a tag (with the tags nested under it) or a highlight colour (its meaning).
Two levels are compared, both from highlights, which carry their author:

* article level: an author who highlighted anything in an article has coded it; the
  value is whether one of the author's highlights there carries the code;
* span level: every character of such an article is a unit; the value is whether one
  of the author's highlights with the code covers it (runs of characters coded alike
  are weighed by their length).

Authors who did not annotate an article are missing there, not "no". Two authors get
Cohen's kappa (over the articles both coded) and Krippendorff's alpha; more get alpha.
Article-level tags are not attributed to anyone in the library and are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, select

from reader.analysis.reliability import cohen_kappa, krippendorff_alpha, pairable
from reader.store import palette, tagging
from reader.store.errors import NotFoundError
from reader.store.ids import TagId
from reader.store.models import ArticleRow, HighlightRow, HighlightTag, TagRow


@dataclass(frozen=True)
class Mark:
    article_id: int
    author: str
    start: int
    end: int
    colour: str
    tags: frozenset[int]
    placed: bool  # False for orphans: their offsets mean nothing


@dataclass(frozen=True)
class Code:
    kind: str  # "tag" or "colour"
    name: str  # tag label or colour meaning
    key: frozenset[int] | str  # the tag's subtree, or the colour key

    def applies(self, mark: Mark) -> bool:
        if isinstance(self.key, str):
            return mark.colour == self.key
        return bool(self.key & mark.tags)

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.name}"


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass(frozen=True)
class Figures:
    items: int
    kappa: float | None
    alpha: float | None

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "kappa": _round(self.kappa), "alpha": _round(self.alpha)}


@dataclass(frozen=True)
class Disagreement:
    article_id: int
    level: str  # "article" or "span"
    start: int  # span level: the characters concerned; article level: 0, 0
    end: int
    coded_by: tuple[str, ...]
    not_by: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "coded_by": list(self.coded_by),
            "not_by": list(self.not_by),
        }


@dataclass
class CodeReport:
    code: Code
    article: Figures
    span: Figures
    disagreements: list[Disagreement] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code.name,
            "kind": self.code.kind,
            "article": self.article.to_json(),
            "span": self.span.to_json(),
            "disagreements": len(self.disagreements),
        }


@dataclass
class Report:
    authors: list[str]
    codes: list[CodeReport]

    def to_json(self) -> dict[str, Any]:
        return {"authors": self.authors, "codes": [c.to_json() for c in self.codes]}


def _marks(conn: Connection) -> list[Mark]:
    tags: dict[int, set[int]] = defaultdict(set)
    for hid, tid in conn.execute(
        select(HighlightTag.highlight_id, HighlightTag.tag_id)
        .join(HighlightRow, HighlightRow.id == HighlightTag.highlight_id)
        .where(HighlightRow.deleted.is_(False))
    ):
        tags[int(hid)].add(int(tid))
    rows = conn.execute(
        select(
            HighlightRow.id,
            HighlightRow.article_id,
            HighlightRow.author,
            HighlightRow.start,
            HighlightRow.end,
            HighlightRow.colour,
            HighlightRow.orphaned,
        ).where(HighlightRow.deleted.is_(False), HighlightRow.author != "")
    )
    return [
        Mark(int(r[1]), r[2], int(r[3]), int(r[4]), r[5], frozenset(tags[int(r[0])]), not r[6])
        for r in rows
    ]


def codes(conn: Connection, tag: str | None = None) -> list[Code]:
    """Every tag and colour meaning, or just ``tag`` (with its nested tags)."""
    if tag is not None:
        root = tagging.find(conn, tag)
        if root is None:
            raise NotFoundError(f"no tag named {tag!r}")
        name = conn.execute(select(TagRow.name).where(TagRow.id == root)).scalar_one()
        return [Code("tag", name, frozenset(tagging.subtree(conn, root)))]
    out = [
        Code("tag", str(name), frozenset(tagging.subtree(conn, TagId(tid))))
        for tid, name in conn.execute(select(TagRow.id, TagRow.name).order_by(TagRow.name))
    ]
    out += [Code("colour", s.label, s.key) for s in palette.read(conn)]
    return out


def _segments(marks: Sequence[Mark], length: int) -> list[tuple[int, int]]:
    cuts = {0, length}
    for m in marks:
        cuts.add(max(0, min(m.start, length)))
        cuts.add(max(0, min(m.end, length)))
    points = sorted(cuts)
    return [(a, b) for a, b in pairwise(points) if b > a]


def _merge_runs(runs: list[Disagreement]) -> list[Disagreement]:
    out: list[Disagreement] = []
    for d in runs:
        last = out[-1] if out else None
        if (
            last is not None
            and last.end == d.start
            and (last.coded_by, last.not_by) == (d.coded_by, d.not_by)
        ):
            out[-1] = Disagreement(d.article_id, "span", last.start, d.end, d.coded_by, d.not_by)
        else:
            out.append(d)
    return out


def compare(
    code: Code,
    authors: Sequence[str],
    marks_by_article: dict[int, list[Mark]],
    lengths: dict[int, int],
) -> CodeReport:
    """Agreement on one code among ``authors`` (pure: marks and text lengths in)."""
    art_units: list[tuple[list[bool | None], float]] = []
    span_units: list[tuple[list[bool | None], float]] = []
    found: list[Disagreement] = []
    for article_id, marks in sorted(marks_by_article.items()):
        coders = {m.author for m in marks}
        if sum(a in coders for a in authors) < 2:
            continue
        applied = {m.author for m in marks if code.applies(m)}
        values: list[bool | None] = [(a in applied) if a in coders else None for a in authors]
        art_units.append((values, 1.0))
        present = [a for a in authors if a in coders]
        if 0 < len(applied & set(present)) < len(present):
            found.append(
                Disagreement(
                    article_id,
                    "article",
                    0,
                    0,
                    tuple(a for a in present if a in applied),
                    tuple(a for a in present if a not in applied),
                )
            )
        coding = [m for m in marks if m.placed and code.applies(m)]
        runs: list[Disagreement] = []
        for s, e in _segments(coding, lengths.get(article_id, 0)):
            covering = {m.author for m in coding if m.start <= s and e <= m.end}
            span_units.append(
                ([(a in covering) if a in coders else None for a in authors], float(e - s))
            )
            yes = tuple(a for a in present if a in covering)
            if 0 < len(yes) < len(present):
                no = tuple(a for a in present if a not in covering)
                runs.append(Disagreement(article_id, "span", s, e, yes, no))
        found += _merge_runs(runs)
    return CodeReport(code, _figures(art_units, authors), _figures(span_units, authors), found)


def _figures(units: list[tuple[list[bool | None], float]], authors: Sequence[str]) -> Figures:
    kappa = None
    if len(authors) == 2:
        both = [(v[0], v[1], w) for v, w in units if v[0] is not None and v[1] is not None]
        kappa = cohen_kappa(both)
    alpha = krippendorff_alpha(units)
    items = pairable(units)
    return Figures(items, kappa, alpha)


def report(
    conn: Connection, tag: str | None = None, authors: Sequence[str] | None = None
) -> Report:
    marks = _marks(conn)
    everyone = sorted({m.author for m in marks})
    chosen = list(authors) if authors else everyone
    by_article: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        if m.author in chosen:
            by_article[m.article_id].append(m)
    lengths: dict[int, int] = {}
    ids = sorted(by_article)
    for i in range(0, len(ids), 500):
        # The length in characters: the stored text is UTF-16 bytes (its SQL length()
        # counts those), so it is read through the column's type.
        lengths.update(
            (int(a), len(body))
            for a, body in conn.execute(
                select(ArticleRow.id, ArticleRow.text).where(ArticleRow.id.in_(ids[i : i + 500]))
            )
        )
    return Report(chosen, [compare(c, chosen, by_article, lengths) for c in codes(conn, tag)])
