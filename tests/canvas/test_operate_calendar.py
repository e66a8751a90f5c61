"""营销日历: a forecast of every published journey's touches per day, read off the
GUI thread; the month view carries the totals, a clicked day its journeys."""
from __future__ import annotations

from PySide6.QtCore import QDate

from canvas_app.monitor import marketing_calendar
from canvas_app.monitor.background import wait_for
from tests.canvas.test_paused_in_store import connect


def test_the_calendar_shows_totals_and_the_day_behind_them(window, qtbot, operate_store,
                                                          monkeypatch):
    connect(window, qtbot, operate_store, monkeypatch)
    dialog = marketing_calendar.open_calendar(window)
    wait_for(dialog.task, 60)
    data = dialog.data
    assert data["days"][0] == "2026-11-20" and len(data["days"]) == 28
    totals = dialog.month.totals
    assert sum(totals.values()) == sum(sum(v) for v in data["channels"].values()) > 0
    assert "touches planned from 2026-11-20" in dialog.message.text()
    day = max(totals, key=totals.get)
    assert dialog.shown_day == day  # the busiest day is shown first
    assert sum(int(dialog.day_table.item(r, 2).text().replace(",", ""))
               for r in range(dialog.day_table.rowCount())) == totals[day]
    quiet = next(d for d in data["days"] if d not in totals)
    y, m, d = map(int, quiet.split("-"))
    dialog.month.clicked.emit(QDate(y, m, d))
    assert dialog.shown_day == quiet and dialog.day_table.rowCount() == 0


def test_without_a_store_it_says_so(window):
    dialog = marketing_calendar.open_calendar(window)
    assert dialog.task is None and "Connect a customer store" in dialog.message.text()
