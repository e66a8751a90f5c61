"""A reward says what its numbers count and asks for the code its benefit needs;
a new branch path starts empty and asks for a condition; counts say whether
"0 times" is included."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from canvas_app.inspector.conditions import GroupFrame
from canvas_app.inspector.event_leaf import EventLeafRow
from nodes.conditions import AllCondition

from .test_inspector_steady import TYPED, entered, launches, open_on, type_into


def pick(choice_editor, value) -> None:
    """Choose `value` in a combo as a person does (a change Qt reports)."""
    combo = choice_editor.combo
    combo.setCurrentIndex(combo.findData(value))


def shown(widget, cls) -> list:
    """The `cls` widgets `widget` shows (replaced ones may wait to be deleted)."""
    return [w for w in widget.findChildren(cls) if w.isVisibleTo(widget)]


def labels(form) -> dict[str, str]:
    return {name: form.rows[name].label.text() for name in ("amount", "item", "budget")}


def test_each_benefit_names_its_fields_and_a_switch_starts_afresh(window, qtbot):
    journey, node_id = entered("reward", {"benefit": "points", "amount": 100, "budget": 100_000,
                                          "per_customer_limit": 2}, label="权益")
    panel = open_on(window, journey, node_id)
    form = panel.form
    journey = window.document.journey
    card = window.scene.node_items[node_id]
    assert labels(form) == {"amount": "数量 (分)", "item": "券批次/产品代码",
                            "budget": "总预算 (分)"}
    assert not form.rows["item"].isVisibleTo(panel)  # points are issued under no code

    pick(form.editor("benefit"), "coupon")
    config = journey.config(node_id)
    # 100 points are not 100 coupons, nor is a points budget one of coupons.
    assert (config.amount, config.item, config.budget) == (1, None, None)
    assert config.per_customer_limit == 2  # "times per customer" means the same
    assert form.editor("budget").inner.get_value() == 0  # not 100,000 greyed out
    assert card.summary == "发放 1 张优惠券"
    assert labels(form) == {"amount": "张数", "item": "券批次", "budget": "总预算 (张)"}
    assert form.rows["item"].isVisibleTo(panel)
    assert "「权益」的券批次未填写" in panel.issues.text()
    problems = window.validation_panel.list
    # An error, listed first (a reward ending the journey is no problem: the list was empty).
    qtbot.waitUntil(lambda: problems.count() > 0 and "券批次" in problems.item(0).text())

    type_into(qtbot, form.editor("item").line, "CP2026")
    qtbot.waitUntil(lambda: "券批次未填写" not in panel.issues.text())
    assert card.summary == "发放 1 张优惠券（CP2026）"
    type_into(qtbot, form.editor("amount").spin, "2.5")
    qtbot.waitUntil(lambda: "必须是整数" in panel.issues.text())  # coupons are counted whole

    pick(form.editor("benefit"), "trial_fund")
    config = journey.config(node_id)
    assert (config.amount, config.item) == (10_000, None)  # a coupon batch is no product code
    assert labels(form) == {"amount": "金额 (元)", "item": "产品代码", "budget": "总预算 (元)"}
    assert "「权益」的产品代码未填写" in panel.issues.text()
    assert card.summary == "发放理财体验金 10,000 元"

    type_into(qtbot, form.editor("amount").spin, "8888")
    qtbot.waitUntil(lambda: journey.config(node_id).amount == 8888)
    pick(form.editor("benefit"), "cash_bonus")  # yuan stay yuan
    assert journey.config(node_id).amount == 8888
    assert not form.rows["item"].isVisibleTo(panel)
    assert card.summary == "发放现金红包 8,888 元"


def test_a_new_branch_path_starts_empty_and_asks_for_a_condition(window, qtbot):
    journey, node_id = entered("wait")
    open_on(window, journey, node_id)
    window.palette.kind_activated.emit("branch")
    (branch,) = [n for n in window.document.journey.node_ids()
                 if window.document.journey.kind(n) == "branch"]
    panel = window.inspector.panel
    assert panel.node_id == branch
    (path,) = window.document.journey.config(branch).paths
    assert isinstance(path.condition, AllCondition) and path.condition.all == []
    (group,) = shown(panel, GroupFrame)
    assert group.empty.isVisibleTo(panel) and group.empty.text().startswith("请添加条件")
    assert "分支路径「路径1」还没有条件" in panel.issues.text()

    paths = panel.form.editor("paths")
    paths.add_button.click()
    second = window.document.journey.config(branch).paths[1]
    assert second.condition.all == [] and "「路径2」还没有条件" in panel.issues.text()
    group = shown(paths.items[0], GroupFrame)[0]
    group.add_event.click()
    qtbot.waitUntil(lambda: "「路径1」还没有条件" not in panel.issues.text())


def test_counts_say_whether_zero_times_is_included(window, qtbot):
    journey, node_id = entered("branch", {"paths": [{"name": "不活跃",
                                                     "condition": launches("lt", 3)}]})
    panel = open_on(window, journey, node_id)
    (leaf,) = shown(panel, EventLeafRow)
    assert leaf.did.combo.currentText() == "做过"
    assert (leaf.count_op.combo.currentText(), leaf.count.text(),
            leaf.zero_note.text()) == ("少于", "3 次", "（含 0 次）")

    pick(leaf.count_op, "gte")
    assert leaf.zero_note.text() == "（不含 0 次）"
    leaf.count.setFocus()
    QTest.keyClick(leaf.count, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(leaf.count, "0")
    assert leaf.zero_note.text() == "（含 0 次）"  # "at least 0" is everyone
    qtbot.wait(TYPED)
    assert window.document.journey.config(node_id).paths[0].condition.count.value == 0


def test_a_card_reads_fewer_than_as_including_none(window):
    journey, node_id = entered("filter", {"condition": launches("lt", 3)})
    open_on(window, journey, node_id)
    assert window.scene.summary(node_id) == "仅保留：启动App少于 3 次（含 0 次）"
    window.set_language("en")
    assert window.scene.summary(node_id) == "Keep only: App launch fewer than 3 times (including none) ever"
