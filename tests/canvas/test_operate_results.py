"""结果分析: the A/B table and its sentence, conversions over time, a funnel and
attribution, read off the GUI thread from the store the journey runs in."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from canvas_app.main_window import TEMPLATES_DIR
from canvas_app.monitor import results
from canvas_app.monitor.background import wait_for
from tests.canvas.test_paused_in_store import connect
from tests.runtime.test_measure import T0, fill_ab

AB = TEMPLATES_DIR / "sms-copy-ab-test.journey.json"


@pytest.fixture
def ab_store(tmp_path):
    from sqlalchemy import insert

    from runtime.store import Store, schema

    url = f"sqlite:///{tmp_path / 'ab.db'}"
    store = Store(url)
    fill_ab(store)
    with store.engine.begin() as conn:
        conn.execute(insert(schema.events), [
            {"customer_id": f"文案A-{k}", "name": "app_launch", "ts": T0 + 60} for k in range(50)])
        conn.execute(insert(schema.touches), [
            {"enrollment_id": k + 1, "journey_id": "sms-copy-ab-test", "version": 1,
             "customer_id": f"文案A-{k}", "node_id": "sms-a", "channel": "sms", "at": T0,
             "status": "sent"} for k in range(30)])
    store.close()
    return url


def _open(window, qtbot, url, monkeypatch):
    connect(window, qtbot, url, monkeypatch)
    window.open_file(str(AB))
    dialog = results.open_results(window)
    wait_for(dialog.task, 30)
    return dialog


def test_the_ab_table_and_its_sentences(window, qtbot, ab_store, monkeypatch):
    dialog = _open(window, qtbot, ab_store, monkeypatch)
    data = dialog.data
    assert "600 entries, 50 converted to the goal (8.3%)" in dialog.headline.text()
    table = dialog.findChild(results.QTableWidget, "results_ab")
    cells = [[table.item(r, c).text() for c in range(table.columnCount())]
             for r in range(table.rowCount())]
    assert cells[0][:4] == ["文案A", "200", "30", "15.0%"] and cells[0][4] == "+11.0 pp"
    a = data["ab"][0]["variants"][0]
    assert a["p_value"] < 0.001 and cells[0][6] == "< 0.001"
    b = data["ab"][0]["variants"][1]
    assert cells[1][6] == f"{b['p_value']:.3f}"
    assert cells[2][0] == "对照组 (holdout)" and cells[2][6] == ""
    sentences = [w.text() for w in dialog.findChildren(QLabel, "results_sentence")]
    assert len(sentences) == 2 and "significant" in sentences[0]
    assert "not significant" in sentences[1]


def test_funnel_attribution_and_chinese(window, qtbot, ab_store, monkeypatch):
    window.set_language("zh_CN")
    dialog = _open(window, qtbot, ab_store, monkeypatch)
    assert dialog.data["funnel"] == [{"event": "app_launch", "customers": 50},
                                     {"event": "first_deposit", "customers": 0}]
    assert dialog.data["attribution"]["last_touch"] == {"sms": 30}
    sentences = [w.text() for w in dialog.findChildren(QLabel, "results_sentence")]
    assert "差异显著" in sentences[0] and "个百分点" in sentences[0]
    dialog.funnel_events.setText("first_deposit")
    wait_for(dialog.load(), 30)
    assert dialog.data["funnel"] == [{"event": "first_deposit", "customers": 0}]


def test_a_journey_not_in_the_store_says_so(window, qtbot, operate_store, monkeypatch):
    dialog = _open(window, qtbot, operate_store, monkeypatch)
    assert "no published journey sms-copy-ab-test" in dialog.headline.text()


def test_the_holdout_is_not_named_twice_in_chinese(window, qtbot, ab_store, monkeypatch):
    window.set_language("zh_CN")
    dialog = _open(window, qtbot, ab_store, monkeypatch)
    table = dialog.findChild(results.QTableWidget, "results_ab")
    assert table.item(2, 0).text() == "对照组"
