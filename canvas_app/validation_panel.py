"""The list of validation issues, refreshed after each edit; a click shows the node.

Above them, when the connected store says the run paused this journey by itself
(`StoreStatus` asks it), one error row says why and which step failed."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
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
    """Draws each message whole, wrapped at the list's width, and sizes its row by
    the same measure (plain items, not a label widget per row: a long list of
    problems fills in milliseconds). The style's own item text cuts a last line it
    thinks will not fit with "…"; here the style draws only the row's background."""

    PAD = 10  # around the text: the theme's item padding, and air between messages
    FLAGS = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
                | Qt.AlignmentFlag.AlignTop)

    def text_box(self, rect: QRect) -> QRect:
        """Where a row's text goes in the row's `rect`."""
        return rect.adjusted(self.PAD, self.PAD // 2, -self.PAD, -(self.PAD - self.PAD // 2))

    def text_height(self, font, text: str, width: int) -> int:
        return QFontMetrics(font).boundingRect(QRect(0, 0, width, 1 << 20), self.FLAGS,
                                               text).height()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        view: QListView = self.parent()
        width = max(view.viewport().width() - 2 * view.spacing(), 40)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        box = self.text_box(QRect(0, 0, width, 1 << 16))
        return QSize(width, self.text_height(option.font, text, box.width()) + self.PAD)

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        if opt.state & QStyle.StateFlag.State_Selected:
            colour = opt.palette.highlightedText().color()
        else:
            colour = brush.color() if brush is not None else opt.palette.text().color()
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(colour)
        painter.drawText(self.text_box(opt.rect), self.FLAGS, text)
        painter.restore()


class ValidationPanel(QWidget):
    node_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.issues: list = []
        self.lang = "en"
        self.blank = False  # an empty journey: nothing to check yet
        # The store's automatic pause of this journey: (reason text, node id or None,
        # what to call the node, error detail), or None.
        self.store_pause: tuple[str, str | None, str, str] | None = None
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
                and self.list.count() == len(issues) + (self.store_pause is not None)):
            return  # unchanged: rebuilding a long list of wrapped messages is slow
        self.issues, self.lang, self.blank = issues, lang, blank
        self._fill()

    def set_store_pause(self, reason_text: str | None, node_id: str | None = None,
                        node_name: str = "", detail: str = "") -> None:
        """Show (or, with `reason_text` None, hide) the row saying the store's run
        paused this journey: `node_id` is selected on click when set (a step of
        the open journey), `node_name` is what the row calls the failed step."""
        pause = None if reason_text is None else (reason_text, node_id, node_name, detail or "")
        if pause != self.store_pause:
            self.store_pause = pause
            self._fill()

    def _store_pause_item(self) -> QListWidgetItem:
        reason, node_id, node_name, detail = self.store_pause
        if node_name:
            text = self.tr("This journey is paused in the store: %1 (step '%2'). Fix it, "
                           "then resume it with journey-runtime resume.")
            text = text.replace("%1", reason).replace("%2", node_name)
        else:
            text = self.tr("This journey is paused in the store: %1. Fix it, then resume it "
                           "with journey-runtime resume.").replace("%1", reason)
        item = QListWidgetItem("✖ " + text)
        item.setData(Qt.ItemDataRole.UserRole, node_id)
        item.setData(Qt.ItemDataRole.UserRole + 1, "store_pause")
        item.setForeground(QBrush(QColor(theme.ERROR)))
        tips = [self.tr("The store says: %1").replace("%1", detail)] if detail else []
        if node_id:
            tips.append(self.tr("Click to show this step"))
        item.setToolTip("\n".join(tips))
        return item

    def _fill(self) -> None:
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        if self.store_pause is not None:  # first: nothing of this journey runs until resumed
            self.list.addItem(self._store_pause_item())
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
        errors += self.store_pause is not None
        if self.blank and not errors:
            self.summary_label.setText(self.tr("Nothing to check yet: the journey is empty."))
            return
        if not errors and not warnings:
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
