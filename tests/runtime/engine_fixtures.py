"""Helpers for engine and reference tests: build journeys, fill a store,
publish, and read results from both interpreters in one comparable shape."""
from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from nodes.fileformat import dumps
from nodes.journey import Journey
from nodes.meta import JourneyMeta
from runtime.store import Store
from runtime.store.schema import tags_to_text
from tests.reference import Result

T0 = int(datetime(2024, 6, 3, 0, 0, tzinfo=UTC).timestamp())  # Mon 08:00 Shanghai
HOUR, DAY = 3600, 86400


def journey(jid: str = "j", **meta: Any) -> Journey:
    return Journey(JourneyMeta(id=jid, **meta))


def chain(j: Journey, *steps: tuple[str, str, dict]) -> list[str]:
    """Add nodes (id, kind, config) and connect each to the next by `next`."""
    for node_id, kind, config in steps:
        j.add_node(kind, config, node_id=node_id)
    ids = [s[0] for s in steps]
    for a, b in itertools.pairwise(ids):
        j.connect(a, "next", b)
    return ids


def publish(store, j: Journey, version: int = 1, published_at: int = 0,
            state: str = "active") -> None:
    text = dumps(j)
    with store.engine.begin() as conn:
        conn.execute(store.tables["journey_versions"].insert().values(
            journey_id=j.id, version=version, content_hash=hashlib.sha256(
                text.encode()).hexdigest(), document=text, published_at=published_at,
            state=state))


def add_customers(store, rows: list[dict]) -> None:
    rows = [{**r, "tags": tags_to_text(r["tags"])} if "tags" in r else r for r in rows]
    columns = set().union(*(r.keys() for r in rows))
    rows = [{c: r.get(c) for c in columns} for r in rows]
    with store.engine.begin() as conn:
        conn.execute(store.customers_table().insert(), rows)


def add_events(store, rows: list[tuple]) -> None:
    """(customer_id, name, ts[, properties json])."""
    with store.engine.begin() as conn:
        conn.execute(store.tables["events"].insert(), [
            {"customer_id": r[0], "name": r[1], "ts": r[2], "properties": r[3] if len(r) > 3 else None}
            for r in rows])


@contextmanager
def fresh_store(backend: str, tmp_path, request, name: str) -> Iterator[Any]:
    """An empty store on "sqlite" (a file in tmp_path) or "postgresql" (a
    database of its own on the test server, dropped afterwards)."""
    if backend == "sqlite":
        opened = Store(f"sqlite:///{tmp_path / f'{name}.db'}")
        yield opened
        opened.close()
        return
    from tests.runtime.postgres_server import drop_database, new_database

    server = request.getfixturevalue("postgres_server_url")
    url = new_database(server)
    opened = Store(url)
    try:
        yield opened
    finally:
        opened.close()
        drop_database(server, url)


def utc(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def run_engine(store, start: int, until: int, tick: int) -> dict:
    """The run's totals (what `journey-runtime run` prints)."""
    from runtime.engine import run

    return run(store, start=utc(start), until=utc(until), tick=timedelta(seconds=tick))


def engine_result(store) -> dict[str, list]:
    t = store.tables
    e = t["enrollments"]
    with store.engine.connect() as conn:
        enrollments = {r.id: r for r in conn.execute(select(e))}
        key = {i: (r.journey_id, r.customer_id, r.entered_at) for i, r in enrollments.items()}
        return {
            "enrollments": sorted(
                (r.journey_id, r.customer_id, r.entered_at, r.status, r.exit_reason, r.node_id,
                 r.at if r.status == "active" else None, r.ended_at, r.converted_at)
                for r in enrollments.values()),
            "steps": sorted((*key[r.enrollment_id], r.node_id, r.outlet, r.at)
                            for r in conn.execute(select(t["step_log"]))),
            "touches": sorted((*key[r.enrollment_id], r.node_id, r.channel, r.at, r.status,
                               r.reason) for r in conn.execute(select(t["touches"]))),
            "rewards": sorted((*key[r.enrollment_id], r.node_id, r.at, r.status)
                              for r in conn.execute(select(t["rewards"]))),
        }


def reference_result(result: Result) -> dict[str, list]:
    return {
        "enrollments": sorted(
            (x.journey_id, x.customer_id, x.entered_at, x.status, x.exit_reason, x.node_id,
             x.at if x.status == "active" else None, x.ended_at, x.converted_at)
            for x in result.enrollments),
        "steps": sorted((s["journey_id"], s["customer_id"], s["entered_at"], s["node_id"],
                         s["outlet"], s["at"]) for s in result.steps),
        "touches": sorted((x["journey_id"], x["customer_id"], x["entered_at"], x["node_id"],
                           x["channel"], x["at"], x["status"], x["reason"])
                          for x in result.touches),
        "rewards": sorted((x["journey_id"], x["customer_id"], x["entered_at"], x["node_id"],
                           x["at"], x["status"]) for x in result.rewards),
    }
