"""The list of validation issues, refreshed after each edit; a click shows the node."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from . import theme


class ValidationPanel(QWidget):
    node_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.issues: list = []
        self.lang = "en"
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.list)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.retranslate_ui()

    def set_issues(self, issues: list, lang: str) -> None:
        self.issues, self.lang = list(issues), lang
        self.list.clear()
        for issue in self.issues:
            item = QListWidgetItem(issue.message(lang))
            is_error = issue.severity == "error"
            item.setForeground(QColor(theme.ERROR if is_error else theme.WARNING))
            item.setData(Qt.ItemDataRole.UserRole, issue.node_id)
            item.setToolTip(self.tr("Click to show this step") if issue.node_id else "")
            self.list.addItem(item)
        self._show_summary()

    def retranslate_ui(self) -> None:
        self.set_issues(self.issues, self.lang)

    def _show_summary(self) -> None:
        errors = sum(1 for i in self.issues if i.severity == "error")
        warnings = len(self.issues) - errors
        if not self.issues:
            self.summary_label.setText(self.tr("No problems found."))
        else:
            self.summary_label.setText(
                self.tr("%1 error(s), %2 warning(s)").replace("%1", str(errors))
                .replace("%2", str(warnings)))

    def _clicked(self, item: QListWidgetItem) -> None:
        node_id = item.data(Qt.ItemDataRole.UserRole)
        if node_id:
            self.node_activated.emit(node_id)
