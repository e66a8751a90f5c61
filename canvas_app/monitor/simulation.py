"""预演 (Simulate): run the open journey on a copy of the store for the next N
days, draw the customers on the canvas, and chart what it would send, cost and
spend per day; the collision forecast beside it."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from canvas_app import settings
from nodes.describe import channel_label

from . import charts
from .background import Task
from .common import (
    ProgressRow,
    explained,
    journey_file,
    set_dock_title,
    shown_dock,
    store_url,
)
from .overlay import SIMULATED, canvas_overlay


def install(controller) -> None:
    controller.add_action(
        "simulate", QT_TRANSLATE_NOOP("OperateMenu", "&Simulate…"),
        QT_TRANSLATE_NOOP("OperateMenu", "Run this journey on a copy of the store for the next "
                                         "days and draw the result on the canvas"),
        lambda: open_panel(controller.window))


def open_panel(window) -> SimulationPanel:
    return shown_dock(window, "simulation_dock", SimulationPanel)


def day_labels(days: list[str]) -> list[str]:
    return [d[5:] for d in days]  # MM-DD: the year is in the panel's summary


class SimulationPanel(QWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.overlay = canvas_overlay(window)
        self.result: dict[str, Any] | None = None
        self.collision: dict[str, Any] | None = None
        self.stale = False  # the journey was edited after the result shown
        window.document.undo_stack.indexChanged.connect(lambda _i: self._edited())
        window.document.reset.connect(self._edited)  # another file opened, or reloaded
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.days_label = QLabel(self)
        self.days = QSpinBox(self)
        self.days.setRange(1, 90)
        self.days.setValue(14)
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("simulate_run")
        self.run_button.clicked.connect(self.run)
        self.collision_button = QPushButton(self)
        self.collision_button.setObjectName("simulate_collision")
        self.collision_button.clicked.connect(self.run_collision)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self.clear)
        for widget in (self.days_label, self.days, self.run_button, self.collision_button,
                       self.clear_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = ProgressRow(self)
        layout.addWidget(self.progress)
        self.summary = QLabel(self)
        self.summary.setObjectName("simulate_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.collision_text = QLabel(self)
        self.collision_text.setObjectName("simulate_collision_text")
        self.collision_text.setWordWrap(True)
        layout.addWidget(self.collision_text)
        self.charts = QWidget(self)
        self.charts_layout = QHBoxLayout(self.charts)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts)
        scroll.setMinimumHeight(230)
        layout.addWidget(scroll, 1)
        self.retranslate_ui()

    # -- language ----------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        set_dock_title(self, self.tr("Simulation"))
        self.days_label.setText(self.tr("Days ahead:"))
        self.run_button.setText(self.tr("Run simulation"))
        self.run_button.setToolTip(self.tr("On a copy of the store: nothing is sent and the "
                                           "store is not changed"))
        self.collision_button.setText(self.tr("Collision forecast"))
        self.collision_button.setToolTip(self.tr(
            "How many of this journey's touches the frequency caps would hold back because of "
            "the other published journeys"))
        self.clear_button.setText(self.tr("Clear numbers"))
        self.progress.retranslate_ui()
        if self.result is not None:
            self.show_result(self.result)
        if self.collision is not None:
            self.show_collision(self.collision)
        if self.result is None and self.collision is None:
            self.summary.setText(self.tr("Simulate the journey on the customers of the store "
                                         "for the coming days, before publishing it."))

    # -- running -----------------------------------------------------------------------

    def _start(self, fn, *args: Any, text: str, done) -> Task | None:
        url = store_url(self.window)
        if url is None:
            self.summary.setText(self.tr("Connect a customer store first (File ▸ Customer "
                                         "Store…)."))
            return None
        if self.progress.busy:
            return None
        task = Task(explained(fn, self.window.lang), url, journey_file(self.window), *args,
                    progress=True, parent=self)
        task.finished.connect(done)
        task.failed.connect(lambda problem: self.summary.setText(
            self.tr("The simulation failed: %1").replace("%1", problem)))
        task.cancelled.connect(lambda: self.summary.setText(self.tr("Cancelled.")))
        self.progress.follow(task, text)
        return task.start()

    def run(self) -> Task | None:
        from runtime import api

        return self._start(api.simulate, self.days.value(), text=self.tr("Simulating…"),
                           done=self._simulated)

    def run_collision(self) -> Task | None:
        from runtime import api

        def forecast(url, path, days, progress):
            return api.collision_forecast(url, path, days=days, progress=progress)
        return self._start(forecast, self.days.value(), text=self.tr("Forecasting collisions…"),
                           done=self._collided)

    def _simulated(self, result: dict[str, Any]) -> None:
        self.collision = None
        self.collision_text.clear()  # it was about the journey as it was
        if "problem" in result:
            self._problem(result["problem"])
            return
        self.result, self.stale = result, False
        self.show_result(result)

    def _problem(self, text: str) -> None:
        """A refusal replaces the old numbers: they were of another journey."""
        journey = self.window.document.journey
        for node_id in journey.node_ids():  # the operator knows steps by their names
            text = text.replace(f"[{node_id}]", f"[{journey.label(node_id) or node_id}]")
        self.result = None
        self.overlay.clear()
        self._set_charts([])
        self.summary.setText(text)

    def _edited(self) -> None:
        if self.result is not None and self.result["journey"] != self.window.document.journey.id:
            self.clear()  # another journey is open now: these numbers are not its
            return
        if self.result is not None and not self.stale:
            self.stale = True
            self.show_result(self.result)

    def _collided(self, result: dict[str, Any]) -> None:
        if "problem" in result:
            self.collision_text.setText(result["problem"])
            return
        self.collision = result
        self.show_collision(result)

    def clear(self) -> None:
        self.overlay.clear()
        self.result = self.collision = None
        self.stale = False
        self.collision_text.clear()
        self._set_charts([])
        self.retranslate_ui()

    # -- showing -----------------------------------------------------------------------

    def show_result(self, result: dict[str, Any]) -> None:
        self.overlay.show(result["nodes"], SIMULATED, self.tr("reached %1").replace("%1", "{n}"),
                          self.tr("waiting %1").replace("%1", "{n}"))
        lang = self.window.lang
        daily = result["daily"]
        sent = {channel_label(c, lang): v for c, v in daily["touches"].items()}
        cost = {c: sum(v) * settings.message_price(c) for c, v in daily["touches"].items()}
        first, last = daily["days"][0], daily["days"][-1]
        parts = [self.tr("%1 to %2: %3 customers enter, %4 convert to the goal.")
                 .replace("%1", first).replace("%2", last)
                 .replace("%3", f"{sum(daily['entered']):,}")
                 .replace("%4", f"{sum(daily['converted']):,}")]
        if self.stale:
            parts.insert(0, self.tr("The journey changed since this simulation: run it again "
                                    "to see the change."))
        for channel, values in daily["touches"].items():
            parts.append(self.tr("%1: %2 sent, %3 held back, cost %4.")
                         .replace("%1", channel_label(channel, lang))
                         .replace("%2", f"{sum(values):,}")
                         .replace("%3", f"{sum(daily['suppressed'].get(channel, [0])):,}")
                         .replace("%4", f"{cost[channel]:,.2f}"))
        if result.get("already_published"):
            parts.append(self.tr("This exact journey is already published in the store: the "
                                 "numbers on the canvas include what it did before."))
        for node, reward in daily["rewards"].items():
            label = self._label(node)
            spent = sum(reward["granted"])
            if reward["runs_out"]:
                parts.append(self.tr("%1: %2 granted; the budget of %3 runs out on %4.")
                             .replace("%1", label).replace("%2", f"{spent:,.0f}")
                             .replace("%3", f"{reward['budget']:,.0f}")
                             .replace("%4", reward["runs_out"]))
            else:
                budget = (f"{reward['budget']:,.0f}" if reward["budget"] is not None
                          else self.tr("no limit"))
                parts.append(self.tr("%1: %2 granted of a budget of %3.")
                             .replace("%1", label).replace("%2", f"{spent:,.0f}")
                             .replace("%3", budget))
        self.summary.setText("\n".join(parts))
        labels = day_labels(daily["days"])
        widgets = [charts.bar_chart(labels, sent, stacked=True, title=self.tr("Touches per day"),
                                    colours={channel_label(c, lang): charts.colour(c, i)
                                             for i, c in enumerate(daily["touches"])}),
                   charts.line_chart(labels, {self.tr("Cost"): [
                       sum(daily["touches"][c][k] * settings.message_price(c)
                           for c in daily["touches"]) for k in range(len(labels))]},
                       title=self.tr("Message cost per day"))]
        for node, reward in daily["rewards"].items():
            used, total = [], 0.0
            for amount in reward["granted"]:
                total += amount
                used.append(total)
            series = {self.tr("Granted so far"): used}
            # A budget far above the spend would flatten the spend to a line at zero.
            if reward["budget"] is not None and used and used[-1] >= 0.1 * reward["budget"]:
                series[self.tr("Budget")] = [reward["budget"]] * len(used)
            widgets.append(charts.line_chart(labels, series, title=self.tr("Reward budget: %1")
                                             .replace("%1", self._label(node))))
        widgets.append(charts.bar_chart(labels, {self.tr("Conversions"): daily["converted"]},
                                        title=self.tr("Expected conversions per day")))
        self._set_charts(widgets)

    def show_collision(self, result: dict[str, Any]) -> None:
        if not result.get("caps"):
            self.collision_text.setText(self.tr("Collision forecast: this store has no "
                                                "frequency caps, so no journey holds back "
                                                "another's touches."))
            return
        if not result["touches"]:
            self.collision_text.setText(self.tr("Collision forecast: this journey sends nothing "
                                                "in these days."))
            return
        names = result["names"]
        takers = ", ".join(f"{names.get(j, j)} ({n:,})" for j, n in result["by_journey"].items())
        text = (self.tr("Collision forecast: %1 of %2 touches (%3) would be held back by the "
                        "frequency caps because of other journeys.")
                .replace("%1", f"{result['because_of_others']:,}")
                .replace("%2", f"{result['touches']:,}")
                .replace("%3", f"{100 * (result['share'] or 0):.1f}%"))
        if takers:
            text += " " + self.tr("Taken by: %1.").replace("%1", takers)
        self.collision_text.setText(text)

    def _label(self, node: str) -> str:
        """The step's name on the canvas (its id once the journey lost it)."""
        journey = self.window.document.journey
        return (journey.label(node) if node in journey else "") or node

    def _set_charts(self, widgets: list[QWidget]) -> None:
        while self.charts_layout.count():
            old = self.charts_layout.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        for widget in widgets:
            widget.setMinimumWidth(320)
            self.charts_layout.addWidget(widget)
