"""Event trigger: enrolls at the timestamp of each matching event (§4)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Connection, bindparam, distinct, select

from runtime.compile import where_clauses
from runtime.plan import Plan

from ..state import Run
from .base import Matches, TriggerType, audience, register


class EventTrigger(TriggerType):
    name = "event"

    def candidates(self, run: Run, conn: Connection, plan: Plan, node: str, config: Any,
                   low: int, high: int) -> Matches:
        query = run.statement(("event trigger", plan.id, plan.version, node, config.audience is None),
                              lambda: self.query(run, plan, config))
        return [(r[0], r[1]) for r in conn.execute(query, {"low": low, "high": high})]

    def query(self, run: Run, plan: Plan, config: Any) -> Any:
        c = run.customers.alias("c")
        ev = run.events().alias("te")
        ctx = run.context(plan, c, ev.c.customer_id, ev.c.ts, ev.c.ts)
        return (select(distinct(ev.c.customer_id), ev.c.ts)
                .select_from(ev.join(c, c.c.customer_id == ev.c.customer_id))
                .where(ev.c.name == config.event,
                       ev.c.ts > bindparam("low", type_=BigInteger),
                       ev.c.ts <= bindparam("high", type_=BigInteger),
                       *where_clauses(ev, config.event, config.where, ctx),
                       *audience(run, plan, config, c, ev.c.ts)))

    def wakes_on(self, config: Any) -> set[str]:
        return {config.event}


register(EventTrigger())
