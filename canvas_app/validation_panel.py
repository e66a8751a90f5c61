"""The list of validation issues, refreshed after each edit; a click shows the node."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from . import theme


class WrappedTextDelegate(QStyledItemDelegate):
    """Row heights from the message wrapped at the list's current width, with some
    air between messages (plain items, not a label widget per row: a long list
    of problems fills in milliseconds)."""

    SLACK = 6  # vertical air, and room for a style that pads more than it says

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        view: QListView = self.parent()
        style = view.style()
        # The default delegate keeps a focus-frame margin on both sides of the text.
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        width = max(view.viewport().width() - 2 * view.spacing(), 40)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, width - margin - 2, 1 << 20), Qt.TextFlag.TextWordWrap, text)
        return QSize(width, bounds.height() + self.SLACK)


class ValidationPanel(QWidget):
    node_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.issues: list = []
        self.lang = "en"
        self.blank = False  # an empty journey: nothing to check yet
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setItemDelegate(WrappedTextDelegate(self.list))
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

    def set_issues(self, issues: list, lang: str, blank: bool = False) -> None:
        issues = list(issues)
        if (issues == self.issues and lang == self.lang and blank == self.blank
                and self.list.count() == len(issues)):
            return  # unchanged: rebuilding a long list of wrapped messages is slow
        self.issues, self.lang, self.blank = issues, lang, blank
        self._fill()

    def _fill(self) -> None:
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        # Errors first: they stop publishing; a mark besides the colour for colour-blind eyes.
        for issue in sorted(self.issues, key=lambda i: i.severity != "error"):
            is_error = issue.severity == "error"
            item = QListWidgetItem(("✖ " if is_error else "⚠ ") + issue.message(self.lang))
            item.setData(Qt.ItemDataRole.UserRole, issue.node_id)
            item.setForeground(QBrush(QColor(theme.ERROR if is_error else theme.WARNING)))
            item.setToolTip(self.tr("Click to show this step") if issue.node_id else "")
            self.list.addItem(item)
        self.list.setUpdatesEnabled(True)
        self._show_summary()

    def retranslate_ui(self) -> None:
        self._fill()

    def _show_summary(self) -> None:
        errors = sum(1 for i in self.issues if i.severity == "error")
        warnings = len(self.issues) - errors
        if self.blank:
            self.summary_label.setText(self.tr("Nothing to check yet: the journey is empty."))
            return
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
