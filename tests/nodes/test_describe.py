"""Plain-language summaries in zh_CN and en."""
import pytest
from hypothesis import given, settings

from nodes import Journey, load
from nodes.conditions import parse_condition
from nodes.describe import describe_condition, describe_config, describe_journey, describe_node
from nodes.kinds import parse_config
from resources import TEMPLATES_DIR

from .strategies import journeys


@pytest.mark.parametrize("kind, config, zh, en", [
    ("wait", {"type": "duration", "duration": {"amount": 3, "unit": "days"}}, "等待 3 天",
     "Wait 3 days"),
    ("wait", {"type": "duration", "duration": {"amount": 1, "unit": "hours"}}, "等待 1 小时",
     "Wait 1 hour"),
    ("wait", {"type": "for_event", "event": "view_account_open_page",
              "timeout": {"amount": 2, "unit": "hours"}},
     "最多等待 2 小时，直到进入开户页", "Wait up to 2 hours for View account-opening page"),
    ("wait", {"type": "until_time", "time": "09:00", "weekdays": [1, 2, 3, 4, 5]},
     "等到 09:00（周一、二、三、四、五）", "Wait until 09:00 (Mon, Tue, Wed, Thu, Fri)"),
    ("trigger", {"type": "recurring", "cron": "0 9 * * 1"}, "每周一 09:00 进入",
     "Every Monday at 09:00: enters"),
    ("trigger", {"type": "recurring", "cron": "0 9 1 * 1"}, "每月 1 日或每周一 09:00 进入",
     "Day 1 of every month or every Monday at 09:00: enters"),
    ("trigger", {"type": "recurring", "cron": "24 14 * * 0-5"},
     "每周一、二、三、四、五、日 14:24 进入",
     "Every Monday, Tuesday, Wednesday, Thursday, Friday, Sunday at 14:24: enters"),
    ("trigger", {"type": "recurring", "cron": "8 19 */3 * 1"}, "按周期「8 19 */3 * 1」 进入",
     "On the schedule '8 19 */3 * 1': enters"),
    ("trigger", {"type": "key_date", "attribute": "wealth_maturity_date", "offset_days": -3,
                 "time": "10:00"}, "理财到期日前 3 天 10:00 进入",
     "Enters 3 days before Wealth product maturity at 10:00"),
    ("reward", {"benefit": "points", "amount": 200}, "发放 200 积分", "Grant 200 points"),
    ("split", {"variants": [{"name": "A", "percent": 45}, {"name": "B", "percent": 45},
                            {"name": "对照组", "percent": 10, "holdout": True}]},
     "A 45% · B 45% · 对照组 10% (对照)", "A 45% · B 45% · 对照组 10% (holdout)"),
    ("filter", {"condition": {"attribute": "aum", "op": "gte", "value": 6000000}},
     "仅保留：资产规模(AUM) ≥ 6,000,000", "Keep only: AUM ≥ 6,000,000"),
    ("update", {"set": {"lifecycle_stage": "成长"}, "add_tags": ["年轻"]},
     "更新：生命周期阶段 = 成长；添加标签 年轻", "Update: Lifecycle stage = 成长; add tags 年轻"),
])
def test_node_summaries(kind, config, zh, en):
    parsed = parse_config(kind, config)
    assert describe_config(kind, parsed, "zh_CN") == zh
    assert describe_config(kind, parsed, "en") == en


def test_condition_summary_nests_groups():
    condition = parse_condition({"all": [
        {"event": "account_opened", "within": "since_entry"},
        {"any": [{"event": "app_launch", "count": {"op": "lt", "value": 3},
                  "within": "since_entry"},
                 {"not": {"attribute": "is_payroll", "op": "eq", "value": True}}]},
    ]})
    assert describe_condition(condition, "zh_CN") == (
        "自进入以来有开户成功 且 （自进入以来启动App少于 3 次（含 0 次） 或 非（代发客户 = 是））")
    assert describe_condition(condition, "en") == (
        "Account opened since entry and (App launch fewer than 3 times (including none) since entry or "
        "not (Payroll customer = yes))")


def test_did_not_reads_naturally():
    condition = parse_condition({"event": "account_opened", "count": {"op": "eq", "value": 0},
                                 "within": "since_entry"})
    assert describe_condition(condition, "zh_CN") == "自进入以来未开户成功"


def test_journey_summary_of_the_activation_template():
    journey = load(TEMPLATES_DIR / "new-customer-activation.journey.json")
    assert describe_journey(journey, "zh_CN") == "注册后 2 小时内未进入开户页；目标：14 天内首次入金"
    assert describe_journey(journey, "en") == (
        "Register, then no View account-opening page within 2 hours; "
        "goal: First deposit within 14 days")
    assert describe_node(journey, "wait-3d", "zh_CN") == "等待 3 天"


def test_empty_journey_summary():
    assert describe_journey(Journey(), "zh_CN") == "尚无触发节点"


@settings(max_examples=40, deadline=None)
@given(journeys())
def test_every_node_has_a_summary_in_both_languages(journey):
    for node_id in journey.node_ids():
        assert describe_node(journey, node_id, "zh_CN").strip()
        assert describe_node(journey, node_id, "en").strip()
    assert describe_journey(journey, "zh_CN") and describe_journey(journey, "en")


