"""运营计划看板: rows from the store and a folder, read off the GUI thread; sort,
filter, search; open, pause and resume from the row."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from sqlalchemy import select

from canvas_app.monitor import dashboard
from canvas_app.monitor.background import wait_for
from canvas_app.monitor.dashboard_model import COLUMNS, ROW_ROLE
from runtime.api import open_store
from runtime.store import schema
from tests.canvas.test_paused_in_store import connect


def _column(key: str) -> int:
    return [c[0] for c in COLUMNS].index(key)


def _shown(panel) -> list[dict]:
    return [panel.proxy.index(r, 0).data(ROW_ROLE) for r in range(panel.proxy.rowCount())]


def _board(window, qtbot, url, monkeypatch):
    connect(window, qtbot, url, monkeypatch)
    panel = dashboard.open_board(window)
    wait_for(panel.task, 30)
    return panel


def test_the_board_lists_the_store_with_its_numbers(window, qtbot, operate_store, monkeypatch):
    from runtime.api import open_store, report

    panel = _board(window, qtbot, operate_store, monkeypatch)
    rows = {r["journey"]: r for r in _shown(panel)}
    assert set(rows) == {"new-customer-activation", "dormant-customer-recall",
                         "birthday-greeting"}
    store = open_store(operate_store)
    try:
        counts = report(store, "new-customer-activation")
    finally:
        store.close()
    r = next(i for i in range(panel.proxy.rowCount())
             if panel.proxy.index(i, 0).data(ROW_ROLE)["journey"] == "new-customer-activation")
    entered = panel.proxy.index(r, _column("entered")).data()
    assert entered == f"{counts['enrolled']:,}" and counts["enrolled"] > 0
    assert panel.proxy.index(r, _column("status")).data() == "Published"
    assert panel.proxy.index(r, _column("sparkline")).data(Qt.ItemDataRole.DecorationRole)
    panel.table.sortByColumn(_column("entered"), Qt.SortOrder.DescendingOrder)
    entries = [row["entered"] for row in _shown(panel)]
    assert entries == sorted(entries, reverse=True)
    panel.search.setText("birthday")
    assert [row["journey"] for row in _shown(panel)] == ["birthday-greeting"]
    assert panel.message.text() == "1 of 3 journeys shown."
    panel.search.clear()
    assert "3 journeys, 3 of them published." == panel.message.text()


def test_pause_and_resume_from_the_row(window, qtbot, operate_store, monkeypatch):
    panel = _board(window, qtbot, operate_store, monkeypatch)
    answers = [(False, False), (True, False), (True, True)]  # cancel, pause, resume skipping
    asked = []
    monkeypatch.setattr(panel, "ask", lambda verb, row: (asked.append(verb), answers.pop(0))[1])
    assert panel.select("dormant-customer-recall")
    assert panel.change_selected("pause") is None  # the operator said no: nothing changes
    assert panel.pause_button.isEnabled() and not panel.resume_button.isEnabled()
    wait_for(panel.change_selected("pause"), 30)
    qtbot.waitUntil(lambda: panel.task.done, timeout=10000)
    assert panel.selected_row()["status"] == "paused"
    panel.status.setCurrentIndex(panel.status.findData("paused"))
    assert [r["journey"] for r in _shown(panel)] == ["dormant-customer-recall"]
    panel.select("dormant-customer-recall")
    assert panel.resume_button.isEnabled()
    wait_for(panel.change_selected("resume"), 30)
    qtbot.waitUntil(lambda: panel.task.done, timeout=10000)
    panel.status.setCurrentIndex(0)
    assert {r["journey"]: r["status"] for r in _shown(panel)}["dormant-customer-recall"] == (
        "published")
    assert asked == ["pause", "pause", "resume"]
    store = open_store(operate_store)
    try:
        t = schema.journey_versions
        with store.engine.connect() as conn:
            state, skipped = conn.execute(select(t.c.state, t.c.skip_missed).where(
                t.c.journey_id == "dormant-customer-recall")).one()
    finally:
        store.close()
    assert (state, skipped) == ("active", True)  # resumed, skipping what fell due meanwhile


def test_a_folder_adds_drafts_and_rows_open_on_the_canvas(window, qtbot, operate_store,
                                                         monkeypatch, draft, tmp_path):
    panel = _board(window, qtbot, operate_store, monkeypatch)
    (draft.parent / "broken.journey.json").write_text("{", "utf-8")
    panel.refresh()  # still reading when the folder is chosen: it reads again after
    panel.set_folder(str(draft.parent))
    qtbot.waitUntil(lambda: "activation-draft" in {r["journey"] for r in _shown(panel)},
                    timeout=10000)
    rows = {r["journey"]: r for r in _shown(panel)}
    assert rows["activation-draft"]["status"] == "draft"
    assert rows["broken.journey.json"]["error"]
    panel.select("activation-draft")
    assert panel.open_selected() and window.document.journey.id == "activation-draft"
    assert not panel.pause_button.isEnabled()
    panel.select("birthday-greeting")  # only in the store: opens its published version
    assert panel.open_selected() and window.document.journey.id == "birthday-greeting"
    panel.select("broken.journey.json")
    assert not panel.open_button.isEnabled() and not panel.open_selected()
    doc = json.loads(draft.read_text("utf-8"))
    assert doc["journey"]["id"] == "activation-draft"  # the file is untouched


def test_an_empty_store_says_what_to_do(window, qtbot, monkeypatch, tmp_path):
    from runtime.api import open_store

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    open_store(url).close()
    panel = _board(window, qtbot, url, monkeypatch)
    assert panel.model.rows == [] and panel.message.text().startswith("No journeys yet")


def test_without_store_or_folder_it_says_what_to_do(window):
    panel = dashboard.open_board(window)
    assert panel.task is None and "Connect a customer store" in panel.message.text()
