"""Review steps on the document's undo stack: comments and status transitions.

They set parts of `journey.meta.review` only, so a last editor recorded after
them (by `ReviewController`, outside the stack) survives their undo. They are
allowed while the journey is locked in review (`review_only`)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QUndoCommand

from nodes.review import Review

COMMENT_FIELDS = ("comments",)
STATUS_FIELDS = ("status", "history", "last_edit")

ADD_COMMENT = QT_TRANSLATE_NOOP("commands", "Add comment")
REPLY = QT_TRANSLATE_NOOP("commands", "Reply to comment")
RESOLVE = QT_TRANSLATE_NOOP("commands", "Resolve comment")
REOPEN = QT_TRANSLATE_NOOP("commands", "Reopen comment")
DELETE_COMMENT = QT_TRANSLATE_NOOP("commands", "Delete comment")
TRANSITION = {
    "submit": QT_TRANSLATE_NOOP("commands", "Submit for review"),
    "approve": QT_TRANSLATE_NOOP("commands", "Approve"),
    "request_changes": QT_TRANSLATE_NOOP("commands", "Request changes"),
    "publish": QT_TRANSLATE_NOOP("commands", "Record publishing"),
    "pause": QT_TRANSLATE_NOOP("commands", "Record pause"),
    "resume": QT_TRANSLATE_NOOP("commands", "Record resume"),
    "end": QT_TRANSLATE_NOOP("commands", "Record end"),
}


class ReviewCommand(QUndoCommand):
    review_only = True  # edit_lock lets it through in review

    def __init__(self, document, text: str, after: Review, fields: tuple[str, ...]):
        super().__init__(text)
        self.document, self.fields = document, fields
        before = document.journey.meta.review
        self.before = {f: getattr(before, f) for f in fields}
        self.after = {f: getattr(after, f) for f in fields}

    def _set(self, values: dict) -> None:
        journey = self.document.journey
        review = journey.meta.review.model_copy(update=values)
        journey.set_meta(journey.meta.model_copy(update={"review": review}))

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)
