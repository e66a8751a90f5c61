"""§4: "Decisions once made are final: an event ingested later with an older
timestamp changes nothing." Each case runs twice — the event stored in time,
and the same event stored after the run has passed its timestamp — and only
the first may change the outcome."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from runtime.engine import run
from tests.runtime.engine_fixtures import (
    DAY,
    HOUR,
    T0,
    add_customers,
    add_events,
    chain,
    journey,
    publish,
    run_engine,
    utc,
)


def activation() -> object:
    """Register → wait up to 2 days for the page view → push either way;
    goal: a deposit within 10 days, exiting."""
    j = journey("late", goal={"event": "first_deposit", "within": {"amount": 10, "unit": "days"},
                              "exit_on_goal": True})
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("w", "wait", {"type": "for_event", "event": "view_page",
                         "timeout": {"amount": 2, "unit": "days"}}))
    for outlet, node in (("event", "seen"), ("timeout", "nudge")):
        j.add_node("touch", {"channel": "push", "template": node}, node_id=node)
        j.connect("w", outlet, node)
    j.add_node("wait", {"type": "duration", "duration": {"amount": 3, "unit": "days"}},
               node_id="later")
    j.connect("seen", "next", "later")
    j.connect("nudge", "next", "later")
    return j


def outcome(store) -> tuple:
    e, log = store.tables["enrollments"], store.tables["step_log"]
    with store.engine.connect() as conn:
        status = conn.execute(select(e.c.status, e.c.exit_reason, e.c.converted_at)).one()
        path = conn.execute(select(log.c.node_id, log.c.outlet).order_by(log.c.at, log.c.id)
                            ).all()
    return tuple(status), [tuple(step) for step in path]


def run_with(store, event: tuple, late: bool) -> tuple:
    add_customers(store, [{"customer_id": "c"}])
    add_events(store, [("c", "register", T0 + HOUR)] + ([] if late else [event]))
    publish(store, activation())
    run_engine(store, T0, T0 + 4 * DAY, HOUR)  # the clock passes the event's time…
    if late:
        add_events(store, [event])  # …before it is stored
    run(store, start=None, until=utc(T0 + 12 * DAY), tick=HOUR_TICK)
    return outcome(store)


HOUR_TICK = __import__("datetime").timedelta(hours=1)


@pytest.mark.parametrize("late", [False, True], ids=["in-time", "late"])
def test_a_late_event_does_not_end_a_wait_for_it(store, late):
    # The page view at +1 day would end the 2-day wait by `event`.
    (status, _, _), path = run_with(store, ("c", "view_page", T0 + DAY), late)
    assert status == "completed"
    assert ("w", "timeout" if late else "event") in path


@pytest.mark.parametrize("late", [False, True], ids=["in-time", "late"])
def test_a_late_goal_event_neither_exits_nor_converts(store, late):
    # A deposit at +3 days: in time it exits the enrollment (before `later` ends).
    (status, reason, converted), path = run_with(store, ("c", "first_deposit", T0 + 3 * DAY),
                                                 late)
    if late:
        assert (status, reason, converted) == ("completed", None, None)
        assert ("later", "next") in path
    else:
        assert (status, reason, converted) == ("exited", "goal", T0 + 3 * DAY)
        assert ("later", "next") not in path


def test_an_event_stored_late_but_dated_ahead_of_the_clock_counts(store):
    # Stored after the first run, dated after its clock: seen when its time comes.
    add_customers(store, [{"customer_id": "c"}])
    add_events(store, [("c", "register", T0 + 3 * DAY + HOUR)])
    publish(store, activation())
    run_engine(store, T0, T0 + 3 * DAY + 2 * HOUR, HOUR)
    add_events(store, [("c", "view_page", T0 + 4 * DAY)])
    run(store, start=None, until=utc(T0 + 12 * DAY), tick=HOUR_TICK)
    _, path = outcome(store)
    assert ("w", "event") in path


def test_run_says_how_many_late_events_it_ignored(store, capsys):
    from runtime.cli import main

    run_with(store, ("c", "view_page", T0 + DAY), late=True)
    add_events(store, [("c", "app_launch", T0 + 2 * DAY), ("c", "app_launch", T0 + 13 * DAY)])
    assert main(["run", "--store", store.url, "--until", "2024-06-17T00:00:00+00:00",
                 "--lang", "en"]) == 0
    assert "late events (ignored) 1" in capsys.readouterr().out
