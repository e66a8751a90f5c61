"""`engine.run` over the store's clock, versions in flight, pause/stop, and
`simulate` on a throw-away copy."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from runtime.engine import JourneyRunError, run
from runtime.outbox import pending_messages
from runtime.plan import load_plan
from runtime.simulate import simulate
from runtime.store import Store
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
    run_engine,
    utc,
)

TEMPLATE = (Path(__file__).resolve().parents[2] / "resources" / "templates"
            / "new-customer-activation.journey.json")


def two_step(jid: str = "j", template: str = "v1") -> object:
    j = journey(jid)
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("w", "wait", {"type": "duration", "duration": {"amount": 1, "unit": "days"}}),
          ("s", "touch", {"channel": "push", "template": template}))
    return j


def test_versions_in_flight_stay_on_their_version(store):
    add_customers(store, [{"customer_id": "old"}, {"customer_id": "new"}])
    add_events(store, [("old", "register", T0 + HOUR), ("new", "register", T0 + 3 * HOUR)])
    publish(store, two_step(template="v1"), version=1)
    run_engine(store, T0, T0 + 2 * HOUR, HOUR)
    publish(store, two_step(template="v2"), version=2, published_at=T0 + 2 * HOUR)
    run(store, start=None, until=utc(T0 + 3 * DAY), tick=timedelta(hours=1))
    e = store.tables["enrollments"]
    with store.engine.connect() as conn:
        versions = dict(conn.execute(select(e.c.customer_id, e.c.version)).all())
    assert versions == {"old": 1, "new": 2}
    rows = sorted(pending_messages(store), key=lambda m: m.customer_id)
    assert [(r.customer_id, r.version, r.content, r.at) for r in rows] == [
        ("new", 2, "v2", T0 + 3 * HOUR + DAY), ("old", 1, "v1", T0 + HOUR + DAY)]
    assert store.clock() == T0 + 3 * DAY


def test_paused_version_holds_and_stopped_exits(store):
    add_customers(store, [{"customer_id": "a"}, {"customer_id": "b"}])
    add_events(store, [("a", "register", T0 + HOUR), ("b", "register", T0 + 2 * DAY)])
    publish(store, two_step())
    run_engine(store, T0, T0 + 2 * HOUR, HOUR)
    store.set_journey_state("j", 1, "paused")
    run(store, start=None, until=utc(T0 + 3 * DAY), tick=timedelta(hours=6))
    result = engine_result(store)
    assert [(x[1], x[3], x[5]) for x in result["enrollments"]] == [("a", "active", "w")]
    assert result["touches"] == []
    store.set_journey_state("j", 1, "stopped")
    run(store, start=None, until=utc(T0 + 4 * DAY), tick=timedelta(hours=6))
    result = engine_result(store)
    assert [(x[1], x[3], x[4], x[7]) for x in result["enrollments"]] == [
        ("a", "exited", "stopped", T0 + 3 * DAY + 6 * HOUR)]


def test_live_run_fires_only_after_publication(store):
    add_customers(store, [{"customer_id": "before"}, {"customer_id": "after"}])
    add_events(store, [("before", "register", T0 - HOUR), ("after", "register", T0 + HOUR)])
    publish(store, two_step(), published_at=T0)
    store.set_meta("clock", str(T0 - DAY))
    run(store, start=None, until=utc(T0 + 2 * DAY), tick=None)
    assert [x[1] for x in engine_result(store)["enrollments"]] == ["after"]


def test_simulate_reports_on_a_copy(demo_store_file, demo_now):
    url = f"sqlite:///{demo_store_file}"
    source = Store(url)
    source.set_meta("clock", str(demo_now - 10 * DAY))
    source.close()
    report = simulate(url, TEMPLATE, days=10)
    assert report["journey"] == "new-customer-activation"
    assert report["enrolled"] > 0
    assert report["nodes"]["register"]["outlets"]["next"] == report["enrolled"]
    assert sum(c["sent"] for c in report["touches"].values()) > 0
    assert report["simulated_from"] == datetime.fromtimestamp(
        demo_now - 10 * DAY, UTC).isoformat()
    source = Store(url)
    with source.engine.connect() as conn:
        for name in ("enrollments", "touches", "journey_versions"):
            assert conn.execute(select(func.count()).select_from(source.tables[name])).scalar() == 0
    source.close()


def test_first_live_run_without_clock_runs_up_to_now(store):
    import time

    now = int(time.time())
    add_customers(store, [{"customer_id": "a"}])
    add_events(store, [("a", "register", now - 2 * DAY)])
    publish(store, two_step(), published_at=now - 3 * DAY)
    totals = run(store, start=None, until=None, tick=None)
    assert totals["ticks"] == 1
    result = engine_result(store)
    assert [(x[1], x[3]) for x in result["enrollments"]] == [("a", "completed")]
    assert [x[5] for x in result["touches"]] == [now - DAY]
    assert store.clock() >= now


def test_a_restarted_simulated_run_continues_where_it_stopped(store):
    """The same `run --from … --until …` after a crash neither replays finished
    ticks nor moves the clock back."""
    add_customers(store, [{"customer_id": "c1"}, {"customer_id": "c2"}])
    add_events(store, [("c1", "register", T0 + HOUR), ("c2", "register", T0 + 3 * DAY)])
    publish(store, two_step())
    first = run(store, start=utc(T0), until=utc(T0 + 2 * DAY), tick=timedelta(hours=1))
    assert store.clock() == T0 + 2 * DAY and first["ticks"] == 48
    again = run(store, start=utc(T0), until=utc(T0 + 5 * DAY), tick=timedelta(hours=1))
    assert again["ticks"] == 72  # only the ticks after the stored clock
    assert store.clock() == T0 + 5 * DAY
    touches = engine_result(store)["touches"]
    assert sorted(t[1] for t in touches) == ["c1", "c2"]  # once each: nothing doubled


def test_a_step_that_cannot_run_names_its_journey_and_node(store):
    """A version published before values were type-checked (or by hand) is
    paused by the run, named with its node; nothing of it is half-done
    (the run goes on: see test_poison_pills for the other journeys)."""
    add_customers(store, [{"customer_id": "a", "aum": 100.0}])
    add_events(store, [("a", "register", T0 + HOUR)])
    j = journey("bad")
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("f", "filter", {"condition": {"attribute": "aum", "op": "gt", "value": "lots"}}))
    publish(store, j)
    totals = run(store, start=utc(T0), until=utc(T0 + DAY), tick=timedelta(hours=1))
    [paused] = totals["paused"]
    assert (paused["journey"], paused["version"], paused["node"]) == ("bad", 1, "f")
    row = store.journey_states("bad")[0]
    assert (row.state, row.pause_node, row.paused_at) == ("paused", "f", T0)
    error = JourneyRunError(load_plan(store.journey_version("bad").document, 1), "f",
                            ValueError("could not convert string to float: 'lots'"))
    assert "journey 'bad' version 1 [f] cannot run" in error.message("en")
    assert "旅程「bad」版本 1 [f] 无法执行" in error.message("zh_CN")
    assert engine_result(store)["enrollments"] == [] and store.clock() == T0 + DAY


@pytest.mark.parametrize("refusers_index", [True, False])
def test_run_counts_every_touch_decision_suppressed_ones_too(store, refusers_index):
    if not refusers_index:  # a store without it checks consent on the customer's row
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_customers_refuse_push")
    add_customers(store, [{"customer_id": "yes", "consent_push": True},
                          {"customer_id": "no", "consent_push": False}])
    add_events(store, [("yes", "register", T0 + HOUR), ("no", "register", T0 + HOUR)])
    publish(store, two_step())
    totals = run(store, start=utc(T0), until=utc(T0 + 3 * DAY), tick=timedelta(hours=6))
    touches = engine_result(store)["touches"]
    assert sorted((x[1], x[6], x[7]) for x in touches) == [
        ("no", "suppressed", "no_consent"), ("yes", "sent", None)]
    assert totals["touches"] == len(touches) == 2


def test_a_touch_on_a_loop_is_sent_once_per_enrollment(store):
    """Off a loop an enrollment passes a touch once, so the engine does not look
    for an earlier one; on a loop it does, and the second pass sends nothing."""
    from runtime.plan import Plan

    add_customers(store, [{"customer_id": "c1"}])
    add_events(store, [("c1", "register", T0 + HOUR)])
    j = journey("loopy")
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("w", "wait", {"type": "duration", "duration": {"amount": 1, "unit": "days"}}),
          ("s", "touch", {"channel": "sms", "template": "您好，拒收请回复R"}))
    j.connect("s", "next", "w")
    assert Plan(j, 1).looping == {"w", "s"}
    publish(store, j)
    run(store, start=utc(T0), until=utc(T0 + 5 * DAY), tick=timedelta(hours=6))
    result = engine_result(store)
    assert len([s for s in result["steps"] if s[3] == "s"]) == 4  # passed four times
    assert len(result["touches"]) == 1  # sent once
    assert Plan(two_step(), 1).looping == set()
