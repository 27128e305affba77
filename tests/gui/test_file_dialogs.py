"""File dialogs: Qt's own widget dialog, an icon provider that reads nothing, and never
the library's folder as the place to start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo, QSettings
from PySide6.QtWidgets import QFileDialog

from reader.gui import file_dialogs
from reader.gui.file_dialogs import NameOnlyIconProvider, make_dialog, start_folder


def test_dialogs_are_qts_own_and_do_not_sniff(qtbot, library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(None, "x", library.path, directory=str(tmp_path))
    qtbot.addWidget(dialog)
    options = dialog.options()
    for option in (
        QFileDialog.Option.DontUseNativeDialog,
        QFileDialog.Option.DontResolveSymlinks,
        QFileDialog.Option.DontUseCustomDirectoryIcons,
    ):
        assert options & option
    assert isinstance(dialog.iconProvider(), NameOnlyIconProvider)
    provider = NameOnlyIconProvider()
    # A file whose content says "PNG" is still typed by its name alone.
    fake = tmp_path / "notes.txt"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert provider.type(QFileInfo(str(fake))) == "TXT file"
    assert provider.type(QFileInfo(str(tmp_path))) == "Folder"
    assert not provider.icon(QFileInfo(str(library.path))).isNull()


def test_the_library_folder_is_never_where_a_dialog_starts(library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    QSettings().setValue(file_dialogs.LAST_FOLDER_KEY, str(library.path.parent))
    assert Path(start_folder(library.path)).resolve() != library.path.parent.resolve()
    elsewhere = tmp_path / "pages"
    elsewhere.mkdir()
    file_dialogs.remember(str(elsewhere / "a.txt"))
    assert start_folder(library.path) == str(elsewhere)
    dialog = make_dialog(None, "x", library.path)
    assert Path(dialog.directory().absolutePath()) == elsewhere
    dialog.deleteLater()
