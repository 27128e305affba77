"""Web Annotation JSON-LD export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from reader import __version__
from reader.exchange.collect import load
from reader.exchange.webanno import CONTEXT, export_json
from reader.store.library import Library


def test_collection_with_selectors_bodies_and_creator(lib: Library, tmp_path: Path) -> None:
    out = tmp_path / "annotations.json"
    report = export_json(lib.read(load, lib.article_ids()), out)
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
    note = by_id["urn:uuid:00000000-0000-4000-8000-000000000001#article"]
    assert note["target"]["id"].startswith("urn:uuid:") and note["motivation"] == "commenting"
    assert note["creator"] == {"type": "Person", "name": "测试者"}
    assert ".pizhu-yellow" in first["stylesheet"]["value"]


# The terms of http://www.w3.org/ns/anno.jsonld (the Web Annotation Vocabulary's context)
# that a consumer resolves; any other key would be dropped by a JSON-LD processor.
ANNO_TERMS = frozenset(
    """@context id type motivation purpose created modified generated creator generator
    body bodyValue target source selector state styleClass stylesheet value format
    language processingLanguage textDirection exact prefix suffix start end name nickname
    email email_sha1 homepage label total first last next prev partOf items startIndex
    refinedBy renderedVia scope canonical via rights audience accessibility conformsTo
    sourceDate sourceDateStart sourceDateEnd cached""".split()
)
# Keys whose values are user data, not JSON-LD structure.
LITERALS = {"value", "exact", "prefix", "suffix", "name", "label"}


def keys(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for k, v in node.items():
            found.add(k)
            if k not in LITERALS:
                found |= keys(v)
    elif isinstance(node, list):
        for v in node:
            found |= keys(v)
    return found


def exported(lib: Library, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    out = tmp_path / "annotations.json"
    export_json(lib.read(load, lib.article_ids()), out)
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def is_uri(value: object) -> bool:
    return isinstance(value, str) and ":" in value and not any(c.isspace() for c in value)


def test_every_must_of_the_annotation_model(lib: Library, tmp_path: Path) -> None:
    doc = exported(lib, tmp_path)
    # 5.1 collection: @context, id (a URI), type; 5.2 page: id, type, items, partOf
    assert doc["@context"] == CONTEXT and is_uri(doc["id"])
    page = doc["first"]
    assert page["type"] == "AnnotationPage" and is_uri(page["id"]) and page["id"] != doc["id"]
    assert page["partOf"] == doc["id"] and doc["total"] == len(page["items"])
    for anno in page["items"]:
        # 3.1: each annotation stands alone: @context, a URI id, type, target
        assert anno["@context"] == CONTEXT and is_uri(anno["id"])
        assert anno["type"] == "Annotation" and "target" in anno
        assert not ("body" in anno and "bodyValue" in anno)
        # 4.4: a styleClass on a SpecificResource needs a stylesheet on the annotation itself
        target = anno["target"]
        if "styleClass" in target:
            assert "source" in target
            sheet = anno["stylesheet"]
            assert (
                sheet["type"] == "CssStylesheet" and f".{target['styleClass']} " in sheet["value"]
            )
        # 4.2.4 / 4.2.5 selectors
        for sel in target.get("selector", []):
            if sel["type"] == "TextPositionSelector":
                assert 0 <= sel["start"] <= sel["end"]
            else:
                assert sel["type"] == "TextQuoteSelector" and isinstance(sel["exact"], str)
        for when in ("created", "modified"):
            if when in anno:
                dt.datetime.fromisoformat(anno[when])
                assert anno[when][-6] in "+-" or anno[when].endswith("Z")
    assert keys(doc) <= ANNO_TERMS


def test_language_generator_and_chinese_sources(lib: Library, tmp_path: Path) -> None:
    items = exported(lib, tmp_path)["first"]["items"]
    for anno in items:
        assert anno["generator"] == {"type": "Software", "name": f"Pizhu {__version__}"}
        target = anno["target"]
        source = target.get("source", target)
        assert source["language"] == "zh" and "title" not in source
        for body in anno.get("body", []):
            assert body["type"] == "TextualBody" and body["language"] == "zh"


def test_article_tags_are_tagging_bodies_on_the_article(lib: Library, tmp_path: Path) -> None:
    items = exported(lib, tmp_path)["first"]["items"]
    article = next(i for i in items if i["id"].endswith("#article"))
    assert article["target"]["id"] == "urn:uuid:00000000-0000-4000-8000-000000000001"
    tagging = [b["value"] for b in article["body"] if b["purpose"] == "tagging"]
    commenting = [b["value"] for b in article["body"] if b["purpose"] == "commenting"]
    assert tagging == ["民生 服务"] and commenting == [
        "文章笔记:[见](http://example.com) <i>斜</i>"
    ]


def test_tags_alone_make_a_tagging_annotation(lib: Library, tmp_path: Path) -> None:
    second = lib.article_ids()[1]
    tag, _ = lib.ensure_tag("交通")
    lib.tag_article(second, tag)
    items = exported(lib, tmp_path)["first"]["items"]
    article = next(
        i for i in items if i["id"] == "urn:uuid:00000000-0000-4000-8000-000000000002#article"
    )
    assert article["motivation"] == "tagging" and "creator" not in article
    assert [b["value"] for b in article["body"]] == ["交通"]


def test_pink_exports_pink(lib: Library, tmp_path: Path) -> None:
    hid = lib.get_article(lib.article_ids()[1]).highlights[0].id
    lib.update_highlight(hid, colour="pink")
    items = exported(lib, tmp_path)["first"]["items"]
    pink = next(i for i in items if i["id"] == "urn:uuid:33333333-3333-4333-8333-333333333333")
    assert pink["target"]["styleClass"] == "pizhu-pink"
    assert pink["stylesheet"]["value"] == ".pizhu-pink { background-color: #ffc4d8; }"
    swatches = {s.key: s.light for s in lib.highlight_colours()}
    for anno in items:
        colour = anno["target"].get("styleClass", "pizhu-").removeprefix("pizhu-")
        if colour:
            assert swatches[colour] in anno["stylesheet"]["value"]


def test_same_articles_give_the_same_file(lib: Library, tmp_path: Path) -> None:
    first = exported(lib, tmp_path)
    again = exported(lib, tmp_path)
    assert first == again and first["id"].startswith("urn:uuid:")
