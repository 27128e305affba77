"""``pizhu`` with no command: the application object, translations, theme, the window."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.errors import KnownError
from reader.gui import collector, theme
from reader.gui.daily_backup import DailyBackup
from reader.gui.error_text import translated
from reader.gui.external import ExternalWatch
from reader.gui.i18n import Translations, tr
from reader.gui.settings import APPLICATION, ORGANIZATION, Settings
from reader.gui.shown import shown
from reader.gui.window_controller import WindowController
from reader.paths import resources_dir
from reader.store import backups
from reader.store.backups import Backup
from reader.store.library import Library


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = folder / f"pizhu-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    svg = folder / "pizhu.svg"
    if icon.isNull() and svg.is_file():
        icon.addFile(str(svg))
    return icon


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Pizhu")
    app.setDesktopFileName("io.github.pizhu.Pizhu")
    app.setStyle("Fusion")
    app.setWindowIcon(app_icon())
    collector.install(app)
    return app


class App:
    """One library, one window; rebuilt in place when the UI language changes."""

    def __init__(
        self, app: QApplication, library: Library, settings: Settings | None = None
    ) -> None:
        self.qapp = app
        self.library = library
        self.settings = settings or Settings(QSettings())
        self.translations = Translations(app)
        self.translations.apply(self.settings.language())
        self.controller = self._build()

    def _build(self) -> WindowController:
        c = WindowController(
            self.library,
            self.settings,
            apply_theme=lambda name: theme.apply(self.qapp, name),
            language=self.settings.language(),
        )
        c.language_requested.connect(self.switch_language)
        c.restore_requested.connect(self.restore)
        return c

    @property
    def window(self):  # type: ignore[no-untyped-def]
        return self.controller.window

    def show(self) -> None:
        self.window.show()
        self.controller.start()

    def switch_language(self, choice: str) -> None:
        self.settings.set_language(choice)
        self.translations.apply(choice)
        self._rebuild()

    def restore(self, backup: Backup) -> bool:
        """Replace the library with ``backup`` (after backing it up), then reopen it."""
        old = self.controller
        old.save_state()
        old.external.stop()
        old.imports.shutdown()
        old.exchange.shutdown()
        path = self.library.path
        self.qapp.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            before = backups.restore(path, backup.path)
            self.library.close()
            self.library = Library.open(path, daily_backup=False)
        except KnownError as exc:
            old.show_error(str(exc))
            old.external = ExternalWatch(self.library, old.bus, old.annotations.flush, old)
            old.external.start()
            return False
        finally:
            self.qapp.restoreOverrideCursor()
        self._rebuild()
        self.controller.window.statusBar().showMessage(
            tr("Restored %1; the library as it was is in %2")
            .replace("%1", backup.name)
            .replace("%2", before.name),
            15_000,
        )
        return True

    def _rebuild(self) -> None:
        """A new window on ``self.library`` in place of the old one (same article open)."""
        old = self.controller
        old.save_state()
        current = old.reading.current_id
        query = old.window.library.search_field.text()
        view = old.lib.view_state()
        self.controller = self._build()
        self.window.show()
        self.controller.start()
        # The new window shows what the old one did: filter, tree, search, article.
        self.controller.lib.restore_view_state(view)
        if query:
            self.controller.window.library.search_field.setText(query)
        if current is not None and self.controller.lib.select(current, emit=False):
            self.controller.reading.open(current)
        old.external.stop()
        old.window.closing.disconnect()
        old.window.close()
        old.window.deleteLater()
        old.deleteLater()


def _warm_jieba() -> None:
    from reader.text.segment import tokenizer

    tokenizer()


def _back_up_daily(main: App) -> threading.Thread:
    daily = DailyBackup(main.window)
    daily.failed.connect(main.controller.show_backup_warning)
    return daily.start(main.library.path)


def run(library: str | None = None, argv: Sequence[str] | None = None) -> int:
    app = make_application(argv)
    try:
        # The daily backup is made once the window is on screen (_back_up_daily).
        lib = Library.open(library, daily_backup=False)
    except KnownError as exc:
        Translations(app).apply(Settings().language())  # the box in the user's language
        QMessageBox.critical(None, tr("Pizhu"), shown(translated(str(exc))))
        raise
    main: App | None = None
    try:
        main = App(app, lib)
        main.show()
        # jieba builds its dictionary in about a second; do it while the user looks around.
        threading.Thread(target=_warm_jieba, name="pizhu-jieba", daemon=True).start()
        backing_up = _back_up_daily(main)
        code = int(app.exec())
        # A window closed within seconds of opening: the process stays until the day's
        # backup is whole (a copy killed half-way is only a temporary file).
        backing_up.join()
        return code
    finally:
        (main.library if main is not None else lib).close()


__all__ = ["App", "Qt", "make_application", "run", "tr"]
