"""Where exports and share files go and which share file to merge: the file dialogs
of File → Export, Share and Merge, behind one small object the tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from reader.gui import file_dialogs
from reader.gui.exchange_view import JSON, WORD
from reader.gui.i18n import tr


class FileChooser:
    """Where exports and share files go and which file to merge (tests replace it)."""

    def __init__(self, library: Path | None = None) -> None:
        self.library = library  # its folder is never where a dialog starts

    def export_folder(self, parent: QWidget) -> str | None:
        return (
            file_dialogs.folder(parent, tr("Export into a folder"), self.library, "export") or None
        )

    def export_file(self, parent: QWidget, fmt: str) -> str | None:
        if fmt == JSON:
            caption, name, kinds = (
                tr("Export as JSON"),
                "pizhu.jsonld",
                tr("JSON-LD (*.jsonld *.json)"),
            )
        elif fmt == WORD:
            caption, name, kinds = tr("Export to Word"), "pizhu.docx", tr("Word (*.docx)")
        else:
            caption, name, kinds = tr("Export as Markdown"), "pizhu.md", tr("Markdown (*.md)")
        return file_dialogs.save_file(parent, caption, name, kinds, self.library, "export") or None

    def share_file(self, parent: QWidget) -> str | None:
        return (
            file_dialogs.save_file(
                parent,
                tr("Share file"),
                "pizhu-share.sqlite",
                tr("Pizhu share files (*.sqlite)"),
                self.library,
                "share",
            )
            or None
        )

    def merge_file(self, parent: QWidget) -> str | None:
        return (
            file_dialogs.open_file(
                parent,
                tr("Merge a share file"),
                tr("Pizhu share files (*.sqlite);;All files (*)"),
                self.library,
                "share",
            )
            or None
        )
