"""nodes.diff: what changed between two versions of a journey, in both languages."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nodes.diff import Change, diff_journeys, path_order
from nodes.fileformat import dumps, load, loads
from nodes.kinds.wait import DurationWait, ForEventWait
from nodes.meta import Cooldown
from nodes.review import Review

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
ACTIVATION = TEMPLATES / "new-customer-activation.journey.json"


@cache
def _template_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def template(path: Path = ACTIVATION):
    return loads(_template_text(path), str(path))


def meta_with(journey, **changes):
    journey.set_meta(journey.meta.model_copy(update=changes))


def entry_with(journey, **changes):
    meta_with(journey, entry=journey.meta.entry.model_copy(update=changes))


def only(changes: list[Change]) -> Change:
    assert len(changes) == 1, changes
    return changes[0]


# -- concrete cases, both languages ------------------------------------------------

def test_the_same_journey_has_no_changes():
    journey = template()
    assert diff_journeys(journey, journey) == []
    assert diff_journeys(journey, journey.clone()) == []
    assert diff_journeys(journey, loads(dumps(journey))) == []


def test_a_longer_wait_reads_as_the_wait_did_and_does():
    old, new = template(), template()
    new.set_config("wait-3d", {"type": "duration", "duration": {"amount": 5, "unit": "days"}})
    change = only(diff_journeys(old, new))
    assert (change.kind, change.node_id) == ("changed", "wait-3d")
    assert change.text("zh_CN") == "「等待 3 天」→「等待 5 天」"
    assert change.text("en") == "'Wait 3 days' → 'Wait 5 days'"


def test_an_added_touch_says_where_it_hangs():
    old, new = template(), template()
    node = new.add_node("touch", {"channel": "sms", "template": "您好"}, label="短信提醒")
    new.connect("d7-sms", "next", node)
    change = only(diff_journeys(old, new))
    assert (change.kind, change.node_id) == ("added", node)
    assert change.zh == "新增触达「短信提醒」，接在「短信再次提醒」的「下一步」之后"
    assert change.en == "Added touch '短信提醒', after '短信再次提醒' › Next"


def test_a_removed_step_takes_its_lines_with_it():
    old, new = template(), template()
    new.remove_node("d3-coupon")
    change = only(diff_journeys(old, new))
    assert (change.kind, change.node_id) == ("removed", "d3-coupon")
    assert change.zh == "删除触达「站内信理财券」"
    assert change.en == "Removed touch '站内信理财券'"


def test_a_branch_path_condition_names_the_path_and_both_conditions():
    old, new = template(), template()
    config = new.config("check-day3").model_dump(mode="json", by_alias=True)
    config["paths"][0]["condition"] = {"attribute": "aum", "op": "gte", "value": 1000}
    new.set_config("check-day3", config)
    change = only(diff_journeys(old, new))
    assert (change.kind, change.node_id) == ("changed", "check-day3")
    assert change.zh.startswith("「第 3 天检查」：分支「未开户」的条件由「")
    assert change.zh.endswith("改为「资产规模(AUM) ≥ 1,000」")
    assert change.en.startswith("'第 3 天检查': the condition of path '未开户' changed from '")
    assert change.en.endswith("to 'AUM ≥ 1,000'")


def test_a_renamed_branch_path_keeps_its_line():
    old, new = template(), template()
    config = new.config("check-day3").model_dump(mode="json", by_alias=True)
    config["paths"][0]["name"] = "仍未开户"
    new.set_config("check-day3", config)  # the line follows the renamed outlet
    change = only(diff_journeys(old, new))
    assert change.node_id == "check-day3" and "仍未开户" in change.zh


def test_a_renamed_card():
    old, new = template(), template()
    new.set_label("d3-sms", "短信提醒（第 3 天）")
    change = only(diff_journeys(old, new))
    assert change.zh == "「短信提醒开户」改名为「短信提醒（第 3 天）」"
    assert change.en == "Renamed '短信提醒开户' to '短信提醒（第 3 天）'"


def test_a_line_led_elsewhere_added_and_removed():
    old, new = template(), template()
    new.disconnect("wait-open-page", "timeout")
    new.connect("wait-open-page", "timeout", "wait-4d")
    change = only(diff_journeys(old, new))
    assert (change.kind, change.node_id) == ("changed", "wait-open-page")
    assert change.zh == "「等待进入开户页」的出口「超时未发生」改为连到「再等 4 天」（原为「短信邀请开户」）"
    assert change.en == ("'等待进入开户页' › Timed out now leads to '再等 4 天' "
                         "(was '短信邀请开户')")
    gone = template()
    gone.disconnect("d3-sms", "next")
    change = only(diff_journeys(old, gone))
    assert change.zh == "「短信提醒开户」的出口「下一步」不再连到「再等 4 天」"
    assert change.en == "'短信提醒开户' › Next no longer leads to '再等 4 天'"
    change = only(diff_journeys(gone, old))
    assert change.zh == "「短信提醒开户」的出口「下一步」连到「再等 4 天」"
    assert change.en == "'短信提醒开户' › Next now leads to '再等 4 天'"


def test_a_long_message_changed_past_what_the_summary_shows():
    old, new = template(), template()
    config = new.config("d3-sms").model_dump(mode="json")
    config["template"] = config["template"] + "（回复 T 退订）"
    new.set_config("d3-sms", config)
    change = only(diff_journeys(old, new))
    assert change.node_id == "d3-sms"
    assert change.zh.startswith("「短信提醒开户」的内容由「")
    assert change.en.startswith("The message of '短信提醒开户' changed from '")


@pytest.mark.parametrize(("edit", "zh", "en"), [
    (lambda j: entry_with(j, reentry="after_exit"),
     "再次进入由「从不」改为「退出后」", "Re-entry changed from 'never' to 'after leaving'"),
    (lambda j: entry_with(j, reentry=Cooldown.model_validate(
        {"cooldown": {"amount": 30, "unit": "days"}})),
     "再次进入由「从不」改为「退出后且间隔 30 天」",
     "Re-entry changed from 'never' to 'after leaving, 30 days apart'"),
    (lambda j: entry_with(j, sample_percent=10),
     "抽样比例由「100%」改为「10%」", "Sample changed from '100%' to '10%'"),
    (lambda j: entry_with(j, max_entries_per_run=5000),
     "每次触发最多进入人数由「不限」改为「5,000」",
     "Max entries per firing changed from 'no limit' to '5,000'"),
    (lambda j: meta_with(j, timezone="Asia/Tokyo"),
     "时区由「Asia/Shanghai」改为「Asia/Tokyo」",
     "Time zone changed from 'Asia/Shanghai' to 'Asia/Tokyo'"),
    (lambda j: meta_with(j, name="新客促活 v2"),
     "旅程名称由「新客开户促活」改为「新客促活 v2」",
     "Journey name changed from '新客开户促活' to '新客促活 v2'"),
    (lambda j: meta_with(j, description="第二版"),
     "旅程说明改为「第二版」", "Description changed to '第二版'"),
])
def test_journey_wide_settings(edit, zh, en):
    old, new = template(), template()
    edit(new)
    change = only(diff_journeys(old, new))
    assert (change.kind, change.node_id) == ("changed", None)
    assert (change.text("zh_CN"), change.text("en")) == (zh, en)


def test_window_goal_and_exit_rule():
    from nodes.meta import ExitWhen, JourneyMeta

    old, new = template(), template()
    data = new.meta.dump()
    data["window"] = {"start": "2027-01-01T00:00:00+08:00", "end": None}
    data["goal"]["within"] = {"amount": 30, "unit": "days"}
    new.set_meta(JourneyMeta.model_validate(data))
    meta_with(new, exit_when=ExitWhen(event="login"))
    changes = diff_journeys(old, new)
    assert [c.node_id for c in changes] == [None, None, None]
    texts = [c.text("zh_CN") for c in changes]
    assert texts[0] == "开始时间由「不限」改为「2027-01-01 00:00」"
    assert texts[1].startswith("转化目标由「14 天内") and "改为「30 天内" in texts[1]
    assert texts[2].startswith("退出条件由「无」改为「") and texts[2].endswith("时退出」")
    assert changes[1].en.startswith("Goal changed from '") and "within 30 days'" in changes[1].en


def test_the_review_block_is_never_a_change():
    old, new = template(), template()
    meta_with(new, review=Review.model_validate({
        "status": "in_review",
        "history": [{"from": "draft", "to": "in_review", "by": "li.na",
                     "at": "2026-12-03T10:00:00+08:00", "note": "",
                     "content_hash": "0" * 64}],
        "comments": [{"id": "c-1", "node_id": "d3-sms", "author": "wang.fang",
                      "at": "2026-12-03T10:00:00+08:00", "text": "改一下", "resolved": False,
                      "replies": []}]}))
    assert diff_journeys(old, new) == []


def test_moves_are_quiet_and_last():
    old, new = template(), template()
    new.move_node("register", (5.0, 5.0))
    new.set_label("d7-push", "推送")
    entry_with(new, sample_percent=50)
    changes = diff_journeys(old, new)
    assert [(c.kind, c.node_id) for c in changes] == [
        ("changed", None), ("changed", "d7-push"), ("moved", "register")]
    assert changes[-1].zh == "移动了「注册」的位置"
    assert changes[-1].en == "Moved '注册' on the canvas"


def test_changes_follow_the_path_order():
    old, new = template(), template()
    for node_id in ("d7-coupon", "wait-3d", "register"):
        new.set_label(node_id, new.label(node_id) + "!")
    new.remove_node("d3-points")
    order = [c.node_id for c in diff_journeys(old, new)]
    assert order == ["register", "wait-3d", "d3-points", "d7-coupon"]
    assert path_order(old)[:3] == ["register", "wait-open-page", "wait-3d"]


# -- the property: each random edit is named once, on its node -----------------------

TEMPLATE_PATHS = sorted(TEMPLATES.glob("*.journey.json"))
EDITS = ("wait", "relabel", "add", "remove", "branch", "entry", "move")


@st.composite
def edited_templates(draw):
    path = draw(st.sampled_from(TEMPLATE_PATHS))
    old, new = template(path), template(path)
    expected: list[tuple[str, str | None]] = []
    reserved: set[str] = set()
    for edit in draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=6)):
        free = [n for n in sorted(new.node_ids()) if n not in reserved and n in old]
        if edit == "wait":
            waits = [n for n in free if isinstance(new.config(n), (DurationWait, ForEventWait))]
            if not waits:
                continue
            node = draw(st.sampled_from(waits))
            config = new.config(node).model_dump(mode="json")
            field = "duration" if config["type"] == "duration" else "timeout"
            before = (config.get(field) or {}).get("amount")
            amount = draw(st.integers(1, 90).filter(lambda a, b=before: a != b))
            config[field] = {"amount": amount, "unit": draw(st.sampled_from(
                ["minutes", "hours", "days", "weeks"]))}
            new.set_config(node, config)
            expected.append(("changed", node))
        elif edit == "relabel":
            if not free:
                continue
            node = draw(st.sampled_from(free))
            new.set_label(node, new.label(node) + draw(st.text("新改XY", min_size=1, max_size=3)))
            expected.append(("changed", node))
        elif edit == "add":
            outlets = [(n, o) for n in free for o in new.outlets(n) if new.edge_from(n, o) is None]
            if not outlets:
                continue
            source, outlet = draw(st.sampled_from(outlets))
            kind = draw(st.sampled_from(["touch", "wait", "update", "filter"]))
            node = new.add_node(kind, label=draw(st.sampled_from(["", "新步骤", "Step"])),
                                position=(999.0, 999.0))
            new.connect(source, outlet, node)
            reserved |= {source, node}
            expected.append(("added", node))
            continue
        elif edit == "remove":
            if not free:
                continue
            node = draw(st.sampled_from(free))
            new.remove_node(node)
            expected.append(("removed", node))
        elif edit == "branch":
            branches = [n for n in free if new.kind(n) == "branch" and new.config(n).paths]
            if not branches:
                continue
            node = draw(st.sampled_from(branches))
            config = new.config(node).model_dump(mode="json", by_alias=True)
            index = draw(st.integers(0, len(config["paths"]) - 1))
            value = draw(st.integers(0, 10**6))
            condition = {"attribute": "aum", "op": "gte", "value": value}
            if config["paths"][index]["condition"] == condition:
                continue
            config["paths"][index]["condition"] = condition
            new.set_config(node, config)
            expected.append(("changed", node))
        elif edit == "entry":
            if "entry" in reserved:
                continue
            reserved.add("entry")
            entry = new.meta.entry
            field = draw(st.sampled_from(["reentry", "sample_percent", "max_entries_per_run"]))
            if field == "reentry":
                value = draw(st.sampled_from(["never", "after_exit"]).filter(
                    lambda v, e=entry: v != e.reentry))
            elif field == "sample_percent":
                value = draw(st.integers(0, 100).filter(lambda v, e=entry: v != e.sample_percent))
            else:
                value = draw(st.integers(1, 10**6).filter(
                    lambda v, e=entry: v != e.max_entries_per_run))
            entry_with(new, **{field: value})
            expected.append(("changed", None))
            continue
        elif edit == "move":
            if not free:
                continue
            node = draw(st.sampled_from(free))
            x, y = new.position(node)
            dx, dy = draw(st.tuples(st.integers(-300, 300), st.integers(-300, 300)).filter(
                lambda d: d != (0, 0)))
            new.move_node(node, (x + dx, y + dy))
            expected.append(("moved", node))
        reserved.add(node)
    return old, new, expected


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_templates())
def test_each_random_edit_is_one_change_on_its_node(case):
    old, new, expected = case
    changes = diff_journeys(old, new)
    assert sorted(((c.kind, c.node_id) for c in changes), key=repr) == sorted(expected, key=repr)
    for change in changes:
        assert change.zh and change.en and change.zh != change.en or change.node_id
    # Identity, and after a save and a load.
    assert diff_journeys(new, new) == []
    assert diff_journeys(new, loads(dumps(new))) == []
    # Journey-wide first, moves last.
    kinds = [c.kind for c in changes]
    assert kinds == sorted(kinds, key=lambda k: k == "moved")
    wide = [c.node_id is None for c in changes if c.kind != "moved"]
    assert wide == sorted(wide, reverse=True)


def test_load_of_each_template_is_the_same_as_itself():
    for path in TEMPLATE_PATHS:
        assert diff_journeys(load(path), load(path)) == []
