"""The shared draft model every parsing stage reads and writes.

The stages run in order, each on the draft the one before left:

1. lines (:func:`split_lines`): every line and its content span, offsets kept true;
2. pieces (:mod:`reader.ingest.pieces`): each line classified (title, heading, byline,
   credit, marker, prose);
3. structure (:mod:`reader.ingest.structure`): articles, their metadata and body units;
4. repairs (:mod:`reader.ingest.repair`): duplicates, breaks, interleaved sections,
   orphan fragments, flags.

Where the page can be read two ways, a stage weighs both readings on the page's evidence
and records a :class:`~reader.ingest.model.Decision` in :attr:`Draft.decisions`; a
reader's override (``Draft.overrides``, by decision key) wins over the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from reader.ingest import patterns as pt
from reader.ingest.model import JOINED, Article, Decision, DecisionKind, Span, confidence

# --- lines ---------------------------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Line:
    index: int
    start: int  # content start (leading whitespace skipped)
    end: int  # content end (trailing whitespace skipped)
    text: str  # the content

    @property
    def blank(self) -> bool:
        return self.start >= self.end


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for i, chunk in enumerate(_line_chunks(text)):
        raw_end = pos + len(chunk)
        s, e = pos, raw_end
        while s < e and text[s] in pt.WS:
            s += 1
        while e > s and text[e - 1] in pt.WS:
            e -= 1
        lines.append(Line(i, s, e, text[s:e]))
        pos = raw_end
        m = _NEWLINE.match(text, pos)
        if m:
            pos = m.end()
    return lines


def _line_chunks(text: str) -> Iterator[str]:
    pos = 0
    for m in _NEWLINE.finditer(text):
        yield text[pos : m.start()]
        pos = m.end()
    yield text[pos:]


PieceKind = Literal["h1", "h2", "h3", "bold", "byline", "credit", "marker", "text", "markup"]


@dataclass
class Piece:
    kind: PieceKind
    text: str  # display text, markup removed, whitespace folded
    spans: list[Span]
    names: list[str] = field(default_factory=list)  # byline / credit names
    marker: tuple[str, str] | None = None  # ("from"|"on", "第3版")

    @property
    def start(self) -> int:
        return self.spans[0][0]


def join_texts(a: str, b: str) -> str:
    """Concatenate two parts of one paragraph: CJK takes no space, nor does a number cut
    in two (8 | 17); two Latin words keep one."""
    if not a or not b:
        return a + b
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


# --- segmentation --------------------------------------------------------------------------


@dataclass(eq=False)
class Unit:
    """A body block while the page is being repaired."""

    type: Literal["heading", "paragraph", "caption"]
    text: str
    spans: list[Span]
    order: int  # position in page order; joins and moves keep the first part's
    art: Art
    flags: list[str] = field(default_factory=list)
    lead: bool = False  # starts with a dateline: never the tail of another paragraph
    before_marker: str | None = None  # a (下转…) marker follows it directly

    @property
    def start(self) -> int:
        return self.spans[0][0]


@dataclass(eq=False)
class Art(Article):
    """An article while the page is being split and repaired: body units, not blocks."""

    units: list[Unit] = field(default_factory=list)
    start: int = 0  # where it starts on the page, for ordering
    captions_open: bool = False  # after a photo credit, short lines are captions

    def body(self) -> list[Unit]:
        return [u for u in self.units if u.type != "heading"]

    def add_names(self, target: list[str], names: list[str]) -> None:
        for n in names:
            if n not in target:
                target.append(n)


def broken(u: Unit) -> bool:
    """A paragraph that stops mid-sentence (and no (下转…) marker explains why)."""
    return u.type == "paragraph" and u.before_marker is None and not pt.ends_sentence(u.text)


def remove_unit(u: Unit) -> int:
    """Take ``u`` out of its article; return where it was."""
    idx = next(i for i, v in enumerate(u.art.units) if v is u)
    del u.art.units[idx]
    return idx


def join_units(p: Unit, c: Unit) -> None:
    """Append ``c`` to paragraph ``p``: one paragraph broken by a page or column break."""
    p.text = join_texts(p.text, c.text)
    p.spans.extend(c.spans)
    if JOINED not in p.flags:
        p.flags.append(JOINED)
    p.before_marker = c.before_marker
    for f in c.flags:
        if f not in p.flags:
            p.flags.append(f)


@dataclass
class Draft:
    """The page while it is being parsed: its articles and the decisions taken on it."""

    text: str
    overrides: Mapping[str, str] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)

    def decide(
        self,
        kind: DecisionKind,
        spans: list[Span],
        weights: Mapping[str, float],
        evidence: list[str] | None = None,
        target: str | None = None,
    ) -> str:
        """Choose among readings by their evidence ``weights`` (>= 0), record the choice
        against the best other reading, and return it. An override for the decision's key
        wins when it names one of the readings."""
        ranked = sorted(weights.items(), key=lambda kv: -kv[1])
        chosen, best = ranked[0]
        alt, second = ranked[1] if len(ranked) > 1 else ("", 0.0)
        conf = confidence(best, second)
        d = Decision(kind, conf, list(spans), chosen, alt, list(evidence or []), target)
        forced = self.overrides.get(d.key)
        if forced is not None and forced in weights and forced != chosen:
            d.chosen, d.alternative = forced, chosen
            d.confidence = 1.0
            d.evidence.append("set by the reader")
        self.decisions.append(d)
        return d.chosen

    def overridden(self, kind: DecisionKind, spans: list[Span]) -> str | None:
        """The reading a reader forced for this decision, if any."""
        return self.overrides.get(f"{kind}@{spans[0][0] if spans else 0}")
