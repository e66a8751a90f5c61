"""营销日历 (Marketing Calendar): what every published journey will send, per
day and channel, for the coming weeks — a simulation of the store forward
(runtime.api.marketing_calendar). Each day of the month view carries its
total; clicking a day lists the journeys and customers behind it."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from nodes.describe import channel_label

from . import charts
from .background import Task
from .common import ProgressRow, store_url


def install(controller) -> None:
    controller.add_action(
        "calendar", QT_TRANSLATE_NOOP("OperateMenu", "Marketing &Calendar…"),
        QT_TRANSLATE_NOOP("OperateMenu", "Planned touches per day and channel for the coming "
                                         "weeks, across all published journeys"),
        lambda: open_calendar(controller.window))


def open_calendar(window) -> CalendarDialog:
    dialog = CalendarDialog(window)
    dialog.show()
    dialog.load()
    return dialog


class DayTotals(QCalendarWidget):
    """A month view whose days show how many touches are planned on them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.totals: dict[str, int] = {}
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.small = QFont()
        self.small.setPointSizeF(8)

    def set_totals(self, totals: dict[str, int]) -> None:
        self.totals = totals
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, day: QDate) -> None:
        super().paintCell(painter, rect, day)
        n = self.totals.get(day.toString("yyyy-MM-dd"))
        if not n:
            return
        painter.save()
        painter.setFont(self.small)
        painter.setPen(QColor("#2f6fdf"))
        painter.drawText(rect.adjusted(2, 0, -3, -2),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"{n:,}")
        painter.restore()


class CalendarDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("calendar_dialog")
        self.window_ = window
        self.data: dict[str, Any] | None = None
        self.task: Task | None = None
        self.resize(1100, 760)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.days_label = QLabel(self)
        self.days = QSpinBox(self)
        self.days.setRange(7, 90)
        self.days.setValue(28)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.load)
        for widget in (self.days_label, self.days, self.refresh_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = ProgressRow(self)
        layout.addWidget(self.progress)
        self.message = QLabel(self)
        self.message.setObjectName("calendar_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        middle = QHBoxLayout()
        self.month = DayTotals(self)
        self.month.clicked.connect(lambda d: self.show_day(d.toString("yyyy-MM-dd")))
        middle.addWidget(self.month, 1)
        right = QVBoxLayout()
        self.day_label = QLabel(self)
        self.day_label.setObjectName("calendar_day_label")
        right.addWidget(self.day_label)
        self.day_table = QTableWidget(0, 4, self)
        self.day_table.setObjectName("calendar_day")
        self.day_table.verticalHeader().hide()
        self.day_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        right.addWidget(self.day_table, 1)
        middle.addLayout(right, 1)
        layout.addLayout(middle, 1)
        self.chart_row = QVBoxLayout()
        layout.addLayout(self.chart_row, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Marketing Calendar"))
        self.days_label.setText(self.tr("Days ahead:"))
        self.refresh_button.setText(self.tr("Forecast"))
        self.day_table.setHorizontalHeaderLabels([self.tr("Journey"), self.tr("Channel"),
                                                  self.tr("Touches"), self.tr("Customers")])
        self.progress.retranslate_ui()

    def load(self) -> Task | None:
        from runtime import api

        url = store_url(self.window_)
        if url is None:
            self.message.setText(self.tr("Connect a customer store first (File ▸ Customer "
                                         "Store…)."))
            return None
        if self.progress.busy:
            return None

        def forecast(url: str, days: int, progress) -> dict[str, Any]:
            return api.marketing_calendar(url, days=days, progress=progress)
        self.task = Task(forecast, url, self.days.value(), progress=True, parent=self)
        self.task.finished.connect(self.show_data)
        self.task.failed.connect(self.message.setText)
        self.task.cancelled.connect(lambda: self.message.setText(self.tr("Cancelled.")))
        self.progress.follow(self.task, self.tr("Simulating the store forward…"))
        return self.task.start()

    def show_data(self, data: dict[str, Any]) -> None:
        self.data = data
        totals = {day: sum(e["touches"] for e in entries)
                  for day, entries in data["by_day"].items()}
        self.month.set_totals(totals)
        total = sum(totals.values())
        text = self.tr("%1 touches planned from %2 to %3, by %4 journeys.").replace(
            "%1", f"{total:,}").replace("%2", data["days"][0]).replace(
            "%3", data["days"][-1]).replace("%4", str(len({
                e["journey"] for entries in data["by_day"].values() for e in entries})))
        if data["future_events"]:
            text += " " + self.tr("It includes the %1 events already dated in the future; "
                                  "customers who have yet to act cannot be foreseen.").replace(
                "%1", f"{data['future_events']:,}")
        self.message.setText(text)
        while self.chart_row.count():
            old = self.chart_row.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        lang = self.window_.lang
        series = {channel_label(c, lang): v for c, v in data["channels"].items()}
        self.chart_row.addWidget(charts.bar_chart(
            [d[5:] for d in data["days"]], series, stacked=True,
            title=self.tr("Planned touches per day"),
            colours={channel_label(c, lang): charts.colour(c, i)
                     for i, c in enumerate(data["channels"])}, parent=self))
        busiest = max(totals, key=totals.get) if totals else data["days"][0]
        self.show_day(busiest)

    def show_day(self, day: str) -> None:
        entries = (self.data or {}).get("by_day", {}).get(day, [])
        lang = self.window_.lang
        self.day_table.setRowCount(len(entries))
        for r, e in enumerate(sorted(entries, key=lambda e: -e["touches"])):
            for c, text in enumerate((e["name"] or e["journey"], channel_label(e["channel"], lang),
                                      f"{e['touches']:,}", f"{e['customers']:,}")):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.day_table.setItem(r, c, item)
        self.day_table.resizeColumnsToContents()
        self.shown_day = day
        y, m, d = map(int, day.split("-"))
        self.month.setSelectedDate(QDate(y, m, d))  # the month view turns to that day
        self.day_label.setText(self.tr("%1: %2 touches").replace("%1", day).replace(
            "%2", f"{sum(e['touches'] for e in entries):,}"))
