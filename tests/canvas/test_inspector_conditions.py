"""The condition builder: trees built through the UI dump to the expected
condition; loaded trees read back unchanged; operators follow the type."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QDate

from canvas_app.inspector.condition_leaves import BetweenEditor, DurationEditor
from canvas_app.inspector.conditions import ConditionBuilder
from canvas_app.inspector.editors import EditorContext, StringListEditor
from nodes.catalog import STANDARD_CATALOG
from nodes.conditions import OPS_BY_TYPE, dump_condition, parse_condition


def normal(data: dict) -> dict:
    return dump_condition(parse_condition(data))


@pytest.fixture
def builder(qtbot):
    widget = ConditionBuilder(EditorContext("zh_CN"))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def pick(choice_editor, value) -> None:
    combo = choice_editor.combo
    index = combo.findData(value)
    assert index >= 0, f"{value!r} not offered"
    combo.setCurrentIndex(index)


def test_building_nested_groups_and_event_leaves_through_the_ui(builder):
    root = builder.root
    pick(root.mode, "any")
    root.add_attribute.click()
    aum = root.children_[-1]
    pick(aum.field, "aum")
    pick(aum.op, "gte")
    aum.value.spin.setValue(10000)

    root.add_group.click()
    negated = root.children_[-1]
    pick(negated.mode, "not")
    negated.add_event.click()
    deposit = negated.children_[-1]
    pick(deposit.event_picker, "deposit")
    pick(deposit.did, False)  # "did not" is a count of exactly 0
    assert not deposit.count.isEnabled() and deposit.count.value() == 0
    deposit.within.combo.setCurrentIndex(2)  # in the last…
    deposit.within.alternatives[2][2].amount.setValue(7)
    deposit.where.add_button.click()
    detail = deposit.where.rows[-1]
    pick(detail.field, "amount")
    pick(detail.op, "gte")
    detail.value.spin.setValue(1000)

    root.add_group.click()
    both = root.children_[-1]
    both.add_attribute.click()
    age = both.children_[-1]
    pick(age.field, "age")
    pick(age.op, "between")
    age.value.low.spin.setValue(25)
    age.value.high.spin.setValue(40)
    both.add_attribute.click()
    tags = both.children_[-1]
    pick(tags.field, "tags")
    pick(tags.op, "in")
    tags.value.line.setText("车主, 企业主")
    both.add_event.click()
    launch = both.children_[-1]
    pick(launch.event_picker, "app_launch")
    launch.within.combo.setCurrentIndex(1)  # since entering
    pick(launch.count_op, "gte")
    launch.count.setValue(3)

    assert builder.get_value() == normal({"any": [
        {"attribute": "aum", "op": "gte", "value": 10000},
        {"not": {"event": "deposit", "count": {"op": "eq", "value": 0},
                 "within": {"amount": 7, "unit": "days"},
                 "where": [{"attribute": "amount", "op": "gte", "value": 1000}]}},
        {"all": [
            {"attribute": "age", "op": "between", "value": [25, 40]},
            {"attribute": "tags", "op": "in", "value": ["车主", "企业主"]},
            {"event": "app_launch", "within": "since_entry", "count": {"op": "gte", "value": 3}},
        ]},
    ]})


ROUND_TRIPS = [
    {"all": []},
    {"attribute": "aum", "op": "gte", "value": 50000},
    {"not": {"attribute": "is_payroll", "op": "eq", "value": True}},
    {"not": {"any": [{"attribute": "city", "op": "eq", "value": "上海"},
                     {"attribute": "city", "op": "eq", "value": "北京"}]}},
    {"not": {"all": [{"attribute": "age", "op": "lt", "value": 30},
                     {"event": "app_launch", "within": {"amount": 7, "unit": "days"}}]}},
    {"not": {"not": {"attribute": "phone", "op": "is_set"}}},
    {"all": [
        {"any": [{"attribute": "birthday", "op": "within_next", "value": {"amount": 7,
                                                                          "unit": "days"}},
                 {"attribute": "wealth_maturity_date", "op": "between",
                  "value": ["2026-12-01", "2026-12-31"]}]},
        {"event": "first_deposit", "count": {"op": "eq", "value": 0}},
        {"event": "buy_fund", "count": {"op": "lte", "value": 2}, "within": "since_entry",
         "where": [{"attribute": "product", "op": "starts_with", "value": "货币"}]},
        {"attribute": "lifecycle_stage", "op": "in", "value": ["新客", "成长"]},
        {"attribute": "registered_at", "op": "gte", "value": "2026-11-01T09:00:00+08:00"},
    ]},
]


@pytest.mark.parametrize("tree", ROUND_TRIPS)
def test_loaded_trees_read_back_unchanged(builder, tree):
    builder.set_value(parse_condition(tree))
    assert builder.get_value() == normal(tree)


def test_an_optional_builder_left_empty_means_everyone(qtbot):
    builder = ConditionBuilder(EditorContext("en"), optional=True)
    qtbot.addWidget(builder)
    builder.set_value(None)
    assert builder.get_value() is None
    with qtbot.waitSignal(builder.value_changed):
        builder.root.add_attribute.click()
    assert builder.get_value()["all"][0]["attribute"] == "name"


def test_removing_a_leaf_reports_the_smaller_tree(qtbot, builder):
    builder.set_value({"all": [{"attribute": "age", "op": "gte", "value": 18},
                               {"attribute": "aum", "op": "gte", "value": 1}]})
    with qtbot.waitSignal(builder.value_changed) as blocker:
        builder.root.children_[0].removed.emit(builder.root.children_[0])
    assert blocker.args[0] == normal({"all": [{"attribute": "aum", "op": "gte", "value": 1}]})


@pytest.mark.parametrize("name", list(STANDARD_CATALOG.attributes))
def test_operators_offered_follow_the_attribute_type(builder, name):
    builder.root.add_attribute.click()
    row = builder.root.children_[-1]
    pick(row.field, name)
    offered = row.op.values()
    attr_type = STANDARD_CATALOG.attributes[name].type
    assert offered == [op.value for op in OPS_BY_TYPE[attr_type]]


def test_value_editors_fit_the_operator(builder):
    builder.root.add_attribute.click()
    row = builder.root.children_[-1]
    pick(row.field, "birthday")
    pick(row.op, "between")
    assert isinstance(row.value, BetweenEditor)
    row.value.low.date.setDate(QDate(2026, 1, 1))
    assert row.get_value()["value"][0] == "2026-01-01"
    pick(row.op, "within_last")
    assert isinstance(row.value, DurationEditor)
    assert row.get_value()["value"] == {"amount": 1, "unit": "days"}
    pick(row.op, "is_set")
    assert row.get_value()["value"] is None
    pick(row.field, "aum")
    pick(row.op, "in")
    assert isinstance(row.value, StringListEditor)
    row.value.line.setText("1, 2.5")
    assert row.get_value()["value"] == [1, 2.5]


def test_pickers_show_the_catalog_labels(builder):
    builder.root.add_event.click()
    event = builder.root.children_[-1]
    pick(event.event_picker, "first_deposit")
    assert event.event_picker.combo.currentText() == "首次入金"
    builder.root.add_attribute.click()
    row = builder.root.children_[-1]
    pick(row.field, "aum_tier")
    assert row.field.combo.currentText() == "资产等级"
    assert row.op.combo.currentText() == "等于"
