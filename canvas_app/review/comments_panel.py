"""The review dock: the comments (a tree, replies under their comment) with a box
to write in, and the history of status transitions. It only shows the journey
and asks for changes through its signals; `ReviewController` makes them."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .comments_model import COMMENT_ID, NODE_ID, CommentsModel
from .history_model import HistoryModel


class ReviewPanel(QWidget):
    node_activated = Signal(str)
    add_requested = Signal(str, bool)  # text, on the selected step (else the whole journey)
    reply_requested = Signal(str, str)  # comment id, text
    resolve_requested = Signal(str)  # comment id: resolved ⇄ open
    delete_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = CommentsModel(self)
        self.history_model = HistoryModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("comments_tree")
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):  # author, time, step: read whole, the text takes the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.clicked.connect(self._clicked)
        self.tree.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("comment_text")
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 12)
        self.text.textChanged.connect(self._enable)
        # A tool bar, not a row of buttons: when the dock is narrow the ones that do
        # not fit go to its » menu, so the dock never widens the window.
        self.bar = QToolBar(self)
        self.bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions: dict[str, QAction] = {}
        self.buttons: dict[str, QToolButton] = {}
        for name in ("on_step", "on_journey", "reply", "resolve", "delete"):
            action = self.actions[name] = QAction(self)
            action.setObjectName(f"comment_{name}")
            self.bar.addAction(action)
            self.buttons[name] = self.bar.widgetForAction(action)
        self.actions["on_step"].triggered.connect(lambda: self._add(True))
        self.actions["on_journey"].triggered.connect(lambda: self._add(False))
        self.actions["reply"].triggered.connect(self._reply)
        self.actions["resolve"].triggered.connect(
            lambda: self.current_comment() and self.resolve_requested.emit(self.current_comment()))
        self.actions["delete"].triggered.connect(
            lambda: self.current_comment() and self.delete_requested.emit(self.current_comment()))

        comments = QWidget(self)
        column = QVBoxLayout(comments)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.tree, 1)
        column.addWidget(self.text)
        column.addWidget(self.bar)
        self.history = QTableView(self)
        self.history.setObjectName("review_history")
        self.history.setModel(self.history_model)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setStretchLastSection(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(comments, "")
        self.tabs.addTab(self.history, "")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        self.resolved_of: dict[str, bool] = {}
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("Comments"))
        self.tabs.setTabText(1, self.tr("History"))
        self.text.setPlaceholderText(self.tr("Write a comment or a reply…"))
        texts = {"on_step": (self.tr("Comment on step"),
                             self.tr("Comment on the step selected on the canvas")),
                 "on_journey": (self.tr("Comment on journey"),
                                self.tr("Comment on the journey as a whole")),
                 "reply": (self.tr("Reply"), self.tr("Reply to the chosen comment")),
                 "delete": (self.tr("Delete"),
                            self.tr("Delete the chosen comment (only its author can)"))}
        for name, (text, tip) in texts.items():
            self.actions[name].setText(text)
            self.actions[name].setToolTip(tip)
        self.model.set_headers()
        self._enable()

    # -- showing ------------------------------------------------------------------

    def show_journey(self, journey, lang: str) -> None:
        """Fill both views again, keeping the chosen comment chosen."""
        chosen = self.current_comment()
        self.model.fill(journey, lang)
        self.tree.expandAll()
        self.history_model.fill(journey, lang)
        self.history.resizeColumnsToContents()
        self.resolved_of = {c.id: c.resolved for c in journey.meta.review.comments}
        if chosen:
            self.choose(chosen)
        self._enable()

    def choose(self, comment_id: str) -> bool:
        index = self.model.row_of(comment_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        return index.isValid()

    def current_comment(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(COMMENT_ID) if index.isValid() else None

    def _enable(self) -> None:
        chosen = self.current_comment()
        written = bool(self.text.toPlainText().strip())
        for name in ("on_step", "on_journey"):
            self.actions[name].setEnabled(written)
        self.actions["reply"].setEnabled(written and chosen is not None)
        self.actions["resolve"].setEnabled(chosen is not None)
        self.actions["delete"].setEnabled(chosen is not None)
        resolved = self.resolved_of.get(chosen, False)
        self.actions["resolve"].setText(self.tr("Reopen") if resolved else self.tr("Resolve"))
        self.actions["resolve"].setToolTip(
            self.tr("Mark the chosen comment as open again") if resolved
            else self.tr("Mark the chosen comment as dealt with"))

    # -- asking -------------------------------------------------------------------

    def _clicked(self, index) -> None:
        node_id = index.data(NODE_ID)
        if node_id:
            self.node_activated.emit(node_id)

    def _add(self, on_step: bool) -> None:
        self.add_requested.emit(self.text.toPlainText(), on_step)

    def _reply(self) -> None:
        if self.current_comment():
            self.reply_requested.emit(self.current_comment(), self.text.toPlainText())

    def written(self) -> None:
        """The text was used: clear the box for the next one."""
        self.text.clear()

