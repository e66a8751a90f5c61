"""Event trigger: enrolls at the timestamp of each matching event (§4)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, distinct, select

from runtime.compile import where_clauses
from runtime.plan import Plan

from ..scratch import lit
from ..state import Run
from .base import Matches, TriggerType, audience, register


class EventTrigger(TriggerType):
    name = "event"

    def candidates(self, run: Run, conn: Connection, plan: Plan, node: str, config: Any,
                   low: int, high: int) -> Matches:
        c = run.customers.alias("c")
        ev = run.events().alias("te")
        ctx = run.context(plan, c, ev.c.customer_id, ev.c.ts, ev.c.ts)
        query = (select(distinct(ev.c.customer_id), ev.c.ts)
                 .select_from(ev.join(c, c.c.customer_id == ev.c.customer_id))
                 .where(ev.c.name == config.event, ev.c.ts > lit(low), ev.c.ts <= lit(high),
                        *where_clauses(ev, config.event, config.where, ctx),
                        *audience(run, plan, config, c, ev.c.ts)))
        return [(r[0], r[1]) for r in conn.execute(query)]

    def wakes_on(self, config: Any) -> set[str]:
        return {config.event}


register(EventTrigger())
