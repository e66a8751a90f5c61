"""结果分析 (Results): whether the published journey worked — conversions over
time, each split variant against its holdout with a plain sentence, a funnel
of chosen events, and conversions credited to channels. The numbers are the
runtime's (`runtime.api.measure`), the same as `report --json`."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nodes.describe import channel_label

from . import charts
from .background import Task
from .common import ProgressRow, in_store, store_url


def install(controller) -> None:
    controller.add_action(
        "results", QT_TRANSLATE_NOOP("OperateMenu", "&Results…"),
        QT_TRANSLATE_NOOP("OperateMenu", "Conversions, A/B results, funnel and attribution of "
                                         "this journey as it runs in the store"),
        lambda: open_results(controller.window))


def open_results(window) -> ResultsDialog:
    dialog = ResultsDialog(window)
    dialog.show()
    dialog.load()
    return dialog


def _measure(store, journey_id: str, funnel: list[str], lang: str) -> dict[str, Any]:
    from runtime import api

    try:
        out = api.report(store, journey_id)
    except api.UnknownJourney as exc:
        return {"problem": exc.message(lang)}
    out.update(api.measure(store, journey_id, funnel=funnel or None))
    for split in out["ab"]:
        holdout = next((v["name"] for v in split["variants"] if v["holdout"]), None)
        for variant in split["variants"]:
            variant["sentence"] = api.ab_sentence(variant, holdout, lang) if holdout else ""
    return out


class ResultsDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("results_dialog")
        self.window_ = window
        self.journey = window.document.journey
        self.data: dict[str, Any] | None = None
        self.task: Task | None = None
        self.resize(1000, 760)
        layout = QVBoxLayout(self)
        self.headline = QLabel(self)
        self.headline.setObjectName("results_headline")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        row = QHBoxLayout()
        self.funnel_label = QLabel(self)
        self.funnel_events = QLineEdit(self)
        self.funnel_events.setObjectName("results_funnel")
        goal = self.journey.meta.goal
        self.funnel_events.setText(",".join(
            e for e in ("app_launch", goal.event if goal else "") if e))
        self.funnel_button = QPushButton(self)
        self.funnel_button.clicked.connect(self.load)
        row.addWidget(self.funnel_label)
        row.addWidget(self.funnel_events, 1)
        row.addWidget(self.funnel_button)
        layout.addLayout(row)
        self.progress = ProgressRow(self)
        layout.addWidget(self.progress)
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout.addWidget(scroll, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Results — %1").replace(
            "%1", self.journey.meta.name or self.journey.id))
        self.funnel_label.setText(self.tr("Funnel events:"))
        self.funnel_events.setPlaceholderText(self.tr("event names, separated by commas"))
        self.funnel_button.setText(self.tr("Update"))
        self.progress.retranslate_ui()

    def events(self) -> list[str]:
        return [e.strip() for e in self.funnel_events.text().split(",") if e.strip()]

    def load(self) -> Task | None:
        url = store_url(self.window_)
        if url is None:
            self.headline.setText(self.tr("Connect the customer store the journey runs in "
                                          "first."))
            return None
        self.task = Task(in_store, url, _measure, self.journey.id, self.events(),
                         self.window_.lang, parent=self)
        self.task.finished.connect(self.show_data)
        self.task.failed.connect(self.headline.setText)
        self.progress.follow(self.task, self.tr("Counting…"), cancellable=False)
        return self.task.start()

    # -- showing -----------------------------------------------------------------------

    def show_data(self, data: dict[str, Any]) -> None:
        if "problem" in data:
            self.headline.setText(data["problem"])
            return
        self.data = data
        while self.body_layout.count():
            old = self.body_layout.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        rate = f"{100 * data['converted'] / data['enrolled']:.1f}%" if data["enrolled"] else "—"
        self.headline.setText(self.tr("%1 entries, %2 converted to the goal (%3).")
                              .replace("%1", f"{data['enrolled']:,}")
                              .replace("%2", f"{data['converted']:,}").replace("%3", rate))
        self._conversions(data["conversion_by_day"])
        for split in data["ab"]:
            self._split(split)
        if data.get("funnel"):
            self._funnel(data["enrolled"], data["funnel"])
        self._attribution(data["attribution"])

    def _title(self, text: str) -> None:
        label = QLabel(f"<b>{text}</b>", self.body)
        self.body_layout.addWidget(label)

    def _conversions(self, days: list[dict[str, Any]]) -> None:
        if not days:
            return
        self._title(self.tr("Conversion over time"))
        entered = converted = 0
        rates = []
        for day in days:
            entered += day["entered"]
            converted += day["converted"]
            rates.append(round(100 * converted / entered, 2) if entered else 0)
        labels = [d["day"][5:] for d in days]
        self.body_layout.addWidget(charts.line_chart(
            labels, {self.tr("Conversion rate so far (%)"): rates}, parent=self.body))
        self.body_layout.addWidget(charts.bar_chart(
            labels, {self.tr("Conversions"): [d["converted"] for d in days],
                     self.tr("Entries"): [d["entered"] for d in days]}, parent=self.body))

    def _split(self, split: dict[str, Any]) -> None:
        label = self.journey.label(split["split"]) if split["split"] in self.journey else ""
        self._title(self.tr("Split “%1”").replace("%1", label or split["split"]))
        headers = [self.tr("Variant"), self.tr("Entrants"), self.tr("Converted"), self.tr("Rate"),
                   self.tr("Uplift vs holdout"), self.tr("95% interval"), self.tr("p-value")]
        table = QTableWidget(len(split["variants"]), len(headers), self.body)
        table.setObjectName("results_ab")
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        unit = self.tr("pp")
        for r, v in enumerate(split["variants"]):
            suffix = self.tr(" (holdout)")
            name = v["name"] + (suffix if v["holdout"] and v["name"] not in suffix else "")
            ci = v["ci95"]
            cells = [name, f"{v['entrants']:,}", f"{v['converted']:,}", _pct(v["rate"]),
                     _points(v["uplift_vs_holdout"], unit),
                     f"{_points(ci[0], unit)} … {_points(ci[1], unit)}" if ci else "",
                     _p(v["p_value"])]
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.setMinimumHeight(40 + 30 * len(split["variants"]))
        self.body_layout.addWidget(table)
        for v in split["variants"]:
            if v.get("sentence") and not v["holdout"]:
                sentence = QLabel(v["sentence"], self.body)
                sentence.setObjectName("results_sentence")
                sentence.setWordWrap(True)
                self.body_layout.addWidget(sentence)

    def _funnel(self, enrolled: int, steps: list[dict[str, Any]]) -> None:
        self._title(self.tr("Funnel of the entrants"))
        catalog, lang = self.window_.catalog, self.window_.lang
        labels = [self.tr("entered")] + [catalog.event_label(s["event"], lang) for s in steps]
        self.body_layout.addWidget(charts.bar_chart(
            labels, {self.tr("Customers"): [enrolled] + [s["customers"] for s in steps]},
            parent=self.body))

    def _attribution(self, credit: dict[str, dict[str, float]]) -> None:
        channels = sorted({c for model in credit.values() for c in model})
        if not channels:
            return
        self._title(self.tr("Conversions credited to channels"))
        names = {"first_touch": self.tr("First touch"), "last_touch": self.tr("Last touch"),
                 "linear": self.tr("Linear")}
        lang = self.window_.lang
        self.body_layout.addWidget(charts.bar_chart(
            [channel_label(c, lang) for c in channels],
            {names[m]: [credit[m].get(c, 0) for c in channels] for m in names},
            parent=self.body))


def _p(p: float | None) -> str:
    return "" if p is None else "< 0.001" if p < 0.001 else f"{p:.3f}"


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{100 * rate:.1f}%"


def _points(diff: float | None, unit: str) -> str:
    """A difference of rates in percentage points."""
    return "" if diff is None else f"{100 * diff:+.1f} {unit}"
