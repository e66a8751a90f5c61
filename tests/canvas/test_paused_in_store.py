"""A journey the run paused by itself says so in the problems panel."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from canvas_app.main_window import TEMPLATES_DIR
from canvas_app.store_connection import ENV_VAR

PAUSED = TEMPLATES_DIR / "new-customer-activation.journey.json"  # paused at check-day3
ACTIVE = TEMPLATES_DIR / "birthday-greeting.journey.json"  # published, running
BY_HAND = TEMPLATES_DIR / "dormant-customer-recall.journey.json"  # paused by an operator


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    from runtime.api import publish_journey
    from runtime.store import Store

    path = tmp_path_factory.mktemp("paused") / "store.db"
    store = Store(f"sqlite:///{path}")
    try:
        paused = publish_journey(store, PAUSED, published_at=1_700_000_000)
        assert not publish_journey(store, ACTIVE, published_at=1_700_000_000).already_published
        by_hand = publish_journey(store, BY_HAND, published_at=1_700_000_000)
        store.auto_pause_journey(paused.journey_id, paused.version, 1_700_003_600,
                                 "condition_too_deep", "check-day3",
                                 "sqlite3.OperationalError: Expression tree is too large")
        store.pause_journey(by_hand.journey_id, at=1_700_003_600)
    finally:
        store.close()
    return f"sqlite:///{path}"


def connect(window, qtbot, url, monkeypatch) -> None:
    monkeypatch.setenv(ENV_VAR, url)
    window.connect_configured_store()
    qtbot.waitUntil(lambda: window.store_status.state in ("connected", "failed"), timeout=10000)
    assert window.store_status.state == "connected", window.store_status.problem


def pause_rows(window) -> list:
    panel = window.validation_panel.list
    items = [panel.item(i) for i in range(panel.count())]
    return [i for i in items if i.data(Qt.ItemDataRole.UserRole + 1) == "store_pause"]


def wait_for_row(window, qtbot):
    qtbot.waitUntil(lambda: len(pause_rows(window)) == 1, timeout=10000)
    return pause_rows(window)[0]


def test_connect_then_open_shows_the_pause_in_english_and_selects_the_step(
        window, qtbot, store_url, monkeypatch):
    connect(window, qtbot, store_url, monkeypatch)
    assert not pause_rows(window)  # an empty new journey is not in the store
    assert window.open_file(str(PAUSED))
    row = wait_for_row(window, qtbot)
    assert row.text() == (
        "✖ This journey is paused in the store: condition too deep for the database "
        "(step '第 3 天检查'). Fix it, then resume it with journey-runtime resume.")
    panel = window.validation_panel.list
    assert panel.row(row) == 0  # above the validation issues
    assert "Expression tree is too large" in row.toolTip()
    assert "paused in the store" in window.statusBar().currentMessage()
    assert window.validation_panel.summary_label.text() != "No problems found."

    window.scene.clearSelection()
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.visualItemRect(row).center())
    assert window.scene.selected_node_ids() == ["check-day3"]

    window.set_language("zh_CN")  # the row follows the language, reason included
    assert pause_rows(window)[0].text() == (
        "✖ 此旅程在客户库中已自动暂停：条件过深，数据库无法执行（节点「第 3 天检查」）。"
        "修正后用 journey-runtime resume 恢复。")


def test_open_then_connect_shows_the_pause_in_chinese(window, qtbot, store_url, monkeypatch):
    window.set_language("zh_CN")
    assert window.open_file(str(PAUSED))
    assert not pause_rows(window)  # no store yet
    connect(window, qtbot, store_url, monkeypatch)
    row = wait_for_row(window, qtbot)
    assert row.text() == (
        "✖ 此旅程在客户库中已自动暂停：条件过深，数据库无法执行（节点「第 3 天检查」）。"
        "修正后用 journey-runtime resume 恢复。")
    assert "已自动暂停" in window.statusBar().currentMessage()


def test_a_step_missing_from_the_open_journey_is_named_by_its_id(
        window, qtbot, store_url, monkeypatch):
    connect(window, qtbot, store_url, monkeypatch)
    assert window.open_file(str(PAUSED))
    wait_for_row(window, qtbot)
    window.document.remove_nodes(["check-day3"])
    window.refresh_validation()
    row = pause_rows(window)[0]
    assert "(step 'check-day3')" in row.text()
    assert row.data(Qt.ItemDataRole.UserRole) is None  # nothing to select


def test_journeys_not_paused_by_the_run_show_no_row(window, qtbot, store_url, monkeypatch):
    connect(window, qtbot, store_url, monkeypatch)
    assert window.open_file(str(PAUSED))
    wait_for_row(window, qtbot)
    for path in (ACTIVE, BY_HAND):  # running, and paused by hand: nothing to say
        assert window.open_file(str(path))
        qtbot.waitUntil(lambda: not window.store_status._pause_jobs, timeout=10000)
        assert not pause_rows(window)
        assert not any("paused in the store" in window.validation_panel.list.item(i).text()
                       for i in range(window.validation_panel.list.count()))
