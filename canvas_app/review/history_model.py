"""The review history (status transitions) as a table model, newest last."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel

from nodes.approval import status_name

from .comments_model import when

# The note last: it is the long one, and stretches.
COLUMNS = (QT_TRANSLATE_NOOP("ReviewPanel", "When"), QT_TRANSLATE_NOOP("ReviewPanel", "Who"),
           QT_TRANSLATE_NOOP("ReviewPanel", "From → to"), QT_TRANSLATE_NOOP("ReviewPanel", "Content"),
           QT_TRANSLATE_NOOP("ReviewPanel", "Note"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewPanel", text)


class HistoryModel(QStandardItemModel):
    def fill(self, journey, lang: str) -> None:
        self.clear()
        self.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
        for step in journey.meta.review.history:
            texts = [when(step.at), step.by,
                     f"{status_name(step.from_, lang)} → {status_name(step.to, lang)}",
                     step.content_hash[:8], step.note]
            row = [QStandardItem(t) for t in texts]
            for cell in row:
                cell.setEditable(False)
            row[3].setToolTip(step.content_hash)  # the whole hash, to compare with the CLI's
            self.appendRow(row)
