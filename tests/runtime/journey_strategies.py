"""Hypothesis strategies: random journeys using every node kind, random small
stores and random policies, for the differential and tick-invariance tests."""
from __future__ import annotations

import itertools
import json
from datetime import UTC, date

from hypothesis import strategies as st

from tests.runtime.engine_fixtures import (
    DAY,
    HOUR,
    T0,
    add_customers,
    add_events,
    journey,
    publish,
)

SPAN = 4 * DAY
EVENTS = ("register", "app_launch", "account_opened", "first_deposit", "deposit")
ISO = "%Y-%m-%dT%H:%M:%S+00:00"


def instant(draw, low: int = 0, high: int = SPAN) -> int:
    # Minute-aligned mostly, sometimes odd seconds: both must work.
    return T0 + draw(st.integers(low // 60, high // 60)) * 60 + draw(st.sampled_from([0, 0, 17]))


def iso(epoch: int) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(epoch, UTC).strftime(ISO)


def attribute_leaf(draw) -> dict:
    return draw(st.sampled_from([
        {"attribute": "aum", "op": "gte", "value": 1000},
        {"attribute": "aum", "op": "between", "value": [100, 5000]},
        {"attribute": "city", "op": "eq", "value": "上海"},
        {"attribute": "city", "op": "in", "value": ["北京", "深圳"]},
        {"attribute": "is_payroll", "op": "eq", "value": True},
        {"attribute": "tags", "op": "contains", "value": "车主"},
        {"attribute": "tags", "op": "not_in", "value": ["老年"]},
        {"attribute": "registered_at", "op": "within_last", "value": {"amount": 2, "unit": "days"}},
        {"attribute": "birthday", "op": "is_set"},
    ]))


def event_leaf(draw) -> dict:
    leaf = {"event": draw(st.sampled_from(EVENTS))}
    if draw(st.booleans()):
        leaf["count"] = draw(st.sampled_from([{"op": "eq", "value": 0}, {"op": "gte", "value": 2},
                                              {"op": "lt", "value": 3}]))
    within = draw(st.sampled_from([None, "since_entry", {"amount": 1, "unit": "days"}]))
    if within is not None:
        leaf["within"] = within
    if leaf["event"] == "deposit" and draw(st.booleans()):
        leaf["where"] = [{"attribute": "amount", "op": "gte", "value": 500}]
    return leaf


def condition(draw, depth: int = 0) -> dict:
    choice = draw(st.integers(0, 4 if depth < 2 else 1))
    if choice == 0:
        return attribute_leaf(draw)
    if choice == 1:
        return event_leaf(draw)
    if choice == 2:
        return {"not": condition(draw, depth + 1)}
    key = "all" if choice == 3 else "any"
    return {key: [condition(draw, depth + 1) for _ in range(draw(st.integers(1, 3)))]}


def trigger_config(draw, allow_clock: bool) -> dict:
    kinds = ["event", "event"] + (["schedule", "recurring", "key_date"] if allow_clock else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "event":
        cfg = {"type": "event", "event": draw(st.sampled_from(["register", "app_launch",
                                                              "deposit"]))}
        if cfg["event"] == "deposit" and draw(st.booleans()):
            cfg["where"] = [{"attribute": "amount", "op": "lt", "value": 800}]
    elif kind == "schedule":
        cfg = {"type": "schedule", "at": iso(instant(draw, 0, SPAN - DAY))}
    elif kind == "recurring":
        cfg = {"type": "recurring", "cron": draw(st.sampled_from(
            ["0 9 * * *", "30 */6 * * *", "0 20 * * 1-5"]))}
    else:
        cfg = {"type": "key_date", "attribute": "birthday", "yearly": draw(st.booleans()),
               "offset_days": draw(st.integers(-1, 1)), "time": draw(st.sampled_from(
                   ["09:00", "22:30"]))}
    if draw(st.booleans()):
        cfg["audience"] = condition(draw)
    return cfg


def wait_config(draw) -> dict:
    kind = draw(st.sampled_from(["duration", "until_time", "until_date", "for_event"]))
    if kind == "duration":
        return {"type": kind, "duration": draw(st.sampled_from(
            [{"amount": 30, "unit": "minutes"}, {"amount": 1, "unit": "days"},
             {"amount": 5, "unit": "hours"}]))}
    if kind == "until_time":
        cfg = {"type": kind, "time": draw(st.sampled_from(["09:00", "21:30", "07:15"]))}
        if draw(st.booleans()):
            cfg["weekdays"] = sorted(draw(st.sets(st.integers(1, 7), min_size=1, max_size=3)))
        return cfg
    if kind == "until_date":
        return {"type": kind, "at": iso(instant(draw))}
    cfg = {"type": kind, "event": draw(st.sampled_from(EVENTS))}
    if draw(st.integers(0, 4)):
        cfg["timeout"] = draw(st.sampled_from([{"amount": 2, "unit": "hours"},
                                               {"amount": 1, "unit": "days"}]))
    return cfg


def body_config(draw, kind: str, node_id: str) -> dict:
    if kind == "filter":
        return {"condition": condition(draw)}
    if kind == "wait":
        return wait_config(draw)
    if kind == "branch":
        return {"paths": [{"name": f"p{i}", "condition": condition(draw)}
                          for i in range(draw(st.integers(1, 3)))]}
    if kind == "split":
        first = draw(st.integers(0, 100))
        return {"variants": [{"name": "A", "percent": first},
                             {"name": "B", "percent": 100 - first, "holdout": True}]}
    if kind == "touch":
        return {"channel": draw(st.sampled_from(["sms", "push"])),
                "template": "{{ name }} " + node_id,
                "ignore_quiet_hours": draw(st.integers(0, 4)) == 0,
                "ignore_frequency_cap": draw(st.integers(0, 4)) == 0}
    if kind == "reward":
        cfg = {"benefit": "points", "amount": draw(st.sampled_from([100, 250])),
               "per_customer_limit": draw(st.sampled_from([None, 1, 2]))}
        if draw(st.booleans()):
            cfg["budget"] = draw(st.sampled_from([250, 500]))
        return cfg
    # update: attributes other steps read too (conditions, a touch's consent),
    # seen from the update's instant on in every journey (§4).
    return draw(st.sampled_from([
        {"set": {"points": draw(st.integers(0, 9)), "customer_manager": "王"}},
        {"set": {"aum": draw(st.sampled_from([0, 2000, 6000]))}},
        {"set": {"city": draw(st.sampled_from(["上海", "北京"])), "is_payroll": True}},
        {"add_tags": ["车主"], "remove_tags": ["老年"]},
        {"add_tags": ["老年"]},
        {"set": {"consent_sms": draw(st.booleans())}},
    ]))


KINDS = ("filter", "wait", "branch", "split", "touch", "reward", "update")


@st.composite
def journeys(draw, jid: str, allow_clock: bool = True):
    meta: dict = {}
    reentry = draw(st.sampled_from(["never", "after_exit", {"cooldown": {"amount": 1,
                                                                           "unit": "days"}}]))
    meta["entry"] = {"reentry": reentry, "sample_percent": draw(st.sampled_from([100, 100, 60]))}
    triggers = [trigger_config(draw, allow_clock) for _ in range(draw(st.integers(1, 2)))]
    if draw(st.booleans()):
        meta["entry"]["max_entries_per_run"] = draw(st.integers(1, 3))
    if draw(st.booleans()):
        meta["goal"] = {"event": draw(st.sampled_from(["first_deposit", "deposit"])),
                        "within": draw(st.sampled_from([None, {"amount": 2, "unit": "days"}])),
                        "exit_on_goal": draw(st.booleans())}
    if draw(st.integers(0, 3)) == 0:
        meta["exit_when"] = {"event": "account_opened"}
    if draw(st.integers(0, 4)) == 0:
        meta["window"] = {"start": iso(instant(draw, 0, DAY)), "end": iso(instant(draw, DAY))}
    j = journey(jid, timezone="Asia/Shanghai", **meta)
    count = draw(st.integers(2, 7))
    kinds = [draw(st.sampled_from(KINDS)) for _ in range(count)]
    body = []
    for i, kind in enumerate(kinds):
        node_id = f"n{i}"
        j.add_node(kind, body_config(draw, kind, node_id),
                   node_id=node_id)
        body.append(node_id)
    for i, cfg in enumerate(triggers):
        j.add_node("trigger", cfg, node_id=f"t{i}")
        j.connect(f"t{i}", "next", draw(st.sampled_from(body[:2])))
    for i, node_id in enumerate(body):
        later = body[i + 1:]
        for outlet in j.outlets(node_id):
            if later and draw(st.integers(0, 4)):
                target = draw(st.sampled_from(later))
                if j.graph.has_edge(node_id, target):
                    continue
                j.connect(node_id, outlet, target)
    # Sometimes a loop back to an earlier positive wait (touches and rewards
    # are unique per enrollment and node, so a second pass records nothing).
    waits = [n for n in body if j.kind(n) == "wait" and j.config(n).type == "duration"]
    for i, node_id in enumerate(body):
        for outlet in j.outlets(node_id):
            earlier = [w for w in waits if body.index(w) <= i and not j.graph.has_edge(node_id, w)]
            if earlier and j.edge_from(node_id, outlet) is None and draw(st.integers(0, 5)) == 0:
                j.connect(node_id, outlet, draw(st.sampled_from(earlier)))
    return j


@st.composite
def customers(draw) -> list[dict]:
    out = []
    for i in range(draw(st.integers(2, 7))):
        out.append({
            "customer_id": f"c{i}", "name": f"客户{i}",
            "aum": draw(st.sampled_from([None, 0.0, 500.0, 3000.0])),
            "city": draw(st.sampled_from([None, "上海", "北京", "深圳"])),
            "is_payroll": draw(st.sampled_from([None, True, False])),
            "tags": draw(st.sampled_from([[], ["车主"], ["老年", "车主"]])),
            "birthday": draw(st.sampled_from([None, date(1990, 6, 4), date(1985, 6, 5),
                                           date(2000, 1, 1)])),
            "registered_at": draw(st.sampled_from([None, T0 - DAY, T0 - 5 * DAY])),
            "consent_sms": draw(st.sampled_from([None, True, True, False])),
            "consent_push": draw(st.sampled_from([None, True])),
        })
    return out


@st.composite
def event_rows(draw, ids: list[str]) -> list[tuple]:
    rows = []
    for _ in range(draw(st.integers(0, 14))):
        name = draw(st.sampled_from(EVENTS))
        props = json.dumps({"amount": draw(st.sampled_from([100, 600, 900]))}) if name in (
            "deposit", "first_deposit") else None
        rows.append((draw(st.sampled_from(ids)), name, instant(draw), props))
    return rows


@st.composite
def policies(draw) -> dict:
    doc: dict = {"timezone": "Asia/Shanghai", "quiet_hours": {}, "caps": []}
    if draw(st.booleans()):
        doc["quiet_hours"]["sms"] = draw(st.sampled_from([["21:00", "08:00"], ["12:00", "14:00"]]))
    if draw(st.booleans()):
        doc["quiet_hours"]["push"] = ["22:00", "07:00"]
    for channel in draw(st.sets(st.sampled_from(["sms", "push", "*"]), max_size=2)):
        doc["caps"].append({"channel": channel, "max": draw(st.integers(1, 2)),
                            "period_s": draw(st.sampled_from([HOUR, DAY]))})
    return doc


@st.composite
def scenarios(draw):
    """(policies, customers, events, journeys) ready to load into a store."""
    people = draw(customers())
    return (draw(policies()), people, draw(event_rows([p["customer_id"] for p in people])),
            [draw(journeys(jid)) for jid in draw(st.sampled_from([["a"], ["a", "b"]]))])


def load(store, scenario) -> None:
    doc, people, events, plans = scenario
    store.set_policies(doc)
    add_customers(store, people)
    if events:
        add_events(store, events)
    for j in plans:
        publish(store, j)


SHARED = [  # (update config, a condition on what it changed)
    ({"set": {"aum": 6000}}, {"attribute": "aum", "op": "gte", "value": 1000}),
    ({"set": {"city": "上海"}}, {"attribute": "city", "op": "eq", "value": "上海"}),
    ({"add_tags": ["车主"]}, {"attribute": "tags", "op": "contains", "value": "车主"}),
    ({"remove_tags": ["老年"]}, {"attribute": "tags", "op": "not_in", "value": ["老年"]}),
    ({"set": {"consent_sms": False}}, None),  # read by the reader's SMS touch
]


def short_wait(draw) -> dict:
    return draw(st.sampled_from([
        {"type": "duration", "duration": {"amount": 30, "unit": "minutes"}},
        {"type": "duration", "duration": {"amount": 5, "unit": "hours"}},
        {"type": "until_time", "time": "21:30"},
        {"type": "for_event", "event": draw(st.sampled_from(EVENTS)),
         "timeout": {"amount": 2, "unit": "hours"}},
    ]))


@st.composite
def writer_reader_scenarios(draw):
    """Journeys that write what others read, inside one tick and across
    journeys: writers (an update after an optional wait) and readers (a
    filter or an audience on the written attribute, then an SMS), in random
    id order, with random events; plus sometimes a random journey."""
    people = draw(customers())
    ids = [p["customer_id"] for p in people]
    plans = []
    for jid in draw(st.permutations(["w1", "r1", "w2", "r2"]))[:draw(st.integers(2, 4))]:
        update, check = draw(st.sampled_from(SHARED))
        trigger = {"type": "event", "event": draw(st.sampled_from(EVENTS))}
        reentry = draw(st.sampled_from(["never", "after_exit"]))
        j = journey(jid, timezone="Asia/Shanghai", entry={"reentry": reentry})
        steps: list[tuple[str, str, dict]] = []
        if jid.startswith("r") and check is not None and draw(st.booleans()):
            trigger["audience"] = check
        steps.append(("t", "trigger", trigger))
        if draw(st.booleans()):
            steps.append(("w", "wait", short_wait(draw)))
        if jid.startswith("w"):
            steps.append(("u", "update", update))
        else:
            if check is not None and "audience" not in trigger:
                steps.append(("f", "filter", {"condition": check}))
            steps.append(("sms", "touch", {"channel": "sms", "template": "{{ name }}"}))
        for node_id, kind, config in steps:
            j.add_node(kind, config, node_id=node_id)
        for (a, *_), (b, *_) in itertools.pairwise(steps):
            j.connect(a, j.outlets(a)[0], b)  # an event wait: by event (a timeout completes)
        plans.append(j)
    if draw(st.booleans()):
        plans.append(draw(journeys("x", allow_clock=False)))
    events = [(draw(st.sampled_from(ids)), draw(st.sampled_from(EVENTS)), instant(draw, 0, DAY))
              for _ in range(draw(st.integers(2, 16)))]
    return draw(policies()), people, events, plans
