"""Key-date trigger: enrolls each customer at date(attribute) + offset_days at
`time`, every year when `yearly` (§4)."""
from __future__ import annotations

import bisect
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, delete, exists, insert, literal, select

from runtime.compile import compile_condition, fixed_offset
from runtime.instants import key_date_instants, next_time_of_day
from runtime.plan import Plan

from ..scratch import candidates as candidates_table
from ..state import Run
from .base import Matches, TriggerType, register


class KeyDateTrigger(TriggerType):
    name = "key_date"

    def candidates(self, run: Run, conn: Connection, plan: Plan, node: str, config: Any,
                   low: int, high: int) -> Matches:
        c = run.customers.alias("c")
        if config.attribute not in c.c:
            return []
        instants = key_instants(run, conn, plan, node, config, c, low, high)
        first = bisect.bisect_right(instants, low, key=lambda pair: pair[0])
        last = bisect.bisect_right(instants, high, key=lambda pair: pair[0])
        pairs = [{"journey_id": plan.id, "version": plan.version, "customer_id": cid, "t": t,
                  "node_id": ""} for t, cid in instants[first:last]]
        if not pairs or config.audience is None:
            return [(p["customer_id"], p["t"]) for p in pairs]
        return in_audience(run, conn, plan, config, c, pairs)

    def next_instant(self, config: Any, tz: str, after: int) -> int | None:
        # Some customer's key date may fall at the next such time of day.
        return next_time_of_day(after + 1, config.time, None, tz)


def key_instants(run: Run, conn: Connection, plan: Plan, node: str, config: Any, c: Any,
                 low: int, high: int) -> list[tuple[int, str]]:
    """Every customer's key instants up to the run's end, sorted, computed once
    per run (one pass over the customers, not one per tick)."""
    key = (plan.id, plan.version, node)
    cache = run.caches.key_dates
    if key not in cache or cache[key][0] > low:
        off = fixed_offset(plan.timezone)
        found = []
        for cid, value in conn.execute(select(c.c.customer_id, c.c[config.attribute])
                                       .where(c.c[config.attribute].is_not(None))):
            if isinstance(value, int):  # a datetime attribute: its local calendar date
                value = datetime.fromtimestamp(value + off, UTC).date()
            if isinstance(value, date):
                found += [(t, cid) for t in key_date_instants(
                    value, config.offset_days, config.time, config.yearly, plan.timezone, low,
                    max(high, run.clock.end))]
        cache[key] = (low, sorted(found))
    return cache[key][1]


def in_audience(run: Run, conn: Connection, plan: Plan, config: Any, c: Any,
                pairs: list[dict]) -> Matches:
    """The (customer, instant) pairs whose audience holds at their own instant."""
    conn.execute(delete(candidates_table))
    conn.execute(insert(candidates_table), pairs)
    t = candidates_table
    ctx = run.context(plan, c, t.c.customer_id, t.c.t, t.c.t)
    query = select(t.c.customer_id, t.c.t).where(exists(
        select(literal(1)).select_from(c).where(
            c.c.customer_id == t.c.customer_id, compile_condition(config.audience, ctx))))
    rows = [(r[0], r[1]) for r in conn.execute(query)]
    conn.execute(delete(candidates_table))
    return rows


register(KeyDateTrigger())
