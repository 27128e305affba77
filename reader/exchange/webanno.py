"""W3C Web Annotation (JSON-LD) export.

The file is one ``AnnotationCollection`` whose single page holds, for every highlight,
an ``Annotation`` targeting the article (``urn:uuid:<article uuid>``) through a
``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector`` (offsets in
Unicode code points of the article text, as the model defines them). Notes are
``TextualBody`` bodies with purpose ``commenting``, tags bodies with purpose
``tagging``; the colour is a ``styleClass`` with a CSS stylesheet; the author is the
``creator``. An article note is an annotation on the whole article. Highlights a merge
could not place carry only the quote selector.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.exchange.collect import ExportArticle, load_articles
from reader.exchange.manifest import Manifest
from reader.exchange.report import (
    Cancel,
    ExportReport,
    Progress,
    never,
    no_progress,
    output_file,
)
from reader.store.ids import ArticleId
from reader.store.library import Library
from reader.store.location import refuse_library_file
from reader.store.views import HighlightView

CONTEXT = "http://www.w3.org/ns/anno.jsonld"

CSS_COLOURS = {
    "yellow": "#fff3a3",
    "green": "#c8f0c0",
    "blue": "#c4dcff",
    "red": "#ffc4c4",
    "purple": "#e2cdf7",
    "orange": "#ffd9a8",
}


def _urn(uuid: str) -> str:
    return f"urn:uuid:{uuid}"


def _creator(name: str) -> dict[str, str]:
    return {"type": "Person", "name": name}


def _source(a: ExportArticle) -> dict[str, Any]:
    src: dict[str, Any] = {"id": _urn(a.uuid), "type": "Text", "format": "text/plain"}
    if a.title:
        src["title"] = a.title
    return src


def _style_class(colour: str) -> str:
    return "pizhu-" + "".join(c if c.isalnum() else "-" for c in colour)


def annotation(a: ExportArticle, h: HighlightView) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if h.note:
        bodies.append(
            {
                "type": "TextualBody",
                "value": h.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        )
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in h.tags]
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix}
    ]
    if not h.orphaned:
        selectors.append({"type": "TextPositionSelector", "start": h.start, "end": h.end})
    anno: dict[str, Any] = {
        "id": _urn(h.uuid),
        "type": "Annotation",
        "motivation": "commenting" if h.note else "highlighting",
        "created": h.created_at,
        "modified": h.updated_at,
        "target": {
            "type": "SpecificResource",
            "source": _source(a),
            "selector": selectors,
            "styleClass": _style_class(h.colour),
        },
    }
    if h.author:
        anno["creator"] = _creator(h.author)
    if bodies:
        anno["body"] = bodies
    return anno


def note_annotation(a: ExportArticle) -> dict[str, Any]:
    anno: dict[str, Any] = {
        "id": _urn(a.uuid) + "#note",
        "type": "Annotation",
        "motivation": "commenting",
        "modified": a.note_updated_at,
        "body": [
            {
                "type": "TextualBody",
                "value": a.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        ],
        "target": _source(a),
    }
    if a.note_author:
        anno["creator"] = _creator(a.note_author)
    return anno


def collection(articles: Sequence[ExportArticle]) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    colours: set[str] = set()
    for a in articles:
        for h in a.highlights:
            items.append(annotation(a, h))
            colours.add(h.colour)
        if a.note:
            items.append(note_annotation(a))
    css = " ".join(
        f".{_style_class(c)} {{ background-color: {CSS_COLOURS.get(c, '#fff3a3')}; }}"
        for c in sorted(colours)
    )
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "Pizhu annotations",
        "total": len(items),
    }
    if css:
        out["stylesheet"] = {"type": "CssStylesheet", "value": css}
    out["first"] = {"type": "AnnotationPage", "startIndex": 0, "items": items}
    return out


def export_json(
    lib: Library,
    ids: Sequence[ArticleId],
    out: str | Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportReport:
    """Write the annotations of ``ids`` as one Web Annotation JSON-LD file ``out``."""
    progress = progress or no_progress
    target = output_file(out, "the JSON export")
    refuse_library_file(target, lib.path, "an export file")
    report = ExportReport("json")
    if (cancel or never)():
        report.cancelled = True
        return report
    articles = load_articles(lib, ids)
    report.articles = len(articles)
    report.highlights = sum(len(a.highlights) for a in articles)
    data = (json.dumps(collection(articles), ensure_ascii=False, indent=1) + "\n").encode()
    manifest = Manifest.load(target.parent)
    decision = manifest.decide(target.name, data, force)
    if decision == "kept":
        report.kept.append(target)
    else:
        if decision == "write":
            from reader.exchange.manifest import write_atomic

            write_atomic(target, data)
            report.written.append(target)
        else:
            report.unchanged.append(target)
        manifest.record(target.name, data, "")
        manifest.save()
    progress(1, 1)
    return report
