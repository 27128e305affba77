"""Exporting a story printed in parts from the window writes one story (issue 15 leftover)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.gui.exchange_view import CURRENT, MARKDOWN_FOLDER
from tests.conftest import SAMPLES
from tests.gui.conftest import make_app
from tests.gui.test_exchange import Chooser

PAGES = ["2026-02-26-page-01-yaowen.txt", "2026-02-26-page-03-zonghe.txt"]


def test_exporting_the_open_part_writes_its_whole_story_as_one_file(
    qtbot, library, settings, no_samples, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    library.import_paths([SAMPLES / p for p in PAGES])
    first = next(
        a for a in library.article_ids() if library.get_article(a).continued_on_id is not None
    )
    second = library.get_article(first).continued_on_id
    quotes = [library.get_article(a).text.strip()[:8] for a in (first, second)]
    library.highlight_quote(first, quotes[0], occurrence=1)
    library.highlight_quote(second, quotes[1], occurrence=1, note="转版后的要点")
    app = make_app(qtbot, library, settings)
    exchange = app.controller.exchange
    exchange.chooser = Chooser(tmp_path / "out")
    exchange.open_url = lambda url: pytest.fail(f"opened {url}")
    try:
        app.controller.lib.select(second)  # the second part is open: the story goes whole
        assert app.controller.reading.current_id == second
        dialog = exchange.open_export()
        assert dialog.scope.kind() == CURRENT
        dialog.choose_format(MARKDOWN_FOLDER)
        dialog.destination.button.click()
        with qtbot.waitSignal(exchange.export_done, timeout=10_000) as done:
            dialog.export_button.click()
        assert done.args[0].articles == 2 and done.args[0].highlights == 2
        (one,) = (tmp_path / "out").glob("*.md")
        md = one.read_text(encoding="utf-8")
        assert md.index(quotes[0]) < md.index(quotes[1]) and "转版后的要点" in md
    finally:
        exchange.shutdown()
        app.controller.imports.shutdown()
