"""Trigger types, each answering "who may enter in (low, high]" and "when
may I fire next after t", the way APScheduler 3.x's triggers answer
`get_next_fire_time`: from time (and the store) alone, never from a tick's
own bookkeeping. The entry rounds (`entries`) decide who actually enters."""
from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Connection, select

from nodes.registry import Registry, UnknownNameError
from runtime.compile import compile_condition
from runtime.plan import Plan

from ..scratch import lit
from ..state import Run

HORIZON = 8 * 86400
"""How far ahead the engine looks for a clock trigger's next instant; when
nothing is found, it looks again from there."""

Matches = list[tuple[str, int]]  # (customer, instant)


class TriggerType:
    name: ClassVar[str]  # the trigger config's `type`

    def candidates(self, run: Run, conn: Connection, plan: Plan, node: str, config: Any,
                   low: int, high: int) -> Matches:
        """Customers who may enter at an instant in (low, high], their audience
        holding at that instant."""
        raise NotImplementedError

    def next_instant(self, config: Any, tz: str, after: int) -> int | None:
        """The first instant after `after` (within HORIZON) it may fire at, or
        None when only its events (`wakes_on`) can make it fire."""
        return None

    def wakes_on(self, config: Any) -> set[str]:
        """Event names whose arrival can make it fire."""
        return set()


class ClockTrigger(TriggerType):
    """Fires for everyone in the audience at instants that depend on time only."""

    def instants(self, config: Any, tz: str, low: int, high: int) -> list[int]:
        raise NotImplementedError

    def candidates(self, run: Run, conn: Connection, plan: Plan, node: str, config: Any,
                   low: int, high: int) -> Matches:
        c = run.customers.alias("c")
        out = []
        for t in self.instants(config, plan.timezone, low, high):
            if low < t <= high:
                query = select(c.c.customer_id).where(*audience(run, plan, config, c, lit(t)))
                out += [(cid, t) for cid in conn.execute(query).scalars()]
        return out


def audience(run: Run, plan: Plan, config: Any, c: Any, at: Any) -> list:
    """The trigger's audience as of `at`, as where-clauses on customers `c`."""
    if config.audience is None:
        return []
    ctx = run.context(plan, c, c.c.customer_id, at, at)
    return [compile_condition(config.audience, ctx)]


class UnknownTriggerError(UnknownNameError):
    """A trigger `type` the engine cannot fire."""


TRIGGER_TYPES: Registry[TriggerType] = Registry("trigger type", lambda t: t.name,
                                                UnknownTriggerError)
register, unregister, trigger_for, trigger_types = (
    TRIGGER_TYPES.register, TRIGGER_TYPES.unregister, TRIGGER_TYPES.get, TRIGGER_TYPES.names)
