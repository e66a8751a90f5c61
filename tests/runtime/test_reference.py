"""Each rule of journey-semantics §3–§6 on a tiny store, checked on the
reference interpreter and on the set-based engine (`interpret` fixture)."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from runtime import hashing
from runtime.store import Store
from tests.reference import reference_run
from tests.runtime.engine_fixtures import (
    DAY,
    HOUR,
    T0,
    add_customers,
    add_events,
    chain,
    engine_result,
    journey,
    publish,
    reference_result,
    run_engine,
)

SH = ZoneInfo("Asia/Shanghai")
SPAN = 6 * DAY


def cst(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=SH).timestamp())


@pytest.fixture(params=["reference", "engine"])
def interpret(request, tmp_path):
    """Run the store from T0 for SPAN with one interpreter; return its results."""
    store = Store(str(tmp_path / "store.db"))
    store.set_policies({"timezone": "Asia/Shanghai"})

    def go(span: int = SPAN, tick: int = HOUR) -> dict:
        if request.param == "reference":
            return reference_result(reference_run(store, T0, T0 + span))
        run_engine(store, T0, T0 + span, tick)
        return engine_result(store)

    go.store = store
    yield go
    store.close()


def people(store, n: int = 1, **attrs) -> None:
    add_customers(store, [dict(customer_id=f"c{i}", name=f"客户{i}", **attrs) for i in range(n)])


def register_then(store, *steps, jid="j", meta=None, at=None):
    j = journey(jid, **(meta or {}))
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}), *steps)
    publish(store, j)
    return j


def sms(node_id: str = "s", **extra) -> tuple:
    return (node_id, "touch", {"channel": "sms", "template": "您好 {{ name }}", **extra})


def touches(result, jid=None) -> list[tuple]:
    return sorted((t[1], t[3], t[5], t[6], t[7]) for t in result["touches"]
                  if jid in (None, t[0]))


def enrollments(result) -> list[tuple]:
    return [(e[1], e[3], e[4], e[7], e[8]) for e in result["enrollments"]]


REG = cst("2024-06-03 10:00")  # a Monday


def test_wait_duration_and_until_time(interpret):
    s = interpret.store
    people(s)
    add_events(s, [("c0", "register", REG)])
    register_then(s, ("w", "wait", {"type": "duration", "duration": {"amount": 1, "unit": "days"}}),
                  ("u", "wait", {"type": "until_time", "time": "09:00", "weekdays": [3]}), sms())
    # +1 day = Tue 10:00; then the first Wednesday 09:00.
    assert touches(interpret()) == [("c0", "s", cst("2024-06-05 09:00"), "sent", None)]


def test_until_time_same_instant_and_until_date(interpret):
    s = interpret.store
    people(s, 2)
    add_events(s, [("c0", "register", cst("2024-06-03 09:00")),
                   ("c1", "register", cst("2024-06-05 12:00"))])
    register_then(s, ("u", "wait", {"type": "until_time", "time": "09:00"}),
                  ("d", "wait", {"type": "until_date", "at": "2024-06-04T08:00:00+08:00"}), sms())
    assert touches(interpret()) == [
        ("c0", "s", cst("2024-06-04 08:00"), "sent", None),  # 09:00 is >= at: leaves at once
        ("c1", "s", cst("2024-06-06 09:00"), "sent", None),  # the date is past: max(at, date)
    ]


def test_wait_for_event_and_timeout(interpret):
    s = interpret.store
    people(s, 3)
    add_events(s, [("c0", "register", REG), ("c0", "view_account_open_page", REG + 600),
                   ("c1", "register", REG), ("c1", "view_account_open_page", REG + 3 * HOUR),
                   ("c2", "register", REG), ("c2", "view_account_open_page", REG)])
    j = journey("j")
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("w", "wait", {"type": "for_event", "event": "view_account_open_page",
                         "timeout": {"amount": 2, "unit": "hours"}}))
    j.add_node("touch", {"channel": "push", "template": "ev"}, node_id="on_event")
    j.add_node("touch", {"channel": "sms", "template": "to"}, node_id="on_timeout")
    j.connect("w", "event", "on_event")
    j.connect("w", "timeout", "on_timeout")
    publish(s, j)
    assert touches(interpret()) == [
        ("c0", "on_event", REG + 600, "sent", None),
        ("c1", "on_timeout", REG + 2 * HOUR, "sent", None),
        ("c2", "on_timeout", REG + 2 * HOUR, "sent", None),  # an event at `at` is not after it
    ]


def test_branch_first_matching_path_wins(interpret):
    s = interpret.store
    add_customers(s, [{"customer_id": "rich", "aum": 9000.0, "city": "上海"},
                      {"customer_id": "sh", "aum": 10.0, "city": "上海"},
                      {"customer_id": "other", "aum": 10.0, "city": "北京"}])
    add_events(s, [(c, "register", REG) for c in ("rich", "sh", "other")])
    j = journey("j")
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("b", "branch", {"paths": [
              {"name": "vip", "condition": {"attribute": "aum", "op": "gte", "value": 5000}},
              {"name": "shanghai", "condition": {"attribute": "city", "op": "eq", "value": "上海"}},
          ]}))
    publish(s, j)
    result = interpret()
    outlets = {st[1]: st[4] for st in result["steps"] if st[3] == "b"}
    assert outlets == {"rich": "vip", "sh": "shanghai", "other": "else"}
    assert {e[0]: e[1] for e in enrollments(result)} == dict.fromkeys(outlets, "completed")


def test_filter_rejected_exits_filtered(interpret):
    s = interpret.store
    add_customers(s, [{"customer_id": "a", "is_payroll": True}, {"customer_id": "b"}])
    add_events(s, [("a", "register", REG), ("b", "register", REG)])
    register_then(s, ("f", "filter", {"condition": {"attribute": "is_payroll", "op": "eq",
                                                    "value": True}}), sms())
    assert enrollments(interpret()) == [("a", "completed", None, REG, None),
                                        ("b", "exited", "filtered", REG, None)]


def test_split_is_stable_and_proportional(interpret):
    s = interpret.store
    people(s, 120)
    add_events(s, [(f"c{i}", "register", REG + i) for i in range(120)])
    j = journey("j")
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("x", "split", {"variants": [{"name": "A", "percent": 30},
                                       {"name": "B", "percent": 70}]}))
    publish(s, j)
    outlets = {st[1]: st[4] for st in interpret()["steps"] if st[3] == "x"}
    expected = {f"c{i}": "AB"[hashing.variant_index("j", "x", f"c{i}", [30, 70])]
                for i in range(120)}
    assert outlets == expected
    assert 20 <= list(outlets.values()).count("A") <= 52


def test_consent_and_quiet_hours_deferral(interpret):
    s = interpret.store
    s.set_policies({"timezone": "Asia/Shanghai", "quiet_hours": {"sms": ["21:00", "08:00"]}})
    add_customers(s, [{"customer_id": "no", "consent_sms": False}, {"customer_id": "yes"},
                      {"customer_id": "svc"}])
    late = cst("2024-06-03 22:30")
    add_events(s, [("no", "register", late), ("yes", "register", late),
                   ("svc", "app_launch", late)])
    register_then(s, sms(), ("w", "wait", {"type": "duration", "duration": {"amount": 1,
                                                                             "unit": "hours"}}),
                  sms("s2"))
    j2 = journey("k")
    chain(j2, ("t", "trigger", {"type": "event", "event": "app_launch"}),
          sms("svc", ignore_quiet_hours=True))
    publish(s, j2)
    morning = cst("2024-06-04 08:00")
    assert touches(interpret()) == [
        ("no", "s", late, "suppressed", "no_consent"),
        ("no", "s2", late + HOUR, "suppressed", "no_consent"),
        ("svc", "svc", late, "sent", None),
        ("yes", "s", morning, "sent", None),  # deferred to the window's end
        ("yes", "s2", morning + HOUR, "sent", None),  # the customer waited with it
    ]


def test_frequency_caps_across_journeys_in_order(interpret):
    s = interpret.store
    s.set_policies({"timezone": "Asia/Shanghai",
                    "caps": [{"channel": "sms", "max": 1, "period_s": DAY},
                             {"channel": "*", "max": 2, "period_s": DAY}]})
    people(s)
    add_events(s, [("c0", "register", REG)])
    register_then(s, sms("s1"), jid="b")
    register_then(s, sms("s1"), ("p", "touch", {"channel": "push", "template": "p"}),
                  ("svc", "touch", {"channel": "sms", "template": "x",
                                    "ignore_frequency_cap": True}),
                  ("p2", "touch", {"channel": "push", "template": "p2"}), jid="a")
    result = interpret()
    assert touches(result, "a") == [
        ("c0", "p", REG, "sent", None), ("c0", "p2", REG, "suppressed", "frequency_cap"),
        ("c0", "s1", REG, "sent", None), ("c0", "svc", REG, "sent", None)]
    # journey b decides after a (same instant, same customer: journey id order)
    assert touches(result, "b") == [("c0", "s1", REG, "suppressed", "frequency_cap")]


def test_cap_window_is_half_open_and_suppressed_do_not_count(interpret):
    s = interpret.store
    s.set_policies({"timezone": "Asia/Shanghai",
                    "caps": [{"channel": "sms", "max": 1, "period_s": HOUR}]})
    people(s, 1, consent_sms=True)
    add_events(s, [("c0", "register", REG), ("c0", "register", REG + 1800),
                   ("c0", "register", REG + HOUR)])
    register_then(s, sms(), meta={"entry": {"reentry": "after_exit"}})
    assert [t[2:] for t in touches(interpret())] == [
        (REG, "sent", None), (REG + 1800, "suppressed", "frequency_cap"),
        (REG + HOUR, "sent", None)]


@pytest.mark.parametrize("tick", [10 * 60, HOUR, DAY])
def test_caps_count_touches_sent_in_earlier_ticks(interpret, tick):
    """A simulated run commits its ticks together and stores their touches at
    the commit: a cap still counts those an earlier tick sent."""
    s = interpret.store
    s.set_policies({"timezone": "Asia/Shanghai",
                    "caps": [{"channel": "sms", "max": 1, "period_s": DAY}]})
    people(s, 1, consent_sms=True)
    add_events(s, [("c0", "register", REG), ("c0", "register", REG + 2 * HOUR),
                   ("c0", "register", REG + 25 * HOUR)])
    register_then(s, sms(), meta={"entry": {"reentry": "after_exit"}})
    assert [t[2:] for t in touches(interpret(tick=tick))] == [
        (REG, "sent", None), (REG + 2 * HOUR, "suppressed", "frequency_cap"),
        (REG + 25 * HOUR, "sent", None)]


def test_goal_exits_waiting_enrollment_and_converts(interpret):
    s = interpret.store
    people(s, 3)
    add_events(s, [("c0", "register", REG), ("c0", "first_deposit", REG + DAY),
                   ("c1", "register", REG), ("c1", "first_deposit", REG + 4 * DAY),
                   ("c2", "register", REG), ("c2", "first_deposit", REG + 3 * DAY)])
    register_then(s, ("w", "wait", {"type": "duration", "duration": {"amount": 2, "unit": "days"}}),
                  sms(), meta={"goal": {"event": "first_deposit",
                                        "within": {"amount": 3, "unit": "days"}}})
    result = interpret()
    assert enrollments(result) == [
        ("c0", "exited", "goal", REG + DAY, REG + DAY),
        ("c1", "completed", None, REG + 2 * DAY, None),  # deposit after the goal window
        ("c2", "completed", None, REG + 2 * DAY, REG + 3 * DAY),  # converts after completing
    ]
    assert [t[0] for t in touches(result)] == ["c1", "c2"]


def test_goal_at_the_step_instant_stops_the_step_and_exit_when(interpret):
    s = interpret.store
    people(s, 2)
    add_events(s, [("c0", "register", REG), ("c0", "first_deposit", REG + DAY),
                   ("c1", "register", REG), ("c1", "account_opened", REG + HOUR)])
    register_then(s, ("w", "wait", {"type": "duration", "duration": {"amount": 1, "unit": "days"}}),
                  sms(), meta={"goal": {"event": "first_deposit"},
                               "exit_when": {"event": "account_opened"}})
    result = interpret()
    assert enrollments(result) == [("c0", "exited", "goal", REG + DAY, REG + DAY),
                                   ("c1", "exited", "exit_when", REG + HOUR, None)]
    assert touches(result) == []


@pytest.mark.parametrize("reentry, expected", [
    ("never", [REG]),
    ("after_exit", [REG, REG + 2 * HOUR, REG + 5 * HOUR]),
    ({"cooldown": {"amount": 4, "unit": "hours"}}, [REG, REG + 5 * HOUR]),
])
def test_reentry(interpret, reentry, expected):
    s = interpret.store
    people(s)
    add_events(s, [("c0", "register", REG + h * HOUR) for h in (0, 1, 2, 5)])
    register_then(s, ("w", "wait", {"type": "duration", "duration": {"amount": 90,
                                                                      "unit": "minutes"}}),
                  meta={"entry": {"reentry": reentry}})
    # REG+1h arrives while the first enrollment still waits: never two at once.
    assert [e[2] for e in interpret()["enrollments"]] == expected


def test_sample_percent_uses_the_stable_hash(interpret):
    s = interpret.store
    people(s, 100)
    add_events(s, [(f"c{i}", "register", REG) for i in range(100)])
    register_then(s, meta={"entry": {"sample_percent": 25}})
    entered = {e[0] for e in enrollments(interpret())}
    assert entered == {f"c{i}" for i in range(100) if hashing.sampled("j", f"c{i}", 25)}
    assert 10 <= len(entered) <= 40


def test_schedule_max_entries_per_run_in_customer_order(interpret):
    s = interpret.store
    people(s, 5, aum=100.0)
    add_customers(s, [{"customer_id": "c9", "aum": 0.0}])
    at = cst("2024-06-04 09:00")
    j = journey("j", entry={"max_entries_per_run": 3})
    chain(j, ("t", "trigger", {"type": "schedule", "at": "2024-06-04T09:00:00+08:00",
                               "audience": {"attribute": "aum", "op": "gt", "value": 50}}))
    publish(s, j)
    assert [(e[0], e[3]) for e in enrollments(interpret())] == [
        ("c0", at), ("c1", at), ("c2", at)]


def test_recurring_and_window(interpret):
    s = interpret.store
    people(s)
    j = journey("j", entry={"reentry": "after_exit"},
                window={"start": "2024-06-04T00:00:00+08:00", "end": "2024-06-06T09:00:00+08:00"})
    chain(j, ("t", "trigger", {"type": "recurring", "cron": "0 9 * * *"}))
    publish(s, j)
    assert [e[2] for e in interpret()["enrollments"]] == [
        cst("2024-06-04 09:00"), cst("2024-06-05 09:00"), cst("2024-06-06 09:00")]


def test_key_date_yearly_with_offset(interpret):
    s = interpret.store
    add_customers(s, [{"customer_id": "a", "birthday": date(1990, 6, 5)},
                      {"customer_id": "b", "birthday": date(1990, 7, 5)}, {"customer_id": "c"}])
    j = journey("j")
    chain(j, ("t", "trigger", {"type": "key_date", "attribute": "birthday", "yearly": True,
                               "offset_days": -1, "time": "10:00"}), sms())
    publish(s, j)
    assert touches(interpret()) == [("a", "s", cst("2024-06-04 10:00"), "sent", None)]


def test_reward_budget_limit_and_exhausted_fallback(interpret):
    s = interpret.store
    people(s, 4)
    add_events(s, [(f"c{i}", "register", REG + i * 60) for i in range(4)])
    register_then(s, ("r", "reward", {"benefit": "points", "amount": 200, "budget": 500}), sms())
    result = interpret()
    assert [(r[1], r[5]) for r in result["rewards"]] == [
        ("c0", "granted"), ("c1", "granted"), ("c2", "exhausted"), ("c3", "exhausted")]
    assert len(touches(result)) == 4  # unconnected `exhausted` continues on `next`


def test_update_changes_attributes_read_later(interpret):
    s = interpret.store
    people(s)
    add_events(s, [("c0", "register", REG)])
    register_then(s, ("u", "update", {"set": {"aum": 7000}, "add_tags": ["年轻"]}),
                  ("f", "filter", {"condition": {"all": [
                      {"attribute": "aum", "op": "gte", "value": 5000},
                      {"attribute": "tags", "op": "contains", "value": "年轻"}]}}), sms())
    assert touches(interpret()) == [("c0", "s", REG, "sent", None)]


def test_event_trigger_where_and_audience_as_of_the_event(interpret):
    s = interpret.store
    people(s, 2)
    add_events(s, [("c0", "deposit", REG, '{"amount": 900}'),
                   ("c1", "deposit", REG, '{"amount": 50}'),
                   ("c1", "deposit", REG + HOUR, '{"amount": 700}'),
                   ("c0", "app_launch", REG + 60)])
    j = journey("j")
    chain(j, ("t", "trigger", {"type": "event", "event": "deposit",
                               "where": [{"attribute": "amount", "op": "gte", "value": 500}],
                               "audience": {"event": "app_launch", "count": {"op": "eq",
                                                                              "value": 0}}}))
    publish(s, j)
    assert [(e[0], e[3]) for e in enrollments(interpret())] == [("c0", REG), ("c1", REG + HOUR)]


def test_budget_follows_instants_across_reentries_in_one_tick(interpret):
    s = interpret.store
    people(s, 2)
    # a re-enters at +1h (after its first enrollment ended at +30m); b enters at +2h.
    add_events(s, [("c0", "register", REG), ("c0", "register", REG + HOUR),
                   ("c1", "register", REG + 2 * HOUR)])
    register_then(s, ("w", "wait", {"type": "duration", "duration": {"amount": 30,
                                                                      "unit": "minutes"}}),
                  ("r", "reward", {"benefit": "points", "amount": 100, "budget": 200,
                                   "per_customer_limit": None}),
                  meta={"entry": {"reentry": "after_exit"}})
    result = interpret(tick=DAY)  # one tick holds every entry
    assert [(r[1], r[4], r[5]) for r in sorted(result["rewards"], key=lambda r: r[4])] == [
        ("c0", REG + 1800, "granted"), ("c0", REG + HOUR + 1800, "granted"),
        ("c1", REG + 2 * HOUR + 1800, "exhausted")]
