"""预演 from the canvas: the simulation runs off the GUI thread on a copy of the
store, its numbers land on the cards and edges, its charts and cost beside it."""
from __future__ import annotations

import json

from canvas_app import settings
from canvas_app.main_window import TEMPLATES_DIR
from canvas_app.monitor import simulation
from canvas_app.monitor.background import wait_for
from canvas_app.monitor.overlay import CountTag
from tests.canvas.operate_fixtures import ACTIVATION, DEMO_NOW
from tests.canvas.test_paused_in_store import connect


def _touch_count(url: str) -> int:
    from sqlalchemy import func, select

    from runtime.store import Store, schema

    store = Store(url, create=False)
    try:
        with store.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.touches)).scalar()
    finally:
        store.close()


def run_panel(window, qtbot, days=10):
    panel = simulation.open_panel(window)
    panel.days.setValue(days)
    task = panel.run()
    assert task is not None
    wait_for(task, 60)
    return panel


def test_simulation_draws_on_the_canvas_and_charts_beside_it(window, qtbot, operate_store,
                                                             monkeypatch, draft):
    connect(window, qtbot, operate_store, monkeypatch)
    window.open_file(str(draft))
    settings.set_message_price("sms", 0.1)
    before = _touch_count(operate_store)
    title = window.windowTitle()
    panel = run_panel(window, qtbot)
    assert window.windowTitle() == title and window.simulation_dock.windowTitle() == "Simulation"
    result = panel.result
    assert result is not None and result["enrolled"] > 0
    assert _touch_count(operate_store) == before, "a simulation wrote to the store"
    tags = [t for t in window.scene.items() if isinstance(t, CountTag)]
    card = {t.parentItem().node_id: t.text for t in tags if t.text.startswith("reached")}
    for node_id, counts in result["nodes"].items():
        assert card[node_id].startswith(f"reached {counts['reached']:,}"), node_id
    wide = window.scene.edge_items[("wait-open-page", "timeout")]
    busiest = max(result["nodes"]["wait-open-page"]["outlets"].values())
    assert wide.pen().widthF() > 1.6 and busiest > 0
    sms = result["touches"]["sms"]["sent"]
    assert f"SMS: {sms:,} sent" in panel.summary.text()
    assert f"cost {sms * 0.1:,.2f}" in panel.summary.text()
    assert panel.charts_layout.count() == 4  # touches, cost, the points budget, conversions
    assert "already published" not in panel.summary.text()
    window.document.set_label("sms-invite", "新名字")  # an edit after the simulation
    assert panel.summary.text().startswith("The journey changed since this simulation")
    panel.clear()
    assert not [t for t in window.scene.items() if isinstance(t, CountTag)]
    assert wide.pen().widthF() <= 1.0


def test_numbers_follow_the_language_and_survive_a_reload(window, qtbot, operate_store,
                                                          monkeypatch):
    connect(window, qtbot, operate_store, monkeypatch)
    window.open_file(str(ACTIVATION))
    panel = run_panel(window, qtbot, days=5)
    assert "already published in the store" in panel.summary.text()
    window.set_language("zh_CN")
    texts = {t.text for t in window.scene.items() if isinstance(t, CountTag)}
    assert any(t.startswith("到达") for t in texts)
    assert "进入" in panel.summary.text() and panel.run_button.text() == "运行预演"
    window.document.reset.emit()  # what an undo of many steps or a reload does
    assert any(isinstance(t, CountTag) for t in window.scene.items())
    window.open_file(str(TEMPLATES_DIR / "birthday-greeting.journey.json"))
    assert panel.result is None and not [t for t in window.scene.items()
                                         if isinstance(t, CountTag)]


def test_cancel_stops_it_and_draws_nothing(window, qtbot, operate_store, monkeypatch):
    connect(window, qtbot, operate_store, monkeypatch)
    window.open_file(str(ACTIVATION))
    panel = simulation.open_panel(window)
    panel.days.setValue(90)
    task = panel.run()
    task.cancel()
    wait_for(task, 60)
    assert panel.summary.text() == "Cancelled."
    assert not [t for t in window.scene.items() if isinstance(t, CountTag)]


def test_without_a_store_or_with_errors_it_says_what_to_do(window, qtbot, operate_store,
                                                           monkeypatch, tmp_path):
    window.open_file(str(ACTIVATION))
    panel = simulation.open_panel(window)
    assert panel.run() is None and "Connect a customer store" in panel.summary.text()
    connect(window, qtbot, operate_store, monkeypatch)
    doc = json.loads(ACTIVATION.read_text("utf-8"))
    doc["graph"]["edges"] = [e for e in doc["graph"]["edges"] if e["source"] != "register"]
    broken = tmp_path / "broken.journey.json"
    broken.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    window.open_file(str(ACTIVATION))
    wait_for(panel.run(), 60)
    assert panel.charts_layout.count() == 4  # numbers of a journey that is fine…
    window.open_file(str(broken))
    wait_for(panel.run(), 60)
    assert "was not published because of" in panel.summary.text()
    assert "[注册]" in panel.summary.text() and "[register]" not in panel.summary.text()
    assert panel.charts_layout.count() == 0 and panel.result is None  # …gone with the error


def test_collision_forecast_says_share_and_takers(window, qtbot, operate_store, monkeypatch,
                                                 draft):
    """A published welcome SMS takes the cap's slot before the draft's SMS two hours on."""
    from runtime.publish import publish
    from runtime.store import Store

    doc = json.loads(ACTIVATION.read_text("utf-8"))
    doc["journey"]["id"], doc["journey"]["name"] = "welcome-sms", "欢迎短信"
    doc["graph"]["nodes"] = [n for n in doc["graph"]["nodes"]
                             if n["id"] in ("register", "sms-invite")]
    doc["graph"]["edges"] = [{"outlet": "next", "source": "register", "target": "sms-invite"}]
    welcome = draft.parent / "welcome-sms.journey.json"
    welcome.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    store = Store(operate_store)
    publish(store, welcome, published_at=DEMO_NOW)
    store.close()
    connect(window, qtbot, operate_store, monkeypatch)
    window.open_file(str(draft))
    panel = simulation.open_panel(window)
    panel.days.setValue(7)
    wait_for(panel.run_collision(), 120)
    result = panel.collision
    assert result is not None and result["touches"] > 0 and result["because_of_others"] > 0
    text = panel.collision_text.text()
    assert f"{result['because_of_others']:,} of {result['touches']:,} touches" in text
    assert "Taken by: 欢迎短信" in text
