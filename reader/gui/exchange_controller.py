"""File → Export…, Share…, Merge… and View → Unplaced highlights: dialogs wired to the core.

Long work (writing files, reading and merging a share file) runs in a worker thread
behind a cancellable progress dialog, one job at a time. A merge is always previewed
first (a dry run in the worker), then applied on request; what it changed goes through
the window's :class:`~reader.gui.changes.ChangeBus` like every other operation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton, QWidget

from reader.errors import KnownError
from reader.exchange.orphans import list_orphans
from reader.exchange.report import Cancel, ExportReport, Progress
from reader.gui.changes import ChangeBus
from reader.gui.error_text import translated
from reader.gui.exchange_files import FileChooser
from reader.gui.exchange_view import (
    ANNOTATED,
    CURRENT,
    JSON,
    MARKDOWN_FILE,
    MARKDOWN_FOLDER,
    SINCE,
    TAG,
    WORD,
    ExchangeProgressDialog,
    ExportDialog,
    ExportSummaryDialog,
    ShareDialog,
    share_summary,
)
from reader.gui.exchange_worker import ExchangeWorker, Job
from reader.gui.i18n import tr
from reader.gui.jobs import JobRunner
from reader.gui.merge_view import MergeReportDialog, OrphansDialog, merge_done
from reader.gui.reading_controller import ReadingController
from reader.gui.shown import shown
from reader.store import finding, reading
from reader.store.changes import Changes
from reader.store.ids import ArticleId
from reader.store.library import Library
from reader.store.location import refuse_library_file
from reader.store.unit import Unit

# Exporting, sharing and merging load their modules (Jinja2, python-docx, the merge) on
# first use, not while the window starts.
if TYPE_CHECKING:
    from reader.exchange.merge import MergeReport
    from reader.exchange.share import ShareReport
    from reader.exchange.untrusted import SharedBundle
    from reader.exchange.word import DocxLabels


def word_labels() -> DocxLabels:
    """The Word report's headings in the window's language."""
    from reader.exchange.word import DocxLabels

    return DocxLabels(
        title=tr("Clipping report"),
        contents=tr("Contents"),
        colours=tr("Colours"),
        highlights=tr("Highlights"),
        not_found=tr("Highlights not found in this text"),
        note=tr("Note"),
        tags=tr("Tags"),
        untitled=tr("(untitled)"),
        summary=tr("{articles} articles, {highlights} highlights"),
    )


def _status(window: QWidget, text: str, ms: int = 10_000) -> None:
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, ms)


class ExchangeController(QObject):
    export_done = Signal(object)  # ExportReport, or None when no article matched
    share_done = Signal(object)  # ShareReport
    merge_previewed = Signal(object)  # MergeReport of the dry run; its dialog is open
    merged = Signal(object)  # MergeReport, after its changes were published
    failed = Signal(str)  # refused file, locked library …; shown in a message box
    cancelled = Signal(str)

    def __init__(
        self,
        library: Library,
        bus: ChangeBus,
        reading: ReadingController,
        window: QWidget,
        chooser: FileChooser | None = None,
    ) -> None:
        super().__init__(window)
        self._library = library
        self._bus = bus
        self._reading = reading
        self._window = window
        self.chooser = chooser or FileChooser(library.path)
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._jobs = JobRunner("pizhu-exchange", self)
        self.export_dialog: ExportDialog | None = None
        self.share_dialog: ShareDialog | None = None
        self.summary: ExportSummaryDialog | None = None
        self.report: MergeReportDialog | None = None
        self.orphans_dialog: OrphansDialog | None = None
        self.message: QMessageBox | None = None
        self.orphan_button = QPushButton(window)
        self.orphan_button.setObjectName("unplaced-highlights")
        self.orphan_button.setFlat(True)
        self.orphan_button.setAccessibleName(tr("Unplaced highlights in this article"))
        self.orphan_button.hide()
        self.orphan_button.clicked.connect(lambda: self.show_orphans(self._reading.current_id))
        if isinstance(window, QMainWindow):
            window.statusBar().addPermanentWidget(self.orphan_button)
        # queued: after the window has cleared the status bar for the new article
        reading.opened.connect(self._article_opened, Qt.ConnectionType.QueuedConnection)
        reading.closed.connect(self.orphan_button.hide)
        reading.closed.connect(lambda: reading.show_orphans(0))
        reading.orphans_requested.connect(lambda: self.show_orphans(self._reading.current_id))
        bus.changed.connect(self._on_changes)

    @property
    def running(self) -> bool:
        return self._jobs.running

    @property
    def worker(self) -> ExchangeWorker | None:
        return self._jobs.worker  # type: ignore[return-value]

    @property
    def progress(self) -> ExchangeProgressDialog | None:
        return self._jobs.dialog  # type: ignore[return-value]

    # --- what the dialogs offer ------------------------------------------------------

    def _tags(self) -> list[tuple[str, str]]:
        try:
            return sorted(((t.label, t.name) for t in self._library.tags()), key=lambda t: t[0])
        except KnownError:
            return []

    def _current_title(self) -> str | None:
        detail = self._reading.detail
        if detail is None:
            return None
        return detail.article.title or tr("Untitled")

    def meanings(self) -> Mapping[str, str]:
        """The colour meanings of this library's palette (the defaults if unreadable)."""
        try:
            own = {s.key: s.label for s in self._library.highlight_colours()}
        except KnownError:
            own = {}
        from reader.exchange.markdown import default_meanings

        return {**default_meanings(), **own}

    @staticmethod
    def _ids(tx: Unit, kind: str, value: str | None, current: ArticleId | None) -> list[ArticleId]:
        from reader.exchange.collect import annotated_ids, select_articles

        if kind == CURRENT:  # with the other parts of its story, if it is continued
            return [] if current is None else list(finding.story(tx, current).parts)
        if kind == TAG:
            return select_articles(tx, tag=value)
        if kind == SINCE:
            return select_articles(tx, since=value)
        if kind == ANNOTATED:
            return annotated_ids(tx)
        return reading.article_ids(tx)

    # --- export ----------------------------------------------------------------------

    def open_export(self) -> ExportDialog | None:
        if self.running:
            return None
        dialog = ExportDialog(self._tags(), self._current_title(), self._window)
        dialog.choose_destination.connect(lambda: self._choose_export_target(dialog))
        # The scope and format chosen last time are chosen again.
        remembered = QSettings()
        fmt = remembered.value("export/format", "")
        if isinstance(fmt, str) and fmt in dialog.formats:
            dialog.choose_format(fmt)
        scope = str(remembered.value("export/scope", ""))
        button = dialog.scope.buttons.get(scope)
        if button is not None and button.isEnabled():
            dialog.scope.choose(scope)
        dialog.accepted.connect(lambda: self._remember_export(dialog))
        dialog.accepted.connect(lambda: self._start_export(dialog))
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def _remember_export(self, dialog: ExportDialog) -> None:
        remembered = QSettings()
        remembered.setValue("export/format", dialog.format())
        remembered.setValue("export/scope", dialog.scope.kind())

    def _choose_export_target(self, dialog: ExportDialog) -> None:
        fmt = dialog.format()
        if fmt == MARKDOWN_FOLDER:
            path = self.chooser.export_folder(dialog)
        else:
            path = self.chooser.export_file(dialog, fmt)
        if path:
            dialog.set_destination(path)

    def _start_export(self, dialog: ExportDialog) -> None:
        kind, value, fmt = dialog.scope.kind(), dialog.scope.value(), dialog.format()
        target, force = Path(dialog.target()), dialog.force.isChecked()
        current, meanings = self._reading.current_id, dict(self.meanings())
        labels = word_labels()

        def job(progress: Progress, cancel: Cancel) -> ExportReport | None:
            from reader.exchange.collect import load
            from reader.exchange.markdown import export_markdown
            from reader.exchange.webanno import export_json
            from reader.exchange.word import export_docx

            with self._library.reading() as tx:  # one snapshot; the files written after
                ids = self._ids(tx, kind, value, current)
                loaded = load(tx, ids) if ids else None
            if loaded is None:
                return None
            if fmt == WORD:
                return export_docx(loaded, target, labels=labels, progress=progress, cancel=cancel)
            if fmt == JSON:
                return export_json(loaded, target, force=force, progress=progress, cancel=cancel)
            return export_markdown(
                loaded,
                target,
                single_file=fmt == MARKDOWN_FILE,
                force=force,
                meanings=meanings,
                progress=progress,
                cancel=cancel,
            )

        folder = target if fmt == MARKDOWN_FOLDER else target.parent
        self._run(
            job,
            tr("Exporting"),
            tr("Writing %1…").replace("%1", target.name),
            lambda report: self._exported(report, folder),
        )

    def _exported(self, report: ExportReport | None, folder: Path) -> None:
        self.summary = ExportSummaryDialog(report, folder if report else None, self._window)
        self.summary.open_folder.connect(lambda: self.open_url(QUrl.fromLocalFile(str(folder))))
        self.summary.open()
        _status(self._window, self.summary.summary.text())
        self.export_done.emit(report)

    # --- share -----------------------------------------------------------------------

    def open_share(self) -> ShareDialog | None:
        if self.running:
            return None
        dialog = ShareDialog(self._tags(), self._current_title(), self._window)
        dialog.choose_destination.connect(lambda: self._choose_share_target(dialog))
        dialog.accepted.connect(lambda: self._start_share(dialog))
        self.share_dialog = dialog
        dialog.open()
        return dialog

    def _choose_share_target(self, dialog: ShareDialog) -> None:
        path = self.chooser.share_file(dialog)
        if path:
            dialog.set_destination(path)

    def _start_share(self, dialog: ShareDialog) -> None:
        kind, value = dialog.scope.kind(), dialog.scope.value()
        target, current = Path(dialog.target()), self._reading.current_id

        def job(progress: Progress, cancel: Cancel) -> ShareReport:
            from reader.exchange.share import share_rows, write_share

            with self._library.reading() as tx:  # one snapshot; the file written after
                ids = None if kind == ANNOTATED else self._ids(tx, kind, value, current)
                rows = share_rows(tx, ids, progress)
            # the file dialog asked before replacing an existing file
            return write_share(rows, target, force=True, progress=progress, cancel=cancel)

        self._run(job, tr("Sharing"), tr("Writing %1…").replace("%1", target.name), self._shared)

    def _shared(self, report: ShareReport) -> None:
        text = share_summary(report)
        self._inform(tr("Share file written"), text)
        self.share_done.emit(report)

    # --- merge -----------------------------------------------------------------------

    def open_merge(self) -> bool:
        if self.running:
            return False
        path = self.chooser.merge_file(self._window)
        return bool(path) and self.preview_merge(path)  # type: ignore[arg-type]

    def preview_merge(self, path: str | Path) -> bool:
        """Check the file and dry-run the merge in the worker; then show the report."""
        source = Path(path)

        def job(progress: Progress, cancel: Cancel) -> tuple[SharedBundle, MergeReport]:
            from reader.exchange.merge import merge_bundle
            from reader.exchange.untrusted import read_share

            refuse_library_file(source, self._library.path, "a share file")
            bundle = read_share(source)  # refused files stop here; the library is untouched
            report = merge_bundle(
                self._library, bundle, dry_run=True, progress=progress, cancel=cancel
            )
            return bundle, report

        return self._run(
            job,
            tr("Checking the share file"),
            tr("Reading %1…").replace("%1", source.name),
            self._previewed,
        )

    def _previewed(self, result: tuple[SharedBundle, MergeReport]) -> None:
        bundle, report = result
        dialog = MergeReportDialog(report, self._window)
        dialog.accepted.connect(lambda: self._apply_merge(bundle, dialog.fixes.take.isChecked()))
        self.report = dialog
        dialog.open()
        self.merge_previewed.emit(report)

    def _apply_merge(self, bundle: SharedBundle, with_fixes: bool = False) -> None:
        def job(progress: Progress, cancel: Cancel) -> MergeReport:
            from reader.exchange.merge import merge_bundle

            return merge_bundle(
                self._library,
                bundle,
                backup=True,
                progress=progress,
                cancel=cancel,
                with_fixes=with_fixes,
            )

        self._run(
            job,
            tr("Merging"),
            tr("Merging %1 into your library…").replace("%1", bundle.path.name),
            self._merged,
        )

    def _merged(self, report: MergeReport) -> None:
        self._bus.publish(report.changes)
        text = merge_done(report)
        self._inform(tr("Merge finished"), text)
        _status(self._window, text, 20_000)
        self.merged.emit(report)

    # --- unplaced highlights ---------------------------------------------------------

    def show_orphans(self, article_id: ArticleId | int | None = None) -> OrphansDialog | None:
        try:
            orphans = self._library.read(
                list_orphans, None if article_id is None else ArticleId(int(article_id))
            )
        except KnownError as exc:
            self._bus.failed.emit(str(exc))
            return None
        title = None
        if article_id is not None and article_id == self._reading.current_id:
            title = self._current_title()
        dialog = OrphansDialog(orphans, self.meanings(), self._window, article_title=title)
        dialog.open_article.connect(self._open_article)
        self.orphans_dialog = dialog
        dialog.open()
        return dialog

    def _open_article(self, article_id: int) -> None:
        if self.orphans_dialog is not None:
            self.orphans_dialog.accept()
        self._reading.open(article_id)

    def _article_opened(self, article_id: int) -> None:
        count = self._update_orphan_notice(article_id)
        if count:
            _status(
                self._window,
                tr("%n highlights of this article could not be placed in its text.", None, count),
            )

    def _update_orphan_notice(self, article_id: int | None) -> int:
        count = 0
        if article_id is not None:
            try:
                count = len(self._library.read(list_orphans, ArticleId(article_id)))
            except KnownError:
                count = 0
        self.orphan_button.setText(tr("%n unplaced highlights", None, count))
        self.orphan_button.setToolTip(tr("Show the highlights that could not be placed"))
        self.orphan_button.setVisible(count > 0)
        self._reading.show_orphans(count)
        return count

    def _on_changes(self, changes: Changes) -> None:
        current = self._reading.current_id
        if current is not None and (
            changes.highlights or changes.articles_removed or changes.external
        ):
            self._update_orphan_notice(current)

    # --- running one job -------------------------------------------------------------

    def _run(self, job: Job, title: str, label: str, done: Callable[..., None]) -> bool:
        if self.running:
            return False
        worker = ExchangeWorker(job)
        dialog = ExchangeProgressDialog(title, label, self._window)
        worker.progress.connect(dialog.report)
        return self._jobs.start(
            worker,
            dialog,
            done=done,
            failed=self._failed,
            cancelled=self._cancelled,
            cancelling=tr("Cancelling…"),
        )

    def cancel(self) -> None:
        """What the progress dialog's Cancel button does."""
        self._jobs.cancel()

    def _failed(self, message: str) -> None:
        text = shown(translated(message))
        self._inform(tr("Pizhu"), text, QMessageBox.Icon.Warning)
        _status(self._window, text, 15_000)
        self.failed.emit(message)

    def _cancelled(self, message: str) -> None:
        _status(self._window, message)
        self.cancelled.emit(message)

    def _inform(
        self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information
    ) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self._window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.message = box
        box.open()

    def shutdown(self) -> None:
        """Stop a running job (the window is closing); a merge in progress rolls back."""
        self._jobs.shutdown()
