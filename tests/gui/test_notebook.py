"""The notebook window: every highlight, filters, groups, bulk edits with undo, open, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid as shiboken_valid

from reader.gui.notebook_model import NotebookModel
from reader.store.notebook import group_labels, notebook_index, notebook_rows
from tests.gui.conftest import make_app


def annotate(lib) -> list[int]:  # type: ignore[no-untyped-def]
    """Four highlights over two articles; tags 地点 › 赛罕区 and 数据."""
    ids = []
    first, second = lib.article_ids()[:2]
    for aid, quote, colour in (
        (first, "38.97亿元", "green"),
        (first, "亮眼答卷", "blue"),
        (first, "企业是科技创新与产业创新的核心载体", "yellow"),
        (second, "群众文化活动120余场", "orange"),
    ):
        ids.append(int(lib.highlight_quote(aid, quote, colour=colour).created))
    place, _ = lib.ensure_tag("地点")
    district, _ = lib.ensure_tag("赛罕区", parent=place)
    data, _ = lib.ensure_tag("数据")
    lib.tag_highlight(ids[3], district)
    lib.tag_highlight(ids[0], data)
    return ids


def fixture_app(qtbot, filled, settings):  # type: ignore[no-untyped-def]
    annotate(filled)
    return make_app(qtbot, filled, settings)


def select_rows(nb, rows: list[int]) -> None:  # type: ignore[no-untyped-def]
    table = nb.window.table
    sel = table.selectionModel()
    sel.clear()
    for r in rows:
        sel.select(
            nb.model.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    sel.setCurrentIndex(nb.model.index(rows[0], 1), QItemSelectionModel.SelectionFlag.NoUpdate)


def quotes(nb) -> list[str]:  # type: ignore[no-untyped-def]
    return [nb.model.data(nb.model.index(r, nb.model.QUOTE)) for r in range(nb.model.rowCount())]


def test_model_over_ids(qtmodeltester, filled) -> None:  # type: ignore[no-untyped-def]
    annotate(filled)
    model = NotebookModel(
        lambda ids: notebook_rows(filled, ids), lambda g, k: group_labels(filled, g, k)
    )
    model.meanings = {s.key: s.label for s in filled.highlight_colours()}
    model.set_index(notebook_index(filled, group="tag"))
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.fetches <= 1
    groups = [model.data(model.index(r, 0)) for r in range(4)]
    assert groups == ["数据", "地点 › 赛罕区", "(untagged)", ""]


def test_filters_groups_and_count(qtbot, filled, settings, no_samples) -> None:  # type: ignore[no-untyped-def]
    app = fixture_app(qtbot, filled, settings)
    nb = app.controller.open_notebook()
    qtbot.waitExposed(nb.window)
    assert quotes(nb) == [
        "38.97亿元",
        "亮眼答卷",
        "企业是科技创新与产业创新的核心载体",
        "群众文化活动120余场",
    ]
    assert nb.window.count.text() == "4 highlights"
    nb.window.colour.setCurrentIndex(nb.window.colour.findData("orange"))
    assert quotes(nb) == ["群众文化活动120余场"]
    assert nb.model.data(nb.model.index(0, nb.model.COLOUR)) == "待查"
    nb.window.colour.setCurrentIndex(0)
    nb.window.tag.setCurrentIndex(nb.window.tag.findText("地点"))  # nested: 赛罕区 is under it
    assert quotes(nb) == ["群众文化活动120余场"]
    nb.window.tag.setCurrentIndex(0)
    nb.window.text.setText("亿元")
    qtbot.waitUntil(lambda: quotes(nb) == ["38.97亿元"])
    nb.window.text.clear()
    qtbot.waitUntil(lambda: nb.model.rowCount() == 4)
    nb.window.group.setCurrentIndex(nb.window.group.findData("colour"))
    assert [nb.model.data(nb.model.index(r, 0)) for r in range(4)] == [
        "重要",
        "疑问",
        "数据",
        "待查",
    ]
    nb.window.close()
    assert settings.notebook_group() == "colour"  # remembered


def test_bulk_recolour_retag_delete_with_undo(qtbot, filled, settings, no_samples) -> None:  # type: ignore[no-untyped-def]
    app = fixture_app(qtbot, filled, settings)
    nb = app.controller.open_notebook()
    select_rows(nb, [0, 1, 2])

    def colours() -> list[str]:
        return [
            r.highlight.colour for r in notebook_rows(filled, notebook_index(filled).highlight_ids)
        ]

    nb.recolour("pink")
    assert colours() == ["pink", "pink", "pink", "orange"]
    app.controller.undo.undo()  # one step for the whole selection
    assert colours() == ["green", "blue", "yellow", "orange"]
    select_rows(nb, [1, 2])
    nb.retag("待核实")
    assert [
        r.highlight.tags for r in notebook_rows(filled, notebook_index(filled).highlight_ids)
    ] == [
        ("数据",),
        ("待核实",),
        ("待核实",),
        ("赛罕区",),
    ]
    select_rows(nb, [1, 2])
    nb.untag("待核实")
    assert nb.model.rowCount() == 4 and not nb.model.row_data(1).highlight.tags
    select_rows(nb, [0, 3])
    nb.delete()
    assert quotes(nb) == ["亮眼答卷", "企业是科技创新与产业创新的核心载体"]
    app.controller.undo.undo()
    assert len(quotes(nb)) == 4 and nb.window.count.text() == "4 highlights"


def test_open_in_article_and_copy_citation(qtbot, filled, settings, no_samples) -> None:  # type: ignore[no-untyped-def]
    app = fixture_app(qtbot, filled, settings)
    nb = app.controller.open_notebook()
    select_rows(nb, [3])
    nb.open_current()
    second = filled.article_ids()[1]
    assert app.controller.reading.current_id == second
    current = app.controller.annotations.current()
    assert current is not None and current.exact == "群众文化活动120余场"
    text = app.controller.output.copy_citation()
    citation = "王某. 赛罕区春节元宵节群众文化活动好戏连台[N]. 2026-02-10(3)."  # no paper name
    assert text == f"“群众文化活动120余场”\n{citation}"
    assert QApplication.clipboard().text() == text
    app.controller.annotations.cards.choose_none()  # no highlight chosen: the article's citation
    app.window.actions_.copy_citation.trigger()
    assert QApplication.clipboard().text() == citation


def test_export_selection(qtbot, filled, settings, no_samples, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = fixture_app(qtbot, filled, settings)
    nb = app.controller.open_notebook()
    select_rows(nb, [0, 3])
    out = tmp_path / "chosen.md"
    nb.export_selection(out)
    md = out.read_text(encoding="utf-8")
    assert "> 38.97亿元" in md and "> 群众文化活动120余场" in md and "亮眼答卷" not in md
    assert md.count("\n# ") == 2 and "highlights: 2" in md


def test_article_notes_are_rows_too(qtbot, filled, settings, no_samples, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = fixture_app(qtbot, filled, settings)
    first = filled.article_ids()[0]
    nb = app.controller.open_notebook()
    app.controller.bus.run(lambda: filled.set_note(first, "整体值得跟进"))
    assert quotes(nb)[3] == "(article note)"  # after the article's highlights
    assert nb.window.count.text() == "4 highlights · 1 article note"
    assert nb.model.data(nb.model.index(3, nb.model.NOTE)) == "整体值得跟进"
    select_rows(nb, [2, 3])
    assert nb.selected() == [nb.model.highlight_at(2)]  # bulk edits act on highlights only
    nb.recolour("purple")
    assert nb.model.row_data(2).highlight.colour == "purple"
    out = tmp_path / "with-note.md"
    nb.export_selection(out)
    md = out.read_text(encoding="utf-8")
    assert "整体值得跟进" in md and "> 企业是科技创新与产业创新的核心载体" in md
    select_rows(nb, [3])
    nb.open_current()
    assert app.controller.reading.current_id == first
    nb.window.colour.setCurrentIndex(nb.window.colour.findData("purple"))
    assert quotes(nb) == ["企业是科技创新与产业创新的核心载体"]  # notes have no colour


def test_one_notebook_per_window_closed_with_it(qtbot, filled, settings, no_samples) -> None:  # type: ignore[no-untyped-def]
    app = fixture_app(qtbot, filled, settings)
    nb = app.controller.open_notebook()
    assert app.controller.open_notebook() is nb and nb.window.isVisible()
    nb.window.text.setText("x")
    nb.window.activateWindow()
    qtbot.waitUntil(nb.window.isActiveWindow)
    nb.window.table.setFocus()
    qtbot.keyClick(nb.window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert nb.window.text.selectedText() == "x"  # Ctrl+F goes to the filter
    app.window.close()
    assert not nb.window.isVisible()  # closed with the main window
    nb.window.deleteLater()  # as when the main window goes: the controller stops listening
    qtbot.waitUntil(lambda: not shiboken_valid(nb.window.text))
    app.controller.bus.run(lambda: filled.set_note(filled.article_ids()[0], "之后"))  # no crash
