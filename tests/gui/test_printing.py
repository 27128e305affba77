"""File → Print/PDF of an article (Chinese text read back with pdftotext) and File → Export → Word."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document

from reader.gui.exchange_view import ANNOTATED, WORD
from tests.gui.conftest import make_app
from tests.gui.test_exchange import Chooser
from tests.gui.test_notebook import annotate


@pytest.fixture
def app(qtbot, filled, settings, no_samples):  # type: ignore[no-untyped-def]
    annotate(filled)
    filled.set_note(filled.article_ids()[0], "文章批注:值得跟进")
    a = make_app(qtbot, filled, settings)
    yield a
    a.controller.exchange.shutdown()
    a.controller.imports.shutdown()


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; .ci/run installs it")
    out = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    # PDF text flows in lines: compare it unbroken. Noto CJK maps a few ideographs to the
    # look-alike Kangxi radicals (子 → ⼦) in its ToUnicode table; NFKC maps them back.
    return "".join(unicodedata.normalize("NFKC", out.stdout.decode("utf-8")).split())


def test_pdf_of_an_article_keeps_its_chinese_text(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = app.library.article_ids()[0]
    app.controller.lib.select(first)
    assert app.controller.reading.current_id == first
    out = tmp_path / "文章.pdf"
    assert app.controller.output.export_pdf(str(out)) == str(out)
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "呼和浩特:科技赋能强产业创新驱动启新程By武子暄" in text  # the title, the byline
    # The citation's Chinese; its date prints (checked by eye) but Qt's ToUnicode table
    # for those first digit glyphs reads back empty in pdftotext: "[N].--()."
    assert "武子暄.呼和浩特:科技赋能强产业创新驱动启新程[N]." in text
    assert "2025年技术合同成交额达38.97亿元" in text  # the body
    assert "Highlightsandnotes38.97亿元(数据·测试者)亮眼答卷(疑问·测试者)" in text
    assert "企业是科技创新与产业创新的核心载体(重要·测试者)" in text
    assert "文章批注:值得跟进" in text  # the article note


def test_print_without_an_article_does_nothing(app) -> None:  # type: ignore[no-untyped-def]
    app.controller.reading.close()
    assert app.controller.output.export_pdf("/nonexistent/x.pdf") is None


def test_export_to_word_from_the_file_menu(qtbot, app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exchange = app.controller.exchange
    exchange.chooser = Chooser()
    target = tmp_path / "剪报.docx"
    exchange.chooser.path = target
    app.window.actions_.export_word.trigger()
    dialog = exchange.export_dialog
    assert dialog.format() == WORD
    dialog.scope.choose(ANNOTATED)
    dialog.destination.button.click()
    assert exchange.chooser.asked[-1] == WORD
    with qtbot.waitSignal(exchange.export_done, timeout=10_000) as done:
        dialog.export_button.click()
    assert done.args[0].highlights == 4 and target.is_file()
    doc = Document(str(target))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "呼和浩特:科技赋能强产业 创新驱动启新程",
        "赛罕区春节元宵节群众文化活动好戏连台",
    ]
