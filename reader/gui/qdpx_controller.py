"""File → Export as a REFI-QDA project: every annotated article as a ``.qdpx`` project,
or the code tree alone as a ``.qdc`` codebook, chosen by the file type."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reader.errors import KnownError
from reader.gui.i18n import tr
from reader.store.library import Library

Chooser = Callable[[QWidget], tuple[str, str]]


def _choose(parent: QWidget) -> tuple[str, str]:
    project, codebook = tr("REFI-QDA project (*.qdpx)"), tr("REFI-QDA codebook (*.qdc)")
    path, kind = QFileDialog.getSaveFileName(
        parent, tr("Export as a REFI-QDA project"), "pizhu.qdpx", f"{project};;{codebook}"
    )
    return path, ("qdc" if kind == codebook or path.lower().endswith(".qdc") else "qdpx")


def export_qdpx(
    library: Library,
    parent: QWidget,
    on_error: Callable[[str], None],
    choose: Chooser = _choose,
    confirm: bool = True,
) -> Path | None:
    from reader.exchange.collect import annotated_ids, load
    from reader.exchange.qdpx import export_qdc
    from reader.exchange.qdpx import export_qdpx as write_project

    path, kind = choose(parent)
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != f".{kind}":
        target = target.with_name(target.name + f".{kind}")
    try:
        with library.reading() as tx:  # one snapshot; the file written after
            loaded = load(tx, [] if kind == "qdc" else annotated_ids(tx))
        if kind == "qdc":
            export_qdc(loaded, target, force=True)  # the save dialog asked before overwriting
            message = tr("Codebook written to {path}").format(path=target)
        else:
            report = write_project(loaded, target, force=True)
            message = tr(
                "{articles} articles with {highlights} highlights written to {path}"
            ).format(articles=report.articles, highlights=report.highlights, path=target)
    except KnownError as exc:
        on_error(str(exc))
        return None
    if confirm:
        QMessageBox.information(parent, tr("Export as a REFI-QDA project"), message)
    return target
