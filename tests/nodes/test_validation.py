"""Every validation code has a journey that triggers it, with readable messages."""
import re

import pytest

from nodes import STANDARD_CATALOG, Journey, load
from nodes.validation import Severity, all_messages, has_errors, validate
from resources import TEMPLATES_DIR

SMS = {"channel": "sms", "template": "{{ name }}您好"}
DAY = {"amount": 1, "unit": "days"}


def base() -> Journey:
    """trigger → wait 1 day → sms: valid."""
    j = Journey()
    j.add_node("trigger", {"type": "event", "event": "register"}, node_id="t", label="注册")
    j.add_node("wait", {"type": "duration", "duration": DAY}, node_id="w", label="等一天")
    j.add_node("touch", SMS, node_id="s", label="短信")
    j.connect("t", "next", "w")
    j.connect("w", "next", "s")
    return j


def with_node(kind, config, connect=True, label=""):
    j = base()
    j.add_node(kind, config, node_id="x", label=label)
    if connect:
        j.connect("s", "next", "x")
    return j


def changed(edit):
    """The base journey after `edit(journey)`."""
    j = base()
    edit(j)
    return j


def raw_edge(j, source, target, outlet):
    j.graph.add_edge(source, target, outlet=outlet)
    return j


def attr(name, op, value=None):
    return {"attribute": name, "op": op, "value": value}


def nested_not(levels):
    condition = attr("age", "gte", 18)
    for _ in range(levels - 1):
        condition = {"not": condition}
    return condition


CASES = {
    "no_trigger": lambda: changed(lambda j: j.remove_node("t")),
    "trigger_has_input": lambda: raw_edge(base(), "s", "t", "next"),
    "unknown_outlet": lambda: raw_edge(base(), "t", "s", "rejected"),
    "outlet_multiple_edges": lambda: raw_edge(base(), "t", "s", "next"),
    "unreachable_node": lambda: with_node("touch", SMS, connect=False),
    "trigger_leads_nowhere": lambda: changed(lambda j: j.disconnect("t", "next")),
    "path_leads_nowhere": lambda: with_node(
        "branch", {"paths": [{"name": "资产达标", "condition": attr("aum", "gte", 6e6)}]}),
    "variant_leads_nowhere": lambda: with_node(
        "split", {"variants": [{"name": "A", "percent": 100}]}),
    "step_leads_nowhere": lambda: with_node("filter", {"condition": attr("age", "gte", 18)}),
    "cycle_without_wait": lambda: raw_edge(with_node("touch", SMS), "x", "s", "next"),
    "split_percent_sum": lambda: with_node(
        "split", {"variants": [{"name": "A", "percent": 45, "holdout": True},
                               {"name": "B", "percent": 45, "holdout": True}]}),
    "split_no_variants": lambda: with_node("split", {"variants": []}),
    "branch_no_paths": lambda: with_node("branch", {"paths": []}),
    "duplicate_outlet_name": lambda: with_node(
        "branch", {"paths": [{"name": "else"}]}),
    "duration_empty": lambda: with_node("wait", {"type": "duration"}),
    "duration_not_positive": lambda: with_node(
        "wait", {"type": "duration", "duration": {"amount": 0, "unit": "days"}}),
    "weekdays_empty": lambda: with_node("wait", {"type": "until_time", "time": "09:00",
                                                 "weekdays": []}),
    "cron_invalid": lambda: changed(lambda j: j.set_config("t", {"type": "recurring",
                                                          "cron": "0 25 * * *"})),
    "template_empty": lambda: with_node("touch", {"channel": "sms", "template": "  "}),
    "template_syntax": lambda: with_node("touch", {"channel": "sms",
                                                   "template": "您好 {{ name "}),
    "template_unknown_variable": lambda: with_node("touch", {"channel": "sms",
                                                             "template": "{{ nickname }}"}),
    "subject_missing": lambda: with_node("touch", {"channel": "email", "template": "hi"}),
    "event_missing": lambda: with_node("wait", {"type": "for_event", "event": "",
                                                "timeout": DAY}),
    "attribute_missing": lambda: changed(lambda j: j.set_config("t", {"type": "key_date",
                                                               "attribute": ""})),
    "unknown_attribute": lambda: with_node("filter", {"condition": attr("shoe_size", "gt", 40)}),
    "unknown_event": lambda: with_node("wait", {"type": "for_event", "event": "teleported",
                                                "timeout": DAY}),
    "unknown_event_property": lambda: with_node(
        "filter", {"condition": {"event": "deposit", "where": [attr("colour", "eq", "red")]}}),
    "operator_not_for_type": lambda: with_node("filter", {"condition": attr("aum", "contains",
                                                                            "1")}),
    "condition_value_invalid": lambda: with_node("filter", {"condition": attr("age", "between",
                                                                              [18])}),
    "key_date_not_date": lambda: changed(lambda j: j.set_config("t", {"type": "key_date",
                                                               "attribute": "city"})),
    "reward_amount_not_positive": lambda: with_node("reward", {"benefit": "points",
                                                               "amount": 0}),
    "reward_budget_too_small": lambda: with_node("reward", {"benefit": "coupon", "amount": 50,
                                                            "budget": 10}),
    "reward_amount_not_whole": lambda: with_node("reward", {"benefit": "coupon", "amount": 1.5,
                                                            "item": "CP-1"}),
    "reward_item_missing": lambda: with_node("reward", {"benefit": "coupon", "amount": 1}),
    "path_without_condition": lambda: with_node("branch", {"paths": [{"name": "新路径"}]}),
    "update_empty": lambda: with_node("update", {}),
    "value_out_of_range": lambda: with_node(
        "wait", {"type": "duration", "duration": {"amount": 10**6, "unit": "days"}}),
    "condition_too_deep": lambda: with_node("filter", {"condition": nested_not(40)}),
    "condition_too_large": lambda: with_node(
        "filter", {"condition": {"all": [attr("age", "gte", n) for n in range(150)]}}),
    "value_not_storable": lambda: with_node("touch", SMS, label="短信\udfff"),
    "window_inverted": lambda: changed(lambda j: j.set_meta({**j.meta.dump(), "window": {
        "start": "2027-02-01T00:00:00+08:00", "end": "2027-01-01T00:00:00+08:00"}})),
}


