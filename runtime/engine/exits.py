"""How enrollments end other than by an outlet (§6): goal and exit_when
events, a stopped version; and conversions, marked by goal events."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, case, delete, func, insert, or_, select, update

from runtime.compile import where_clauses
from runtime.plan import Plan

from .errors import blame
from .scratch import batch, batch_filled, clear_batch, ensure_scratch, lit
from .state import Run


def first_event_after_entry(run: Run, plan: Plan, event: str, where: list, upper: Any) -> Any:
    """First matching event with entered_at < ts <= upper, per batch row."""
    ev = run.events().alias("xe")
    ctx = run.context(plan, run.customers, batch.c.customer_id, upper, batch.c.entered_at)
    return (select(func.min(ev.c.ts))
            .where(ev.c.customer_id == batch.c.customer_id, ev.c.name == event,
                   ev.c.ts > batch.c.entered_at, ev.c.ts <= upper,
                   *where_clauses(ev, event, where, ctx))
            .correlate_except(ev).scalar_subquery())


def apply_exits(conn: Connection, run: Run, plan: Plan, held: bool = False) -> int:
    """Goal (exit_on_goal) and exit_when: an enrollment exits at the first such
    event te <= the instant it would leave its node (`held`: or now, if that
    is later); no step at or after te."""
    if not exiting_events(plan) or not any_recent(run, conn, plan):
        return 0
    statements = run.statement(("exits", plan.id, plan.version, held),
                               lambda: exit_statements(run, plan, held))
    found = sum(conn.execute(statement).rowcount for statement in statements[:-2])
    if not found:
        return 0
    n = conn.execute(statements[-2]).rowcount
    conn.execute(statements[-1])
    return n


def any_recent(run: Run, conn: Connection, plan: Plan) -> bool:
    """Whether some customer has an exiting event in (since, now]: earlier
    ones were applied by the previous tick's end (`exit_waiting`). Asked once
    per tick and version."""
    key = ("recent", plan.id, plan.version)
    if key not in run.tick_facts:
        run.tick_facts[key] = run.clock.since is None or conn.execute(run.statement(
            key, lambda: recent_customers(run, exiting_events(plan)).limit(1))).first() is not None
    return run.tick_facts[key]


def exit_statements(run: Run, plan: Plan, held: bool) -> list:
    upper = case((batch.c.at < run.now, batch.c.at), else_=run.now) if held else batch.c.at
    goal, exit_when = plan.meta.goal, plan.meta.exit_when
    recent = recent_customers(run, exiting_events(plan))
    only = [batch.c.customer_id.in_(recent)] if recent is not None else []
    out = []
    if goal is not None and goal.exit_on_goal:
        bound = upper
        if goal.within is not None:
            limit = batch.c.entered_at + lit(goal.within.seconds)
            bound = case((limit < upper, limit), else_=upper)
        te = first_event_after_entry(run, plan, goal.event, goal.where, bound)
        out.append(update(batch).where(*only, te.is_not(None))
                   .values(exit_at=te, exit_reason="goal"))
    if exit_when is not None:
        te = first_event_after_entry(run, plan, exit_when.event, exit_when.where, upper)
        out.append(update(batch).where(*only, te.is_not(None), or_(
            batch.c.exit_at.is_(None), te < batch.c.exit_at))
            .values(exit_at=te, exit_reason="exit_when"))
    e = run.t["enrollments"]
    out.append(update(e).where(e.c.id == batch.c.id, batch.c.exit_at.is_not(None))
               .values(status="exited", exit_reason=batch.c.exit_reason,
                       ended_at=batch.c.exit_at))
    out.append(delete(batch).where(batch.c.exit_at.is_not(None)))
    return out


def exiting_events(plan: Plan) -> list[str]:
    """The events that end an enrollment early: an exiting goal's, exit_when's."""
    goal, exit_when = plan.meta.goal, plan.meta.exit_when
    return ([goal.event] if goal is not None and goal.exit_on_goal else []) + (
        [exit_when.event] if exit_when is not None else [])


def recent_customers(run: Run, names: list[str]) -> Any:
    """Customers with one of these events in (since, now], or None on a run's
    first tick. Every tick ends by looking at all events up to its clock
    (exit_waiting), so later ticks only need the customers with newer ones."""
    if run.clock.since is None:
        return None
    ev = run.events()
    return select(ev.c.customer_id).where(
        ev.c.name.in_(names), ev.c.ts > run.since, ev.c.ts <= run.now).distinct()


def exit_waiting(run: Run) -> None:
    """Enrollments whose goal/exit event already happened before their next step."""
    for plan in run.runnable():
        if not exiting_events(plan):
            continue
        with run.tx() as conn, blame(plan):
            if not any_recent(run, conn, plan):
                continue
            ensure_scratch(conn)
            clear_batch(conn, run)
            batch_filled(conn)
            conn.execute(run.statement(("waiting", plan.id, plan.version),
                                       lambda plan=plan: waiting_fill(run, plan)))
            # One still due but held (for an ordering) steps at its instant
            # first, unless the event came before it.
            apply_exits(conn, run, plan, held=True)


def waiting_fill(run: Run, plan: Plan) -> Any:
    e = run.t["enrollments"]
    recent = recent_customers(run, exiting_events(plan))
    rows = select(e.c.id, e.c.customer_id, e.c.entered_at, e.c.at)
    if recent is not None:  # from those customers, by (journey, customer)
        r = recent.subquery("recent")
        rows = rows.select_from(r.join(e, (e.c.journey_id == plan.id)
                                       & (e.c.customer_id == r.c.customer_id)))
    rows = rows.where(e.c.journey_id == plan.id, e.c.version == plan.version,
                      e.c.status == "active")
    return insert(batch).from_select(["id", "customer_id", "entered_at", "at"], rows)


def stop_stopped(run: Run) -> None:
    """Enrollments of a stopped version exit with reason `stopped`, at the
    instant the version was ended (whatever the tick), else at the run's now."""
    e = run.t["enrollments"]
    with run.tx() as conn:
        for jid, version in run.versions.stopped():
            at = run.versions.ended.get((jid, version), run.clock.now)
            conn.execute(update(e).where(e.c.journey_id == jid, e.c.version == version,
                                         e.c.status == "active")
                         .values(status="exited", exit_reason="stopped",
                                 ended_at=lit(at)))


