"""Publish, pause, resume and end from the 审核 menu: the step is taken in the
connected customer store (off the GUI thread, through runtime.api), and once
the store has taken it, recorded in the journey's review history and saved
when the journey has a file — the same as `journey-runtime publish|pause|
resume|end --file`. The store decides; the file follows. A publish the store
refuses (not approved, errors) is said in the store's own words."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from nodes import approval
from nodes.review import Status

from ..monitor.background import Task
from . import undo_commands
from .undo_commands import STATUS_FIELDS

STEPS = ("publish", "pause", "resume", "end")


def take_in_store(store: Any, action: str, journey: Any, lang: str) -> dict[str, Any]:
    """Runs in the pool: the store's step, as {"ok", "message", "versions"}."""
    from runtime import api

    try:
        if action == "publish":
            result = api.publish_journey(store, journey)
            return {"ok": True, "message": result.summary(lang), "versions": [result.version],
                    "new": not result.already_published}
        step = {"pause": api.pause_journey, "resume": api.resume_journey,
                "end": api.end_journey}[action]
        versions = step(store, journey.id)
    except api.PublishRefused as refused:
        return {"ok": False, "message": refused.message(lang), "versions": []}
    except api.JourneyStateError as exc:
        return {"ok": False, "message": exc.message(lang), "versions": []}
    return {"ok": bool(versions), "message": "", "versions": versions}


class Lifecycle(QObject):
    def __init__(self, controller) -> None:
        super().__init__(controller)
        self.controller, self.window = controller, controller.window
        self.actions: dict[str, QAction] = {}
        controller.menu.addSeparator()
        for name in STEPS:
            action = controller.menu.addAction("")
            action.setObjectName(f"review_{name}")
            action.triggered.connect(lambda _=False, n=name: self.take(n))
            self.actions[name] = action
        self.task: Task | None = None
        self.box: QMessageBox | None = None
        self.last_message = ""

    def retranslate_ui(self) -> None:
        texts = {
            "publish": (self.tr("&Publish to Customer Store"),
                        self.tr("Publish this journey as a new version in the connected store; "
                                "a store that requires approval takes only approved content")),
            "pause": (self.tr("Pa&use in Store"),
                      self.tr("No one enters and every step waits until it is resumed")),
            "resume": (self.tr("&Resume in Store"),
                       self.tr("Held customers go on where they were")),
            "end": (self.tr("&End in Store…"),
                    self.tr("Stop the journey for good: the customers inside leave it")),
        }
        for name, (text, tip) in texts.items():
            self.actions[name].setText(text)
            self.actions[name].setStatusTip(tip)
            self.actions[name].setToolTip(tip)

    def refresh(self, status: Status) -> None:
        busy = self.task is not None and not self.task.done
        for name, action in self.actions.items():
            # The store is the truth for pause/resume/end (the file may be behind it).
            action.setEnabled(not busy and (name != "publish" or status != Status.in_review))

    def take(self, action: str, confirmed: bool = False) -> bool:
        """Start the store's step; False when it cannot start (no store, not confirmed)."""
        store = self.window.store
        if store is None:
            self._say(self.tr("Connect to a customer store first (File ▸ Connect to Customer "
                              "Store…)."))
            return False
        if action == "end" and not confirmed:
            self._confirm_end()
            return False
        self.window.inspector.panel.flush_typing()
        journey = self.document().journey.clone()
        self.task = Task(take_in_store, store, action, journey, self.window.lang, parent=self)
        self.task.finished.connect(lambda result: self._done(action, journey, result))
        self.task.failed.connect(self._failed)
        self.task.start()
        self.refresh(self.controller.status())
        self.window.statusBar().showMessage(self.tr("Asking the customer store…"))
        return True

    def document(self):
        return self.window.document

    def _confirm_end(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("End the journey?"), self.tr(
            "No one will enter it any more, and the customers inside leave it now. This cannot "
            "be undone; publishing it again starts a new version."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.window)
        box.setObjectName("confirm_end")
        box.accepted.connect(lambda: self.take("end", confirmed=True))
        box.open()
        self.box = box

    def _done(self, action: str, journey: Any, result: dict) -> None:
        self.refresh(self.controller.status())
        if not result["ok"]:
            self._refused(result["message"] or self._nothing_to_do(action))
            return
        listed = ", ".join(str(v) for v in result["versions"])
        said = {"publish": result["message"],
                "pause": self.tr("Paused version %1 in the store.").replace("%1", listed),
                "resume": self.tr("Resumed version %1 in the store.").replace("%1", listed),
                "end": self.tr("Ended version %1 in the store.").replace("%1", listed)}[action]
        recorded = self._record(action, journey)
        if recorded:
            said += " " + self.tr("Recorded in the review history.")
        self._say(said)

    def _record(self, action: str, journey: Any) -> bool:
        """The store's step in the history, if the file's status allows it and the
        content is still what was sent; then saved, when the journey has a file."""
        document = self.document()
        if approval.content_hash(document.journey) != approval.content_hash(journey):
            return False  # edited while the store worked: this content was not published
        status = approval.effective_status(document.journey)
        if action == "publish" and status != Status.approved:
            return False  # a store without the approval rule: nothing to record
        try:
            approval.check_action(document.journey, action, self.controller.user() or "?")
        except approval.ReviewRefused:
            return False
        by = self.controller.user()
        pushed = self.controller._push(undo_commands.TRANSITION[action],
                                       lambda j: approval.apply_action(j, action, by),
                                       STATUS_FIELDS)
        if pushed and document.path:
            self.window.save()
        return pushed

    def _nothing_to_do(self, action: str) -> str:
        return {"pause": self.tr("Nothing to pause: no version of this journey runs in the "
                                 "store."),
                "resume": self.tr("Nothing to resume: this journey is not paused in the store."),
                "end": self.tr("Nothing to end: this journey has no running or paused version "
                               "in the store."),
                "publish": ""}[action]

    def _refused(self, message: str) -> None:
        if self.box is not None:
            self.box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The store did not take it"),
                          message, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("store_refusal")
        box.open()
        self.box = box
        self._say(message)

    def _failed(self, problem: str) -> None:
        self.refresh(self.controller.status())
        self._refused(self.tr("The customer store could not be reached: %1").replace(
            "%1", problem))

    def _say(self, text: str) -> None:
        self.last_message = text
        self.window.statusBar().showMessage(text, 10000)
