"""The search index and the analysis catch up in the background after an import (or a
crash).

Articles are readable as soon as an import stored them; the indexer then works through
the library's queue in a thread, a batch per transaction, with its progress in the
status bar, while searches say they are incomplete. Closing the window stops it after
the current batch; whatever is left is indexed the next time the window opens.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QLabel, QStatusBar

from reader.gui.changes import ChangeBus
from reader.gui.i18n import tr
from reader.gui.jobs import JobWorker
from reader.store.changes import Changes
from reader.store.library import Library


class IndexWorker(JobWorker):
    progress = Signal(int, int)  # articles indexed, articles waiting when it started

    def __init__(self, library: Library) -> None:
        super().__init__()
        self._library = library

    analysing = Signal(int, int)  # articles analysed, articles waiting

    def work(self) -> int:
        from reader.analysis.service import Analysis

        done = self._library.build_index(
            progress=self.progress.emit, cancel=self.cancel_event.is_set
        )
        # Then the entities and related-story signatures the import left for later.
        Analysis(self._library).catch_up_imported(
            progress=self.analysing.emit, cancel=self.cancel_event.is_set
        )
        return done


class BackgroundIndexer(QObject):
    finished = Signal(int)  # articles indexed

    def __init__(self, library: Library, bus: ChangeBus, status: QStatusBar) -> None:
        super().__init__(status)
        self._library = library
        self._bus = bus
        self.label = QLabel()
        self.label.setObjectName("indexProgress")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.hide()
        status.addPermanentWidget(self.label)
        self._thread: QThread | None = None
        self._worker: IndexWorker | None = None
        self._closed = False

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> bool:
        """Index what the library's queue holds; False if nothing waits or it runs already."""
        if self._thread is not None or self._closed:
            return False
        from reader.analysis.service import Analysis

        waiting = self._library.index_pending()
        if not waiting and not Analysis(self._library).imported_waiting():
            return False
        thread = QThread(self)
        thread.setObjectName("pizhu-index")
        worker = IndexWorker(self._library)
        worker.moveToThread(thread)
        worker.progress.connect(self._progress)
        worker.analysing.connect(self._analysing)
        worker.finished.connect(self._finished)
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._failed)
        thread.started.connect(worker.run)
        thread.finished.connect(worker.deleteLater)
        self._thread, self._worker = thread, worker
        self._progress(0, waiting)
        self.label.show()
        thread.start()
        return True

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        self.label.setText(
            tr("Indexing for search: %1 of %2 articles")
            .replace("%1", f"{done:,}")
            .replace("%2", f"{total:,}")
        )

    @Slot(int, int)
    def _analysing(self, done: int, total: int) -> None:
        self.label.setText(
            f"{tr('Finding people, places and related stories…')} {done:,}/{total:,}"
        )

    def _stop(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        self._thread = self._worker = None
        self.label.hide()

    @Slot(object)
    def _finished(self, indexed: object) -> None:
        self._stop()
        self._bus.publish(Changes(search_index=True))
        self.finished.emit(int(indexed))  # type: ignore[call-overload]
        self.start()  # an import that finished meanwhile queued more

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._stop()
        self._bus.failed.emit(message)

    def shutdown(self) -> None:
        """Stop after the current batch (the window is closing); the rest stays queued."""
        self._closed = True  # a finished signal still in the queue must not restart it
        if self._worker is not None:
            self._worker.cancel()
        self._stop()
