"""File dialogs that never open the files they list.

On POSIX, closing any descriptor a process holds on the library file drops all of the
process's SQLite locks on it; a file dialog that opens files to guess their type (a
native dialog, or Qt's own through QMimeDatabase and the icon provider) can make the
window's next writes vanish. So every dialog here is Qt's own widget dialog with an icon
provider that decides by name and ``stat`` alone, does not resolve symlinks, and starts
in the folder last used for that kind of file (import, export, share), else the last
folder chosen at all, else the home folder — never the library's own folder and never
the process's working directory.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo, QSettings, QStandardPaths
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QWidget

from reader.gui.i18n import tr

LAST_FOLDER_KEY = "dialogs/last_folder"


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from the file name and ``stat``; file contents never read."""

    def _style_icon(self, pixmap: QStyle.StandardPixmap) -> QIcon:
        return QApplication.style().standardIcon(pixmap)

    def icon(self, what: QAbstractFileIconProvider.IconType | QFileInfo) -> QIcon:
        if isinstance(what, QFileInfo):
            folder = what.isDir()
        else:
            folder = what != QAbstractFileIconProvider.IconType.File
        return self._style_icon(
            QStyle.StandardPixmap.SP_DirIcon if folder else QStyle.StandardPixmap.SP_FileIcon
        )

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return tr("Folder")
        suffix = info.suffix()
        return tr("%1 file").replace("%1", suffix.upper()) if suffix else tr("File")


def _usable_start(folder: str, library: Path | None) -> bool:
    if not folder or not Path(folder).is_dir():
        return False
    if library is None:
        return True
    try:
        return Path(folder).resolve() != library.parent.resolve()
    except OSError:
        return False


def _kind_key(kind: str) -> str:
    return f"folders/{kind}"


def start_folder(library: Path | None, kind: str = "") -> str:
    """The folder last used for ``kind``, else the last folder chosen, else home;
    never the library's folder."""
    settings = QSettings()
    candidates = [
        str(settings.value(_kind_key(kind), "") or "") if kind else "",
        str(settings.value(LAST_FOLDER_KEY, "") or ""),
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation),
    ]
    for folder in candidates:
        if _usable_start(folder, library):
            return folder
    return ""


def remember(path: str, kind: str = "") -> None:
    """Remember the folder of ``path`` (a file, or a folder itself) for the next dialog."""
    if path:
        p = Path(path)
        folder = str(p if p.is_dir() else p.parent)
        settings = QSettings()
        settings.setValue(LAST_FOLDER_KEY, folder)
        if kind:
            settings.setValue(_kind_key(kind), folder)


def make_dialog(
    parent: QWidget | None,
    caption: str,
    library: Path | None,
    *,
    mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
    save: bool = False,
    filters: str = "",
    name: str = "",
    directory: str | None = None,
    kind: str = "",
) -> QFileDialog:
    """A safe dialog (see the module docstring); ``directory`` overrides the start."""
    dialog = QFileDialog(parent, caption, directory or start_folder(library, kind), filters)
    dialog.setOptions(
        QFileDialog.Option.DontUseNativeDialog
        | QFileDialog.Option.DontResolveSymlinks
        | QFileDialog.Option.DontUseCustomDirectoryIcons
    )
    dialog.setIconProvider(NameOnlyIconProvider())
    dialog.setFileMode(mode)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        if name:
            dialog.selectFile(name)
    return dialog


def _run(dialog: QFileDialog, kind: str = "") -> list[str]:
    chosen = dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    if chosen:
        remember(chosen[0], kind)
    return chosen


def open_files(
    parent: QWidget | None, caption: str, filters: str, library: Path | None, kind: str = ""
) -> list[str]:
    mode = QFileDialog.FileMode.ExistingFiles
    return _run(make_dialog(parent, caption, library, mode=mode, filters=filters, kind=kind), kind)


def open_file(
    parent: QWidget | None, caption: str, filters: str, library: Path | None, kind: str = ""
) -> str:
    dialog = make_dialog(parent, caption, library, filters=filters, kind=kind)
    return next(iter(_run(dialog, kind)), "")


def save_file(
    parent: QWidget | None,
    caption: str,
    name: str,
    filters: str,
    library: Path | None,
    kind: str = "",
) -> str:
    dialog = make_dialog(
        parent,
        caption,
        library,
        mode=QFileDialog.FileMode.AnyFile,
        save=True,
        filters=filters,
        name=name,
        kind=kind,
    )
    return next(iter(_run(dialog, kind)), "")


def folder(parent: QWidget | None, caption: str, library: Path | None, kind: str = "") -> str:
    dialog = make_dialog(parent, caption, library, mode=QFileDialog.FileMode.Directory, kind=kind)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return next(iter(_run(dialog, kind)), "")
