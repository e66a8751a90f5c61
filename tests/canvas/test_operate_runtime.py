"""The live runtime from the app: start and stop it (a real process on a real
store), its state in the status bar, live counts on the canvas."""
from __future__ import annotations

import pytest

from canvas_app.monitor.background import wait_for
from canvas_app.monitor.overlay import CountTag
from tests.canvas.operate_fixtures import ACTIVATION
from tests.canvas.test_paused_in_store import connect


@pytest.fixture
def live_url(operate_store, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    yield operate_store
    from runtime.api import stop_local_runtime

    stop_local_runtime(operate_store)  # never leave a runtime behind


def _poll(control):
    """A fresh reading of the state (after the one under way, if any)."""
    for name in ("state", "live"):
        if name in control.tasks:
            wait_for(control.tasks[name], 30)
    task = control.poll()
    if task is not None:
        wait_for(task, 30)
    if "live" in control.tasks:
        wait_for(control.tasks["live"], 30)


def test_start_status_and_stop(window, qtbot, live_url, monkeypatch):
    connect(window, qtbot, live_url, monkeypatch)
    control = window.runtime_control
    _poll(control)
    assert control.label.text() == "Runtime: stopped"
    window.operate.actions["runtime_start"].trigger()
    wait_for(control.tasks["start"], 30)
    assert control.last_message == "", control.last_message
    _poll(control)
    assert control.label.text().startswith("Runtime: running · last tick "), control.state
    assert control.state["holder"]["pid"] > 0
    assert "this computer" in control.label.toolTip()
    window.set_language("zh_CN")
    assert control.label.text().startswith("运行时：运行中 · 最近一轮 ")
    assert "本机" in control.label.toolTip()
    window.set_language("en")
    window.operate.actions["runtime_start"].trigger()
    wait_for(control.tasks["start"], 30)
    assert "already runs this store" in control.last_message
    window.operate.actions["runtime_stop"].trigger()
    wait_for(control.tasks["stop"], 40)
    _poll(control)
    assert control.label.text() == "Runtime: stopped"


def test_live_counts_on_the_canvas(window, qtbot, live_url, monkeypatch, draft):
    from runtime.api import open_store, report

    connect(window, qtbot, live_url, monkeypatch)
    window.open_file(str(ACTIVATION))
    control = window.runtime_control
    window.operate.actions["live_counts"].setChecked(True)
    wait_for(control.tasks["live"], 30)
    store = open_store(live_url)
    try:
        nodes = report(store, "new-customer-activation")["nodes"]
    finally:
        store.close()
    tags = {t.parentItem().node_id: t.text for t in window.scene.items()
            if isinstance(t, CountTag) and t.text.startswith("reached")}
    waiting = next(n for n, c in nodes.items() if c["waiting"])
    assert tags[waiting] == (f"reached {nodes[waiting]['reached']:,} · "
                             f"waiting {nodes[waiting]['waiting']:,}")
    window.open_file(str(draft))  # not published: says so, draws nothing
    _poll(control)
    assert "not published in the store" in control.label.text()
    assert not [t for t in window.scene.items() if isinstance(t, CountTag)]
    window.operate.actions["live_counts"].setChecked(False)
    assert "not published" not in control.label.text()
