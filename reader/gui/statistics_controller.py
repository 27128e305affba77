"""The Statistics window's behaviour: counts over time with a chart, tag co-occurrence
with drill-down, entities with local names, and agreement with its disagreements.

Every figure comes from :class:`reader.analysis.service.Analysis`, the same calls
``pizhu stats``, ``cooccur``, ``entities`` and ``agreement`` make. Articles not yet
analysed (an older library) are analysed first, in the background, with progress and
Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QTableWidgetItem,
    QWidget,
)

from reader.analysis.service import Analysis
from reader.analysis.stats import Filters, Series
from reader.errors import KnownError
from reader.gui.i18n import tr
from reader.gui.jobs import JobRunner, JobWorker
from reader.gui.statistics_view import StatisticsWindow
from reader.store.library import Library

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class FileChooser:
    """Where charts and numbers are saved (tests replace it)."""

    def save(self, parent: QWidget, caption: str, name: str, kinds: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, caption, name, kinds)
        return path or None


class CatchUpWorker(JobWorker):
    """Analyses the articles not analysed yet; reports progress by signal only."""

    progressed = Signal(int)

    def __init__(self, analysis: Analysis) -> None:
        super().__init__()
        self.analysis = analysis

    def work(self) -> object:
        return self.analysis.catch_up(
            progress=lambda done, _total: self.progressed.emit(done),
            cancel=self.cancel_event.is_set,
        )


class StatisticsController(QObject):
    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        open_article: Callable[[int], None] | None = None,
        chooser: FileChooser | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.analysis = Analysis(library)
        self.window = StatisticsWindow(parent)
        self.chooser = chooser or FileChooser()
        self.open_article = open_article or (lambda _id: None)
        self.series: Series | None = None
        self.jobs = JobRunner("pizhu-analysis", self)
        self._disagreements: list[list[tuple[int, str]]] = []
        self._wire()

    # --- opening -------------------------------------------------------------------------

    def show(self) -> None:
        self.window.show()
        pending = len(self.analysis.pending())
        if pending == 0:
            self.refresh()
            return
        dialog = QProgressDialog(
            tr("Finding people, places and related stories…"), tr("Cancel"), 0, pending, self.window
        )
        dialog.setWindowTitle(tr("Statistics"))
        dialog.setMinimumDuration(0)
        worker = CatchUpWorker(self.analysis)
        worker.progressed.connect(dialog.setValue)
        self.jobs.start(
            worker,
            dialog,
            done=lambda _n: self.refresh(),
            failed=self._error,
            cancelled=lambda _m: self.refresh(),
            cancelling=tr("Stopping…"),
        )

    def _error(self, message: str) -> None:
        QMessageBox.warning(self.window, tr("Statistics"), message)

    def refresh(self) -> None:
        self._fill_filters()
        self.update_chart()
        self.update_matrix()
        self.update_entities()
        self.update_agreement()

    # --- wiring --------------------------------------------------------------------------

    def _wire(self) -> None:
        t = self.window.over_time
        for combo in (t.by, t.tag, t.colour, t.author):
            combo.currentIndexChanged.connect(self.update_chart)
        t.share.toggled.connect(self.update_chart)
        t.entity.editingFinished.connect(self.update_chart)
        t.term.editingFinished.connect(self.update_chart)
        t.save_png.clicked.connect(lambda: self.save_chart("png"))
        t.save_svg.clicked.connect(lambda: self.save_chart("svg"))
        t.save_csv.clicked.connect(self.save_csv)
        g = self.window.together
        g.level.currentIndexChanged.connect(self.update_matrix)
        g.matrix.cellDoubleClicked.connect(self.drill_down)
        g.articles.itemDoubleClicked.connect(self._open_item)
        e = self.window.entities
        e.kind.currentIndexChanged.connect(self.update_entities)
        e.table.cellDoubleClicked.connect(self._entity_timeline)
        e.add.clicked.connect(self.add_name)
        e.remove.clicked.connect(self.remove_name)
        a = self.window.agreement
        a.table.currentCellChanged.connect(lambda row, *_: self._show_disagreements(row))
        a.disagreements.itemDoubleClicked.connect(self._open_item)

    def _open_item(self, item: QListWidgetItem) -> None:
        article_id = item.data(ID_ROLE)
        if article_id is not None:
            self.open_article(int(article_id))

    # --- over time -----------------------------------------------------------------------

    def _fill_filters(self) -> None:
        t = self.window.over_time
        for combo in (t.tag, t.colour, t.author):
            combo.blockSignals(True)
        current = (t.tag.currentData(), t.colour.currentData(), t.author.currentData())
        t.tag.clear()
        t.tag.addItem(tr("Any tag"), None)
        for tag in self.library.tags():
            t.tag.addItem(tag.label, tag.name)
        t.colour.clear()
        t.colour.addItem(tr("Any colour"), None)
        for s in self.library.highlight_colours():
            t.colour.addItem(s.label, s.key)
        t.author.clear()
        t.author.addItem(tr("Any author"), None)
        for name in self.analysis.authors():
            t.author.addItem(name, name)
        for combo, value in zip((t.tag, t.colour, t.author), current, strict=True):
            i = combo.findData(value)
            combo.setCurrentIndex(max(0, i))
            combo.blockSignals(False)

    def filters(self) -> Filters:
        t = self.window.over_time
        return Filters(
            tag=t.tag.currentData(),
            colour=t.colour.currentData(),
            author=t.author.currentData(),
            entity=t.entity.text().strip() or None,
            term=t.term.text().strip() or None,
        )

    def update_chart(self) -> None:
        t = self.window.over_time
        filters = self.filters()
        try:
            series = self.analysis.stats(t.by.currentData(), filters)
        except KnownError as exc:
            t.summary.setText(str(exc))
            return
        self.series = series
        labels = [r.period for r in series.rows]
        share = t.share.isChecked()
        values = [r.share if share else r.matched for r in series.rows]
        described = ", ".join(f"{v}" for v in filters.describe().values()) or tr("all articles")
        t.chart.plot(
            labels,
            values,
            title=described,
            ylabel=tr("% of the period's articles") if share else tr("Articles"),
            share=share,
        )
        matched = sum(r.matched for r in series.rows)
        total = sum(r.articles for r in series.rows)
        highlights = sum(r.highlights for r in series.rows)
        t.summary.setText(
            tr("{matched} of {total} dated articles, {highlights} highlights").format(
                matched=matched, total=total, highlights=highlights
            )
        )

    def save_chart(self, fmt: str) -> Path | None:
        kinds = tr("PNG image (*.png)") if fmt == "png" else tr("SVG image (*.svg)")
        path = self.chooser.save(self.window, tr("Save the chart"), f"pizhu-chart.{fmt}", kinds)
        if path is None:
            return None
        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(target.name + f".{fmt}")
        self.window.over_time.chart.save(target)
        return target

    def save_csv(self) -> Path | None:
        if self.series is None:
            return None
        path = self.chooser.save(
            self.window, tr("Save the numbers"), "pizhu-stats.csv", tr("CSV (*.csv)")
        )
        if path is None:
            return None
        Path(path).write_text(self.series.to_csv(), encoding="utf-8", newline="")
        return Path(path)

    # --- tags together -------------------------------------------------------------------

    def update_matrix(self) -> None:
        g = self.window.together
        m = self.analysis.cooccurrence(g.level.currentData())
        g.matrix.clear()
        g.matrix.setRowCount(len(m.tags))
        g.matrix.setColumnCount(len(m.tags))
        g.matrix.setHorizontalHeaderLabels(m.tags)
        g.matrix.setVerticalHeaderLabels(m.tags)
        for i, row in enumerate(m.counts):
            for j, n in enumerate(row):
                item = QTableWidgetItem(str(n) if n else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                g.matrix.setItem(i, j, item)
        self._matrix_tags = m.tags

    def drill_down(self, row: int, column: int) -> None:
        g = self.window.together
        a = self._matrix_tags[row].split(" › ")[-1]
        b = self._matrix_tags[column].split(" › ")[-1]
        ids = self.analysis.with_both(a, b, g.level.currentData())
        g.articles.clear()
        for s in self.library.summaries(ids):  # type: ignore[arg-type]
            item = QListWidgetItem(f"{s.date or '—'}  {s.title or tr('(untitled)')}")
            item.setData(ID_ROLE, int(s.id))
            g.articles.addItem(item)

    # --- people and places ---------------------------------------------------------------

    def update_entities(self) -> None:
        e = self.window.entities
        kind = e.kind.currentData() or None
        rows = self.analysis.entities(kind, limit=500)
        names = {"person": tr("Person"), "place": tr("Place"), "org": tr("Organisation")}
        e.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, value in enumerate(
                (r.name, names[r.kind], str(r.articles), str(r.mentions), r.first or "")
            ):
                e.table.setItem(i, j, QTableWidgetItem(value))
        e.table.resizeColumnsToContents()
        e.names.clear()
        for n in self.analysis.local_names():
            text = n.name if n.name == n.canonical else f"{n.name} → {n.canonical}"
            item = QListWidgetItem(f"{text}  ({names[n.kind]})")
            item.setData(ID_ROLE + 1, n.name)
            e.names.addItem(item)

    def _entity_timeline(self, row: int, _column: int) -> None:
        item = self.window.entities.table.item(row, 0)
        if item is None:
            return
        t = self.window.over_time
        t.entity.setText(item.text())
        self.window.tabs.setCurrentWidget(t)
        self.update_chart()

    def add_name(self) -> None:
        e = self.window.entities
        try:
            self.analysis.add_local_name(
                e.name.text(), e.name_kind.currentData(), e.canonical.text().strip() or None
            )
        except KnownError as exc:
            self._error(str(exc))
            return
        e.name.clear()
        e.canonical.clear()
        self.update_entities()

    def remove_name(self) -> None:
        item = self.window.entities.names.currentItem()
        if item is None:
            return
        self.analysis.remove_local_name(str(item.data(ID_ROLE + 1)))
        self.update_entities()

    # --- agreement -----------------------------------------------------------------------

    def update_agreement(self) -> None:
        a = self.window.agreement
        report = self.analysis.agreement()
        a.authors.setText(
            tr("Authors compared: {names}").format(names=", ".join(report.authors) or "—")
        )
        levels = {"article": tr("Articles"), "span": tr("Characters")}
        rows = [(c, level) for c in report.codes for level in ("article", "span")]
        rows = [(c, lv) for c, lv in rows if getattr(c, lv).items]
        a.table.setRowCount(len(rows))
        self._disagreements = []
        titles: dict[int, str] = {}
        for i, (c, level) in enumerate(rows):
            fig = getattr(c, level)
            cells = (
                c.code.name,
                levels[level],
                str(fig.items),
                "—" if fig.kappa is None else f"{fig.kappa:.3f}",
                "—" if fig.alpha is None else f"{fig.alpha:.3f}",
            )
            for j, value in enumerate(cells):
                a.table.setItem(i, j, QTableWidgetItem(value))
            found = [d for d in c.disagreements if d.level == level]
            for d in found:
                titles.setdefault(d.article_id, "")
            self._disagreements.append(
                [
                    (
                        d.article_id,
                        tr("{coded} but not {not_coded}").format(
                            coded=", ".join(d.coded_by), not_coded=", ".join(d.not_by)
                        )
                        + (f"  [{d.start}–{d.end}]" if level == "span" else ""),
                    )
                    for d in found
                ]
            )
        for s in self.library.summaries(list(titles)):  # type: ignore[arg-type]
            titles[int(s.id)] = s.title or tr("(untitled)")
        self._titles = titles
        a.table.resizeColumnsToContents()
        a.disagreements.clear()

    def _show_disagreements(self, row: int) -> None:
        a = self.window.agreement
        a.disagreements.clear()
        if not 0 <= row < len(self._disagreements):
            return
        for article_id, what in self._disagreements[row]:
            item = QListWidgetItem(f"{self._titles.get(article_id, '')}: {what}")
            item.setData(ID_ROLE, article_id)
            a.disagreements.addItem(item)
