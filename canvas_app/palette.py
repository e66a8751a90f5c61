"""The palette of node kinds: drag one onto the canvas, or double-click to add it."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from nodes.kinds import NodeKind, kind_label

from . import i18n, theme
from .view import KIND_MIME


class PaletteWidget(QListWidget):
    kind_activated = Signal(str)  # double-clicked: add at the view's centre

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setIconSize(QSize(22, 22))
        self.setSpacing(2)
        for kind in NodeKind:
            item = QListWidgetItem(theme.kind_icon(kind), "")
            item.setData(Qt.ItemDataRole.UserRole, kind.value)
            self.addItem(item)
        self.itemDoubleClicked.connect(
            lambda item: self.kind_activated.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.retranslate_ui()

    def descriptions(self) -> dict[str, str]:
        return {
            "trigger": self.tr("Starts the journey: an event, a date or a schedule"),
            "filter": self.tr("Lets through only the customers who match"),
            "wait": self.tr("Waits for a time, a date or an event"),
            "branch": self.tr("Sends each customer down the first path that matches"),
            "split": self.tr("Divides customers at random, e.g. for an A/B test"),
            "touch": self.tr("Sends a message: SMS, push, e-mail, WeChat, call"),
            "reward": self.tr("Grants points, a coupon or another benefit"),
            "update": self.tr("Sets customer attributes or tags"),
        }

    def retranslate_ui(self) -> None:
        lang = i18n.current_language()
        descriptions = self.descriptions()
        for row in range(self.count()):
            item = self.item(row)
            kind = item.data(Qt.ItemDataRole.UserRole)
            item.setText(kind_label(kind, lang))
            item.setToolTip(descriptions[kind])

    def mimeData(self, items) -> QMimeData:
        mime = QMimeData()
        if items:
            mime.setData(KIND_MIME, QByteArray(items[0].data(Qt.ItemDataRole.UserRole).encode()))
        return mime

    def mimeTypes(self) -> list[str]:
        return [KIND_MIME]

    def item_for(self, kind: str) -> QListWidgetItem:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == kind:
                return self.item(row)
        raise KeyError(kind)
