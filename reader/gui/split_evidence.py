"""The parser's evidence for a decision, in the window's language.

The parser (``reader.ingest``) writes its evidence in English; these are the phrases it
uses today, each through :func:`tr`. A phrase the parser learns later is shown as it
comes until it is added here.
"""

from __future__ import annotations

import re

from reader.gui.i18n import tr


def _fixed() -> dict[str, str]:
    return {
        "a byline, dateline, credit or marker follows": tr(
            "a byline, dateline, credit or marker follows"
        ),
        "a column label follows it": tr("a column label follows it"),
        "a column label right above the title of the story that follows": tr(
            "a column label right above the title of the story that follows"
        ),
        "a photo credit follows": tr("a photo credit follows"),
        "between the title and the byline": tr("between the title and the byline"),
        "first ## right after a photo credit": tr("first ## right after a photo credit"),
        "it closes the article": tr("it closes the article"),
        "it ends inside a word this block does not finish": tr(
            "it ends inside a word this block does not finish"
        ),
        "it starts mid-sentence": tr("it starts mid-sentence"),
        "it starts mid-word": tr("it starts mid-word"),
        "no word runs across the junction": tr("no word runs across the junction"),
        "right above a # title": tr("right above a # title"),
        "right under a title": tr("right under a title"),
        "right under another # title, nothing between": tr(
            "right under another # title, nothing between"
        ),
        "set by the reader": tr("set by the reader"),
        "shaped like the article's other section headings": tr(
            "shaped like the article's other section headings"
        ),
        "short text and a photo credit follow": tr("short text and a photo credit follow"),
        "the next block": tr("the next block"),
        "a block further on": tr("a block further on"),
        "story too short to weigh": tr("story too short to weigh"),
        "the next block of the same story": tr("the next block of the same story"),
        "the next block of the same story, no opening words": tr(
            "the next block of the same story, no opening words"
        ),
        "the paragraph before it breaks off with nothing to finish it": tr(
            "the paragraph before it breaks off with nothing to finish it"
        ),
        "the photo ahead has its title after its credit": tr(
            "the photo ahead has its title after its credit"
        ),
        "the earlier story breaks off mid-sentence": tr(
            "the earlier story breaks off mid-sentence"
        ),
        # phrases of the parser in the works (h-parser)
        "a dictionary word may run across the junction": tr(
            "a dictionary word may run across the junction"
        ),
        "it follows the block that finishes the earlier story's broken sentence": tr(
            "it follows the block that finishes the earlier story's broken sentence"
        ),
        "it is only the end of a sentence": tr("it is only the end of a sentence"),
        "its first hanzi ends a word the block before does not begin": tr(
            "its first hanzi ends a word the block before does not begin"
        ),
        "the block right before a section that goes back to the broken story": tr(
            "the block right before a section that goes back to the broken story"
        ),
        "the first block of a section going back to the broken story": tr(
            "the first block of a section going back to the broken story"
        ),
    }


def _patterns() -> list[tuple[str, str]]:
    """(pattern with groups, translated template with %1, %2…)."""
    return [
        (r"its words against the story's own: (\S+)", tr("its words against the story's own: %1")),
        (
            r"its heading is printed like the earlier story's \((.+)\)",
            tr("its heading is printed like the earlier story's (%1)"),
        ),
        (
            r"the junction reads as one word or number \((.+)\)",
            tr("the junction reads as one word or number (%1)"),
        ),
        (
            r"p ends a section unlike its story; the block against that section: (\S+)",
            tr("the paragraph ends a section unlike its story; the block against that section: %1"),
        ),
        (
            r"words shared with the earlier story (\S+), with its host (\S+)",
            tr("words shared with the earlier story %1, with its host %2"),
        ),
        (
            r"words shared with that story (\S+), with its host (\S+)",
            tr("words shared with that story %1, with its host %2"),
        ),
        (r"it names what the story names: (.+)", tr("it names what the story names: %1")),
    ]


def evidence_label(text: str) -> str:
    """One line of the parser's evidence in the window's language."""
    fixed = _fixed().get(text)
    if fixed is not None:
        return fixed
    for pattern, template in _patterns():
        m = re.fullmatch(pattern, text)
        if m is not None:
            out = template
            for i, value in enumerate(m.groups(), start=1):
                out = out.replace(f"%{i}", value)
            return out
    return text
