"""Markdown summaries of annotated articles: one file per article, or one combined file.

Rendered through a Jinja2 template (``reader.exchange.templates``; the default is
``resources/templates/markdown.md.j2``). By default each article starts with YAML front
matter (title, paper, date, page, authors, tags, source, pizhu_id, citation), then its
title and GB/T 7714 citation, its highlights in reading order as blockquotes with the
colour and its meaning, the note and ``#tags``, then the highlights a merge could not
place, then the article note under a "Note" heading that names its author. A single-file
export has one front matter and a section per article.

User text (titles, quotes, notes, tag names, even colour names) never becomes Markdown
or HTML structure: punctuation is escaped where CommonMark would read it as markup
(``reader.exchange.mdescape``), and front-matter values are JSON strings, which YAML
reads as double-quoted scalars with every line break escaped. Files are named
``YYYY-MM-DD 第N版 title.md`` when the page tells its date and page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import text

from reader.errors import KnownError
from reader.exchange.collect import ExportArticle, Loaded, load
from reader.exchange.filenames import NameAllocator, name_key, safe_name
from reader.exchange.manifest import MANIFEST, Manifest, write_atomic
from reader.exchange.report import (
    Cancel,
    ExportReport,
    Progress,
    never,
    no_progress,
    output_file,
)
from reader.exchange.templates import Template, load_template
from reader.store import palette, reading
from reader.store.ids import HighlightId
from reader.store.location import refuse_library_file
from reader.store.unit import Unit


def default_meanings() -> dict[str, str]:
    """What each highlight colour means before a library renames any (重要, 疑问…)."""
    return {s.key: s.label for s in palette.DEFAULT_PALETTE}


def render_article(
    a: ExportArticle, meanings: Mapping[str, str] | None = None, template: Template | None = None
) -> str:
    """One article as a Markdown file with YAML front matter."""
    meanings = default_meanings() if meanings is None else meanings
    return (template or load_template()).render([a], meanings, single=False)


def render_combined(
    articles: Sequence[ExportArticle],
    meanings: Mapping[str, str] | None = None,
    template: Template | None = None,
) -> str:
    """Several articles in one file: one front matter, then a section per article."""
    meanings = default_meanings() if meanings is None else meanings
    return (template or load_template()).render(articles, meanings, single=True)


def file_stem(a: ExportArticle) -> str:
    """``YYYY-MM-DD 第N版 title``, with the parts the page file tells."""
    title = " ".join((a.title or "").split()) or "untitled"
    edition = f"第{a.page}版" if a.page else ""
    return " ".join(x for x in (a.date, edition, title) if x)


def export_markdown(
    loaded: Loaded,
    out: str | Path,
    *,
    single_file: bool = False,
    force: bool = False,
    meanings: Mapping[str, str] | None = None,
    template: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportReport:
    """Write Markdown summaries of the articles ``loaded`` (:func:`~reader.exchange.collect.load`)
    to the folder ``out`` (or the file ``out``).

    Files changed by the user since the last export are kept unless ``force``; the
    report lists them. Cancelling stops between files: files written so far stay and
    the manifest records them.
    """
    progress = progress or no_progress
    cancel = cancel or never
    refuse_library_file(out, loaded.library, "an export file")
    if meanings is None:  # the library's own labels, as its users renamed them
        meanings = loaded.meanings
    target = Path(out)
    chosen = load_template(template)  # a broken template fails before anything is written
    report = ExportReport("markdown")
    report.articles = len(loaded.articles)
    report.highlights = loaded.highlights
    # A story printed in parts is one file (one section), its parts in reading order.
    articles = loaded.stories
    if single_file:
        output_file(target, "--single-file")
        manifest = Manifest.load(target.parent)
        data = render_combined(articles, meanings, chosen).encode("utf-8")
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
        ext = chosen.extension
        if name is None or name not in keep or not _same_key(name, file_stem(a), ext):
            name = names.allocate(file_stem(a), ext)
        data = render_article(a, meanings, chosen).encode("utf-8")
        _put(manifest, name, data, a.uuid, force, report)
        progress(done + 1, total)
    manifest.save()
    return report


def _same_key(name: str, stem: str, ext: str) -> bool:
    """Whether an earlier file name still fits the article (title unchanged)."""
    base = safe_name(stem, ext)
    key, ours, tail = name_key(name), name_key(base), name_key(ext)
    stem_key = ours[: len(ours) - len(tail)]
    return key == ours or (key.startswith(stem_key + " (") and key.endswith(")" + tail))


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


def load_highlights(tx: Unit, highlight_ids: Sequence[HighlightId]) -> Loaded:
    """The chosen highlights (the notebook's selection) under their articles, in library
    order; a negative id chooses the note of the article with that id."""
    wanted = {h for h in highlight_ids if h > 0}
    notes = {-h for h in highlight_ids if h < 0}
    owners = {
        int(r[0])
        for lo in range(0, len(highlight_ids), 500)
        for r in tx.conn.execute(
            text(
                "SELECT DISTINCT article_id FROM highlights WHERE id IN "
                f"({','.join(str(int(h)) for h in highlight_ids[lo : lo + 500])})"
            )
        )
    } | notes
    loaded = load(tx, [a for a in reading.article_ids(tx) if a in owners])
    articles = [
        replace(
            a,
            highlights=tuple(h for h in a.highlights if h.id in wanted),
            note=a.note if a.id in notes else "",
        )
        for a in loaded.articles
    ]
    return replace(loaded, articles=articles, parts_of={})  # by highlight, not by story


def export_highlights(
    loaded: Loaded, out: str | Path, *, template: str | None = None
) -> ExportReport:
    """Write the highlights ``loaded`` (:func:`load_highlights`) to one Markdown file,
    grouped under their articles."""
    target = output_file(out, "the export")
    chosen = load_template(template)
    articles = loaded.articles
    data = render_combined(articles, loaded.meanings, chosen).encode("utf-8")
    write_atomic(target, data)
    report = ExportReport("markdown", len(articles), sum(len(a.highlights) for a in articles))
    report.written.append(target)
    return report
