"""The window is on screen before the facets that scan every article are loaded."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_facets_load_after_the_first_paint(qtbot, filled, settings, no_samples) -> None:  # type: ignore[no-untyped-def]
    from reader.gui.app import App, make_application

    app = App(make_application(), filled, settings)
    qtbot.addWidget(app.window)
    paints = _Paints()
    app.window.installEventFilter(paints)
    facets: list[int] = []
    app.controller.ready.connect(lambda: facets.append(paints.count))
    authors = app.controller.lib.authors
    with qtbot.waitSignal(app.controller.ready, timeout=5000):
        app.show()
        assert authors.rowCount() <= 1  # only "All authors" while the window first paints
    assert facets and facets[0] >= 1, "the facets were loaded before the window was painted"
    assert authors.rowCount() > 1  # then the authors with their counts
    app.window.removeEventFilter(paints)
    app.controller.imports.shutdown()
