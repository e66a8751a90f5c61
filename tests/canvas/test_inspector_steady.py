"""What a new operator met in the inspector: the wheel turning the control under
the pointer, the form jumping as messages came and went, typed values that did
nothing until Tab, and messages that stayed after what they said was fixed."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QSlider,
)

from canvas_app.inspector import InspectorPanel
from canvas_app.inspector.conditions import GroupFrame
from canvas_app.inspector.event_leaf import EventLeafRow
from nodes import fileformat
from nodes.journey import Journey
from nodes.kinds import kind_names
from nodes.meta import JourneyMeta
from resources import TEMPLATES_DIR

from .helpers import type_text, wheel

ACTIVATION = TEMPLATES_DIR / "new-customer-activation.journey.json"
TYPED = 400  # ms: longer than the typing pause (editors.TYPING_PAUSE_MS)


def launches(op: str, value: int) -> dict:
    return {"event": "app_launch", "count": {"op": op, "value": value}}


def tall_branch() -> tuple[Journey, str]:
    """A branch whose form is taller than the panel: it scrolls."""
    journey = Journey(JourneyMeta(id="wheel"))
    paths = [{"name": f"路径{i}", "condition": launches("lt", 3)} for i in range(1, 5)]
    return journey, journey.add_node("branch", {"paths": paths}, node_id="b")


def show_panel(qtbot, journey, node_id) -> InspectorPanel:
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    panel.set_language("zh_CN")
    panel.resize(420, 520)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_node(journey, node_id)
    return panel


def shown_text(widget) -> str:
    """Every text a person can read in `widget`."""
    texts = [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]
    texts += [w.toPlainText() for w in widget.findChildren(QPlainTextEdit) if w.isVisible()]
    return "\n".join(texts)


def in_view(panel, widget) -> bool:
    viewport = panel.scroll_area.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return widget.isVisible() and 0 <= top and top + widget.height() <= viewport.height()


def test_the_wheel_scrolls_the_form_and_turns_no_control_it_passes(qtbot):
    journey, node_id = tall_branch()
    panel = show_panel(qtbot, journey, node_id)
    reported = []
    panel.config_edited.connect(lambda *args: reported.append(args))
    bar = panel.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0, "the form must scroll for this test to mean anything"
    leaf = next(r for r in panel.form.findChildren(EventLeafRow) if in_view(panel, r.within))
    window = leaf.within.combo
    assert window.currentText() == "任意时间"

    for control in (window, leaf.count):  # a combo, a spin box
        before = bar.value()
        wheel(control, -1)
        assert bar.value() > before, control  # the form scrolled …
        bar.setValue(0)
    qtbot.wait(TYPED)
    assert window.currentText() == "任意时间" and leaf.count.value() == 3  # … nothing turned
    assert reported == [] and journey.config(node_id).paths[0].condition.within is None

    window.setFocus()  # once chosen (clicked or tabbed to), a control takes the wheel
    qtbot.waitUntil(window.hasFocus)
    wheel(window, -1)
    assert window.currentText() != "任意时间"


def test_every_combo_spin_box_and_slider_of_every_form_waits_for_focus(qtbot):
    journey = Journey(JourneyMeta(id="every-kind"))
    panel = show_panel(qtbot, journey, journey.add_node("trigger"))
    forms = [lambda kind=kind: panel.show_node(journey, journey.add_node(kind))
             for kind in kind_names()] + [lambda: panel.show_journey(journey)]
    seen = 0
    for show in forms:
        show()
        content = panel.scroll_area.widget()
        for group in content.findChildren(GroupFrame):  # rows added later are guarded too
            group.add_attribute.click()
            group.add_event.click()
        for cls in (QComboBox, QAbstractSpinBox, QSlider):
            for control in content.findChildren(cls):
                assert control.focusPolicy() == Qt.FocusPolicy.StrongFocus, control
                seen += 1
    assert seen > 50


# -- in the main window: edits become commands, validation answers ----------------------

def open_on(window, journey: Journey, node_id: str) -> InspectorPanel:
    if window.lang != "zh_CN":
        window.set_language("zh_CN")
        QApplication.processEvents()  # Qt's LanguageChange redraws the window once more
    window.activateWindow()  # focus goes to fields of the active window only
    QTest.qWaitForWindowActive(window)
    window.document.set_journey(journey)
    window.scene.select_nodes([node_id])
    panel = window.inspector.panel
    assert panel.node_id == node_id
    return panel


def type_into(qtbot, widget, text: str, pause_ms: int = 0) -> None:
    """Focus `widget`, select what it holds and type `text` over it, key by key."""
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(widget, text, pause_ms)


def entered(kind: str, config: dict | None = None, label: str = "") -> tuple[Journey, str]:
    """A trigger leading to one step of `kind`."""
    journey = Journey(JourneyMeta(id="steady"))
    trigger = journey.add_node("trigger", {"type": "event", "event": "register"},
                               position=(0, 0))
    node_id = journey.add_node(kind, config, label=label, position=(300, 0), node_id="step")
    journey.connect(trigger, "next", node_id)
    return journey, node_id


def test_a_message_coming_or_going_moves_no_control(window, qtbot):
    journey, node_id = entered("reward", {"benefit": "points", "amount": 100})
    panel = open_on(window, journey, node_id)
    form = panel.form
    controls = (panel.label_editor.line, form.editor("amount").spin,
                form.editor("per_customer_limit").enabled)

    def places() -> list[QPoint]:
        return [c.mapToGlobal(QPoint(0, 0)) for c in controls]

    before = places()
    for typed, wrong in (("0", True), ("5", False)):
        type_into(qtbot, form.editor("amount").spin, typed)
        window.view.setFocus()  # the operator clicks the canvas
        qtbot.waitUntil(lambda wrong=wrong: ("必须大于 0" in panel.issues.text()) == wrong)
        assert places() == before


def test_the_template_preview_turning_into_an_error_moves_nothing_below(window, qtbot):
    journey, node_id = entered("touch", {"channel": "sms", "template": "您好，拒收请回复R"})
    panel = open_on(window, journey, node_id)
    template = panel.form.editor("template")
    below = panel.form.editor("ignore_quiet_hours").check
    before = below.mapToGlobal(QPoint(0, 0))
    template.text.setFocus()
    QTest.keyClicks(template.text, "{% for")  # a template error replaces the preview
    qtbot.wait(TYPED)
    assert "语法错误" in shown_text(template)
    assert below.mapToGlobal(QPoint(0, 0)) == before


def test_typed_values_apply_as_typed_and_one_undo_takes_the_whole_edit_back(window, qtbot):
    journey = fileformat.load(ACTIVATION)
    panel = open_on(window, journey, "d3-points")
    stack = window.document.undo_stack
    journey = window.document.journey
    amount = panel.form.editor("amount").spin
    type_into(qtbot, amount, "5000", pause_ms=TYPED)  # slowly: each pause applies
    qtbot.waitUntil(lambda: journey.config("d3-points").amount == 5000)
    assert amount.hasFocus()  # applied before the field was left
    assert "5,000" in window.scene.node_items["d3-points"].summary
    assert stack.count() == 1  # "5", "50", "500", "5000": one step
    assert stack.undoText() == "「赠送 200 积分」：数量 (分)"
    assert window.actions["undo"].text() == "撤销 「赠送 200 积分」：数量 (分)(&U)"

    name = panel.label_editor.line
    type_into(qtbot, name, "积分礼包", pause_ms=TYPED)
    qtbot.waitUntil(lambda: window.scene.node_items["d3-points"].title == "积分礼包")
    assert name.hasFocus()
    assert stack.count() == 2 and stack.undoText() == "「赠送 200 积分」：节点名称"

    window.actions["undo"].trigger()
    assert journey.label("d3-points") == "赠送 200 积分"
    window.actions["undo"].trigger()
    assert journey.config("d3-points").amount == 200 and not stack.canUndo()


def test_a_condition_value_typed_applies_before_the_field_is_left(window, qtbot):
    journey, node_id = entered("filter", {"condition": {"attribute": "aum", "op": "gte",
                                                        "value": 0}})
    panel = open_on(window, journey, node_id)
    (row,) = [r for r in panel.form.findChildren(QAbstractSpinBox) if r.isVisible()]
    type_into(qtbot, row, "5000")
    qtbot.waitUntil(lambda: window.document.journey.config(node_id).condition.value == 5000)
    assert row.hasFocus()
    assert "5,000" in window.scene.node_items[node_id].summary


def test_messages_are_checked_again_after_every_applied_change(window, qtbot):
    journey, node_id = entered("touch", {"channel": "sms", "template": ""}, label="短信提醒")
    panel = open_on(window, journey, node_id)
    assert "消息内容为空" in panel.issues.text()
    template = panel.form.editor("template").text
    template.setFocus()
    type_text(template, "您好，拒收请回复R")
    qtbot.waitUntil(lambda: "消息内容为空" not in panel.issues.text())
    assert template.hasFocus()

    journey, node_id = entered("branch", {"paths": [{"name": "路径1",
                                                     "condition": launches("gte", 3)}]})
    panel = open_on(window, journey, node_id)
    assert "「路径1」没有连接下一步" in panel.issues.text()
    name = panel.form.editor("paths").items[0].form.editor("name").line
    type_into(qtbot, name, "高活跃")
    qtbot.waitUntil(lambda: "「高活跃」没有连接下一步" in panel.issues.text())
    assert "路径1" not in panel.issues.text() and name.hasFocus()


def test_undo_while_typing_takes_back_what_was_typed_and_shows_it(window, qtbot):
    journey, node_id = entered("touch", {"channel": "sms", "template": "您好，拒收请回复R"},
                               label="短信")
    panel = open_on(window, journey, node_id)
    window.document.move_nodes({node_id: ((300, 0), (320, 0))})  # an earlier step
    type_into(qtbot, panel.label_editor.line, "短信提醒")
    window.actions["undo"].trigger()  # before the typing pause is over: the typing goes
    assert window.document.journey.label(node_id) == "短信"
    assert window.document.journey.position(node_id) == (320, 0)
    assert panel.label_editor.line.text() == "短信"  # the field shows it undone
    window.actions["redo"].trigger()
    assert panel.label_editor.line.text() == "短信提醒"
