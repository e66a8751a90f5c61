"""The live runtime from the app: start and stop it on this machine (its own
process: closing the app leaves it running), its state in the status bar
(running, last tick, lag, failures), and live counts on the canvas for the
open journey while it runs. Every store call is off the GUI thread."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox

from .background import Task
from .common import in_store, local_time, store_url, store_zone
from .overlay import LIVE, FlowOverlay, canvas_overlay

POLL_MS = 5000


def install(controller) -> None:
    control = RuntimeControl(controller.window)
    controller.window.runtime_control = control
    controller.add_action(
        "runtime_start", QT_TRANSLATE_NOOP("OperateMenu", "S&tart Local Runtime"),
        QT_TRANSLATE_NOOP("OperateMenu", "Run the published journeys of this store live, on this "
                                         "computer, in a process of its own"), control.start)
    controller.add_action(
        "runtime_stop", QT_TRANSLATE_NOOP("OperateMenu", "St&op Local Runtime"),
        QT_TRANSLATE_NOOP("OperateMenu", "Stop the live runtime of this store (it finishes its "
                                         "tick first)"), control.stop)
    control.live_action = controller.add_action(
        "live_counts", QT_TRANSLATE_NOOP("OperateMenu", "&Live Counts on the Canvas"),
        QT_TRANSLATE_NOOP("OperateMenu", "Show how many customers reached and wait at each step "
                                         "of this published journey, refreshed while it runs"),
        control.set_live, checkable=True)
    controller.on_retranslate(control.show_state)


def _state(url: str) -> dict[str, Any]:
    from runtime import api

    return api.local_runtime_state(url)


def _counts(store, journey_id: str) -> dict[str, Any] | None:
    from runtime import api

    try:
        return api.report(store, journey_id)["nodes"]
    except api.UnknownJourney:
        return None


class RuntimeControl(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.state: dict[str, Any] | None = None
        self.problem: str | None = None
        self.live_action = None
        self.live_problem: str | None = None
        self.tasks: dict[str, Task] = {}
        self.last_message = ""
        self.label = QLabel(window)
        self.label.setObjectName("runtime_status")
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        QTimer.singleShot(0, self.poll)

    @property
    def overlay(self) -> FlowOverlay:
        return canvas_overlay(self.window)

    def _run(self, name: str, fn, *args: Any, done) -> Task | None:
        running = self.tasks.get(name)
        if running is not None and not running.done:
            return None  # the one under way answers for this tick too
        task = Task(fn, *args, parent=self)
        task.finished.connect(done)
        task.failed.connect(lambda problem: self._failed(name, problem))
        self.tasks[name] = task
        return task.start()

    def _failed(self, name: str, problem: str) -> None:
        if name == "live":
            self.live_problem = problem
        else:
            self.problem = problem
        self.show_state()

    # -- state -------------------------------------------------------------------------

    def poll(self) -> Task | None:
        url = store_url(self.window)
        if url is None:
            self.state = None
            self.show_state()
            return None
        if self.live_on:
            self._run("live", in_store, url, _counts, self.window.document.journey.id,
                      done=self._counted)
        return self._run("state", _state, url, done=self._stated)

    def _stated(self, state: dict[str, Any]) -> None:
        self.state, self.problem = state, None
        self.show_state()

    def show_state(self) -> None:
        if self.problem:
            self.label.setText(self.tr("Runtime: cannot tell (%1)").replace("%1", self.problem))
        elif self.state is None:
            self.label.setText("")
        elif not self.state["running"]:
            self.label.setText(self.tr("Runtime: stopped"))
            self.label.setToolTip(self.tr("No live runtime runs this store; published journeys wait."))
        else:
            s, f = self.state, self.state["failures"]
            last = local_time(s["clock"], store_zone(self.window), "%H:%M:%S") or "—"
            text = (self.tr("Runtime: running · last tick %1 · lag %2 s").replace("%1", last)
                    .replace("%2", str(max(0, s["lag_s"] or 0))))
            failures = f["paused_journeys"] + f["store_errors"]
            if failures:
                text += " · " + self.tr("%1 failures").replace("%1", str(failures))
            where = s["holder"]["host"] if not s["local"] else self.tr("this computer")
            tip = self.tr("Runs on %1, process %2.").replace("%1", where).replace(
                "%2", str(s["holder"]["pid"]))
            if f["last_error"]:
                tip += "\n" + f["last_error"]
            self.label.setText(text)
            self.label.setToolTip(tip)
        if self.live_problem and self.live_on:
            self.label.setText(self.label.text() + " · " + self.live_problem)

    # -- start and stop ----------------------------------------------------------------

    def start(self) -> Task | None:
        from runtime import api

        url = store_url(self.window)
        if url is None:
            self._say(self.tr("Connect a customer store first (File ▸ Customer Store…)."))
            return None
        return self._run("start", lambda u: api.start_local_runtime(u, lang=self.window.lang),
                         url, done=self._started)

    def _started(self, result: dict[str, Any]) -> None:
        if result.get("already"):
            self._say(self.tr("A live runtime already runs this store (process %1).")
                      .replace("%1", str(result["pid"])))
        elif not result["started"]:
            self._say(self.tr("The runtime did not start: %1").replace(
                "%1", result.get("problem") or ""), warn=True)
        self.poll()

    def stop(self) -> Task | None:
        from runtime import api

        url = store_url(self.window)
        if url is None:
            return None
        return self._run("stop", api.stop_local_runtime, url, done=self._stopped)

    def _stopped(self, result: dict[str, Any]) -> None:
        problem = result.get("problem")
        if problem == "elsewhere":
            self._say(self.tr("The runtime of this store runs on %1; stop it there.")
                      .replace("%1", result.get("host", "")), warn=True)
        elif problem == "not_running":
            self._say(self.tr("No live runtime runs this store."))
        elif problem:
            self._say(self.tr("The runtime did not stop in time; it may still be finishing a "
                              "tick."), warn=True)
        self.poll()

    def _say(self, text: str, warn: bool = False) -> None:
        """The status bar says it; a problem also gets a box the operator closes."""
        self.last_message = text
        self.window.statusBar().showMessage(text, 10_000)
        if warn and self.window.isVisible():
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Local runtime"), text,
                              QMessageBox.StandardButton.Ok, self.window)
            box.open()  # not exec(): the app goes on

    # -- live counts -------------------------------------------------------------------

    @property
    def live_on(self) -> bool:
        return self.live_action is not None and self.live_action.isChecked()

    def set_live(self, on: bool) -> None:
        self.live_problem = None
        if on:
            self.poll()
        else:
            self.overlay.clear()
            self.show_state()

    def _counted(self, nodes: dict[str, Any] | None) -> None:
        if not self.live_on:
            return
        if nodes is None:
            self.overlay.clear()
            self.live_problem = self.tr("this journey is not published in the store")
        else:
            self.live_problem = None
            self.overlay.show(nodes, LIVE, self.tr("reached %1").replace("%1", "{n}"),
                              self.tr("waiting %1").replace("%1", "{n}"))
        self.show_state()
