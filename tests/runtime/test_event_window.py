"""Which events a tick reads on PostgreSQL, where ids are handed out when an
insert runs, not when it commits: an event whose transaction commits after a
later one's must still be read at its instant (or marked late), never lost
between the two."""
from __future__ import annotations

import threading
import time
from datetime import timedelta

from runtime.engine import Runner
from tests.runtime.engine_fixtures import (
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


def test_an_insert_still_in_flight_when_a_tick_starts_is_waited_for(postgres_store):
    store = postgres_store
    j = journey("j")
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("s", "touch", {"channel": "push", "template": "欢迎"}))
    add_customers(store, [{"customer_id": c} for c in ("slow", "fast")])
    publish(store, j, published_at=T0)
    store.save_clock(T0, None)
    events = store.tables["events"]
    slow = store.engine.connect()
    transaction = slow.begin()
    # "slow" takes the lower id and commits last.
    slow.execute(events.insert().values(customer_id="slow", name="register", ts=T0 + 60))
    add_events(store, [("fast", "register", T0 + 60)])

    ticked = threading.Event()

    def tick() -> None:
        Runner(store).run(until=utc(T0 + HOUR), tick=timedelta(minutes=10))
        ticked.set()

    runner = threading.Thread(target=tick)
    runner.start()
    try:
        time.sleep(0.5)
        waited = not ticked.is_set()  # waiting for the insert in flight
    finally:
        transaction.commit()
        slow.close()
        runner.join(timeout=30)
    assert waited
    assert ticked.is_set()
    assert sorted(t[1] for t in engine_result(store)["touches"]) == ["fast", "slow"]
