"""Web Annotation JSON-LD export."""

from __future__ import annotations

import json
from pathlib import Path

from reader.exchange.webanno import CONTEXT, export_json
from reader.store.library import Library


def test_collection_with_selectors_bodies_and_creator(lib: Library, tmp_path: Path) -> None:
    out = tmp_path / "annotations.json"
    report = export_json(lib, lib.article_ids(), out)
    assert report.ok and report.highlights == 3
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"] == CONTEXT and doc["type"] == "AnnotationCollection"
    items = doc["first"]["items"]
    assert doc["total"] == len(items) == 4  # three highlights and one article note
    texts = {a: lib.get_article(a).text for a in lib.article_ids()}
    by_id = {i["id"]: i for i in items}
    first = by_id["urn:uuid:11111111-1111-4111-8111-111111111111"]
    assert first["type"] == "Annotation" and first["creator"] == {
        "type": "Person",
        "name": "测试者",
    }
    quote, position = first["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
    body = texts[lib.article_ids()[0]]
    assert body[position["start"] : position["end"]] == quote["exact"]
    assert body[: position["start"]].endswith(quote["prefix"])
    assert body[position["end"] :].startswith(quote["suffix"])
    purposes = sorted(b["purpose"] for b in first["body"])
    assert purposes == ["commenting", "tagging", "tagging"]
    assert {b["value"] for b in first["body"] if b["purpose"] == "tagging"} == {
        "民生 服务",
        "#<b>x</b>",
    }
    assert first["target"]["source"]["id"] == "urn:uuid:00000000-0000-4000-8000-000000000001"
    assert by_id["urn:uuid:22222222-2222-4222-8222-222222222222"]["creator"]["name"] == "王编辑"
    plain = by_id["urn:uuid:33333333-3333-4333-8333-333333333333"]
    assert plain["motivation"] == "highlighting" and "body" not in plain
    note = by_id["urn:uuid:00000000-0000-4000-8000-000000000001#note"]
    assert note["target"]["id"].startswith("urn:uuid:") and note["motivation"] == "commenting"
    assert note["creator"] == {"type": "Person", "name": "测试者"}
    assert ".pizhu-yellow" in doc["stylesheet"]["value"]
