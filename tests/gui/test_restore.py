"""File → Restore from backup…: pick a backup, the library is replaced and reopened."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from reader.store import backups


def test_restore_from_the_file_menu_reopens_the_restored_library(qtbot, app) -> None:  # type: ignore[no-untyped-def]
    c = app.controller
    first = c.library.article_ids()[0]
    c.bus.run(lambda: c.library.tag_article(first, "备份前"))
    saved = backups.make_backup(c.library.path, "manual")
    c.bus.run(lambda: c.library.tag_article(first, "备份后"))
    c.lib.select(first, emit=False)
    c.reading.open(first)
    old_library = app.library

    action = c.window.actions_.restore_backup
    assert action in c.window.menuBar().actions()[0].menu().actions()
    action.trigger()
    dialog = c.restore_dialog
    assert dialog.list.count() == 1 and dialog.chosen() == backups.list_backups(c.library.path)[0]
    assert "备份" not in dialog.list.item(0).text()  # date, reason, size; plain text
    dialog.restore_button.click()

    qtbot.waitUntil(lambda: app.controller is not c)
    qtbot.addWidget(app.window)
    assert app.library is not old_library
    assert {t.name for t in app.library.tags()} == {"备份前"}
    assert app.controller.reading.current_id == first
    assert "备份后" not in app.controller.annotations.tags
    assert saved.name in app.window.statusBar().currentMessage()
    [before] = [b for b in backups.list_backups(app.library.path) if b.reason == "before-restore"]
    assert before.name in app.window.statusBar().currentMessage()
    assert app.library.check(full=True).ok
    app.library.close()


def test_a_library_without_backups_says_so(qtbot, app) -> None:  # type: ignore[no-untyped-def]
    dialog = app.controller.open_restore()
    assert dialog.list.count() == 0 and not dialog.restore_button.isEnabled()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert app.controller.restore_dialog is dialog and not dialog.isVisible()


def test_preferences_set_how_many_backups_are_kept(qtbot, app) -> None:  # type: ignore[no-untyped-def]
    path = app.library.path
    for _ in range(4):
        backups.make_backup(path, "manual")
    dialog = app.controller.open_preferences()
    assert dialog.backups_kept.value() == backups.DEFAULT_KEEP
    dialog.backups_kept.setValue(2)
    dialog.accept()
    assert backups.keep_count(path) == 2
    assert len(backups.list_backups(path)) == 2
