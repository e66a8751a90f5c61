"""Drill-down from a card: the customers there (masked unless the setting says
otherwise), more pages, CSV, a tag, and one customer's path with its reasons."""
from __future__ import annotations

import csv
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint

from canvas_app import settings
from canvas_app.monitor import drill
from canvas_app.monitor.background import wait_for
from tests.canvas.operate_fixtures import ACTIVATION
from tests.canvas.test_paused_in_store import connect


def _report(url):
    from runtime.api import open_store, report

    store = open_store(url)
    try:
        return report(store, "new-customer-activation")
    finally:
        store.close()


def _open(window, qtbot, url, monkeypatch, node="wait-open-page", outlet=None):
    connect(window, qtbot, url, monkeypatch)
    window.open_file(str(ACTIVATION))
    dialog = drill.open_drill(window, node, outlet)
    wait_for(dialog.tasks[-1], 30)
    return dialog


def test_the_right_click_menu_opens_it(window, qtbot, operate_store, monkeypatch):
    connect(window, qtbot, operate_store, monkeypatch)
    window.open_file(str(ACTIVATION))
    item = window.scene.node_items["sms-invite"]
    centre = item.mapToScene(item.card_rect().center())
    menu = window.show_context_menu(QPoint(0, 0), centre)
    names = [a.objectName() for a in menu.actions()]
    assert "drill_customers" in names
    menu.close()


def test_counts_match_the_report_and_details_are_masked(window, qtbot, operate_store,
                                                        monkeypatch):
    counts = _report(operate_store)["nodes"]["wait-open-page"]
    dialog = _open(window, qtbot, operate_store, monkeypatch)
    assert dialog.total == counts["reached"] > 0
    assert f"of {counts['reached']:,} shown" in dialog.message.text()
    assert "masked" in dialog.message.text()
    assert all(r["name"].endswith("**") for r in dialog.model.rows)
    column = dialog.model.columns.index("entered_at")  # in the store's timezone, not the machine's
    first = dialog.model.rows[0]["entered_at"]
    assert dialog.model.index(0, column).data() == datetime.fromtimestamp(
        first, ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    dialog.where.setCurrentIndex(dialog.where.findData("outlet:timeout"))
    wait_for(dialog.tasks[-1], 30)
    assert dialog.total == counts["outlets"]["timeout"]
    settings.set_show_customer_details(True)
    dialog.load()
    wait_for(dialog.tasks[-1], 30)
    assert not any("*" in r["name"] for r in dialog.model.rows)  # demo phones come masked
    assert "masked" not in dialog.message.text()


def test_pages_export_and_tag(window, qtbot, operate_store, monkeypatch, tmp_path):
    dialog = _open(window, qtbot, operate_store, monkeypatch, node="register")
    monkeypatch.setattr(drill, "PAGE", 5)
    dialog.load()
    wait_for(dialog.tasks[-1], 30)
    assert len(dialog.model.rows) == 5 < dialog.total and dialog.more_button.isEnabled()
    wait_for(dialog.load(more=True), 30)
    assert len(dialog.model.rows) == 10
    out = tmp_path / "register.csv"
    monkeypatch.setattr(drill.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    dialog.export_button.click()  # the button, as the operator clicks it
    wait_for(dialog.tasks[-1], 30)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == dialog.total and f"Exported {dialog.total:,}" in dialog.message.text()
    dialog.table.selectRow(0)
    chosen = dialog.selected_ids()
    assert len(chosen) == 1
    wait_for(dialog.add_tag("回访"), 30)
    assert dialog.message.text() == "1 customers got the tag."
    wait_for(dialog.add_tag("a;b"), 30)
    assert "without ';'" in dialog.message.text()


def test_a_customer_path_tells_why(window, qtbot, operate_store, monkeypatch):
    dialog = _open(window, qtbot, operate_store, monkeypatch, node="check-day3")
    assert dialog.model.rows
    wait_for(dialog.show_path(0), 30)
    top = dialog.path.topLevelItem(0)
    assert top is not None and top.childCount() >= 3
    reasons = [top.child(i).text(2) for i in range(top.childCount())]
    assert reasons[0].startswith("Entered:")
    assert any(r.startswith("took '") and "because:" in r for r in reasons)
