"""Connecting the editor to a real (small) customer store."""
from __future__ import annotations

import pytest

from canvas_app import settings
from canvas_app.store_connection import ENV_VAR, configured_store_url
from nodes.catalog import AttributeDef, AttrType


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    """A 200-customer demo store with one attribute the standard catalog lacks."""
    from runtime.api import build_demo, open_store

    path = tmp_path_factory.mktemp("store") / "store.db"
    store = open_store(f"sqlite:///{path}")
    build_demo(store, 200, seed=1, workers=1)
    store.extend_catalog([AttributeDef(name="vip_level", type=AttrType.number,
                                       label_zh="贵宾等级", label_en="VIP level")])
    store.close()
    return f"sqlite:///{path}"


def wait_connected(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.store_status.state in ("connected", "failed"), timeout=10000)
    assert window.store_status.state == "connected", window.store_status.problem


def test_the_environment_wins_over_the_saved_store(monkeypatch):
    assert configured_store_url() is None
    settings.set_store_url("sqlite:///saved.db")
    assert configured_store_url() == "sqlite:///saved.db"
    monkeypatch.setenv(ENV_VAR, "sqlite:///from-env.db")
    assert configured_store_url() == "sqlite:///from-env.db"


def test_a_connected_store_feeds_the_estimate_and_validation(window, qtbot, store_url,
                                                            monkeypatch):
    from runtime.api import count_matching

    doc = window.document
    known = doc.add_node("filter", (0, 0))
    doc.set_config(known, {"condition": {"attribute": "vip_level", "op": "gte", "value": 2}})
    window.refresh_validation()
    unknown = [i for i in window.validation_panel.issues if i.code == "unknown_attribute"]
    assert [i.node_id for i in unknown] == [known]  # the standard catalog lacks vip_level
    assert [i.severity for i in unknown] == ["warning"]  # no store to ask: a warning

    monkeypatch.setenv(ENV_VAR, store_url)
    window.connect_configured_store()
    assert window.store_status.button.text() == "Store: opening store.db…"
    wait_connected(qtbot, window)
    assert window.store_status.button.text() == "Store: store.db · 200 customers"
    assert "vip_level" in window.catalog.attributes
    assert window.inspector.panel.catalog is window.catalog
    assert "VIP level" in window.scene.node_items[known].summary  # the card uses its labels
    window.refresh_validation()
    assert not [i for i in window.validation_panel.issues if i.code == "unknown_attribute"]
    doc.set_config(known, {"condition": {"attribute": "made_up", "op": "gte", "value": 2}})
    window.refresh_validation()
    assert [(i.node_id, i.severity) for i in window.validation_panel.issues
            if i.code == "unknown_attribute"] == [(known, "error")]  # the store's: an error

    trigger = doc.add_node("trigger", (-300, 0))
    doc.set_config(trigger, {"type": "event", "event": "register", "audience": {
        "attribute": "aum", "op": "gte", "value": 10000}})
    panel = window.inspector.panel
    with qtbot.waitSignal(panel.estimate_counted, timeout=10000) as blocker:
        window.scene.select_nodes([trigger])
    expected = count_matching(window.store, {"attribute": "aum", "op": "gte", "value": 10000})
    assert 0 < expected < 200 and blocker.args == [expected]

    window.set_language("zh_CN")
    assert window.store_status.button.text() == "客户库：store.db · 200 位客户"


def test_the_dialog_names_the_problem_and_connects(window, qtbot, store_url, tmp_path):
    dialog = window.open_store_dialog()
    qtbot.waitExposed(dialog)
    dialog.url.setText(f"sqlite:///{tmp_path / 'missing.db'}")
    dialog.try_connect()
    qtbot.waitUntil(lambda: "missing.db" in dialog.message.text(), timeout=5000)
    assert "There is no file at" in dialog.message.text() and dialog.isVisible()
    assert not (tmp_path / "missing.db").exists()  # a typo never creates an empty store

    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("shopping list")
    dialog.url.setText(f"sqlite:///{not_a_store}")
    dialog.try_connect()
    qtbot.waitUntil(lambda: "cannot be opened" in dialog.message.text(), timeout=5000)
    assert "Traceback" not in dialog.message.text() and dialog.isVisible()

    dialog.url.setText(store_url)
    dialog.try_connect()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert window.store_status.state == "connected"
    assert settings.store_url() == store_url
    assert window.inspector.panel.store is window.store
