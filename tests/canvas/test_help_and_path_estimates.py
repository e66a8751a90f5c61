"""From a new operator's trial (issue 14): no Help menu; branch paths showed no
audience estimate while trigger and filter did; the English branch card read
"1 paths" and a new path was named 路径1 in the English interface; a reward
with no budget showed an "Out of budget" exit."""
from __future__ import annotations

import re
from importlib import metadata

import PySide6
from PySide6.QtCore import qVersion

from canvas_app.inspector import InspectorPanel
from nodes.journey import Journey
from nodes.meta import JourneyMeta

WEALTHY = {"attribute": "aum", "op": "gte", "value": 50_000}
SENIOR = {"attribute": "age", "op": "gte", "value": 40}


def plain(text: str) -> str:
    """A menu text as the guide names it: 整理布局(&Y) → 整理布局, Tid&y Layout → Tidy Layout."""
    return re.sub(r"\(&\w\)|&|…", "", text).strip()


def test_the_help_menu_has_a_guide_to_read_while_working_and_about(window, qtbot):
    window.set_language("zh_CN")
    help_menu = window.menus["help"]
    assert help_menu.menuAction() in window.menuBar().actions()
    assert help_menu.title() == "帮助(&H)"
    assert [a.text() for a in help_menu.actions() if not a.isSeparator()] == [
        "使用指南(&U)", "关于 JourneyCanvas(&A)"]
    window.actions["guide"].trigger()
    dock = window.guide_dock
    assert dock.isVisible() and dock.windowTitle() == "使用指南"
    # Beside the step settings, not over them: both can be read while working.
    assert window.inspector_dock.isVisible() and not window.tabifiedDockWidgets(dock)
    qtbot.waitUntil(lambda: dock.height() >= 200)  # room to read (the docks settle later)
    assert window.inspector_dock.height() > dock.height()
    guide = dock.browser.toPlainText()
    for name in ("layout", "connect_store", "minimap", "save"):
        assert plain(window.actions[name].text()) in guide, name
    assert plain(window.menus["templates"].title()) in guide
    assert "节点设置" in guide and "问题" in guide and "journey-runtime publish" in guide

    window.set_language("en")
    guide = dock.browser.toPlainText()
    assert "Steps" in guide and "Tidy Layout" in guide and "节点" not in guide


def test_about_names_the_version_qt_and_the_licence(window):
    window.set_language("zh_CN")
    box = window.show_about()
    try:
        assert box.windowTitle() == "关于 JourneyCanvas" and box.isVisible()
        text = box.text()
        assert f"版本 {metadata.version('journey-canvas')}" in text
        assert qVersion() in text and PySide6.__version__ in text
        assert "许可" in text
    finally:
        box.close()


def test_a_new_branch_path_is_named_and_counted_in_the_interface_language(window):
    branch = window.view.add_node_at("branch", window.view.mapToScene(100, 100))
    journey = window.document.journey
    assert [p.name for p in journey.config(branch).paths] == ["Path 1"]
    assert window.scene.node_items[branch].summary.startswith("1 path: Path 1")
    window.set_language("zh_CN")
    other = window.view.add_node_at("branch", window.view.mapToScene(100, 300))
    assert [p.name for p in journey.config(other).paths] == ["路径1"]
    assert window.scene.node_items[other].summary == "1 条路径：路径1，其余走「其他情况」"


def test_a_reward_without_a_budget_offers_no_out_of_budget_exit(window):
    reward = window.view.add_node_at("reward", window.view.mapToScene(100, 100))
    card = window.scene.node_items[reward]
    assert card.outlets == ["next"]
    window.document.set_config(reward, {"benefit": "points", "amount": 100, "budget": 5000})
    assert card.outlets == ["next", "exhausted"]
    assert card.outlet_names["exhausted"] == "Out of budget"
    touch = window.document.add_node("touch", (600, 200), {"channel": "sms", "template": "x"})
    window.document.connect(reward, "exhausted", touch)
    window.document.set_config(reward, {"benefit": "points", "amount": 100})
    assert card.outlets == ["next", "exhausted"]  # its line stays, and so does the exit
    window.document.disconnect(reward, "exhausted")
    assert card.outlets == ["next"]
    window.document.undo_stack.undo()  # the line comes back, with its exit
    assert card.outlets == ["next", "exhausted"]


def branch_of_two() -> tuple[Journey, str]:
    journey = Journey(JourneyMeta(id="paths"))
    node = journey.add_node("branch", {"paths": [{"name": "高净值", "condition": WEALTHY},
                                                 {"name": "中老年", "condition": SENIOR}]})
    return journey, node


def test_each_branch_path_estimates_the_customers_it_takes(qtbot, tmp_path):
    from runtime.api import build_demo, count_matching, open_store

    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    build_demo(store, 300, seed=7)
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    panel.set_language("zh_CN")
    panel.set_store(store)
    journey, node = branch_of_two()
    panel.show_node(journey, node)
    estimates = panel.path_estimates  # counts a moment after it is shown, off the GUI thread
    with qtbot.waitSignal(estimates.counted, timeout=10000) as blocker:
        pass
    counts = blocker.args[0]
    everyone = count_matching(store, {"all": []})
    wealthy = count_matching(store, WEALTHY)
    either = count_matching(store, {"any": [WEALTHY, SENIOR]})
    # A customer takes the first path that matches: the second counts only the rest.
    assert counts == {"高净值": wealthy, "中老年": either - wealthy, "else": everyone - either}
    assert 0 < wealthy and 0 < either - wealthy and 0 < everyone - either
    assert sum(counts.values()) == everyone
    texts = [row.text() for row in estimates.rows.values()]
    assert texts == [f"高净值：约 {wealthy:,} 位客户", f"中老年：约 {either - wealthy:,} 位客户",
                     f"其他情况：约 {everyone - either:,} 位客户"]
    assert "第一条符合条件的路径" in estimates.heading.text()
    store.close()


def test_without_a_store_the_paths_say_so(qtbot):
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    journey, node = branch_of_two()
    panel.show_node(journey, node)
    rows = panel.path_estimates.rows
    assert list(rows) == ["高净值", "中老年", "else"]
    with qtbot.waitSignal(panel.path_estimates.counted, timeout=3000) as blocker:
        pass
    assert blocker.args == [{"高净值": None, "中老年": None, "else": None}]
    assert rows["else"].text() == "Otherwise: —"
    assert rows["else"].toolTip() == "No customer store is connected."


def test_what_customers_do_after_entering_is_not_counted_in_advance(qtbot):
    """"Did not open an account since entering" counted now would be everyone."""
    calls = []
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    panel.set_store(["a store"], lambda store, condition: calls.append(condition) or 7)
    journey = Journey(JourneyMeta(id="entry"))
    node = journey.add_node("branch", {"paths": [
        {"name": "未开户", "condition": {"event": "account_opened", "within": "since_entry",
                                      "count": {"op": "eq", "value": 0}}},
        {"name": "高净值", "condition": WEALTHY}]})
    panel.show_node(journey, node)
    with qtbot.waitSignal(panel.path_estimates.counted, timeout=3000) as blocker:
        pass
    # Every outlet depends on the first path: none is counted, and each says why.
    assert blocker.args == [{"未开户": None, "高净值": None, "else": None}] and calls == []
    assert panel.path_estimates.rows["高净值"].text() == (
        "高净值: depends on what customers do after they enter; not counted in advance")
