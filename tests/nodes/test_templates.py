"""The journey templates operators start from (resources/templates).

Every template must load, round-trip byte-identically, validate clean against
the standard catalog, speak only the catalog's vocabulary, carry Chinese
labels and read left to right; each playbook template must also have the
shape its playbook describes (design/playbooks.md).
"""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import networkx as nx
import pytest
from jinja2 import meta
from jinja2.sandbox import SandboxedEnvironment

from nodes import STANDARD_CATALOG
from nodes.conditions import AttributeCondition, EventCondition, leaves
from nodes.fileformat import SUFFIX, dumps, load, loads
from nodes.journey import Journey
from nodes.kinds.trigger import EventTrigger, KeyDateTrigger, RecurringTrigger, ScheduleTrigger
from nodes.kinds.wait import ForEventWait
from nodes.validation import validate
from resources import TEMPLATES_DIR
from resources.templates.build_templates import BUILDERS, build_all

PLAYBOOK_TEMPLATES = sorted(BUILDERS)
TEMPLATE_FILES = sorted(TEMPLATES_DIR.glob(f"*{SUFFIX}"))
CJK = re.compile(r"[\u4e00-\u9fff]")
FIVE_ELEMENTS = ("客群", "权益", "时机", "渠道", "内容")


def template(name: str) -> Journey:
    return load(TEMPLATES_DIR / f"{name}{SUFFIX}")


def ids(paths: list[Path]) -> list[str]:
    return [p.name.removesuffix(SUFFIX) for p in paths]


def nodes_of(journey: Journey, kind: str) -> list[str]:
    return [n for n in journey.node_ids() if journey.kind(n) == kind]


def only_trigger(journey: Journey):
    (trigger,) = journey.triggers()
    return trigger, journey.config(trigger)


def after(journey: Journey, node_id: str, outlet: str = "next") -> str:
    target = journey.edge_from(node_id, outlet)
    assert target is not None, f"{node_id}.{outlet} leads nowhere"
    return target


def leaf_set(condition) -> set[tuple]:
    """Comparable summary of a condition's leaves."""
    out = set()
    for leaf in leaves(condition):
        if isinstance(leaf, AttributeCondition):
            value = leaf.value
            value = tuple(sorted(value.items())) if isinstance(value, dict) else value
            out.add(("attr", leaf.attribute, leaf.op.value, value))
        else:
            within = leaf.within.to_timedelta() if hasattr(leaf.within, "to_timedelta") else None
            out.add(("event", leaf.event, leaf.count.op.value, leaf.count.value, within))
    return out


def touch(journey: Journey, node_id: str, channel: str):
    assert journey.kind(node_id) == "touch", node_id
    config = journey.config(node_id)
    assert config.channel == channel, f"{node_id} is {config.channel}, expected {channel}"
    return config


def wait_for(journey: Journey, node_id: str, event: str, timeout: timedelta) -> ForEventWait:
    config = journey.config(node_id)
    assert isinstance(config, ForEventWait), node_id
    assert config.event == event
    assert config.timeout.to_timedelta() == timeout
    return config


# -- every template ------------------------------------------------------------

def test_all_playbook_templates_are_shipped():
    shipped = set(ids(TEMPLATE_FILES))
    assert set(PLAYBOOK_TEMPLATES) <= shipped
    for name in PLAYBOOK_TEMPLATES:
        assert template(name).id == name  # file name and journey id agree


def test_builder_reproduces_the_shipped_files(tmp_path):
    for path in build_all(tmp_path):
        shipped = TEMPLATES_DIR / path.name
        assert path.read_bytes() == shipped.read_bytes(), (
            f"{path.name} is stale: run python -m resources.templates.build_templates"
        )


@pytest.fixture(params=TEMPLATE_FILES, ids=ids(TEMPLATE_FILES))
def template_path(request) -> Path:
    return request.param


def test_round_trips_byte_identically(template_path):
    text = template_path.read_text(encoding="utf-8")
    journey = load(template_path)
    assert dumps(journey) == text
    assert dumps(loads(dumps(journey))) == text


def test_validates_without_any_issue(template_path):
    issues = validate(load(template_path), STANDARD_CATALOG)
    assert [(i.severity.value, i.code, i.node_id, i.zh) for i in issues] == []


def test_settings_are_chinese_and_explain_the_five_elements(template_path):
    journey = load(template_path)
    assert journey.meta.timezone == "Asia/Shanghai"
    assert CJK.search(journey.meta.name)
    for element in FIVE_ELEMENTS:
        assert element in journey.meta.description, element


def test_every_node_has_a_chinese_label(template_path):
    journey = load(template_path)
    for node_id in journey.node_ids():
        assert CJK.search(journey.label(node_id)), f"{node_id} has no Chinese label"


