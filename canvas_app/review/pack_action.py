"""File ▸ Export ▸ Review Pack (PDF)…: the review pack of the journey on the canvas."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from .. import saving
from .pack import write_pack


def proposed_path(window) -> str:
    """<journey>-review.pdf beside the journey's file."""
    name = saving.file_stem(window.document.journey) + "-review.pdf"
    path = window.document.path
    return str(Path(path).parent / name) if path else name


def export_review_pack(window, path: str | None = None, simulation=None) -> bool:
    """Ask where (unless `path` is given) and write the pack in the window's
    language; False when cancelled or the file cannot be written (after saying so)."""
    if path is None:
        path, _ = QFileDialog.getSaveFileName(
            window, QCoreApplication.translate("ReviewPack", "Export review pack"),
            proposed_path(window),
            QCoreApplication.translate("ReviewPack", "PDF documents (*.pdf)"))
        if not path:
            return False
    window.inspector.panel.flush_typing()  # what was just typed is in the pack too
    try:
        write_pack(window.document.journey, path, window.lang, simulation=simulation)
    except OSError as exc:
        QMessageBox.warning(
            window, QCoreApplication.translate("ReviewPack", "Cannot write the review pack"),
            str(exc))
        return False
    window.statusBar().showMessage(
        QCoreApplication.translate("ReviewPack", "Review pack written"), 3000)
    return True
