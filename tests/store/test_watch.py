"""Telling another process's writes from our own (what the window polls)."""

from __future__ import annotations

import threading
from pathlib import Path

from reader.store import backups
from reader.store.library import Library
from reader.store.watch import ExternalWrites
from tests.conftest import run_pizhu


def test_own_writes_are_not_external_and_other_processes_writes_are(
    library: Library, small_page: Path
) -> None:
    watch = ExternalWrites(library.engine, library.path)
    try:
        assert not watch.poll()
        library.import_paths([small_page])  # our own, in several transactions
        first = library.article_ids()[0]
        worker = threading.Thread(target=lambda: library.tag_article(first, "线程"))
        worker.start()
        worker.join()
        assert not watch.poll()
        assert run_pizhu(library.path, "tag", str(first), "终端").returncode == 0
        assert watch.poll()
        assert not watch.poll()  # reported once
        # Ours and theirs between two polls: theirs is not hidden by ours.
        assert run_pizhu(library.path, "tag", str(first), "又一个").returncode == 0
        library.tag_article(first, "我的")
        assert watch.poll()
        library.tag_article(first, "再来")
        saved = backups.make_backup(library.path, "manual")
        assert not watch.poll()  # a backup reads, it does not write
        library.tag_article(first, "恢复后消失")
        assert not watch.poll()
        backups.restore(library.path, saved.path)  # the counter goes back: a change
        assert watch.poll()
        assert "恢复后消失" not in {t.name for t in library.tags()}
    finally:
        watch.close()
