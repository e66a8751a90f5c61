"""The repeat-rule editor checks rules with nodes.cron, as validation does:
weekdays 0 and 7 are Sunday, so '0 9 * * 7' and '5-7' are fine."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from canvas_app.inspector.time_editors import CronEditor
from nodes.cron import cron_problem


@pytest.fixture
def editor(qtbot):
    widget = CronEditor("en", "Asia/Shanghai")
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("rule,reading", [
    ("0 9 * * 7", "Every Sunday at 09:00"),
    ("0 9 * * 5-7", "Every Friday, Saturday, Sunday at 09:00"),
    ("0 9 * * 0", "Every Sunday at 09:00"),
])
def test_sunday_as_seven_is_a_valid_rule(editor, rule, reading):
    editor.set_value(rule)
    assert editor.valid and editor.reading.text() == reading
    assert cron_problem(rule, "Asia/Shanghai") is None


@pytest.mark.parametrize("rule", ["0 9 * *", "0 9 * * 8", "not a rule"])
def test_a_broken_rule_is_refused_with_the_reason(editor, rule):
    editor.set_value(rule)
    assert not editor.valid
    assert editor.reading.text() == f"Not a valid repeat rule: {cron_problem(rule)}"
    assert editor.reading.styleSheet() == "color: #c62828"


def test_the_reading_is_in_chinese_for_a_chinese_form(qtbot):
    editor = CronEditor("zh_CN")
    qtbot.addWidget(editor)
    editor.set_value("0 9 * * 7")
    assert editor.valid and editor.reading.text() == "每周日 09:00"
    editor.set_value("0 9 * *")
    assert editor.reading.text().startswith("重复规则无效：")
