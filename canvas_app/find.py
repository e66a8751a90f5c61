"""Ctrl+F: find steps by their title or plain-language summary."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    node_found = Signal(str)

    def __init__(self, scene, parent=None):
        super().__init__(parent)
        self.scene = scene
        self.matches: list[str] = []
        self.index = -1
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.next_button = QToolButton(self)
        self.close_button = QToolButton(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        for widget in (self.edit, self.count_label, self.next_button, self.close_button):
            layout.addWidget(widget)
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.hide)
        scene.document.reset.connect(self.reset)  # new, open, template: another journey
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.edit.setPlaceholderText(self.tr("Find a step by name or summary"))
        self.next_button.setText(self.tr("Next"))
        self.next_button.setToolTip(self.tr("Go to the next match"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the find bar"))
        self._show_count()

    def reset(self) -> None:
        """Forget the search: its matches and "1 of 1" were the previous journey's."""
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self.matches, self.index = [], -1
        self._show_count()

    def open(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def search(self, text: str) -> list[str]:
        needle = text.strip().casefold()
        self.matches = []
        if needle:
            items = sorted(self.scene.node_items.values(), key=lambda i: (i.pos().x(), i.pos().y()))
            self.matches = [i.node_id for i in items
                            if needle in i.title.casefold() or needle in i.summary.casefold()]
        self.index = -1
        if self.matches:
            self.find_next()
        else:
            self._show_count()
        return self.matches

    def find_next(self) -> None:
        if not self.matches:
            return
        self.index = (self.index + 1) % len(self.matches)
        self._show_count()
        self.node_found.emit(self.matches[self.index])

    def _show_count(self) -> None:
        if not self.edit.text().strip():
            self.count_label.setText("")
        elif not self.matches:
            self.count_label.setText(self.tr("No match"))
        else:
            self.count_label.setText(self.tr("%1 of %2").replace("%1", str(self.index + 1))
                                     .replace("%2", str(len(self.matches))))