def test_reads_left_to_right_on_the_grid(template_path):
    journey = load(template_path)
    for node_id in journey.node_ids():
        x, y = journey.position(node_id)
        assert x % 260 == 0 and y % 160 == 0, f"{node_id} is off the grid at {(x, y)}"
    loops = [c for c in nx.strongly_connected_components(journey.graph) if len(c) > 1]
    for source, target, outlet in journey.edges():
        if any(source in c and target in c for c in loops):
            continue  # a loop must go back somewhere
        assert journey.position(source)[0] < journey.position(target)[0], (
            f"{source}.{outlet} -> {target} goes right to left"
        )


def _catalog_uses(journey: Journey):
    """(attributes, events, {event: properties}) a journey mentions."""
    attributes, events, properties = set(), set(), {}

    def event_use(event, where):
        events.add(event)
        properties.setdefault(event, set()).update(leaf.attribute for leaf in where)

    def condition_use(condition):
        for leaf in leaves(condition):
            if isinstance(leaf, EventCondition):
                event_use(leaf.event, leaf.where)
            else:
                attributes.add(leaf.attribute)

    for node_id in journey.node_ids():
        config = journey.config(node_id)
        if isinstance(config, (EventTrigger, ForEventWait)):
            event_use(config.event, config.where)
        if isinstance(config, KeyDateTrigger):
            attributes.add(config.attribute)
        for name in ("audience", "condition"):
            if getattr(config, name, None) is not None:
                condition_use(getattr(config, name))
        for path in getattr(config, "paths", []):
            condition_use(path.condition)
        attributes.update(getattr(config, "set", {}) or {})
    for rule in (journey.meta.goal, journey.meta.exit_when):
        if rule is not None:
            event_use(rule.event, rule.where)
    return attributes, events, properties


def test_uses_only_the_standard_catalog(template_path):
    journey = load(template_path)
    attributes, events, properties = _catalog_uses(journey)
    assert attributes <= set(STANDARD_CATALOG.attributes)
    assert events <= set(STANDARD_CATALOG.events)
    for event, used in properties.items():
        assert used <= set(STANDARD_CATALOG.events[event].properties), event
    env = SandboxedEnvironment()
    for node_id in nodes_of(journey, "touch"):
        config = journey.config(node_id)
        for text in filter(None, (config.template, config.title, config.subject)):
            variables = meta.find_undeclared_variables(env.parse(text))
            assert variables <= set(STANDARD_CATALOG.attributes), node_id


def test_messages_have_what_their_channel_needs(template_path):
    journey = load(template_path)
    for node_id in nodes_of(journey, "touch"):
        config = journey.config(node_id)
        assert CJK.search(config.template), node_id
        if config.channel == "sms":
            assert config.template.endswith("拒收请回复R"), node_id
            assert len(config.template) <= 140, f"{node_id}: SMS too long"
        if config.channel in ("push", "in_app", "wechat"):
            assert config.title, f"{node_id} needs a title"
        if config.channel == "email":
            assert config.subject, f"{node_id} needs a subject"


def test_rewards_have_a_budget_and_a_per_customer_limit(template_path):
    journey = load(template_path)
    for node_id in nodes_of(journey, "reward"):
        config = journey.config(node_id)
        assert config.budget is not None and config.budget >= 100 * config.amount, node_id
        assert config.per_customer_limit is not None, node_id


# -- each playbook's shape -------------------------------------------------------

def test_dormant_recall_runs_weekly_on_customers_gone_quiet_with_assets():
    journey = template("dormant-customer-recall")
    trigger, config = only_trigger(journey)
    assert isinstance(config, RecurringTrigger)
    assert config.cron.split()[2:] == ["*", "*", "1"]  # every Monday
    assert leaf_set(config.audience) == {
        ("event", "app_launch", "eq", 0, timedelta(days=30)),
        ("attr", "aum", "gt", 0),
    }
    push = after(journey, trigger)
    assert touch(journey, push, "push").title
    first_wait = after(journey, push)
    wait_for(journey, first_wait, "app_launch", timedelta(days=3))
    sms = after(journey, first_wait, "timeout")
    touch(journey, sms, "sms")
    second_wait = after(journey, sms)
    wait_for(journey, second_wait, "app_launch", timedelta(days=7))
    touch(journey, after(journey, second_wait, "timeout"), "crm_lead")
    gift = after(journey, first_wait, "event")
    assert journey.config(gift).benefit == "points"
    assert after(journey, second_wait, "event") == gift
    assert journey.meta.entry.reentry != "never"  # weekly: dormant again later, recalled again


