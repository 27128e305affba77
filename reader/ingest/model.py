"""What a parsed page is: articles made of blocks, each block tied to its source spans.

Offsets are code points into the decoded file text exactly as read (no newline
conversion), so a highlight or a repair can always be traced back to the page.
The JSON shape is the one documented in ``FORMAT.md``; extra fields are additive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]
BlockType = Literal["heading", "paragraph", "caption"]
ArticleKind = Literal["article", "photo", "fragment"]

# Flags a block can carry. They are advisory: the reader shows them, nothing depends on them.
TRUNCATED_END = "truncated_end"  # stops mid-sentence and nothing on the page continues it
TRUNCATED_START = "truncated_start"  # starts mid-sentence with no broken paragraph to finish
JOINED = "joined"  # repaired across a page/column break
MOVED = "moved"  # moved back to the article it belongs to (interleaved continuation)
MISPLACED = "misplaced"  # probably belongs elsewhere; kept in place for the user to move
GLUED_HEADING = "glued_heading"  # a section heading split off the paragraph it was glued to


@dataclass
class Block:
    type: BlockType
    text: str
    spans: list[Span]
    flags: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "text": self.text,
            "spans": [[s, e] for s, e in self.spans],
        }
        if self.flags:
            out["flags"] = sorted(set(self.flags))
            if TRUNCATED_END in self.flags or TRUNCATED_START in self.flags:
                out["truncated"] = True
        return out

    @property
    def start(self) -> int:
        return self.spans[0][0]


@dataclass
class Consumed:
    """A source range used as metadata or dropped on purpose, with the reason why."""

    span: Span
    reason: str  # title, byline, kicker, marker, credit, duplicate, blank-markup, …

    def to_json(self) -> dict[str, Any]:
        return {"span": [self.span[0], self.span[1]], "reason": self.reason}


@dataclass
class Article:
    title: str | None = None
    kind: ArticleKind = "article"
    kicker: str | None = None
    authors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    continued_from: str | None = None
    continued_on: str | None = None
    blocks: list[Block] = field(default_factory=list)
    consumed: list[Consumed] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": self.title,
            "kind": self.kind,
            "kicker": self.kicker,
            "authors": list(self.authors),
            "photographers": list(self.photographers),
            "continued_from": self.continued_from,
            "continued_on": self.continued_on,
            "blocks": [b.to_json() for b in self.blocks],
            "consumed": [[c.span[0], c.span[1]] for c in self.consumed],
            "consumed_reasons": [c.reason for c in self.consumed],
        }
        if self.flags:
            out["flags"] = sorted(set(self.flags))
        return out

    @property
    def text(self) -> str:
        """The article's body as the reader shows it: blocks separated by blank lines."""
        return "\n\n".join(b.text for b in self.blocks)


DecisionKind = Literal["join", "title_role", "orphan", "interleaved"]

# Below this confidence a decision is doubtful: the app marks it for the reader to check.
DOUBTFUL = 0.75


@dataclass
class Decision:
    """One place where the page could be read two ways, and which way the parser took.

    Shape (stable; the window's check-the-split view and the share files rely on it)::

        {"kind": "join", "confidence": 0.62, "spans": [[s, e], [s2, e2]],
         "chosen": "apart", "alternative": "join",
         "key": "join@1234", "doubtful": true, "evidence": ["…", …]}

    ``confidence`` is in [0.5, 1]: how much the evidence favours ``chosen`` over
    ``alternative`` (0.5: a coin toss). ``spans`` are source offsets like a block's.
    ``key`` (``kind@first span start``) names the decision across re-parses of the same
    page; passing ``{key: alternative}`` as ``overrides`` to the parser flips it.
    ``evidence`` is readable and advisory. Kinds and their two values:

    ``join``
        A paragraph that stops mid-sentence, and a later block that may continue it.
        spans: the broken paragraph's last part, then the candidate's first part.
        Values ``"join"`` (one paragraph) / ``"apart"`` (the first stays truncated).
    ``title_role``
        A heading line (``#``, ``##``, ``【…】``) that may play several roles.
        spans: the line. Values ``"title"`` (opens an article), ``"title_part"``
        (second line of a two-line title, joined to the title above), ``"kicker"``
        (labels the article), ``"section"`` (a section heading inside it),
        ``"photo_title"`` (titles the photo story before it).
    ``orphan``
        A run of paragraphs inside an article that may be another story's.
        spans: the run's spans. Values ``"fragment"`` (an untitled article of its own)
        / ``"own"`` (stays in its article).
    ``interleaved``
        A section printed inside a later article that may continue an earlier one.
        spans: the section's spans. Values ``"move_back"`` / ``"in_place"``; the
        extra field ``target`` names the earlier article's title.
    """

    kind: DecisionKind
    confidence: float
    spans: list[Span]
    chosen: str
    alternative: str
    evidence: list[str] = field(default_factory=list)
    target: str | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}@{self.spans[0][0] if self.spans else 0}"

    @property
    def doubtful(self) -> bool:
        return self.confidence < DOUBTFUL

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "confidence": round(self.confidence, 3),
            "spans": [[s, e] for s, e in self.spans],
            "chosen": self.chosen,
            "alternative": self.alternative,
            "key": self.key,
            "doubtful": self.doubtful,
            "evidence": list(self.evidence),
        }
        if self.target is not None:
            out["target"] = self.target
        return out


def confidence(chosen: float, alternative: float) -> float:
    """Confidence in [0.5, 1] from the evidence weights of the two readings (>= 0)."""
    total = chosen + alternative
    if total <= 0:
        return 0.5
    return max(0.5, min(1.0, chosen / total))


@dataclass
class SourceInfo:
    path: str
    sha256: str
    encoding: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "encoding": self.encoding}


@dataclass
class ParsedPage:
    source: SourceInfo
    text: str  # the decoded page, so spans can be checked and shown
    articles: list[Article]
    consumed: list[Consumed] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source.to_json(),
            "articles": [a.to_json() for a in self.articles],
            "consumed": [[c.span[0], c.span[1]] for c in self.consumed],
            "consumed_detail": [c.to_json() for c in self.consumed],
            "decisions": [d.to_json() for d in self.decisions],
        }
