"""Building from the outlets: the "+" of a free outlet and a palette kind dropped on an
outlet add the next step already connected, placed clear of the others, selected and
ready to fill; one undo step takes it away again. Clicks and drops go to the real
widgets at the positions a person would use."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from canvas_app import theme
from canvas_app.items.add_button import add_buttons
from nodes.durations import Duration, Unit

from .counting_driver import CountingDriver


def zh(window, qtbot):
    window.set_language("zh_CN")
    QApplication.processEvents()  # Qt's own LanguageChange rebuilds the inspector once more
    window.activateWindow()  # the cursor goes to fields of the active window only
    qtbot.waitUntil(window.isActiveWindow)
    return CountingDriver(window)


def added(window, before) -> str:
    (node_id,) = set(window.document.journey.node_ids()) - set(before)
    return node_id


def test_the_plus_adds_the_next_step_connected_selected_and_in_one_undo_step(window, qtbot):
    me = zh(window, qtbot)
    journey = window.document.journey
    trigger = window.view.add_node_at("trigger", QPointF(0, 0))
    before = journey.node_ids()
    me.click_plus(trigger, "next")
    me.pick_from_menu("触达")
    touch = added(window, before)

    assert journey.kind(touch) == "touch" and journey.edge_from(trigger, "next") == touch
    assert window.scene.selected_node_ids() == [touch]
    assert window.inspector.panel.node_id == touch
    tx, x = journey.position(trigger)[0], journey.position(touch)[0]
    trigger_card, touch_card = window.scene.node_items[trigger], window.scene.node_items[touch]
    outlet_y = trigger_card.mapToScene(trigger_card.outlet_pos("next")).y()
    assert x >= tx + theme.CARD_WIDTH + 40  # to the right, its input level with the outlet
    assert abs(touch_card.mapToScene(touch_card.input_pos()).y() - outlet_y) <= theme.GRID / 2
    assert "next" not in add_buttons(window.scene.node_items[trigger])  # the outlet is taken
    assert "next" in add_buttons(window.scene.node_items[touch])

    stack = window.document.undo_stack
    steps = stack.count()
    assert stack.undoText() == "在「触发」后添加「触达」"
    window.actions["undo"].trigger()
    assert touch not in journey and journey.edge_from(trigger, "next") is None
    assert stack.index() == steps - 1  # the card and its line went in one step
    assert "next" in add_buttons(window.scene.node_items[trigger])
    window.actions["redo"].trigger()
    assert journey.edge_from(trigger, "next") == touch


def test_the_menu_offers_what_may_follow_and_its_presets(window, qtbot):
    me = zh(window, qtbot)
    journey = window.document.journey
    trigger = window.view.add_node_at("trigger", QPointF(0, 0))
    me.click_plus(trigger, "next")
    menu = QApplication.activePopupWidget()
    entries = [a.text() for a in menu.actions()]
    assert "触发" not in entries  # nothing leads into an entry
    assert {"等待：一段时间", "等待：客户行为", "分支", "触达", "权益：积分",
            "权益：优惠券"} <= set(entries)
    before = journey.node_ids()
    me.pick_from_menu("等待：客户行为")
    wait = journey.config(added(window, before))
    assert (wait.type, wait.event, wait.timeout) == (
        "for_event", next(iter(window.catalog.events)), Duration(amount=1, unit=Unit.days))


def test_steps_added_after_every_path_never_overlap(window, qtbot):
    me = zh(window, qtbot)
    journey = window.document.journey
    branch = window.view.add_node_at("branch", QPointF(0, 0))
    window.document.set_config(branch, {"paths": [{"name": n} for n in ("甲", "乙", "丙")]})
    for outlet, entry in (("甲", "触达"), ("乙", "权益：积分"), ("丙", "等待：客户行为"),
                          ("else", "触达")):
        me.click_plus(branch, outlet)
        me.pick_from_menu(entry)
    cards = [item.sceneBoundingRect() for item in window.scene.node_items.values()]
    for i, one in enumerate(cards):
        for other in cards[i + 1:]:
            assert not one.intersects(other)
    assert sorted(o for _s, _t, o in journey.edges()) == sorted(["甲", "乙", "丙", "else"])


def test_a_palette_kind_dropped_on_an_outlet_follows_it(window, qtbot):
    me = zh(window, qtbot)
    journey = window.document.journey
    wait = window.view.add_node_at("wait", QPointF(0, 0))
    window.document.set_config(wait, {"type": "for_event", "event": "register"})

    before = journey.node_ids()
    me.drag_from_palette("touch", me.plus_point(wait, "event"))  # on its "+"
    on_plus = added(window, before)
    before = journey.node_ids()
    me.drag_from_palette("reward", me.outlet_point(wait, "timeout"))  # on the dot itself
    on_dot = added(window, before)

    assert journey.edge_from(wait, "event") == on_plus
    assert journey.edge_from(wait, "timeout") == on_dot
    assert window.scene.selected_node_ids() == [on_dot]
    assert window.document.undo_stack.undoText() == "在「等待」的「超时未发生」后添加「权益」"

    before = journey.node_ids()
    me.drag_from_palette("trigger", me.plus_point(on_plus, "next"))  # nothing leads into it
    trigger = added(window, before)
    assert journey.edge_from(on_plus, "next") is None
    assert journey.kind(trigger) == "trigger"


def test_a_node_dropped_on_the_canvas_is_selected_and_ready(window, qtbot):
    me = zh(window, qtbot)
    before = window.document.journey.node_ids()
    me.drag_from_palette("touch", window.view.viewport().rect().center())
    touch = added(window, before)
    assert window.scene.selected_node_ids() == [touch]
    panel = window.inspector.panel
    assert panel.node_id == touch
    assert QApplication.focusWidget() is panel.form.editor("template").text


def test_a_blank_canvas_starts_with_one_click(window, qtbot):
    me = zh(window, qtbot)
    start = window.quick_add.start_button
    assert start.isVisible() and start.text() == "+ 添加触发，开始旅程"
    me.click(start)
    (trigger,) = window.document.journey.node_ids()
    assert window.document.journey.kind(trigger) == "trigger"
    assert window.scene.selected_node_ids() == [trigger]
    assert QApplication.focusWidget() is window.inspector.panel.form.editor("event").combo
    assert not start.isVisible()
    window.actions["undo"].trigger()
    assert start.isVisible()


def test_the_plus_is_an_editing_handle_not_part_of_the_picture(window, qtbot):
    window.view.set_zoom(1.0)
    trigger = window.view.add_node_at("trigger", QPointF(0, 0))
    plus = add_buttons(window.scene.node_items[trigger])["next"]
    assert plus.isVisible() and window.scene.free_outlet_at(plus.scenePos()) == (trigger, "next")
    around = QRectF(plus.scenePos() - QPointF(10, 10), plus.scenePos() + QPointF(10, 10))
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    window.scene.render(painter, QRectF(0, 0, 20, 20), around)  # as exports and the minimap
    painter.end()
    assert {image.pixelColor(x, y).name() for x in range(20) for y in range(20)} == {"#ffffff"}
    shot = window.view.grab()  # the view itself shows it
    centre = window.view.mapFromScene(plus.scenePos())
    assert shot.toImage().pixelColor(centre + window.view.viewport().pos()).name() != "#ffffff"
    window.view.set_zoom(0.3)  # far out, cards are tiles: no handles to hit by accident
    assert window.scene.itemAt(plus.scenePos(), window.view.transform()) is not plus
