"""The review in the main window: the 审核 menu, the status badge, the comments
dock, markers on cards, the read-only lock in review and the last editor.

Every decision is nodes.approval's (the same rules as `journey-canvas review`
and the runtime's publish gate); this only asks it, on a copy of the journey
first, and pushes the result as one undo step."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QInputDialog, QMenu, QMessageBox

from nodes import approval
from nodes.review import Status

from .. import settings
from ..items.add_button import AddStepItem
from . import undo_commands
from .comments_panel import ReviewPanel
from .edit_record import EditRecorder
from .lifecycle import Lifecycle
from .marker import sync_markers
from .status_badge import ReadOnlyBanner, StatusBadge
from .undo_commands import COMMENT_FIELDS, STATUS_FIELDS, ReviewCommand

ACTIONS = ("submit", "approve", "request_changes")


class ReviewController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window, self.document = window, window.document
        self.panel = ReviewPanel(window)
        self.dock = QDockWidget(window)
        self.dock.setObjectName("review")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        # Under the canvas only: the side docks (steps, settings, guide) keep their height.
        window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.badge = StatusBadge(window)
        window.toolbar.addSeparator()
        window.toolbar.addWidget(self.badge)
        self.banner = ReadOnlyBanner(window)
        window.centralWidget().layout().insertWidget(0, self.banner)
        self.menu = QMenu(window)
        self.actions: dict[str, QAction] = {}
        for name in ACTIONS:
            action = self.menu.addAction("")
            action.setObjectName(f"review_{name}")
            action.triggered.connect(lambda _=False, n=name: self.take(n))
            self.actions[name] = action
        self.menu.addSeparator()
        self.menu.addAction(self.dock.toggleViewAction())
        self.actions["history"] = self.menu.addAction("")
        self.actions["history"].triggered.connect(self.show_history)
        self.lifecycle = Lifecycle(self)  # publish, pause, resume, end in the store
        window.menuBar().insertMenu(window.menus["help"].menuAction(), self.menu)
        window.menus["review"] = self.menu
        self._status: tuple[int, Status] = (-1, Status.draft)  # (document revision, status)
        self.refusal_box: QMessageBox | None = None
        self.last_notice = ""
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)
        self._wire()

    def _wire(self) -> None:
        document, panel = self.document, self.panel
        document.undo_stack.lock = self.lock_reason
        document.undo_stack.refused.connect(self._edit_refused)
        self.recorder = EditRecorder(document, self.user, lambda: self.lang, self._said)
        document.reset.connect(self._reset)
        document.meta_changed.connect(self.refresh)  # the review block is in the meta
        # Cards come and go and change names often (typing): one refresh per burst.
        for signal in (document.node_added, document.node_changed, document.node_removed):
            signal.connect(self._refresh_timer.start)
        self.window.scene.installEventFilter(self)
        panel.node_activated.connect(self.window.show_node)
        panel.add_requested.connect(self.add_comment)
        panel.reply_requested.connect(self.reply)
        panel.resolve_requested.connect(self.toggle_resolved)
        panel.delete_requested.connect(self.delete_comment)

    @property
    def lang(self) -> str:
        return self.window.lang

    @staticmethod
    def user() -> str:
        return settings.user_name()

    def status(self) -> Status:
        # Asked on every push and refresh; the content hash behind it once per change.
        revision = self.document.revision
        if self._status[0] != revision:
            self._status = (revision, approval.effective_status(self.document.journey))
        return self._status[1]

    # -- showing --------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.menu.setTitle(self.tr("&Review"))
        self.dock.setWindowTitle(self.tr("Comments and review"))
        texts = {"submit": (self.tr("&Submit for Review"),
                            self.tr("Ask someone else to review the journey; it cannot be "
                                    "changed while in review")),
                 "approve": (self.tr("&Approve"),
                             self.tr("Approve the journey as it is (not your own edit)")),
                 "request_changes": (self.tr("Request &Changes…"),
                                     self.tr("Send the journey back for changes, with a note")),
                 "history": (self.tr("Review &History"),
                             self.tr("Who submitted, approved or sent back the journey, "
                                     "and when"))}
        for name, (text, tip) in texts.items():
            self.actions[name].setText(text)
            self.actions[name].setStatusTip(tip)
            self.actions[name].setToolTip(tip)
        self.lifecycle.retranslate_ui()
        self.panel.retranslate_ui()
        self.refresh()

    def refresh(self) -> None:
        journey, status = self.document.journey, self.status()
        stale = approval.stale_status(journey)
        tip = self.tr("Review status: %1").replace("%1", approval.status_name(status, self.lang))
        if stale is not None:
            tip += "\n" + self.tr("The file says %1, but its content changed since: a draft "
                                  "again").replace("%1", approval.status_name(stale, self.lang))
        self.badge.show_status(status, self.lang, tip)
        reason = self.lock_reason()
        self.banner.setVisible(reason is not None)
        if reason is not None:
            self.banner.setText(self.tr(
                "In review: the steps cannot be changed (comments still can). To change them, "
                "the reviewer chooses Review ▸ Request Changes, or approves the journey."))
        self.actions["submit"].setEnabled(status in approval.ACTIONS["submit"][0])
        for name in ("approve", "request_changes"):
            self.actions[name].setEnabled(status == Status.in_review)
        self.lifecycle.refresh(status)
        self.panel.show_journey(journey, self.lang)
        sync_markers(self.window.scene, journey, self.open_at_node)

    def _reset(self) -> None:
        self.recorder.start()
        self.refresh()

    def open_at_node(self, node_id: str) -> None:
        """The comments dock, open at the first comment on `node_id`."""
        self.dock.show()
        self.dock.raise_()
        self.panel.tabs.setCurrentIndex(0)
        first = next((c for c in self.document.journey.meta.review.comments
                      if c.node_id == node_id), None)
        if first is not None:
            self.panel.choose(first.id)

    def show_history(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.tabs.setCurrentIndex(1)

    # -- the lock in review and the last editor -----------------------------------------

    def lock_reason(self) -> str | None:
        if self.status() != Status.in_review:
            return None
        return self.tr("In review: the journey cannot be changed until the reviewer approves "
                       "it or requests changes")

    def _edit_refused(self, reason: str) -> None:
        self.window.statusBar().showMessage(reason, 8000)
        # A field typed into shows the journey as it still is.
        QTimer.singleShot(0, lambda: self.window.inspector.refresh(rebuild=True))

    def eventFilter(self, watched, event) -> bool:
        """In review, the canvas moves nothing and the "+" on outlets adds nothing."""
        if watched is self.window.scene and self.lock_reason() is not None:
            kind = event.type()
            if kind == QEvent.Type.GraphicsSceneMouseMove and (
                    event.buttons() & Qt.MouseButton.LeftButton):
                return True
            if kind == QEvent.Type.GraphicsSceneMousePress:
                view = self.window.view
                if isinstance(self.window.scene.itemAt(event.scenePos(), view.transform()),
                              AddStepItem):
                    self._edit_refused(self.lock_reason())
                    return True
        return False

    def _said(self, note: str) -> None:
        """An edit sent the journey back to draft: said once, without blocking."""
        self.last_notice = note
        self.window.statusBar().showMessage(note, 10000)

    # -- review steps -------------------------------------------------------------------

    def refuse(self, refused: approval.ReviewRefused) -> QMessageBox:
        """Say why, without blocking: the reason is the rules' own words."""
        if self.refusal_box is not None:
            self.refusal_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not allowed"),
                          refused.message(self.lang), QMessageBox.StandardButton.Ok,
                          self.window)
        box.setObjectName("review_refusal")
        box.open()
        self.refusal_box = box
        self.window.statusBar().showMessage(refused.message(self.lang), 8000)
        return box

    def ask_note(self) -> str | None:
        """The note sent back with 退回修改; None when cancelled."""
        text, ok = QInputDialog.getMultiLineText(
            self.window, self.tr("Request changes"), self.tr("What should be changed?"))
        return text if ok else None

    def _push(self, text: str, change, fields: tuple[str, ...]) -> bool:
        """Try `change` on a copy of the journey; if the rules allow it, one undo step."""
        trial = self.document.journey.clone()
        try:
            change(trial)
        except approval.ReviewRefused as refused:
            self.refuse(refused)
            return False
        self.document.undo_stack.push(
            ReviewCommand(self.document, text, trial.meta.review, fields))
        return True

    def take(self, action: str, note: str | None = None) -> bool:
        self.window.inspector.panel.flush_typing()  # what is being typed is part of it
        if note is None and action == "request_changes":
            note = self.ask_note()
            if note is None:
                return False
        by = self.user()
        return self._push(undo_commands.TRANSITION[action],
                          lambda j: approval.apply_action(j, action, by, note or ""),
                          STATUS_FIELDS)

    def add_comment(self, text: str, on_step: bool) -> bool:
        node_id = None
        if on_step:
            selected = self.window.scene.selected_node_ids()
            if len(selected) != 1:
                self.window.statusBar().showMessage(
                    self.tr("Select one step on the canvas to comment on it"), 6000)
                return False
            node_id = selected[0]
        by = self.user()
        done = self._push(undo_commands.ADD_COMMENT,
                          lambda j: approval.add_comment(j, by, text, node_id), COMMENT_FIELDS)
        if done:
            self.panel.written()
            self.panel.choose(self.document.journey.meta.review.comments[-1].id)
        return done

    def reply(self, comment_id: str, text: str) -> bool:
        by = self.user()
        done = self._push(undo_commands.REPLY,
                          lambda j: approval.reply(j, comment_id, by, text), COMMENT_FIELDS)
        if done:
            self.panel.written()
        return done

    def toggle_resolved(self, comment_id: str) -> bool:
        comment = next((c for c in self.document.journey.meta.review.comments
                        if c.id == comment_id), None)
        if comment is None:
            return False
        return self._push(undo_commands.REOPEN if comment.resolved else undo_commands.RESOLVE,
                          lambda j: approval.set_resolved(j, comment_id, not comment.resolved),
                          COMMENT_FIELDS)

    def delete_comment(self, comment_id: str) -> bool:
        by = self.user()
        return self._push(undo_commands.DELETE_COMMENT,
                          lambda j: approval.delete_comment(j, comment_id, by), COMMENT_FIELDS)
