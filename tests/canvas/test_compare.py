"""File ▸ Compare with…: the union overlaid, coloured as nodes.diff says, read-only."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt

from canvas_app.review.compare import COLOURS, REMOVED_OPACITY, status_by_node
from canvas_app.review.compare_panel import NODE_ROLE, compare_with
from nodes import fileformat
from nodes.diff import diff_journeys

TEMPLATE = (Path(__file__).resolve().parents[2] / "resources" / "templates"
            / "new-customer-activation.journey.json")


def _edited(path: Path) -> Path:
    """A copy of the template with one change of each kind; returns its path."""
    journey = fileformat.load(TEMPLATE)
    journey.set_config("wait-3d", {"type": "duration", "duration": {"amount": 5, "unit": "days"}})
    node = journey.add_node("touch", {"channel": "sms", "template": "您好"}, label="短信提醒",
                            position=(2400.0, 600.0), node_id="sms-new")
    journey.connect("d7-sms", "next", node)
    journey.remove_node("d3-coupon")
    journey.move_node("register", (-200.0, 40.0))
    fileformat.save(journey, path)
    return path


def _open_comparison(window, tmp_path):
    new = _edited(tmp_path / "new.journey.json")
    assert window.open_file(str(new))
    mode = compare_with(window, str(TEMPLATE))
    assert mode is not None
    return mode


def test_overlay_colours_match_the_diff(window, tmp_path):
    mode = _open_comparison(window, tmp_path)
    expected = status_by_node(diff_journeys(fileformat.load(TEMPLATE), window.document.journey))
    assert expected == {"wait-3d": "changed", "sms-new": "added", "d3-coupon": "removed",
                        "register": "moved"}
    shown = {n: o.status for n, o in mode.scene.outlines.items()}
    assert shown == expected
    for node_id, outline in mode.scene.outlines.items():
        assert outline.pen().color().name() == COLOURS[expected[node_id]]
        assert outline.parentItem() is mode.scene.node_items[node_id]
    # The removed card is drawn, faintly, where it stood; the others as they are.
    removed = mode.scene.node_items["d3-coupon"]
    assert removed.opacity() == REMOVED_OPACITY
    assert (removed.pos().x(), removed.pos().y()) == fileformat.load(TEMPLATE).position("d3-coupon")
    assert mode.scene.node_items["d3-sms"].opacity() == 1.0
    # A moved card shows where it stood, faintly.
    assert list(mode.scene.ghosts) == ["register"]
    ghost = mode.scene.ghosts["register"].pos()
    assert (ghost.x(), ghost.y()) == fileformat.load(TEMPLATE).position("register")
    assert "d3-coupon" not in window.document.journey  # the journey itself is untouched


def test_click_on_a_change_centres_its_card(window, tmp_path, qtbot):
    mode = _open_comparison(window, tmp_path)
    assert mode.view.isVisible() and not window.view.isVisible()
    panel = mode.panel
    rows = {panel.list.item(i).data(NODE_ROLE): panel.list.item(i)
            for i in range(panel.list.count())}
    for node_id in ("sms-new", "d3-coupon", "register"):
        item = rows[node_id]
        rect = panel.list.visualItemRect(item)
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        card = mode.scene.node_items[node_id]
        centre = mode.view.mapToScene(mode.view.viewport().rect().center())
        assert card.sceneBoundingRect().adjusted(-60, -60, 60, 60).contains(centre), node_id
        assert mode.scene.selected_node_ids() == [node_id]


def test_compare_mode_is_read_only_and_leaving_restores_the_canvas(window, tmp_path, qtbot):
    mode = _open_comparison(window, tmp_path)
    revision = window.document.revision
    assert not window.actions["delete"].isEnabled()
    assert not window.actions["paste"].isEnabled()
    card = mode.scene.node_items["wait-3d"]
    before = card.pos()
    start = mode.view.mapFromScene(card.sceneBoundingRect().center())
    qtbot.mousePress(mode.view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(mode.view.viewport(), start + QPointF(120, 80).toPoint())
    qtbot.mouseRelease(mode.view.viewport(), Qt.MouseButton.LeftButton,
                       pos=start + QPointF(120, 80).toPoint())
    assert card.pos() == before
    assert not any(type(i).__name__ == "AddStepItem" for i in mode.scene.items())
    assert window.document.revision == revision
    mode.panel.leave_button.click()
    assert window.compare_mode is None
    assert window.view.isVisible()
    assert window.actions["delete"].isEnabled()
    assert window.palette_dock.widget().isEnabled()
    assert window.view.scene() is window.scene
    assert "d3-coupon" not in window.scene.node_items


def test_opening_another_journey_leaves_compare_mode(window, tmp_path):
    _open_comparison(window, tmp_path)
    window.document.undo_stack.setClean()
    assert window.open_file(str(TEMPLATE))
    assert window.compare_mode is None and window.view.isVisible()


def test_the_list_in_english_and_in_chinese(window, tmp_path, qtbot):
    mode = _open_comparison(window, tmp_path)
    texts = mode.panel.texts()
    assert "~ 'Wait 3 days' → 'Wait 5 days'" in texts
    assert "− Removed touch '站内信理财券'" in texts
    assert texts[-1] == "· Moved '注册' on the canvas"
    assert mode.panel.summary_label.text() == "Changes since new-customer-activation.journey.json: 4"
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: mode.scene.lang == "zh_CN")  # LanguageChange is posted
    texts = mode.panel.texts()
    assert "~ 「等待 3 天」→「等待 5 天」" in texts
    assert "+ 新增触达「短信提醒」，接在「短信再次提醒」的「下一步」之后" in texts
    assert mode.panel.summary_label.text() == "与 new-customer-activation.journey.json 相比的改动：4 处"
    assert mode.dock.windowTitle() == "比较版本"
    assert window.actions["compare"].text().startswith("比较版本")
    assert mode.scene.lang == "zh_CN"


def test_no_differences(window):
    assert window.open_file(str(TEMPLATE))
    mode = compare_with(window, str(TEMPLATE))
    assert mode.panel.texts() == []
    assert mode.scene.outlines == {}
    assert mode.panel.summary_label.text() == (
        "No differences from new-customer-activation.journey.json")


def test_closing_the_dock_leaves_but_another_tab_does_not(window, tmp_path, qtbot):
    mode = _open_comparison(window, tmp_path)
    window.inspector_dock.raise_()  # the step settings' tab in front: still comparing
    qtbot.wait(10)
    assert window.compare_mode is mode and mode.view.isVisible()
    mode.dock.close()
    assert window.compare_mode is None and window.view.isVisible()


def test_compare_with_a_version_published_in_the_connected_store(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from canvas_app.review.compare_panel import compare_with_published
    from runtime import api
    from runtime.publish import publish

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append(a[2]))
    new = _edited(tmp_path / "new.journey.json")
    assert window.open_file(str(new))
    assert compare_with_published(window) is None and "Connect to a customer store" in said[-1]

    store = api.open_store(f"sqlite:///{tmp_path / 'store.db'}")
    window.store_status.use_store(store, store.url, 0)
    assert compare_with_published(window) is None and "no published version" in said[-1]
    publish(store, TEMPLATE, require_approval=False)
    publish(store, new, require_approval=False)  # version 2: the open content itself
    offered = []

    def pick(parent, title, label, items, current, editable):
        offered.extend(items)
        return items[1], True  # the older one

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    mode = compare_with_published(window)
    assert offered[0].startswith("Version 2") and offered[1].startswith("Version 1")
    assert mode is not None and mode.old_path == "new-customer-activation v1"
    expected = status_by_node(diff_journeys(fileformat.load(TEMPLATE), window.document.journey))
    assert {n: o.status for n, o in mode.scene.outlines.items()} == expected
    mode.leave()
    same = compare_with_published(window, version=2)
    assert same.scene.changes == []
