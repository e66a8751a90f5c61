"""The list of validation issues, refreshed after each edit; a click shows the node."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from . import theme


class IssueList(QListWidget):
    """Each message is a wrapping label sized to its text: the list's own estimate is
    made before the width is known and cuts long (especially Chinese) messages short."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_items()

    def set_messages(self, messages: list[tuple[QListWidgetItem, str, str]]) -> None:
        """All items first, then their labels: adding items one by one while labels
        already sit in the list relays them all out each time (quadratic)."""
        self.setUpdatesEnabled(False)
        try:
            for item, text, _ in messages:
                item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
                self.addItem(item)
            for item, text, color in messages:
                label = QLabel(text)
                label.setWordWrap(True)
                label.setMargin(3)
                label.setStyleSheet(f"color: {color}; background: transparent")
                label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the item gets clicks
                self.setItemWidget(item, label)
        finally:
            self.setUpdatesEnabled(True)

    def clear_messages(self) -> None:
        # Detached now, not at Qt's later deletion: old labels must not linger on screen.
        for row in range(self.count()):
            label = self.itemWidget(self.item(row))
            if label is not None:
                self.removeItemWidget(self.item(row))
                label.setParent(None)
                label.deleteLater()
        self.clear()

    def fit_items(self) -> None:
        width = self.viewport().width() - 2 * self.spacing()
        if width <= 0:
            return
        for row in range(self.count()):
            item = self.item(row)
            label = self.itemWidget(item)
            if label is not None:
                item.setSizeHint(QSize(width, label.heightForWidth(width - 8) + 8))


class ValidationPanel(QWidget):
    node_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.issues: list = []
        self.lang = "en"
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.list = IssueList(self)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrap, never cut a message
        self.list.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.list)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.retranslate_ui()

    def set_issues(self, issues: list, lang: str) -> None:
        issues = list(issues)
        if issues == self.issues and lang == self.lang and self.list.count() == len(issues):
            return  # unchanged: rebuilding a long list of wrapped messages is slow
        self.issues, self.lang = issues, lang
        self._fill()

    def _fill(self) -> None:
        self.list.clear_messages()
        # Errors first: they stop publishing; a mark besides the colour for colour-blind eyes.
        messages = []
        for issue in sorted(self.issues, key=lambda i: i.severity != "error"):
            is_error = issue.severity == "error"
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, issue.node_id)
            item.setToolTip(self.tr("Click to show this step") if issue.node_id else "")
            messages.append((item, ("✖ " if is_error else "⚠ ") + issue.message(self.lang),
                             theme.ERROR if is_error else theme.WARNING))
        self.list.set_messages(messages)
        self.list.fit_items()
        self._show_summary()

    def retranslate_ui(self) -> None:
        self._fill()

    def _show_summary(self) -> None:
        errors = sum(1 for i in self.issues if i.severity == "error")
        warnings = len(self.issues) - errors
        if not self.issues:
            self.summary_label.setText(self.tr("No problems found."))
            return
        parts = []
        if errors:
            text = self.tr("1 error") if errors == 1 else self.tr("%1 errors")
            parts.append(text.replace("%1", str(errors)))
        if warnings:
            text = self.tr("1 warning") if warnings == 1 else self.tr("%1 warnings")
            parts.append(text.replace("%1", str(warnings)))
        self.summary_label.setText(self.tr(", ").join(parts))

    def _clicked(self, item: QListWidgetItem) -> None:
        node_id = item.data(Qt.ItemDataRole.UserRole)
        if node_id:
            self.node_activated.emit(node_id)
