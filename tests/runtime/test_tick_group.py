"""Ticks of a simulated run that share one commit (`engine.tick_group`) end
exactly as ticks committed one by one — also when a journey fails a tick
in the middle of a group (the group is undone and run again up to it), and
when the run is cancelled between ticks or fails inside one."""
from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from runtime.engine import run, tick_group
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
    utc,
)

REGISTER = {"type": "event", "event": "register"}


def healthy():
    j = journey("healthy")
    chain(j, ("t", "trigger", REGISTER),
          ("w", "wait", {"type": "duration", "duration": {"amount": 2, "unit": "hours"}}),
          ("s", "touch", {"channel": "sms", "template": "您好，拒收请回复R"}))
    return j


def failing_later():
    """Fails five hours after entry (a value published before it was checked)."""
    j = journey("bad")
    chain(j, ("t", "trigger", REGISTER),
          ("w", "wait", {"type": "duration", "duration": {"amount": 5, "unit": "hours"}}),
          ("f", "filter", {"condition": {"attribute": "aum", "op": "gt", "value": "lots"}}))
    return j


def build(path) -> None:
    store = Store(f"sqlite:///{path}")
    try:
        add_customers(store, [{"customer_id": f"c{i}", "aum": 100.0 * i} for i in range(6)])
        add_events(store, [(f"c{i}", "register", T0 + (i + 1) * HOUR) for i in range(6)])
        publish(store, healthy())
        publish(store, failing_later())
    finally:
        store.close()


def outcome(path, **patch) -> tuple[dict, list, int | None]:
    store = Store(f"sqlite:///{path}")
    try:
        totals = run(store, start=utc(T0), until=utc(T0 + 2 * DAY), tick=timedelta(hours=1))
        paused = [(p["journey"], p["node"], p["at"]) for p in totals["paused"]]
        return engine_result(store), paused, store.clock()
    finally:
        store.close()


def test_a_journey_failing_inside_a_group_ends_as_with_one_commit_per_tick(tmp_path,
                                                                          monkeypatch):
    build(tmp_path / "base.db")
    shutil.copy(tmp_path / "base.db", tmp_path / "each.db")
    with monkeypatch.context() as m:
        m.setattr(tick_group, "GROUP_SPAN", 0)  # every tick commits by itself
        each = outcome(tmp_path / "each.db")
    replays = []
    restore = tick_group.TickGroup.restore
    monkeypatch.setattr(tick_group.TickGroup, "restore",
                        lambda self, r: replays.append(1) or restore(self, r))
    grouped = outcome(tmp_path / "base.db")
    assert replays, "the failure should have come inside a group with finished ticks"
    assert grouped == each
    result, paused, clock = grouped
    # c0 entered at 1 h and reached f at 6 h: paused from the start of that tick
    assert paused == [("bad", "f", T0 + 5 * HOUR)]
    assert clock == T0 + 2 * DAY
    sent = [t for t in result["touches"] if t[0] == "healthy"]
    assert len(sent) == 6  # the other journey is untouched by the failure


class Cancelled(Exception):
    pass


def test_a_cancel_between_ticks_keeps_the_finished_ones(tmp_path):
    build(tmp_path / "store.db")
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")

    def cancel_at_five_hours(done, total):
        if done >= 5 * HOUR:
            raise Cancelled

    try:
        with pytest.raises(Cancelled):
            run(store, start=utc(T0), until=utc(T0 + DAY), tick=timedelta(hours=1),
                progress=cancel_at_five_hours)
        assert store.clock() == T0 + 5 * HOUR  # committed although the group was not due
        entered = {e[1] for e in engine_result(store)["enrollments"] if e[0] == "healthy"}
        assert entered == {"c0", "c1", "c2", "c3", "c4"}
    finally:
        store.close()


def test_an_error_inside_a_tick_keeps_nothing_of_its_group(tmp_path, monkeypatch):
    build(tmp_path / "store.db")
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    from runtime.engine import loop

    calls = []
    real = loop.tick_steps

    def fails_in_the_fourth_working_tick(r, simulated_from):
        calls.append(1)
        if len(calls) == 4:
            r.conn.exec_driver_sql("DELETE FROM step_log")  # half a tick, to be undone
            raise OSError("disk gone")
        return real(r, simulated_from)

    monkeypatch.setattr(loop, "tick_steps", fails_in_the_fourth_working_tick)
    try:
        with pytest.raises(OSError):
            run(store, start=utc(T0), until=utc(T0 + DAY), tick=timedelta(hours=1))
        assert store.clock() is None  # the group's three finished ticks went with it
        assert engine_result(store)["enrollments"] == []
    finally:
        store.close()


def test_the_wal_is_checkpointed_beside_a_simulated_run_only_while_it_goes(tmp_path):
    import threading

    build(tmp_path / "store.db")
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    seen = []

    def names(done, total):
        seen.append({t.name for t in threading.enumerate()})

    try:
        run(store, start=utc(T0), until=utc(T0 + 6 * HOUR), tick=timedelta(hours=1),
            progress=names)
        assert seen and all("wal-checkpoints" in s for s in seen)
        assert "wal-checkpoints" not in {t.name for t in threading.enumerate()}
        run(store, until=utc(T0 + 7 * HOUR), progress=names)  # live: none
        assert "wal-checkpoints" not in seen[-1]
    finally:
        store.close()
