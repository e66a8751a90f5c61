"""The review status at a glance: a coloured badge on the toolbar, and the
banner over the canvas that says why it cannot be edited in review."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

from nodes.approval import status_name
from nodes.review import Status

COLOURS = {
    Status.draft: "#5f6368", Status.in_review: "#1a73e8", Status.approved: "#188038",
    Status.changes_requested: "#e37400", Status.published: "#0b8043",
    Status.paused: "#9334e6", Status.ended: "#3c4043",
}


class StatusBadge(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("review_status")
        self.status: Status | None = None

    def show_status(self, status: Status, lang: str, tip: str) -> None:
        self.status = status
        self.setText(status_name(status, lang))
        self.setToolTip(tip)
        self.setStyleSheet(
            f"QLabel#review_status {{ background: {COLOURS[status]}; color: white; "
            "border-radius: 9px; padding: 2px 10px; margin: 0 6px; font-weight: bold; }")


class ReadOnlyBanner(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("review_banner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel#review_banner { background: #e8f0fe; color: #174ea6; "
            "border-bottom: 1px solid #aecbfa; padding: 6px 12px; }")
        self.hide()
