"""The live runtime's `Runner`: one run kept between calls, read again when a
journey, the policies or the catalog changed — from another connection, as
another terminal or the app would — and giving what one simulated run gives."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from runtime.engine import Runner
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

TEN_MINUTES = timedelta(minutes=10)


def welcome(jid: str = "j", event: str = "register") -> object:
    j = journey(jid)
    chain(j, ("t", "trigger", {"type": "event", "event": event}),
          ("w", "wait", {"type": "duration", "duration": {"amount": 1, "unit": "hours"}}),
          ("s", "touch", {"channel": "push", "template": "欢迎"}))
    return j


def fill(store) -> None:
    add_customers(store, [{"customer_id": c} for c in "abcd"])
    add_events(store, [("a", "register", T0 + 10), ("b", "register", T0 + 5 * HOUR),
                       ("c", "app_launch", T0 + 7 * HOUR), ("d", "register", T0 + 20 * HOUR)])


def live_calls(runner: Runner, until: int, every: int = 2 * HOUR) -> None:
    at = T0
    while at < until:
        at = min(at + every, until)
        runner.run(until=utc(at), tick=TEN_MINUTES)


def test_calls_of_a_runner_equal_one_simulated_run(tmp_path):
    simulated, live = Store(f"sqlite:///{tmp_path / 's.db'}"), Store(f"sqlite:///{tmp_path / 'l.db'}")
    for store in (simulated, live):
        fill(store)
        publish(store, welcome(), published_at=T0)
    run_engine(simulated, T0, T0 + DAY, HOUR)
    live.save_clock(T0, None)  # the live clock starts where the simulated one does
    runner = Runner(live)
    live_calls(runner, T0 + DAY)
    assert engine_result(live) == engine_result(simulated)
    assert len(engine_result(live)["touches"]) == 3


def test_the_run_is_kept_until_something_it_was_built_from_changes(tmp_path):
    url = f"sqlite:///{tmp_path / 'l.db'}"
    store, other = Store(url), Store(url)  # `other`: another terminal
    fill(store)
    publish(store, welcome(), published_at=T0)
    store.save_clock(T0, None)
    runner = Runner(store)
    runner.run(until=utc(T0 + HOUR), tick=TEN_MINUTES)
    kept = runner.current
    runner.run(until=utc(T0 + 2 * HOUR), tick=TEN_MINUTES)
    assert runner.current is kept

    publish(other, welcome("launch", event="app_launch"), published_at=T0 + 2 * HOUR)
    runner.run(until=utc(T0 + 9 * HOUR), tick=TEN_MINUTES)
    assert runner.current is not kept
    touched = {(t[0], t[1]) for t in engine_result(store)["touches"]}
    assert ("launch", "c") in touched  # the new journey ran without a restart

    assert other.pause_journey("j", T0 + 9 * HOUR) == [1]
    runner.run(until=utc(T0 + DAY), tick=TEN_MINUTES)
    assert ("j", "d") not in {(t[0], t[1]) for t in engine_result(store)["touches"]}
    other.close()
    store.close()


@pytest.mark.parametrize("change", ["policy", "resume"])
def test_policies_and_resumes_are_seen_at_the_next_call(tmp_path, change):
    url = f"sqlite:///{tmp_path / 'l.db'}"
    store, other = Store(url), Store(url)
    fill(store)
    publish(store, welcome(), published_at=T0)
    store.save_clock(T0, None)
    runner = Runner(store)
    if change == "resume":
        other.pause_journey("j", T0)
    runner.run(until=utc(T0 + 4 * HOUR), tick=TEN_MINUTES)
    before = runner.current
    if change == "policy":
        other.set_policies({**other.policies().model_dump(), "timezone": "UTC",
                            "quiet_hours": {"push": ("00:00", "23:59")}})
    else:
        other.resume_journey("j", T0 + 4 * HOUR)
    runner.run(until=utc(T0 + 6 * HOUR), tick=TEN_MINUTES)
    assert runner.current is not before
    touched = {(t[0], t[1]) for t in engine_result(store)["touches"]}
    if change == "resume":
        # a registered in the pause (no entry), b after the resume
        assert ("j", "b") in touched and ("j", "a") not in touched
    else:
        assert ("j", "b") not in touched  # due at 06:00, now in the quiet hours
    other.close()
    store.close()


def birthdays(jid: str, attribute: str, yearly: bool, offset_days: int = 0) -> object:
    j = journey(jid, timezone="Asia/Shanghai")
    chain(j, ("t", "trigger", {"type": "key_date", "attribute": attribute, "time": "09:00",
                               "offset_days": offset_days, "yearly": yearly}),
          ("s", "touch", {"channel": "push", "template": "生日快乐"}))
    return j


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_key_dates_fire_live_for_customers_added_while_it_runs(backend, tmp_path, request):
    """T0 is Monday 3 June 2024, 08:00 in Shanghai. Each customer's key date
    falls on 4 June at 09:00 (Shanghai); `late` is added after the runtime's
    first day, the others before."""
    from datetime import date

    from tests.runtime.engine_fixtures import fresh_store

    opened_at = int(datetime(2021, 6, 4, 12, 0, tzinfo=UTC).timestamp())
    with fresh_store(backend, tmp_path, request, "live") as store:
        add_customers(store, [
            {"customer_id": "bday", "birthday": date(1990, 6, 4)},
            {"customer_id": "other", "birthday": date(1990, 6, 5)},
            {"customer_id": "due", "birthday": date(2024, 6, 7)},  # a date this year: -3 days
            {"customer_id": "opened", "account_opened_at": opened_at}])
        publish(store, birthdays("yearly", "birthday", True), published_at=T0)
        publish(store, birthdays("anniversary", "account_opened_at", True), published_at=T0)
        publish(store, birthdays("reminder", "birthday", False, offset_days=-3),
                published_at=T0)
        store.save_clock(T0, None)
        runner = Runner(store)
        live_calls(runner, T0 + 20 * HOUR, every=HOUR)
        add_customers(store, [{"customer_id": "late", "birthday": date(2000, 6, 4)}])
        live_calls_from(runner, T0 + 20 * HOUR, T0 + 2 * DAY)
        touched = sorted((t[0], t[1], t[5]) for t in engine_result(store)["touches"])
    nine = T0 + DAY + HOUR  # 4 June, 09:00 Shanghai
    # "due"'s own birthday (7 June) is after the window; "other"'s too.
    assert touched == [("anniversary", "opened", nine), ("reminder", "due", nine),
                       ("yearly", "bday", nine), ("yearly", "late", nine)]


def live_calls_from(runner: Runner, at: int, until: int, every: int = HOUR) -> None:
    while at < until:
        at = min(at + every, until)
        runner.run(until=utc(at), tick=TEN_MINUTES)


def test_an_event_stored_between_calls_is_read_at_the_next(tmp_path):
    """The kept run's next wake was worked out from the events it had read:
    one stored since must still be seen at the next call."""
    store = Store(f"sqlite:///{tmp_path / 'l.db'}")
    add_customers(store, [{"customer_id": c} for c in "ab"])
    add_events(store, [("a", "register", T0 + 10)])
    publish(store, welcome(), published_at=T0)
    store.save_clock(T0, None)
    runner = Runner(store)
    live_calls_from(runner, T0, T0 + 5 * HOUR)
    add_events(store, [("b", "register", T0 + 5 * HOUR + 60)])
    live_calls_from(runner, T0 + 5 * HOUR, T0 + 11 * HOUR)
    assert sorted(t[1] for t in engine_result(store)["touches"]) == ["a", "b"]
    store.close()


def waiting_for_launch() -> object:
    j = journey("nudge")
    j.add_node("trigger", {"type": "event", "event": "register"}, node_id="t")
    j.add_node("wait", {"type": "for_event", "event": "app_launch",
                        "timeout": {"amount": 3, "unit": "days"}}, node_id="w")
    j.add_node("touch", {"channel": "push", "template": "欢迎使用"}, node_id="s")
    j.connect("t", "next", "w")
    j.connect("w", "event", "s")
    return j


def touched_at(store) -> dict[str, int]:
    return {t[1]: t[5] for t in engine_result(store)["touches"]}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_event_wait_leaves_in_the_tick_that_reads_its_event(backend, tmp_path, request):
    """Live, the touch after an event wait is decided by the first call that
    reads the event, days before the wait's timeout: by a kept run (which
    looks only at events that became readable since its last tick) and by a
    new one (which looks at the whole wait). Only `b` launches the app before
    its wait began, which does not count."""
    from tests.runtime.engine_fixtures import fresh_store

    with fresh_store(backend, tmp_path, request, "ewait") as store:
        add_customers(store, [{"customer_id": c} for c in "abc"])
        add_events(store, [("a", "register", T0 + 60), ("b", "app_launch", T0 + 90),
                           ("b", "register", T0 + 120), ("c", "register", T0 + 180)])
        publish(store, waiting_for_launch(), published_at=T0)
        store.save_clock(T0, None)
        runner = Runner(store)
        live_calls_from(runner, T0, T0 + 2 * HOUR)
        assert touched_at(store) == {}
        add_events(store, [("a", "app_launch", T0 + 2 * HOUR + 300)])
        live_calls_from(runner, T0 + 2 * HOUR, T0 + 3 * HOUR)
        assert touched_at(store) == {"a": T0 + 2 * HOUR + 300}  # the kept run

        add_events(store, [("c", "app_launch", T0 + 3 * HOUR + 300)])
        live_calls_from(Runner(store), T0 + 3 * HOUR, T0 + 4 * HOUR)
        assert touched_at(store) == {"a": T0 + 2 * HOUR + 300,
                                     "c": T0 + 3 * HOUR + 300}  # a new run