def mark_conversions(run: Run, plan: Plan) -> None:
    """First goal event in (entered_at, entered_at + within], seen by now;
    completed enrollments convert too, exited ones only before they left."""
    if plan.meta.goal is None:
        return
    with run.tx() as conn:
        conn.execute(run.statement(("conversions", plan.id, plan.version),
                                   lambda: conversions(run, plan)))


def conversions(run: Run, plan: Plan) -> Any:
    goal = plan.meta.goal
    e, ev = run.t["enrollments"], run.events().alias("ge")
    now = run.now
    upper = now
    if goal.within is not None:
        limit = e.c.entered_at + lit(goal.within.seconds)
        upper = case((limit < now, limit), else_=now)
    ctx = run.context(plan, run.customers, e.c.customer_id, upper, e.c.entered_at)
    first = (select(func.min(ev.c.ts))
             .where(ev.c.customer_id == e.c.customer_id, ev.c.name == goal.event,
                    ev.c.ts > e.c.entered_at, ev.c.ts <= upper,
                    *where_clauses(ev, goal.event, goal.where, ctx))
             .correlate_except(ev).scalar_subquery())
    found = recent_customers(run, [goal.event])
    recent = []
    if found is not None:  # UPDATE … FROM those customers, by (journey, customer)
        found = found.subquery("recent")
        recent = [e.c.customer_id == found.c.customer_id]
    return update(e).where(
        *recent,
        e.c.journey_id == plan.id, e.c.version == plan.version, e.c.converted_at.is_(None),
        first.is_not(None),
        (e.c.status != "exited") | (first <= e.c.ended_at),
    ).values(converted_at=first)