def test_every_code_has_a_case():
    assert set(CASES) == set(all_messages())


def test_base_journey_is_clean():
    assert validate(base(), STANDARD_CATALOG) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_is_triggered(code):
    journey = CASES[code]()
    issues = validate(journey, STANDARD_CATALOG)
    found = [i for i in issues if i.code == code]
    assert found, f"{code} not reported; got {[i.code for i in issues]}"
    issue = found[0]
    assert issue.message("zh_CN") and issue.message("en")
    assert issue.message("zh_CN") != issue.message("en")
    for lang in ("zh_CN", "en"):  # every placeholder filled in
        assert not re.search(r"(?<!\{)\{[a-z_]+\}(?!\})", issue.message(lang)), issue.message(lang)
    if code not in ("no_trigger", "window_inverted"):
        assert issue.node_id is not None


def test_example_message_of_the_issue():
    journey = CASES["path_leads_nowhere"]()
    issue = next(i for i in validate(journey) if i.code == "path_leads_nowhere")
    assert issue.message("zh_CN") == "分支「资产达标」没有连接下一步"
    assert issue.message("en") == "Path '资产达标' of the branch leads nowhere"
    assert issue.severity == Severity.warning and issue.node_id == "x"


def test_catalog_is_optional():
    journey = CASES["unknown_attribute"]()
    assert not any(i.code == "unknown_attribute" for i in validate(journey))


def test_goal_and_exit_events_are_checked_against_the_catalog():
    journey = base()
    journey.set_meta({**journey.meta.dump(), "goal": {"event": "won_lottery"},
                      "exit_when": {"event": "unsubscribe"}})
    codes = [(i.code, i.node_id) for i in validate(journey, STANDARD_CATALOG)]
    assert codes == [("unknown_event", None)]


def test_activation_template_has_no_issues():
    journey = load(TEMPLATES_DIR / "new-customer-activation.journey.json")
    assert validate(journey, STANDARD_CATALOG) == []
    assert not has_errors(validate(journey))


def test_condition_value_messages_are_chinese_and_name_the_attribute_label():
    j = with_node("filter", {"condition": attr("name", "eq", "")})
    (issue,) = [i for i in validate(j, STANDARD_CATALOG) if i.code == "condition_value_invalid"]
    label = STANDARD_CATALOG.attributes["name"]
    assert label.label_zh in issue.zh and "needs" not in issue.zh and "name" not in issue.zh
    assert label.label_en in issue.en and "needs a value" in issue.en


def test_a_between_whose_low_exceeds_its_high_is_an_error():
    reversed_range = with_node("filter", {"condition": attr("age", "between", [60, 25])})
    assert [i.code for i in validate(reversed_range, STANDARD_CATALOG)
            if i.severity == Severity.error] == ["condition_value_invalid"]
    fine = with_node("filter", {"condition": attr("age", "between", [25, 60])})
    assert not has_errors(validate(fine, STANDARD_CATALOG))


@pytest.mark.parametrize("leaf, reason", [
    (attr("aum", "gt", "lots"), "needs a number"),
    (attr("age", "in", [30, "thirty"]), "needs a number"),
    (attr("is_payroll", "eq", "yes"), "needs true or false"),
    (attr("birthday", "lt", "next spring"), "needs a date"),
])
def test_a_value_of_the_wrong_type_is_an_error(leaf, reason):
    issues = [i for i in validate(with_node("filter", {"condition": leaf}), STANDARD_CATALOG)
              if i.severity == Severity.error]
    assert [i.code for i in issues] == ["condition_value_invalid"]
    assert reason in issues[0].en and "需要" in issues[0].zh
    assert not has_errors(validate(with_node("filter", {"condition": leaf})))  # no catalog


@pytest.mark.parametrize("leaf", [attr("aum", "gt", 500000), attr("aum", "gt", "500000"),
                                  attr("is_payroll", "eq", True),
                                  attr("birthday", "between", ["1990-01-01", "1999-12-31"])])
def test_values_of_the_right_type_pass(leaf):
    assert not has_errors(validate(with_node("filter", {"condition": leaf}), STANDARD_CATALOG))


def test_template_syntax_errors_are_explained_without_parser_english_in_chinese():
    j = with_node("touch", {"channel": "sms", "template": "您好 {{ name"})
    (issue,) = [i for i in validate(j, STANDARD_CATALOG) if i.code == "template_syntax"]
    assert "第 1 行" in issue.zh and "「{{」" in issue.zh
    assert not any(word in issue.zh for word in ("unexpected", "expected", "template"))
    assert "never closed" in issue.en and "line 1" in issue.en
