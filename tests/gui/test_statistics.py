"""The Statistics window, the Related panel and the REFI-QDA export from the File menu."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.analysis.conftest import article, write_pages


@pytest.fixture
def dated(library, tmp_path: Path):  # type: ignore[no-untyped-def]
    library.import_paths([write_pages(tmp_path)])
    metro = article(library, "呼和浩特地铁3号线试运行", "2026-01-05")
    old = article(library, "赛罕区老旧小区改造启动")
    place = library.ensure_tag("地点")[0]
    for who in ("甲", "乙"):
        h, _ = library.add_highlight(metro, 0, 6, author=who)
        library.tag_highlight(h, place)
    library.tag_article(old, place)
    library.add_highlight(old, 0, 3, author="甲")
    return library


class Chooser:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, parent, caption, name, kinds):  # type: ignore[no-untyped-def]
        return str(self.folder / name)


def test_statistics_window_charts_saves_and_drills_down(  # type: ignore[no-untyped-def]
    qtbot, dated, tmp_path: Path
):
    from reader.gui.statistics_controller import StatisticsController

    opened: list[int] = []
    c = StatisticsController(dated, None, opened.append, Chooser(tmp_path))
    qtbot.addWidget(c.window)
    c.show()
    t = c.window.over_time
    t.tag.setCurrentIndex(t.tag.findData("地点"))
    assert c.series is not None
    assert [(r.period, r.matched) for r in c.series.rows] == [("2026-01", 2), ("2026-02", 0)]
    assert "2 of 6 dated articles" in t.summary.text()
    png, svg, csv = c.save_chart("png"), c.save_chart("svg"), c.save_csv()
    assert png is not None and png.read_bytes().startswith(b"\x89PNG")
    assert svg is not None and b"<svg" in svg.read_bytes()[:500]
    assert csv is not None and csv.read_text(encoding="utf-8").splitlines()[1].startswith(
        "2026-01,4,2,"
    )
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    for label in c.window.findChildren(QLabel):  # names and titles come from pages
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    shots = tmp_path / "shots"
    shots.mkdir()
    c.window.resize(1100, 640)
    assert c.window.grab().save(str(shots / "statistics.png"))
    # the share line for a search term
    t.tag.setCurrentIndex(0)
    t.term.setText("地铁")
    t.term.editingFinished.emit()
    t.share.setChecked(True)
    assert [r.matched for r in c.series.rows] == [1, 1]

    g = c.window.together
    i = [g.matrix.verticalHeaderItem(r).text() for r in range(g.matrix.rowCount())].index("地点")
    c.drill_down(i, i)
    assert g.articles.count() == 2
    g.articles.itemDoubleClicked.emit(g.articles.item(0))
    assert opened and opened[0] in {
        article(dated, "呼和浩特地铁3号线试运行", "2026-01-05"),
        article(dated, "赛罕区老旧小区改造启动"),
    }


def test_entities_tab_local_names_and_timeline(qtbot, dated):  # type: ignore[no-untyped-def]
    from reader.gui.statistics_controller import StatisticsController

    c = StatisticsController(dated)
    qtbot.addWidget(c.window)
    c.show()
    e = c.window.entities
    names = [e.table.item(r, 0).text() for r in range(e.table.rowCount())]
    assert "赛罕区" in names and "王建国" in names
    e.name.setText("呼市")
    e.canonical.setText("呼和浩特")
    e.add.click()
    assert any("呼市 → 呼和浩特" in e.names.item(r).text() for r in range(e.names.count()))
    row = [e.table.item(r, 0).text() for r in range(e.table.rowCount())].index("呼和浩特")
    c._entity_timeline(row, 0)
    assert c.window.tabs.currentWidget() is c.window.over_time
    assert c.window.over_time.entity.text() == "呼和浩特"
    assert (
        sum(r.matched for r in c.series.rows) == 3
    )  # metro twice and 呼市 in the old-housing story


def test_agreement_tab_lists_disagreements(qtbot, dated):  # type: ignore[no-untyped-def]
    from reader.gui.statistics_controller import StatisticsController

    c = StatisticsController(dated)
    qtbot.addWidget(c.window)
    c.show()
    a = c.window.agreement
    assert "甲" in a.authors.text() and "乙" in a.authors.text()
    codes = [a.table.item(r, 0).text() for r in range(a.table.rowCount())]
    assert "地点" in codes
    a.table.setCurrentCell(codes.index("地点"), 0)
    assert a.disagreements.count() >= 0  # both authors coded the one shared article alike


def test_older_library_is_analysed_in_the_background(qtbot, dated):  # type: ignore[no-untyped-def]
    from reader.gui.statistics_controller import StatisticsController

    with dated.engine.begin() as conn:
        conn.execute(text("DELETE FROM article_signatures"))
    c = StatisticsController(dated)
    qtbot.addWidget(c.window)
    c.show()
    qtbot.waitUntil(lambda: not c.analysis.pending() and c.series is not None, timeout=20000)


def test_related_panel_and_qdpx_from_the_window(app, qtbot, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    lib = app.controller.library
    lib.import_paths([write_pages(tmp_path / "more")])
    again = article(lib, "呼和浩特地铁3号线试运行", "2026-02-03")
    app.controller.reading.open(again)
    panel = app.controller.related.panel
    qtbot.waitUntil(lambda: panel.list.count() > 0)
    assert "2026-01-05" in panel.list.item(0).text()
    assert panel.list.item(0).text().count("%") == 1

    from reader.gui import qdpx_controller

    out = tmp_path / "out.qdpx"
    lib.add_highlight(again, 0, 4, author="甲")
    path = qdpx_controller.export_qdpx(
        lib, app.window, pytest.fail, choose=lambda _p: (str(out), "qdpx"), confirm=False
    )
    assert path == out and "project.qde" in zipfile.ZipFile(out).namelist()


def test_library_names_tab_filters_articles(app, qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    lib = app.controller.library
    lib.import_paths([write_pages(tmp_path / "named")])
    c = app.controller.lib
    c.load()
    c.load_facets()
    labels = [c.entities.data(c.entities.index(r, 0)) for r in range(c.entities.rowCount())]
    row = next(i for i, label in enumerate(labels) if label.startswith("赛罕区"))
    named = label_count(labels[row])
    assert named >= 3  # the three pages of tests/analysis name it in three articles
    app.window.library.entities.setCurrentIndex(c.entities.index(row, 0))
    assert c.articles.rowCount() == named
    c.clear_filters()
    assert c.articles.rowCount() == c.total


def label_count(label: str) -> int:
    return int(label.rsplit("(", 1)[1].rstrip(")"))
