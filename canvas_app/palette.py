"""The palette of node kinds: drag one onto the canvas, or double-click to add it."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from nodes.kinds import kind_label, kind_names

from . import i18n, look
from .view import KIND_MIME


class PaletteWidget(QListWidget):
    kind_activated = Signal(str)  # double-clicked: add at the view's centre

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setIconSize(QSize(22, 22))
        self.setSpacing(2)
        for kind in kind_names():  # the model's order; each kind's look says how it shows
            item = QListWidgetItem(look.kind_icon(kind), "")
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.addItem(item)
        self.itemDoubleClicked.connect(
            lambda item: self.kind_activated.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.retranslate_ui()

    def descriptions(self) -> dict[str, str]:
        return {kind: look.palette_text(kind) for kind in kind_names()}

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
