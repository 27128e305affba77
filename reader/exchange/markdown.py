"""Markdown summaries of annotated articles: one file per article, or one combined file.

Each article starts with YAML front matter (title, paper, date, page, authors, tags,
source, pizhu_id), then its highlights in reading order as blockquotes with the colour
and its meaning, the note and ``#tags``, then the highlights a merge could not place,
then the article note under a "Note" heading that names its author.

User text (titles, quotes, notes, tag names, even colour names) never becomes Markdown
or HTML structure: every ASCII punctuation character that CommonMark gives a meaning is
backslash-escaped, indentation is dropped (no code blocks), control characters are
removed, and front-matter values are JSON strings, which YAML reads as double-quoted
scalars with every line break escaped.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from reader.errors import KnownError
from reader.exchange.collect import ExportArticle, load_articles
from reader.exchange.filenames import NameAllocator, name_key
from reader.exchange.manifest import MANIFEST, Manifest, write_atomic
from reader.exchange.report import (
    Cancel,
    ExportReport,
    Progress,
    never,
    no_progress,
    output_file,
)
from reader.store import palette
from reader.store.ids import ArticleId
from reader.store.library import Library
from reader.store.location import refuse_library_file
from reader.store.views import HighlightView


def default_meanings() -> dict[str, str]:
    """What each highlight colour means before a library renames any (重要, 疑问…)."""
    return {s.key: s.label for s in palette.DEFAULT_PALETTE}


_ESCAPED = frozenset("\\`*_{}[]()<>#+-.!|~&=:$%^")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x85\u2028\u2029]")
_HSPACE = re.compile(r"[ \t]+")


def _clean(text: str) -> str:
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text)).replace("\x0c", "")


def inline(text: str) -> str:
    """One line of user text as literal Markdown (line breaks become spaces)."""
    flat = _HSPACE.sub(" ", _clean(text).replace("\n", " ")).strip(" \t")
    return "".join("\\" + c if c in _ESCAPED else c for c in flat)


def lines(text: str) -> list[str]:
    """User text as literal Markdown lines; runs of blank lines become one empty line."""
    out: list[str] = []
    for raw in _clean(text).split("\n"):
        line = inline(raw)
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")
    while out and not out[-1]:
        out.pop()
    return out


def yaml_value(value: object) -> str:
    """A JSON rendering that YAML 1.1 and 1.2 read back as the same value."""
    encoded = json.dumps(value, ensure_ascii=False)
    return "".join(
        f"\\u{ord(c):04x}"
        if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co") or c == "\x85"
        else c
        for c in encoded
    )


def front_matter(a: ExportArticle) -> list[str]:
    fields: list[tuple[str, object]] = [
        ("title", a.title),
        ("paper", a.paper),
        ("date", a.date),
        ("page", a.page),
        ("authors", list(a.authors)),
        ("tags", list(a.tags)),
        ("source", a.source),
        ("pizhu_id", a.uuid),
    ]
    return [f"{k}: {yaml_value(v)}" for k, v in fields]


def tag_word(name: str) -> str:
    """``#name`` with spaces as underscores and the rest escaped."""
    return "#" + inline("_".join(name.split()))


def _highlight(h: HighlightView, meanings: Mapping[str, str]) -> list[str]:
    out = [f"> {line}" if line else ">" for line in lines(h.exact)] or ["> …"]
    out.append("")
    label = [f"**{inline(h.colour)}**"]
    meaning = meanings.get(h.colour)
    if meaning:
        label.append(inline(meaning))
    if h.author:
        label.append(inline(h.author))
    out.append(" · ".join(label))
    note = lines(h.note)
    if note:
        out += ["", *note]
    if h.tags:
        out += ["", " ".join(tag_word(t) for t in h.tags)]
    out.append("")
    return out


def article_body(a: ExportArticle, level: int, meanings: Mapping[str, str]) -> list[str]:
    """The article's heading, highlights, orphans and note (no front matter)."""
    h1, h2 = "#" * level, "#" * (level + 1)
    out = [f"{h1} {inline(a.title or '') or 'Untitled'}", ""]
    placed = [h for h in a.highlights if not h.orphaned]
    orphans = [h for h in a.highlights if h.orphaned]
    if placed:
        out += [f"{h2} Highlights", ""]
        for h in placed:
            out += _highlight(h, meanings)
    if orphans:
        out += [f"{h2} Highlights not found in this text", ""]
        for h in orphans:
            out += _highlight(h, meanings)
    note = lines(a.note)
    if note:
        heading = f"{h2} Note · {inline(a.note_author)}" if a.note_author else f"{h2} Note"
        out += [heading, "", *note, ""]
    return out


