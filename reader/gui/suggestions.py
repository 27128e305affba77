"""Tag suggestions off the UI thread: jieba keywords and named entities of an article.

The worker only computes; it hands ``(generation, article id, suggestions)`` to the GUI
thread through a queued signal and never touches a widget. A result for an article that
is no longer shown, or from an older request, is dropped.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.errors import KnownError
from reader.gui.i18n import tr
from reader.store.ids import ArticleId
from reader.store.library import Library

Suggest = Callable[[Library, ArticleId], list[tuple[str, str]]]  # (tag, why) pairs
LIMIT = 10


def kind_label(kind: str) -> str:
    return {
        "keyword": tr("Keyword of the article"),
        "place": tr("Place named in the article"),
        "person": tr("Person named in the article"),
        "organization": tr("Organisation named in the article"),
    }.get(kind, kind)


def default_suggest(library: Library, article_id: ArticleId) -> list[tuple[str, str]]:
    """Keywords (TF-IDF against the library) and places, people, organisations."""
    return [(s.text, kind_label(s.kind)) for s in library.suggest_tags(article_id, LIMIT)]


class _Bridge(QObject):
    done = Signal(int, int, object)  # generation, article id, list[(tag, why)]


class _Job(QRunnable):
    def __init__(
        self, bridge: _Bridge, generation: int, library: Library, aid: ArticleId, fn: Suggest
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._bridge = bridge
        self._args = (generation, library, aid, fn)

    def run(self) -> None:
        generation, library, aid, fn = self._args
        try:
            found = fn(library, aid)
        except KnownError:
            found = []
        except Exception:  # a bug: print it rather than lose it in the thread
            traceback.print_exc()
            found = []
        self._bridge.done.emit(generation, int(aid), found)


class SuggestionRunner(QObject):
    ready = Signal(int, object)  # article id, list[(tag, why)]

    def __init__(self, library: Library, suggest: Suggest | None, parent: QObject) -> None:
        super().__init__(parent)
        self._library = library
        self._suggest = suggest or default_suggest
        self.generation = 0
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.done.connect(self._done)

    def request(self, article_id: ArticleId | None) -> None:
        """Compute suggestions for ``article_id`` (None: forget any pending request)."""
        self.generation += 1
        if article_id is None:
            return
        self.pool.start(
            _Job(self._bridge, self.generation, self._library, article_id, self._suggest)
        )

    def _done(self, generation: int, article_id: int, found: object) -> None:
        if generation != self.generation:
            return  # stale: another article was opened meanwhile
        self.ready.emit(article_id, found)

    def shutdown(self, msecs: int = 5000) -> None:
        self.generation += 1
        self.pool.clear()
        self.pool.waitForDone(msecs)
