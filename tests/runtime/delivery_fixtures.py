"""Stores with sent touches waiting for delivery, and helpers to drive the
dispatcher until nothing is due."""
from __future__ import annotations

import time
from typing import Any

from sqlalchemy import func, insert, select

from runtime.delivery import Dispatcher, parse_config, save_channel
from runtime.store import schema
from tests.runtime.engine_fixtures import T0, add_customers, chain, journey, publish

TINY = {"backoff": 0.02, "max_backoff": 0.2}  # retries in hundredths of a second


def sent_touches(store: Any, channel: str, customers: list[dict], *,
                 template: str = "您好{{ name }}", subject: str | None = None,
                 title: str | None = None, at: int = T0, journey_id: str = "j") -> list[int]:
    """Publish a journey with one touch node and record a sent touch per
    customer at `at`, as the engine would; returns the touch ids."""
    j = journey(journey_id)
    config: dict[str, Any] = {"channel": channel, "template": template}
    if subject is not None:
        config["subject"] = subject
    if title is not None:
        config["title"] = title
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}), ("s", "touch", config))
    publish(store, j)
    add_customers(store, customers)
    t = schema.touches
    with store.engine.begin() as conn:
        first = (conn.execute(select(func.max(t.c.enrollment_id))).scalar() or 0) + 1
        conn.execute(insert(t), [
            {"enrollment_id": first + i, "journey_id": journey_id, "version": 1,
             "customer_id": c["customer_id"], "node_id": "s", "channel": channel, "at": at,
             "status": "sent", "delivery_state": "pending"}
            for i, c in enumerate(customers)])
        return list(conn.execute(select(t.c.id).where(t.c.journey_id == journey_id)
                                 .order_by(t.c.id)).scalars())


def customers(n: int, prefix: str = "c", **extra: Any) -> list[dict]:
    return [{"customer_id": f"{prefix}{i}", "name": f"客户{i}", **extra} for i in range(n)]


def configure(store: Any, channel: str, adapter: str, **options: Any) -> None:
    save_channel(store, channel, parse_config(channel, adapter, options))


def deliver_until_settled(store: Any, *, timeout: float = 15.0, **options: Any) -> list:
    """Run passes (one Dispatcher, as the live runtime would) until no touch
    is pending or retrying; returns every pass's result."""
    results = []
    deadline = time.monotonic() + timeout
    with Dispatcher(store, **options) as dispatcher:
        while True:
            results.append(dispatcher.run_once())
            if not open_touches(store):
                return results
            due = results[-1].next_due_ms
            wait = 0.005 if due is None else max(0.0, due / 1000 - time.time())
            assert time.monotonic() + wait < deadline, "deliveries did not settle in time"
            time.sleep(wait + 0.001)


def open_touches(store: Any) -> int:
    t = schema.touches
    with store.engine.connect() as conn:
        return len(conn.execute(select(t.c.id).where(
            t.c.status == "sent", t.c.delivery_state.in_(("pending", "retrying")))).all())


def states(store: Any) -> dict[int, tuple]:
    """touch id → (state, reason, detail, attempts)."""
    t = schema.touches
    with store.engine.connect() as conn:
        return {r.id: (r.delivery_state, r.delivery_reason, r.delivery_detail,
                       r.delivery_attempts)
                for r in conn.execute(select(t).where(t.c.status == "sent"))}


def attempt_rows(store: Any, touch_id: int) -> list:
    a = schema.delivery_attempts
    with store.engine.connect() as conn:
        return list(conn.execute(select(a).where(a.c.touch_id == touch_id)
                                 .order_by(a.c.attempt)))