def render_article(a: ExportArticle, meanings: Mapping[str, str] | None = None) -> str:
    meanings = default_meanings() if meanings is None else meanings
    """One article as a Markdown file with YAML front matter."""
    out = ["---", *front_matter(a), "---", "", *article_body(a, 1, meanings)]
    return "\n".join(out).rstrip("\n") + "\n"


def render_combined(
    articles: Sequence[ExportArticle], meanings: Mapping[str, str] | None = None
) -> str:
    """Several articles in one file; each article's front matter is a ```yaml block."""
    meanings = default_meanings() if meanings is None else meanings
    total = sum(len(a.highlights) for a in articles)
    out = [
        "---",
        f"title: {yaml_value('Pizhu export')}",
        f"articles: {len(articles)}",
        f"highlights: {total}",
        "---",
        "",
    ]
    for a in articles:
        body = article_body(a, 1, meanings)
        out += body[:2]  # the title and the blank line after it
        out += ["```yaml", *front_matter(a), "```", ""]
        out += body[2:]
    return "\n".join(out).rstrip("\n") + "\n"


def file_stem(a: ExportArticle) -> str:
    title = " ".join((a.title or "").split()) or "untitled"
    return f"{a.date} {title}" if a.date else title


def export_markdown(
    lib: Library,
    ids: Sequence[ArticleId],
    out: str | Path,
    *,
    single_file: bool = False,
    force: bool = False,
    meanings: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportReport:
    """Write Markdown summaries of ``ids`` to the folder ``out`` (or the file ``out``).

    Files changed by the user since the last export are kept unless ``force``; the
    report lists them. Cancelling stops between files: files written so far stay and
    the manifest records them.
    """
    progress = progress or no_progress
    cancel = cancel or never
    refuse_library_file(out, lib.path, "an export file")
    if meanings is None:  # the library's own labels, as its users renamed them
        meanings = {s.key: s.label for s in lib.highlight_colours()}
    target = Path(out)
    report = ExportReport("markdown")
    articles = load_articles(lib, ids)
    report.articles = len(articles)
    report.highlights = sum(len(a.highlights) for a in articles)
    if single_file:
        output_file(target, "--single-file")
        manifest = Manifest.load(target.parent)
        data = render_combined(articles, meanings).encode("utf-8")
        _put(manifest, target.name, data, "", force, report)
        manifest.save()
        progress(1, 1)
        return report
    if target.exists() and not target.is_dir():
        raise KnownError(f"{target}: exists and is not a folder")
    if not target.parent.is_dir():
        raise KnownError(f"{target}: the folder {target.parent} does not exist")
    target.mkdir(exist_ok=True)
    manifest = Manifest.load(target)
    present = {p.name for p in target.iterdir()}
    # Names already taken: the user's own files, and other articles' earlier exports.
    by_article = {a.uuid: manifest.name_for(a.uuid) for a in articles}
    keep = {n for n in by_article.values() if n is not None and n in present}
    names = NameAllocator({n for n in present if n not in keep} | {MANIFEST})
    for n in keep:
        names.reserve(n)
    total = len(articles)
    for done, a in enumerate(articles):
        if cancel():
            report.cancelled = True
            break
        name = by_article[a.uuid]
        if name is None or name not in keep or not _same_key(name, file_stem(a)):
            name = names.allocate(file_stem(a), ".md")
        _put(manifest, name, render_article(a, meanings).encode("utf-8"), a.uuid, force, report)
        progress(done + 1, total)
    manifest.save()
    return report


def _same_key(name: str, stem: str) -> bool:
    """Whether an earlier file name still fits the article (title unchanged)."""
    from reader.exchange.filenames import safe_name

    base = safe_name(stem, ".md")
    key, ours = name_key(name), name_key(base)
    return key == ours or (key.startswith(ours[:-3] + " (") and key.endswith(").md"))


def _put(
    manifest: Manifest, name: str, data: bytes, uuid: str, force: bool, report: ExportReport
) -> None:
    path = manifest.folder / name
    decision = manifest.decide(name, data, force)
    if decision == "kept":
        report.kept.append(path)
        return
    if decision == "write":
        write_atomic(path, data)
        report.written.append(path)
    else:
        report.unchanged.append(path)
    manifest.record(name, data, uuid)
