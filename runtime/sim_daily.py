"""A simulated journey's numbers per day: touches per channel (sent and held
back), entries, conversions, and each reward's spend against its budget.

Day k is the k-th 24 hours from the simulation's start, labelled with the
local date it starts on (the store's timezone), so the days line up with the
1-day ticks the simulation ran."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from nodes import fileformat

from .store import Store, schema

DAY = 86_400


def daily_numbers(store: Store, journey_id: str, version: int, start: int,
                  days: int, before: dict[str, int] | None = None) -> dict[str, Any]:
    """Only rows the simulation added (ids above `before`), and conversions of
    any enrollment that happened in the simulated days."""
    before = before or {}
    zone = store.policies().zone()
    e, t = schema.enrollments, schema.touches
    out: dict[str, Any] = {
        "days": [datetime.fromtimestamp(start + k * DAY, zone).date().isoformat()
                 for k in range(days)],
        "touches": {}, "suppressed": {}, "entered": [0] * days, "converted": [0] * days,
        "rewards": {}}

    def day(column: Any) -> Any:
        return (column - start) // DAY

    def grouped(*columns: Any, where: list[Any], at: Any) -> list[Any]:
        k = day(at)
        with store.engine.connect() as conn:
            return conn.execute(select(*columns, k, func.count()).where(*where)
                                .group_by(*columns, k)).all()

    mine_t = [t.c.journey_id == journey_id, t.c.version == version,
              t.c.id > before.get("touches", 0)]
    for channel, status, k, n in grouped(t.c.channel, t.c.status, where=mine_t, at=t.c.at):
        key = "touches" if status == "sent" else "suppressed" if status == "suppressed" else None
        if key and 0 <= k < days:
            out[key].setdefault(channel, [0] * days)[k] += n
    for channel in out["suppressed"]:
        out["touches"].setdefault(channel, [0] * days)
    mine_e = [e.c.journey_id == journey_id, e.c.version == version]
    for k, n in grouped(where=[*mine_e, e.c.id > before.get("enrollments", 0)],
                        at=e.c.entered_at):
        if 0 <= k < days:
            out["entered"][k] += n
    for k, n in grouped(where=[*mine_e, e.c.converted_at.is_not(None)], at=e.c.converted_at):
        if 0 <= k < days:
            out["converted"][k] += n
    out["rewards"] = _rewards(store, journey_id, version, start, days, out["days"],
                              before.get("rewards", 0))
    return out


def _rewards(store: Store, journey_id: str, version: int, start: int, days: int,
             labels: list[str], after_id: int) -> dict[str, Any]:
    """Per reward node: amount granted per day, its budget, and the first day a
    customer was refused because the budget was spent (None if it lasted)."""
    r = schema.rewards
    document = store.journey_version(journey_id, version).document
    journey = fileformat.loads(document)
    nodes = {n: journey.config(n) for n in journey.node_ids() if journey.kind(n) == "reward"}
    out = {node: {"benefit": cfg.benefit.value, "budget": cfg.budget,
                  "granted": [0.0] * days, "runs_out": None} for node, cfg in nodes.items()}
    k = (r.c.at - start) // DAY
    query = (select(r.c.node_id, r.c.status, k, func.sum(r.c.amount))
             .where(r.c.journey_id == journey_id, r.c.version == version, r.c.id > after_id)
             .group_by(r.c.node_id, r.c.status, k).order_by(k))
    with store.engine.connect() as conn:
        for node, status, day, amount in conn.execute(query):
            if node not in out or not 0 <= day < days:
                continue
            if status == "granted":
                out[node]["granted"][day] += float(amount or 0)
            elif status == "exhausted" and out[node]["runs_out"] is None:
                out[node]["runs_out"] = labels[day]
    return out
