"""W3C Web Annotation (JSON-LD) export.

The file is one ``AnnotationCollection`` (with an ``id``) whose single ``AnnotationPage``
(with its own ``id``) holds, for every highlight, an ``Annotation`` targeting the
article (``urn:uuid:<article uuid>``, a plain-text ``Text`` resource in Chinese)
through a ``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector``
(offsets in Unicode code points of the article text, as the model defines them). Notes
are ``TextualBody`` bodies with purpose ``commenting``, tags bodies with purpose
``tagging``, all with ``language``; the colour is a ``styleClass`` on the target with
the CSS that paints it in the annotation's own ``stylesheet`` (the model puts the
stylesheet on the annotation that uses the class); the author is the ``creator`` and
Pizhu the ``generator``. The article's note and tags are one annotation on the whole
article. Highlights a merge could not place carry only the quote selector.

Every annotation carries ``@context`` so each stands alone when taken out of the
collection, and only terms of the anno.jsonld context are used (no ``title`` on the
source: the context does not define it).

The ids are derived from the articles' uuids, so exporting the same articles again
gives the same file.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader import __version__
from reader.exchange.collect import ExportArticle, Loaded
from reader.exchange.manifest import Manifest, write_atomic
from reader.exchange.report import (
    Cancel,
    ExportReport,
    Progress,
    never,
    no_progress,
    output_file,
)
from reader.store import palette
from reader.store.location import refuse_library_file
from reader.store.views import HighlightView

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LANGUAGE = "zh"
# The colours the window paints on a light theme: pink exports pink.
CSS_COLOURS = {s.key: s.light for s in palette.DEFAULT_PALETTE}
GENERATOR = {"type": "Software", "name": f"Pizhu {__version__}"}
_ID_SPACE = uuidlib.UUID("6b1f3c64-2f52-4b0e-9d8a-3d3f6c1a9e10")


def _urn(uuid: str) -> str:
    return f"urn:uuid:{uuid}"


def _creator(name: str) -> dict[str, str]:
    return {"type": "Person", "name": name}


def _source(a: ExportArticle) -> dict[str, Any]:
    return {"id": _urn(a.uuid), "type": "Text", "format": "text/plain", "language": LANGUAGE}


def style_class(colour: str) -> str:
    return "pizhu-" + "".join(c if c.isalnum() else "-" for c in colour)


def _css(colour: str) -> dict[str, str]:
    rule = f".{style_class(colour)} {{ background-color: {CSS_COLOURS.get(colour, '#ffe58a')}; }}"
    return {"type": "CssStylesheet", "value": rule}


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    return {
        "type": "TextualBody",
        "value": value,
        "format": "text/plain",
        "language": LANGUAGE,
        "purpose": purpose,
    }


def _bodies(note: str, tags: Sequence[str]) -> list[dict[str, Any]]:
    bodies = [_text_body(note, "commenting")] if note else []
    return bodies + [_text_body(t, "tagging") for t in tags]


def annotation(a: ExportArticle, h: HighlightView) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix}
    ]
    if not h.orphaned:
        selectors.append({"type": "TextPositionSelector", "start": h.start, "end": h.end})
    anno: dict[str, Any] = {
        "@context": CONTEXT,
        "id": _urn(h.uuid),
        "type": "Annotation",
        "motivation": "commenting" if h.note else "highlighting",
        "created": h.created_at,
        "modified": h.updated_at,
        "generator": GENERATOR,
        "stylesheet": _css(h.colour),
        "target": {
            "type": "SpecificResource",
            "source": _source(a),
            "selector": selectors,
            "styleClass": style_class(h.colour),
        },
    }
    if h.author:
        anno["creator"] = _creator(h.author)
    bodies = _bodies(h.note, h.tags)
    if bodies:
        anno["body"] = bodies
    return anno


def article_annotation(a: ExportArticle) -> dict[str, Any]:
    """The article's note (commenting) and tags (tagging) on the whole article."""
    anno: dict[str, Any] = {
        "@context": CONTEXT,
        "id": _urn(a.uuid) + "#article",
        "type": "Annotation",
        "motivation": "commenting" if a.note else "tagging",
        "generator": GENERATOR,
        "body": _bodies(a.note, a.tags),
        "target": _source(a),
    }
    if a.note and a.note_updated_at:
        anno["modified"] = a.note_updated_at
    if a.note and a.note_author:
        anno["creator"] = _creator(a.note_author)
    return anno


def collection(articles: Sequence[ExportArticle]) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for a in articles:
        items += [annotation(a, h) for h in a.highlights]
        if a.note or a.tags:
            items.append(article_annotation(a))
    name = str(uuidlib.uuid5(_ID_SPACE, ",".join(a.uuid for a in articles)))
    return {
        "@context": CONTEXT,
        "id": _urn(name),
        "type": "AnnotationCollection",
        "label": "Pizhu annotations",
        "total": len(items),
        "first": {
            "id": _urn(name) + "#page-1",
            "type": "AnnotationPage",
            "partOf": _urn(name),
            "startIndex": 0,
            "items": items,
        },
    }


def export_json(
    loaded: Loaded,
    out: str | Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportReport:
    """Write the annotations ``loaded`` (:func:`~reader.exchange.collect.load`) as one
    Web Annotation JSON-LD file ``out``."""
    progress = progress or no_progress
    target = output_file(out, "the JSON export")
    refuse_library_file(target, loaded.library, "an export file")
    report = ExportReport("json")
    if (cancel or never)():
        report.cancelled = True
        return report
    articles = loaded.articles
    report.articles = len(articles)
    report.highlights = loaded.highlights
    data = (json.dumps(collection(articles), ensure_ascii=False, indent=1) + "\n").encode()
    manifest = Manifest.load(target.parent)
    decision = manifest.decide(target.name, data, force)
    if decision == "kept":
        report.kept.append(target)
    else:
        if decision == "write":
            write_atomic(target, data)
            report.written.append(target)
        else:
            report.unchanged.append(target)
        manifest.record(target.name, data, "")
        manifest.save()
    progress(1, 1)
    return report
