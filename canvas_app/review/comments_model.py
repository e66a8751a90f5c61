"""The journey's comments as a Qt item model: one row per comment, its replies
as child rows. Rebuilt from `journey.meta.review.comments` whenever the review
block changes; it never edits the journey."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from nodes.kinds import kind_label

COMMENT_ID = Qt.ItemDataRole.UserRole + 1  # on every cell of a comment row and its replies
NODE_ID = Qt.ItemDataRole.UserRole + 2  # the commented node; None for the whole journey
IS_REPLY = Qt.ItemDataRole.UserRole + 3
_RESOLVED = QBrush(QColor("#9aa0a6"))
COLUMNS = (QT_TRANSLATE_NOOP("ReviewPanel", "Comment"), QT_TRANSLATE_NOOP("ReviewPanel", "Author"),
           QT_TRANSLATE_NOOP("ReviewPanel", "Time"), QT_TRANSLATE_NOOP("ReviewPanel", "On"))
WHOLE_JOURNEY = QT_TRANSLATE_NOOP("ReviewPanel", "Whole journey")
REMOVED_STEP = QT_TRANSLATE_NOOP("ReviewPanel", "(removed step)")
RESOLVED_TEXT = QT_TRANSLATE_NOOP("ReviewPanel", "✓ %1")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewPanel", text)


def when(at) -> str:
    """Local time, to the minute: comments are read by people, not compared."""
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def node_name(journey, node_id: str | None, lang: str) -> str:
    if node_id is None:
        return _tr(WHOLE_JOURNEY)
    if node_id not in journey:
        return _tr(REMOVED_STEP)
    return journey.label(node_id) or kind_label(journey.kind(node_id), lang)


class CommentsModel(QStandardItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.set_headers()

    def set_headers(self) -> None:
        self.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])

    def _row(self, comment_id: str, node_id, texts: list[str], resolved: bool,
             is_reply: bool) -> list[QStandardItem]:
        row = []
        for text in texts:
            cell = QStandardItem(text)
            cell.setEditable(False)
            cell.setData(comment_id, COMMENT_ID)
            cell.setData(node_id, NODE_ID)
            cell.setData(is_reply, IS_REPLY)
            if resolved:
                cell.setForeground(_RESOLVED)
            row.append(cell)
        row[0].setToolTip(texts[0])
        return row

    def fill(self, journey, lang: str) -> None:
        self.removeRows(0, self.rowCount())
        self.set_headers()
        for comment in journey.meta.review.comments:
            text = comment.text if not comment.resolved else _tr(RESOLVED_TEXT).replace(
                "%1", comment.text)
            row = self._row(comment.id, comment.node_id,
                            [text, comment.author, when(comment.at),
                             node_name(journey, comment.node_id, lang)],
                            comment.resolved, False)
            for answer in comment.replies:
                row[0].appendRow(self._row(comment.id, comment.node_id,
                                           [answer.text, answer.author, when(answer.at), ""],
                                           comment.resolved, True))
            self.appendRow(row)

    def row_of(self, comment_id: str):
        """The index of a comment's top row (invalid when there is none)."""
        for row in range(self.rowCount()):
            if self.item(row).data(COMMENT_ID) == comment_id:
                return self.index(row, 0)
        return self.index(-1, -1)

