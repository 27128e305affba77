"""The Word clipping report, read back with python-docx and compared with a snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from reader.cli import main
from reader.exchange.collect import load
from reader.exchange.word import DocxLabels, export_docx
from reader.store.library import Library
from tests.exchange.test_markdown import check_snapshot


def dump(path: Path) -> str:
    """Each paragraph as 'style | text', shaded runs as [fill:text], fields as {kind}."""
    doc = Document(str(path))
    lines = []
    for p in doc.paragraphs:
        parts = []
        for r in p.runs:
            shd = r._r.find(f"{qn('w:rPr')}/{qn('w:shd')}")
            for fld in r._r.findall(qn("w:fldChar")):
                parts.append("{" + fld.get(qn("w:fldCharType")) + "}")
            for instr in r._r.findall(qn("w:instrText")):
                parts.append("{" + instr.text.strip() + "}")
            if r.text:
                text = r.text.replace("\n", "⏎")
                if r.italic:
                    text = f"_{text}_"
                parts.append(f"[{shd.get(qn('w:fill'))}:{text}]" if shd is not None else text)
            if "w:br" in r._r.xml and 'w:type="page"' in r._r.xml:
                parts.append("<page>")
        lines.append(f"{p.style.name} | {''.join(parts)}")
    return "\n".join(lines) + "\n"


def test_report_matches_snapshot(lib: Library, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    report = export_docx(lib.read(load, lib.article_ids()), out, day="2026-03-01")
    assert report.ok and report.written == [out] and report.highlights == 3
    text = dump(out)
    check_snapshot("report.docx.txt", text)
    # the shading is each colour's own, the meanings are named
    assert "[FFE58A:记者从市园林局了解到,今年全]" in text and "[BFE8B0:PM2.5监测屏同]" in text
    assert "Normal | 重要 · 测试者" in text and "Normal | 数据 · 王编辑" in text
    assert "_王晓, 李青. 青城公园新增十二处便民驿站[N]. 呼和浩特日报, 2026-01-15(3)._" in text
    # hostile note text stays text
    assert "<script>alert(1)</script>" in text and "\x00" not in text
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["青城公园新增十二处便民驿站", "呼和浩特地铁3号线试运行"]
    assert doc.settings.element.find(qn("w:updateFields")) is not None


def test_translated_labels(lib: Library, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    labels = DocxLabels(title="剪报", contents="目录", highlights="高亮", summary="{articles} 篇")
    export_docx(lib.read(load, lib.article_ids()), out, labels=labels, day="2026-03-01")
    text = dump(out)
    assert "Title | 剪报" in text and "Heading 2 | 目录" in text and "Normal | 2 篇" in text


def test_cli_docx(lib: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.docx"
    args = ["--library", str(lib.path), "export", "--format", "docx", "--all", "-o", str(out)]
    assert main(args) == 0 and Document(str(out)).paragraphs
    assert "2 articles, 3 highlights: 1 files written" in capsys.readouterr().out
    assert main([*args[:-1], str(tmp_path)]) == 1  # a folder is not a file
    assert capsys.readouterr().err.count("\n") == 1
