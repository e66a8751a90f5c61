"""A step just added is ready to fill: the cursor in the field a person fills first,
the usual values a click away (waits of 1 h / 1 d / 3 d / 7 d), and a branch's paths
quick to say (did / did not, the opposite of the path above, a copy to adjust)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from canvas_app.inspector.event_leaf import opposite_count
from nodes import load
from nodes.durations import Duration, Unit

from .test_inspector_steady import TYPED
from .test_outlet_add import added, zh


def add_after_trigger(window, me, entry: str) -> str:
    trigger = window.view.add_node_at("trigger", QPointF(0, 0))
    before = window.document.journey.node_ids()
    me.click_plus(trigger, "next")
    me.pick_from_menu(entry)
    return added(window, before)


def test_an_sms_opens_with_the_cursor_in_its_text(window, qtbot):
    me = zh(window, qtbot)
    touch = add_after_trigger(window, me, "触达")
    journey = window.document.journey
    assert journey.config(touch).channel == "sms"
    text = window.inspector.panel.form.editor("template").text
    assert QApplication.focusWidget() is text
    me.type("您好 {{ name }}")
    qtbot.waitUntil(lambda: journey.config(touch).template == "您好 {{ name }}", timeout=2000)


def test_a_wait_offers_the_usual_lengths_at_a_click(window, qtbot):
    me = zh(window, qtbot)
    wait = add_after_trigger(window, me, "等待：一段时间")
    journey, stack = window.document.journey, window.document.undo_stack
    editor = window.inspector.panel.form.editor("duration").inner
    assert QApplication.focusWidget() is editor.amount  # its number, to type over
    assert [b.text() for b in editor.presets] == ["1 小时", "1 天", "3 天", "7 天"]
    steps = stack.count()
    me.click(editor.presets[2], what="3 天")
    assert journey.config(wait).duration == Duration(amount=3, unit=Unit.days)
    assert stack.count() == steps + 1  # one step, named after the field
    assert "等待时长" in stack.undoText()
    assert QApplication.focusWidget() is editor.amount
    assert editor.amount.lineEdit().selectedText() == "3"
    me.type("5")  # the number was selected: typing replaces it
    qtbot.waitUntil(lambda: journey.config(wait).duration.amount == 5, timeout=2000)
    assert journey.config(wait).duration.unit == Unit.days
    me.click(editor.presets[0], what="1 小时")
    assert journey.config(wait).duration == Duration(amount=1, unit=Unit.hours)


def test_waiting_for_an_action_opens_on_the_action_typed_by_name(window, qtbot):
    me = zh(window, qtbot)
    wait = add_after_trigger(window, me, "等待：客户行为")
    picker = window.inspector.panel.form.editor("event").combo
    assert QApplication.focusWidget() is picker
    me.type("进入开户页")  # a focused list can be typed into
    assert window.document.journey.config(wait).event == "view_account_open_page"


def test_a_reward_opens_on_what_is_left_to_fill(window, qtbot):
    me = zh(window, qtbot)
    points = add_after_trigger(window, me, "权益：积分")
    form = window.inspector.panel.form
    assert window.document.journey.config(points).amount == 100
    assert QApplication.focusWidget() is form.editor("amount").spin
    window.document.set_journey(type(window.document.journey)())
    coupon = add_after_trigger(window, me, "权益：优惠券")
    form = window.inspector.panel.form
    assert QApplication.focusWidget() is form.editor("item").line
    assert window.document.journey.config(coupon).benefit == "coupon"


def test_a_branch_path_is_quick_to_say(window, qtbot):
    me = zh(window, qtbot)
    branch = add_after_trigger(window, me, "分支")
    journey = window.document.journey
    paths = window.inspector.panel.form.editor("paths")
    name = paths.items[0].form.editor("name").line
    assert QApplication.focusWidget() is name and name.selectedText() == name.text()
    me.type("未开户")
    root = paths.items[0].form.editor("condition").root
    me.click(root.add_not_event, what="+ 没做过")
    leaf = root.children_[0]
    assert QApplication.focusWidget() is leaf.event_picker.combo  # the action to choose next
    me.type("开户成功")
    qtbot.waitUntil(lambda: journey.config(branch).paths[0].name == "未开户", timeout=2000)
    (first,) = journey.config(branch).paths[0].condition.all
    assert (first.event, first.count.op, first.count.value, first.within) == (
        "account_opened", "eq", 0, "since_entry")  # paths count since entering

    me.click(paths.items[0].buttons["duplicate"], what="duplicate")
    assert [p.name for p in journey.config(branch).paths] == ["未开户", "未开户（副本）"]
    copy = paths.items[1].form.editor("name").line
    assert QApplication.focusWidget() is copy and copy.selectedText() == "未开户（副本）"
    second = paths.items[1].form.editor("condition").root
    me.click(second.children_[0].invert, what="取反")
    assert journey.config(branch).paths[1].condition.all[0].count.op == "gte"  # did it
    assert journey.config(branch).paths[0].condition.all[0].count.op == "eq"  # the original

    me.click(paths.add_button, what="+ 添加路径")
    third = paths.items[2].form.editor("name").line
    assert QApplication.focusWidget() is third and third.selectedText() == third.text()


def test_the_opposite_of_a_count(window):
    assert opposite_count("gte", 1) == ("eq", 0)  # did → did not
    assert opposite_count("eq", 0) == ("gte", 1)  # did not → did
    assert opposite_count("lt", 3) == ("gte", 3)
    assert opposite_count("gte", 3) == ("lt", 3)
    assert opposite_count("gt", 2) == ("lte", 2)
    assert opposite_count("ne", 2) == ("eq", 2)


def test_an_operator_picked_from_the_list_asks_for_its_number(window, qtbot):
    me = zh(window, qtbot)
    add_after_trigger(window, me, "分支")
    root = window.inspector.panel.form.editor("paths").items[0].form.editor("condition").root
    me.click(root.add_event, what="+ 做过")
    leaf = root.children_[0]
    me.pick_from_combo(leaf.count_op.combo, "少于")
    assert QApplication.focusWidget() is leaf.count
    # Arrow keys on the closed list change it and leave the cursor there for the next key.
    leaf.count_op.combo.setFocus()
    QTest.keyClick(leaf.count_op.combo, Qt.Key.Key_Up)
    assert leaf.count_op.combo.currentText() != "少于"
    assert QApplication.focusWidget() is leaf.count_op.combo


def test_a_new_action_test_elsewhere_counts_over_all_time(window, qtbot):
    me = zh(window, qtbot)
    add_after_trigger(window, me, "筛选")
    root = window.inspector.panel.form.editor("condition").root
    me.click(root.add_event, what="+ 做过")
    assert root.children_[0].get_value()["within"] is None


def test_save_right_after_typing_keeps_what_was_typed(window, qtbot, tmp_path, monkeypatch):
    me = zh(window, qtbot)
    touch = add_after_trigger(window, me, "触达")
    saved = tmp_path / "typed.journey.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(saved), ""))
    me.type("马上保存")
    me.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, "Ctrl+S")  # within the pause
    assert load(saved).config(touch).template == "马上保存"
    qtbot.wait(TYPED)
    assert not window.isWindowModified()