def test_payroll_first_month_starts_on_payday_and_layers_by_account_age():
    journey = template("payroll-first-month")
    trigger, config = only_trigger(journey)
    assert isinstance(config, EventTrigger) and config.event == "payroll_credited"
    chain = list(nx.dfs_preorder_nodes(journey.graph, trigger))
    (filter_id,) = nodes_of(journey, "filter")
    assert leaf_set(journey.config(filter_id).condition) == {("attr", "is_payroll", "eq", True)}
    (branch,) = nodes_of(journey, "branch")
    assert chain.index(filter_id) < chain.index(branch)
    paths = journey.config(branch).paths
    assert len(paths) == 2
    for path in paths:
        assert {leaf.attribute for leaf in leaves(path.condition)} == {"account_opened_at"}
    young = after(journey, branch, paths[0].name)
    assert journey.config(young).benefit == "trial_fund"
    assert touch(journey, after(journey, young), "push").title
    touch(journey, after(journey, branch, paths[1].name), "push")
    assert journey.meta.goal.event == "buy_fund"


def test_near_threshold_upgrade_splits_45_45_10_monthly():
    journey = template("near-threshold-aum-upgrade")
    trigger, config = only_trigger(journey)
    assert isinstance(config, RecurringTrigger)
    _minute, _hour, day, month, weekday = config.cron.split()
    assert day.isdigit() and month == "*" and weekday == "*"  # once a month
    assert leaf_set(config.audience) == {
        ("attr", "aum", "gte", 5_400_000),  # 10 % below the 6,000,000 private-banking line
        ("attr", "aum", "lt", 6_000_000),
    }
    split = after(journey, trigger)
    variants = journey.config(split).variants
    assert sorted((v.percent, v.holdout) for v in variants) == [
        (10, True), (45, False), (45, False)
    ]
    channels = {journey.config(after(journey, split, v.name)).channel
                for v in variants if not v.holdout}
    assert channels == {"sms", "push"}
    holdout = next(v for v in variants if v.holdout)
    assert journey.edge_from(split, holdout.name) is None
    assert journey.meta.goal.event == "deposit"


def test_birthday_greeting_calls_private_banking_and_gives_others_a_coupon():
    journey = template("birthday-greeting")
    trigger, config = only_trigger(journey)
    assert isinstance(config, KeyDateTrigger)
    assert (config.attribute, config.offset_days, config.time, config.yearly) == (
        "birthday", 0, "09:00", True
    )
    branch = after(journey, trigger)
    (path,) = journey.config(branch).paths
    assert leaf_set(path.condition) == {("attr", "aum_tier", "eq", "私行")}
    touch(journey, after(journey, branch, path.name), "call")
    coupon = after(journey, branch, "else")
    assert journey.config(coupon).benefit == "coupon"
    touch(journey, after(journey, coupon), "push")
    touch(journey, after(journey, coupon, "exhausted"), "push")


def test_wealth_maturity_reminds_three_days_before_then_calls():
    journey = template("wealth-maturity-reminder")
    trigger, config = only_trigger(journey)
    assert isinstance(config, KeyDateTrigger)
    assert (config.attribute, config.offset_days, config.time, config.yearly) == (
        "wealth_maturity_date", -3, "10:00", False
    )
    push = after(journey, trigger)
    touch(journey, push, "push")
    wait = after(journey, push)
    wait_for(journey, wait, "buy_fund", timedelta(days=5))
    touch(journey, after(journey, wait, "timeout"), "call")
    assert journey.meta.goal.event == "buy_fund"


def test_sms_copy_test_sends_two_texts_once_with_a_10_percent_holdout():
    journey = template("sms-copy-ab-test")
    trigger, config = only_trigger(journey)
    assert isinstance(config, ScheduleTrigger)
    assert config.at.utcoffset() == timedelta(hours=8)
    assert leaf_set(config.audience) == {
        ("attr", "registered_at", "within_last", (("amount", 30), ("unit", "days")))
    }
    split = after(journey, trigger)
    variants = journey.config(split).variants
    (holdout,) = [v for v in variants if v.holdout]
    assert holdout.percent == 10
    texts = [touch(journey, after(journey, split, v.name), "sms").template
             for v in variants if not v.holdout]
    assert sorted(v.percent for v in variants if not v.holdout) == [45, 45]
    assert len(set(texts)) == 2
    goal = journey.meta.goal
    assert goal.event == "first_deposit" and goal.within.to_timedelta() == timedelta(days=7)


def test_account_opening_breakpoint_hands_over_to_a_manager_then_texts():
    journey = template("account-opening-breakpoint")
    trigger, config = only_trigger(journey)
    assert isinstance(config, EventTrigger) and config.event == "account_open_step"
    assert [(w.attribute, w.op.value, w.value) for w in config.where] == [("step", "gte", 3)]
    first_wait = after(journey, trigger)
    wait_for(journey, first_wait, "account_opened", timedelta(minutes=30))
    lead = after(journey, first_wait, "timeout")
    touch(journey, lead, "crm_lead")
    second_wait = after(journey, lead)
    wait_for(journey, second_wait, "account_opened", timedelta(days=1))
    touch(journey, after(journey, second_wait, "timeout"), "sms")
