"""REFI-QDA export, checked against the standard's schema as pyrefiqda binds it.

No package on our index ships the REFI-QDA XSD file itself; pyrefiqda ships bindings
generated from it (xsdata), with the XSD's element and attribute names, types,
required attributes and patterns. The project is parsed with unknown elements and
attributes treated as errors, and every attribute with a pattern in the bindings is
matched against it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.exchange.qdpx import crlf, crlf_offset
from reader.store.library import Library
from tests.analysis.conftest import article, write_pages

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def annotated(tmp_path: Path) -> Library:
    lib = Library.open(tmp_path / "library.sqlite")
    lib.import_paths([write_pages(tmp_path)])
    metro = article(lib, "呼和浩特地铁3号线试运行", "2026-01-05")
    place = lib.ensure_tag("地点")[0]
    saihan = lib.ensure_tag("赛罕区")[0]
    lib.nest_tag(saihan, place)
    lib.recolour_tag(place, "#aa3300")
    text = lib.get_article(metro).text
    start = text.index("连接赛罕区")
    hid, _ = lib.add_highlight(
        metro, start, start + 5, colour="疑问", note="哪两个区?", author="甲"
    )
    lib.tag_highlight(hid, saihan)
    lib.add_highlight(metro, 0, 4, author="乙")
    lib.tag_article(metro, place)
    lib.set_note(metro, "试运行的报道")
    return lib


def _validate(xml: bytes, model: Any) -> Any:
    from xsdata.formats.dataclass.parsers.config import ParserConfig
    from xsdata_pydantic.bindings import XmlParser

    config = ParserConfig(fail_on_unknown_properties=True, fail_on_unknown_attributes=True)
    parsed = XmlParser(config=config).from_bytes(xml, model)
    assert _check_patterns(parsed) > 0  # GUIDs and colours
    return parsed


def _check_patterns(obj: Any) -> int:
    """Every attribute value matches the XSD pattern the bindings carry for it; returns
    how many values were checked."""
    from pydantic import BaseModel

    if isinstance(obj, list):
        return sum(_check_patterns(item) for item in obj)
    if not isinstance(obj, BaseModel):
        return 0
    checked = 0
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        meta: dict[str, Any] = getattr(info, "xsdata_metadata", None) or {}
        pattern = meta.get("pattern")
        if pattern and value is not None:
            assert re.fullmatch(pattern, str(value)), (type(obj).__name__, name, value)
            checked += 1
        checked += _check_patterns(value)
    return checked


def test_qdpx_is_valid_and_complete(annotated: Library, tmp_path: Path) -> None:
    pytest.importorskip("pyrefiqda")
    from pyrefiqda.models import Project

    out = tmp_path / "项目.qdpx"
    assert (
        main(
            [
                "--library",
                str(annotated.path),
                "export",
                "--format",
                "qdpx",
                "--all",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        qde = z.read("project.qde")
        sources = {n: z.read(n) for n in names if n.startswith("sources/")}
    assert names[0] == "project.qde" and all(n.startswith("sources/") for n in names[1:])
    assert qde.startswith(b"<?xml") and not qde.startswith(b"\xef\xbb\xbf")
    project = _validate(qde, Project)
    assert {u.name for u in project.users.user} == {"甲", "乙", "测试者"}  # note author
    [src] = project.sources.text_source
    assert src.plain_text_path == f"internal://{src.guid}.txt"
    body = sources[f"sources/{src.guid}.txt"]
    assert not body.startswith(b"\xef\xbb\xbf") and b"\n" not in body.replace(b"\r\n", b"")
    text = body.decode("utf-8")
    by_name = {s.name: s for s in src.plain_text_selection}
    sel = by_name["连接赛罕区"]
    assert text[sel.start_position : sel.end_position] == "连接赛罕区"
    assert sel.description == "哪两个区?"
    codes = {c.name: c for c in project.code_book.codes.code}
    place = codes["地点"]
    assert place.color == "#aa3300" and [c.name for c in place.code] == ["赛罕区"]
    colours = {c.name: c.guid for c in codes["颜色 Colours"].code}
    refs = {c.code_ref.target_guid for c in sel.coding}
    assert colours["疑问"] in refs and place.code[0].guid in refs
    assert [c.code_ref.target_guid for c in src.coding] == [place.guid]  # article tag
    [note] = project.notes.note
    assert note.plain_text_content == "试运行的报道"
    assert src.note_ref[0].target_guid == note.guid


def test_qdc_codebook_is_valid(annotated: Library, tmp_path: Path) -> None:
    pytest.importorskip("pyrefiqda")
    from pyrefiqda.models import CodeBook

    out = tmp_path / "codes.qdc"
    assert (
        main(["--library", str(annotated.path), "export", "--format", "qdc", "-o", str(out)]) == 0
    )
    book = _validate(out.read_bytes(), CodeBook)
    assert {c.name for c in book.codes.code} == {"地点", "颜色 Colours"}
    assert (
        main(["--library", str(annotated.path), "export", "--format", "qdc", "-o", str(out)]) == 1
    )


def test_crlf_offsets_follow_the_text() -> None:
    text = "第一段\n\n第二段\x0c有控制符"
    converted = crlf(text)
    for i in range(len(text) + 1):
        head = text[:i].replace("\x0c", "")
        assert converted[: crlf_offset(text, i)] == head.replace("\n", "\r\n")
