"""Touch template editor: sandboxed preview, readable errors, SMS counter;
and the live audience estimate."""
from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from canvas_app.inspector import InspectorPanel
from canvas_app.inspector.editors import EditorContext
from canvas_app.inspector.estimate import EstimateLabel
from canvas_app.inspector.template_editor import (
    TemplateEditor,
    render_preview,
    sample_customer,
    sms_segments,
)
from nodes.catalog import STANDARD_CATALOG
from nodes.journey import Journey
from nodes.meta import JourneyMeta

CUSTOMER = sample_customer(STANDARD_CATALOG)


def test_the_sample_customer_has_every_catalog_attribute():
    assert set(STANDARD_CATALOG.attributes) <= set(CUSTOMER)
    assert CUSTOMER["name"] == "张伟"


def test_preview_renders_for_the_sample_customer():
    text, problem = render_preview("{{ name }}您好，您的积分 {{ points }} 分", CUSTOMER, "zh_CN")
    assert problem is None
    assert text == "张伟您好，您的积分 1280 分"
    text, _ = render_preview("{{ city }}{% if is_payroll %}代发{% endif %}", CUSTOMER)
    assert text == "上海代发"


def test_syntax_errors_and_unknown_variables_read_plainly():
    text, problem = render_preview("您好 {{ name ", CUSTOMER, "zh_CN")
    assert text is None and problem.startswith("模板语法错误（第 1 行）")
    text, problem = render_preview("line one\n{% if %}", CUSTOMER, "en")
    assert problem.startswith("Syntax error on line 2")
    _, problem = render_preview("{{ nmae }}", CUSTOMER, "zh_CN")
    assert problem == "模板用到了未知的变量：nmae"


def test_the_sandbox_refuses_unsafe_templates():
    _, problem = render_preview("{{ name.__class__.__mro__ }}", CUSTOMER, "en")
    assert problem is not None


@pytest.mark.parametrize("length,segments", [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3)])
def test_chinese_text_counts_70_then_67(length, segments):
    count = sms_segments("好" * length)
    assert (count.units, count.segments, count.unicode) == (length, segments, True)
    assert count.per_segment == (70 if segments == 1 else 67)


@pytest.mark.parametrize("length,segments", [(160, 1), (161, 2), (306, 2), (307, 3)])
def test_gsm_text_counts_160_then_153(length, segments):
    count = sms_segments("a" * length)
    assert (count.units, count.segments, count.unicode) == (length, segments, False)
    assert count.per_segment == (160 if segments == 1 else 153)


def test_one_chinese_character_makes_the_whole_text_ucs2():
    assert sms_segments("a" * 100 + "您").segments == 2
    assert sms_segments("€").units == 2  # GSM extension characters take two septets
    assert sms_segments("").segments == 0


def test_the_editor_previews_counts_and_reports_after_typing(qtbot):
    editor = TemplateEditor(EditorContext("zh_CN"))
    qtbot.addWidget(editor)
    editor.show()
    editor.variables.setCurrentIndex(editor.variables.findData("name"))
    with qtbot.waitSignal(editor.value_changed, timeout=3000) as blocker:
        editor.insert_variable()
        editor.text.insertPlainText("，您好")
    assert blocker.args == ["{{ name }}，您好"]
    assert editor.preview.toPlainText() == "张伟，您好"
    assert editor.sms_count.segments == 1 and "1 条短信" in editor.counter.text()
    editor.set_value("{% for %}")
    assert "模板语法错误" in editor.error and editor.preview.toPlainText() == editor.error
    editor.set_channel("push")
    assert not editor.counter.isVisibleTo(editor)


def test_without_a_store_the_estimate_shows_a_dash_and_says_why(qtbot):
    label = EstimateLabel("zh_CN", delay_ms=10)
    qtbot.addWidget(label)
    with qtbot.waitSignal(label.counted) as blocker:
        label.request(None)
    assert blocker.args == [None]
    assert "—" in label.text() and "未连接" in label.toolTip()


def test_the_estimate_counts_off_the_gui_thread(qtbot):
    customers = [{"aum": 500}, {"aum": 20000}, {"aum": 80000}]
    threads = []

    def count_matching(store, condition):
        threads.append(threading.get_ident())
        return sum(1 for c in store if c["aum"] >= condition.value)

    label = EstimateLabel("en", delay_ms=10)
    qtbot.addWidget(label)
    label.set_store(customers, count_matching)
    with qtbot.waitSignal(label.counted, timeout=3000) as blocker:
        label.request({"attribute": "aum", "op": "gte", "value": 10000})
    assert blocker.args == [2]
    assert label.text() == "≈ 2 customers match now"
    assert threads and threads[0] != threading.get_ident()


def test_an_unfinished_condition_asks_to_be_filled_in_instead_of_counting_nobody(qtbot):
    calls = []
    label = EstimateLabel("zh_CN", delay_ms=10)
    qtbot.addWidget(label)
    label.set_store([{"name": "张伟"}], lambda store, condition: calls.append(condition) or 0)
    with qtbot.waitSignal(label.counted) as blocker:
        label.request({"attribute": "name", "op": "eq", "value": ""})  # just added, empty
    assert blocker.args == [None] and calls == []
    assert "填写完整" in label.text()


def test_the_panel_estimates_a_trigger_audience(qtbot):
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    journey = Journey(JourneyMeta(id="t"))
    node_id = journey.add_node("trigger", {"type": "event", "event": "register", "audience": {
        "attribute": "age", "op": "gte", "value": 30}})
    ages = [25, 31, 47]
    panel.set_store(ages, lambda store, condition: sum(a >= condition.value for a in store))
    with qtbot.waitSignal(panel.estimate_counted, timeout=3000) as blocker:
        panel.show_node(journey, node_id)
    assert blocker.args == [2]


def test_the_estimate_uses_the_runtime_on_a_real_store(qtbot, tmp_path):
    from runtime.api import build_demo, count_matching, open_store

    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    build_demo(store, 120, seed=3)
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    panel.set_language("zh_CN")
    journey = Journey(JourneyMeta(id="t"))
    node_id = journey.add_node("filter", {"condition": {
        "attribute": "aum", "op": "gte", "value": 10000}})
    panel.set_store(store)
    with qtbot.waitSignal(panel.estimate_counted, timeout=5000) as blocker:
        panel.show_node(journey, node_id)
    expected = count_matching(store, journey.config(node_id).condition)
    assert 0 < expected < 120 and blocker.args == [expected]
    assert panel.estimate.text() == f"当前约 {expected:,} 位客户符合"
    spin = panel.form.editor("condition").root.children_[0].value.spin
    with qtbot.waitSignal(panel.estimate.counted, timeout=5000) as blocker:
        spin.setValue(1_000_000)
    assert blocker.args == [count_matching(store, {"attribute": "aum", "op": "gte",
                                                   "value": 1_000_000})]
    store.close()
