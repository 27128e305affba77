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


def test_the_daily_backup_is_made_once_the_window_is_up(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from reader.gui.daily_backup import DailyBackup
    from reader.store import backups

    path = app.library.path
    assert backups.list_backups(path) == []  # the window opened without one
    daily = DailyBackup(app.window)
    with qtbot.waitSignal(daily.made, timeout=30_000) as made:
        thread = daily.start(path)
    thread.join()
    [backup] = backups.list_backups(path)
    assert made.args == [backup]
    with qtbot.waitSignal(daily.made, timeout=30_000) as again:
        daily.start(path).join()
    assert again.args == [None]  # one a day
    assert len(backups.list_backups(path)) == 1


def test_a_daily_backup_that_cannot_be_made_is_said_in_the_status_bar(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from reader.gui.app import _back_up_daily

    blocker = app.library.path.parent / "backups"
    blocker.write_text("a file where the backups folder goes")
    _back_up_daily(app)
    status = app.window.statusBar()
    qtbot.waitUntil(lambda: "backups" in status.currentMessage(), timeout=30_000)
    assert app.window.isVisible()  # said in the status bar, not in a box
