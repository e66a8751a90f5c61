"""Wait: an enrollment arriving is due at the wait's end (§4) and leaves by
`next` then. An event wait is due at its timeout, but also leaves by `event`
at the first matching event after it began, so it is looked at on every
pass and woken by its event."""
from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    case,
    distinct,
    func,
    insert,
    select,
    union_all,
    update,
)

from nodes.kinds.wait import DurationWait, ForEventWait, UntilDateWait, UntilTimeWait
from runtime.compile import where_clauses
from runtime.instants import FOREVER, epoch_of, next_time_of_day
from runtime.plan import Plan

from ..scratch import batch, inserted, lit
from ..state import Run
from .base import Step, at_node, register


def timeout_of(config: ForEventWait) -> int:
    return config.timeout.seconds if config.timeout else FOREVER


class WaitStep(Step):
    kind = "wait"
    outlet = "next"

    def fill(self, conn: Connection, run: Run, plan: Plan, node: str, config: Any) -> int:
        if not isinstance(config, ForEventWait):
            return super().fill(conn, run, plan, node, config)
        return fill_event_wait(conn, run, plan, node, config)

    def arrival_due(self, plan: Plan, node: str, config: Any) -> Any:
        if isinstance(config, UntilTimeWait):
            return None  # the next such time of day, in Python (set_due)
        if isinstance(config, UntilDateWait):
            fixed = lit(epoch_of(config.at))
            return case((batch.c.at < fixed, fixed), else_=batch.c.at)
        return batch.c.at + lit(fixed_length(config))  # duration, for_event: a fixed length

    def set_due(self, conn: Connection, plan: Plan, node: str, config: Any,
                arriving: Any) -> None:
        instants = conn.execute(select(distinct(batch.c.at)).where(arriving)).scalars().all()
        params = [{"b_at": a, "b_due": next_time_of_day(a, config.time, config.weekdays,
                                                        plan.timezone)} for a in instants]
        conn.execute(update(batch).where(arriving, batch.c.at == bindparam("b_at"))
                     .values(due=bindparam("b_due")), params)

    def earliest_move(self, run: Run, plan: Plan, node: str, config: Any, e: Any) -> Any:
        if not isinstance(config, ForEventWait):
            return e.c.at
        return func.coalesce(first_event(run, plan, config, e, e.c.at), e.c.at)

    def wakes_on(self, config: Any) -> set[str]:
        return {config.event} if isinstance(config, ForEventWait) else set()

    def always_ready(self, config: Any) -> bool:
        # fill finds nothing when no enrollment waits there.
        return isinstance(config, ForEventWait)


def fixed_length(config: Any) -> int:
    if isinstance(config, DurationWait):
        return config.duration.seconds if config.duration else 0
    return timeout_of(config)


def fill_event_wait(conn: Connection, run: Run, plan: Plan, node: str,
                    config: ForEventWait) -> int:
    """Leaves at the first matching event after the wait began (at − timeout),
    else by `timeout` once due. The first event is looked up once per row,
    into `due`, and then decides the instant and the outlet."""
    filled = inserted(conn, run.statement(("fill", plan.id, plan.version, node),
                                          lambda: event_wait_fill(run, plan, node, config)))
    if filled:
        conn.execute(run.prepared(LEAVE_BY_EVENT))
    return filled


LEAVE_BY_EVENT = update(batch).values(
    at=func.coalesce(batch.c.due, batch.c.at),
    outlet=case((batch.c.due.is_not(None), "event"), else_="timeout"), due=None)


def event_wait_fill(run: Run, plan: Plan, node: str, config: ForEventWait) -> Any:
    """Two disjoint parts, each led by an index, so an idle tick costs what is
    due and what is new, not what the waiting crowd is: the enrollments due by
    now (node index), and those not yet due whose customer has a matching
    event that became readable this tick (an IN list of those customers: a
    join led by the events made long simulated ticks three times slower, as
    SQLite then scanned the events once per waiting enrollment). An event read by an earlier tick
    already moved whoever it could; the first tick of a run reads the whole
    wait length."""
    e, now = run.t["enrollments"], run.now
    due = event_wait_rows(run, plan, config, e, e.c.at).where(
        *at_node(run, plan, node), e.c.at <= now)
    fr = run.events().alias("fr")
    since = now - lit(timeout_of(config)) if run.clock.since is None else run.since
    fresh = select(fr.c.customer_id).where(fr.c.name == config.event, fr.c.ts > since,
                                           fr.c.ts <= now)
    first = first_event(run, plan, config, e, now)
    early = event_wait_rows(run, plan, config, e, now).where(
        *at_node(run, plan, node), e.c.at > now, e.c.customer_id.in_(fresh), first.is_not(None))
    return insert(batch).from_select(FILL_COLUMNS, union_all(due, early))


FILL_COLUMNS = ["id", "customer_id", "entered_at", "at", "due"]


def event_wait_rows(run: Run, plan: Plan, config: ForEventWait, e: Any, upper: Any) -> Any:
    """Batch rows with the first matching event up to `upper` as `due` (none:
    they leave by `timeout` at the wait's end)."""
    return select(e.c.id, e.c.customer_id, e.c.entered_at, e.c.at,
                  first_event(run, plan, config, e, upper))


def first_event(run: Run, plan: Plan, config: ForEventWait, e: Any, upper: Any) -> Any:
    """The first matching event since the wait began (at − timeout), up to `upper`."""
    ev = run.events().alias("fe")
    ctx = run.context(plan, run.customers, e.c.customer_id, run.now, e.c.entered_at)
    return (select(func.min(ev.c.ts))
            .where(ev.c.customer_id == e.c.customer_id, ev.c.name == config.event,
                   ev.c.ts > e.c.at - lit(timeout_of(config)), ev.c.ts <= upper,
                   *where_clauses(ev, config.event, config.where, ctx))
            .correlate_except(ev).scalar_subquery())


register(WaitStep())
