"""The reading view: styled parts, plain text only, typography, zoom, words, find."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QLabel

from reader.gui import document as docs
from reader.gui.settings import ReadingPrefs
from reader.ingest.model import Article, Block
from tests.gui.conftest import HOSTILE

ARTICLE = Article(
    title="呼和浩特:科技赋能强产业",
    kicker="“走基层 看变化”系列报道",
    authors=["武子暄", "王某"],
    continued_from="第1版",
    continued_on="第3版",
    blocks=[
        Block("paragraph", "2025年技术合同成交额达38.97亿元。", [(0, 10)]),
        Block("heading", "创新主体量质齐升", [(10, 20)]),
        Block(
            "paragraph", "企业是科技创新的核心载体,全市新建公", [(20, 30)], flags=["truncated_end"]
        ),
        Block("caption", "孩子们在滑雪场上嬉戏。", [(30, 40)]),
    ],
)


def _formats(built: docs.Built) -> dict[str, tuple[float, int, str]]:
    """part → (point size, weight, colour) of its first character."""
    out: dict[str, tuple[float, int, str]] = {}
    block = built.document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            part = frag.charFormat().property(docs.PART_PROPERTY)
            if part and part not in out:
                f = frag.charFormat()
                out[part] = (f.fontPointSize(), f.fontWeight(), f.foreground().color().name())
            it += 1
        block = block.next()
    return out


def test_every_part_is_styled_distinctly() -> None:
    built = docs.build(ARTICLE, ReadingPrefs(), [0, 21, 31, 52])
    assert built.parts["title"] == [ARTICLE.title]
    assert built.parts["kicker"] == [ARTICLE.kicker]
    assert built.parts["byline"] == ["By 武子暄、王某"]
    assert built.parts["continuation"] == ["Continued from 第1版", "Continued on 第3版"]
    assert built.parts["heading"] == ["创新主体量质齐升"]
    assert built.parts["caption"] == ["孩子们在滑雪场上嬉戏。"]
    assert built.parts["flag"] == [docs.FLAG_MARK]  # truncated, unobtrusively
    f = _formats(built)
    styles = {f[p] for p in ("title", "kicker", "byline", "heading", "paragraph", "caption")}
    assert len(styles) == 6
    assert f["title"][0] > f["heading"][0] > f["paragraph"][0] > f["caption"][0]


def test_offsets_map_article_text_to_the_document() -> None:
    built = docs.build(ARTICLE, ReadingPrefs(), None)
    text = "\n\n".join(b.text for b in ARTICLE.blocks)
    at = text.index("核心载体")
    pos = built.offsets.to_doc(at)
    assert pos is not None
    assert built.document.characterAt(pos) == "核"
    assert built.offsets.to_text(pos) == at


def test_line_height_is_generous_by_default() -> None:
    assert ReadingPrefs().line_height >= 160
    built = docs.build(ARTICLE, ReadingPrefs(), None)
    block = built.document.begin()
    heights = []
    while block.isValid():
        fmt = block.blockFormat()
        heights.append((fmt.lineHeightType(), fmt.lineHeight()))
        block = block.next()
    prop = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    assert (prop, float(ReadingPrefs().line_height)) in heights


def test_fragments_say_so() -> None:
    built = docs.build(
        Article(kind="fragment", blocks=[Block("paragraph", "园12个。", [(0, 5)])]), ReadingPrefs()
    )
    assert built.parts["title"] == ["Untitled fragment"]
    assert any("fragment" in t for t in built.parts["flag"])


def test_hostile_text_shows_literally(app, qtbot, filled, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "hostile.txt"
    page.write_text(HOSTILE, encoding="utf-8")
    with qtbot.waitSignal(app.controller.imports.done, timeout=10_000):
        app.controller.imports.start([page])
    hostile = [
        i for i in filled.article_ids() if "script" in (filled.get_article(i).article.title or "")
    ]
    assert hostile
    app.controller.lib.select(hostile[0])
    view = app.window.reading.view
    text = view.document().toPlainText()
    assert "<script>alert('标题')</script>" in text
    assert "<img src=file:///etc/passwd>" in text
    assert '<a href="http://example.com/">点我</a>' in text
    assert "&amp;" in text
    assert "王某" in text and "<b>" in text  # the byline is literal too
    assert not view.openLinks() and not view.openExternalLinks()
    assert "<img" not in view.document().toHtml().replace("&lt;img", "")
    assert view.document().allFormats() and not any(
        f.isImageFormat() for f in view.document().allFormats()
    )
    for label in app.window.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_zoom_keys_change_the_font_size(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = app.window
    app.controller.lib.step(+1)
    reading = app.controller.reading
    size = reading.prefs.font_size
    w.reading.view.setFocus()
    qtbot.keyClick(w.reading.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert reading.prefs.font_size == size + 1
    qtbot.keyClick(w.reading.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.reading.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert reading.prefs.font_size == size - 1
    first = w.reading.view.document().begin().begin().fragment().charFormat().fontPointSize()
    assert first > size  # the title is bigger than the body
    w.actions_.zoom_reset.trigger()
    assert reading.prefs.font_size == size


def test_column_is_readable_width(app) -> None:  # type: ignore[no-untyped-def]
    app.window.resize(1400, 800)
    app.controller.lib.step(+1)
    view = app.window.reading.view
    view.resize(1200, 600)
    fmt = view.document().rootFrame().frameFormat()
    assert fmt.leftMargin() > 0 and fmt.leftMargin() == fmt.rightMargin()


def test_double_click_selects_a_jieba_word(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    app.controller.lib.step(+1)
    view = app.window.reading.view
    doc = view.document()
    at = doc.toPlainText().index("科技服务业")
    assert view.select_word_at(at + 1)
    assert view.textCursor().selectedText() in ("科技", "科技服务", "科技服务业")
    # through the mouse: double-click in the middle of a word
    cursor = QTextCursor(doc)
    cursor.setPosition(doc.toPlainText().index("成交额") + 1)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.textCursor().selectedText() == "成交额"  # not the whole run of hanzi


def test_find_in_article_counts_and_steps(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = app.window
    app.controller.lib.step(+1)
    reading = app.controller.reading
    w.actions_.find.trigger()
    bar = w.reading.find_bar
    assert (bar.isVisible() and bar.field.hasFocus()) or bar.isVisible()
    bar.field.insert("呼和浩特")  # QTest.keyClicks only types Latin-1
    n = w.reading.view.document().toPlainText().count("呼和浩特")
    assert n >= 2 and len(reading.matches) == n
    assert bar.count.text() == f"1 of {n}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {n}"
    w.actions_.find_previous.trigger()
    w.actions_.find_previous.trigger()
    assert bar.count.text() == f"{n} of {n}"
    bar.field.setText("不存在的词")
    assert bar.count.text() == "No matches"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
