"""The set-based runtime engine (journey-semantics §2–§7).

`run()` moves a clock from `start` to `until` in ticks. Each tick at `now`:
advance every enrollment whose instant has come as far as it can go; fire
triggers for instants in (cursor, now] in rounds (advancing after each);
decide frequency caps for the tick's touches in (instant, customer, journey)
order; mark conversions; save the trigger cursors and the clock. A tick is
one transaction (its steps, touches and clock commit together), so a crash
loses the unfinished tick only, which the next run repeats; nothing is lost
or doubled, and results do not depend on the tick size. A tick reads only
the events stored when it began; one stored later but dated before the
clock had already passed is marked late and never read (§4: it changes
nothing).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select, update

from nodes.kinds import NodeKind
from runtime.engine_context import Run, lit
from runtime.engine_steps import advance, due_by_node, recent_customers
from runtime.engine_touches import decide_touches
from runtime.engine_triggers import enter_round, find_candidates, save_cursors
from runtime.plan import Plan, cron_instants, next_time_of_day, to_epoch


def run(store: Any, *, start: datetime | None = None, until: datetime | None = None,
        tick: timedelta | None = None, progress: Callable[[int, int], Any] | None = None) -> dict:
    """Run published journeys over a (simulated, when `start` is given) clock."""
    r = Run(store)
    wall = int(time.time())
    end = int(until.timestamp()) if until is not None else wall
    # Live: from the last instant a run reached (a first run: one tick at `end`,
    # trigger cursors start at each version's publication anyway).
    begin = int(start.timestamp()) if start is not None else (store.clock() or end - 1)
    step = int(tick.total_seconds()) if tick is not None else max(end - begin, 1)
    if step <= 0:
        raise ValueError("tick must be positive")
    simulated = start is not None
    r.end = end
    totals = {"ticks": 0, "entered": 0, "steps": 0, "touches": 0, "from": begin, "until": end}
    now = begin
    resumed = store.clock()
    if simulated and resumed is not None and begin < resumed:
        # A restart of the same simulated run (after a crash) continues where it
        # stopped instead of replaying finished ticks and rewinding the clock.
        now = min(resumed, end)
    while now < end:
        now = min(now + step, end)
        r.now = now
        entered, steps, touches = run_tick(r, begin if simulated else None)
        r.since = now
        if steps or entered or touches:
            r.wake = None
        totals["ticks"] += 1
        totals["entered"] += entered
        totals["steps"] += steps
        totals["touches"] += touches
        if progress is not None:
            progress(now - begin, end - begin)
    if totals["ticks"]:
        r.now = now
        r.end_tick()  # idle ticks skip their own save
    totals["late_events"] = r.late_events
    return totals


def run_tick(r: Run, simulated_from: int | None) -> tuple[int, int, int]:
    if is_idle(r):
        return 0, 0, 0
    with r.tick():
        return tick_steps(r, simulated_from)


def tick_steps(r: Run, simulated_from: int | None) -> tuple[int, int, int]:
    """(entered, steps, touch decisions) of one tick."""
    touches_before = r.touches_made
    r.start_tick()
    stop_stopped(r)
    steps = advance(r)
    entered = 0
    plans = r.newest_active()
    pending = {}
    for plan in plans:
        initial = simulated_from if simulated_from is not None else r.published[
            (plan.id, plan.version)]
        pending[plan.id] = find_candidates(r, plan, initial)
    while any(pending.values()):
        # Budgeted rewards are granted in (instant, customer) order: only below
        # the earliest entry still undecided (it may reach them earlier).
        left = sum(len(v) for c in pending.values() for v in c.values())
        for plan in plans:
            if pending[plan.id]:
                entered += enter_round(r, plan, pending[plan.id])
        r.budget_bound = {jid: min(items[0][0] for items in c.values())
                          for jid, c in pending.items() if c}
        moved = advance(r)
        steps += moved
        if not moved and left == sum(len(v) for c in pending.values() for v in c.values()):
            r.budget_bound = {}  # no progress possible under the bound (cannot happen)
    r.budget_bound = {}
    steps += advance(r)
    decide_touches(r)
    for plan in r.runnable():
        mark_conversions(r, plan)
    save_cursors(r, plans)
    r.end_tick()
    return entered, steps, r.touches_made - touches_before


def watched_events(r: Run) -> set[str]:
    """Event names whose arrival can make something happen."""
    names: set[str] = set()
    for plan in r.runnable():
        meta = plan.meta
        names |= {m.event for m in (meta.goal, meta.exit_when) if m is not None}
        for node in plan.journey.node_ids():
            cfg = plan.config(node)
            if plan.kind(node) in (NodeKind.trigger, NodeKind.wait) and getattr(
                    cfg, "type", None) in ("event", "for_event"):
                names.add(cfg.event)
    return names


def is_idle(r: Run) -> bool:
    """Nothing can happen in (since, now]: no enrollment due, no watched
    event, no clock trigger instant. Skipping such ticks changes no result;
    the next instant anything can happen is cached until it is reached."""
    if r.since is None or any(state == "stopped" for state in r.states.values()):
        return False
    if r.wake is None:
        r.wake = next_wake(r)
    if r.wake is not None and r.wake <= r.now:
        r.wake = None
        return False
    return True


def next_wake(r: Run) -> int | None:
    """The first instant after `since` at which a tick has work."""
    found: list[int] = []
    for plan in r.newest_active():
        for node in plan.nodes_of(NodeKind.trigger):
            cfg = plan.config(node)
            if cfg.type == "schedule" and to_epoch(cfg.at) > r.since:
                found.append(to_epoch(cfg.at))
            elif cfg.type == "recurring":
                found += cron_instants(cfg.cron, plan.timezone, r.since, r.since + 8 * 86400)[:1]
            elif cfg.type == "key_date":  # some customer's key date may fall at this time
                found.append(next_time_of_day(r.since + 1, cfg.time, None, plan.timezone))
    ev = r.events()
    names = sorted(watched_events(r))
    if names:
        with r.tx() as conn:
            event = conn.execute(select(func.min(ev.c.ts)).where(
                ev.c.name.in_(names), ev.c.ts > lit(r.since))).scalar()
        found += [event] if event is not None else []
    for plan in r.runnable():  # paused versions hold their enrollments
        found += due_by_node(r, plan).values()
    # Recurring triggers further than a week away: look again in a week.
    return min(found) if found else r.since + 8 * 86400


def stop_stopped(r: Run) -> None:
    """Enrollments of a stopped version exit with reason `stopped`."""
    e = r.t["enrollments"]
    with r.tx() as conn:
        for (jid, version), state in r.states.items():
            if state == "stopped":
                conn.execute(update(e).where(e.c.journey_id == jid, e.c.version == version,
                                             e.c.status == "active")
                             .values(status="exited", exit_reason="stopped",
                                     ended_at=lit(r.now)))


def mark_conversions(r: Run, plan: Plan) -> None:
    """First goal event in (entered_at, entered_at + within], seen by now;
    completed enrollments convert too, exited ones only before they left."""
    goal = plan.meta.goal
    if goal is None:
        return
    e, ev = r.t["enrollments"], r.events().alias("ge")
    now = lit(r.now)
    upper = now
    if goal.within is not None:
        limit = e.c.entered_at + lit(goal.within.seconds)
        upper = case((limit < now, limit), else_=now)
    from runtime.compile import where_clauses

    ctx = r.context(plan, r.customers, e.c.customer_id, upper, e.c.entered_at)
    first = (select(func.min(ev.c.ts))
             .where(ev.c.customer_id == e.c.customer_id, ev.c.name == goal.event,
                    ev.c.ts > e.c.entered_at, ev.c.ts <= upper,
                    *where_clauses(ev, goal.event, goal.where, ctx))
             .correlate_except(ev).scalar_subquery())
    found = recent_customers(r, [goal.event])
    recent = []
    if found is not None:  # UPDATE … FROM those customers, by (journey, customer)
        found = found.subquery("recent")
        recent = [e.c.customer_id == found.c.customer_id]
    with r.tx() as conn:
        conn.execute(update(e).where(
            *recent,
            e.c.journey_id == plan.id, e.c.version == plan.version, e.c.converted_at.is_(None),
            first.is_not(None),
            (e.c.status != "exited") | (first <= e.c.ended_at),
        ).values(converted_at=first))
