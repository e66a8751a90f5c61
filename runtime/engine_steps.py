"""Set-based steps: every active enrollment at one node whose instant has come
moves in a few statements (exit check, the node's decision, step_log, touches
or rewards, new position), then the loop repeats until nothing can move. All
of a tick's steps share its transaction (`Run.tick`)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Text,
    and_,
    bindparam,
    case,
    delete,
    distinct,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)

from nodes.configs import ForEventWait, UntilTimeWait
from nodes.kinds import NodeKind
from runtime import hashing
from runtime.compile import compile_condition, where_clauses
from runtime.engine_context import Run, batch, blame, ensure_scratch, lit
from runtime.engine_nodes import reward_step, touch_step, update_step
from runtime.plan import Plan, for_event_timeout, next_time_of_day, to_epoch, wait_due


def advance(run: Run) -> int:
    """Move every enrollment as far as it can go up to `run.now`. Budgeted
    rewards wait until all else has settled, so grants follow (instant, customer)."""
    moved_total = 0
    while True:
        moved = 0
        for plan, node in ready_nodes(run, budgeted=False):
            moved += step_node(run, plan, node)
        if not moved:
            moved += grant_in_order(run)
        moved_total += moved
        if not moved:
            break
    exit_waiting(run)
    return moved_total


def grant_in_order(run: Run) -> int:
    """Budgeted rewards once all else has settled: per journey, the node with
    the earliest waiting enrollment first, and only up to the earliest one
    waiting at another budgeted node (its grants may lead here)."""
    earliest: dict[str, list[tuple[int, str, Plan]]] = {}
    for plan in run.runnable():
        waiting = [(at, node, plan) for node, at in due_by_node(run, plan).items()
                   if at <= run.now and _budgeted(plan, node)]
        if waiting:
            earliest.setdefault(plan.id, []).extend(waiting)
    moved = 0
    for found in earliest.values():
        found.sort(key=lambda item: (item[0], item[1]))
        _, node, plan = found[0]
        run.series_bound = found[1][0] if len(found) > 1 else None
        try:
            moved += step_node(run, plan, node)
        finally:
            run.series_bound = None
    return moved


def _budgeted(plan: Plan, node: str) -> bool:
    return plan.kind(node) == NodeKind.reward and plan.config(node).budget is not None


def ready_nodes(run: Run, budgeted: bool) -> list[tuple[Plan, str]]:
    """Nodes with an enrollment due by now (for_event waits: any enrollment,
    since a matching event may let it leave early)."""
    out = []
    for plan in run.runnable():
        due = due_by_node(run, plan)
        for node in sorted(plan.journey.node_ids()):
            # An event wait is always looked at (fill_batch finds nothing when empty).
            ready = due.get(node, run.now + 1) <= run.now or (
                plan.kind(node) == NodeKind.wait and isinstance(plan.config(node), ForEventWait))
            if ready and _budgeted(plan, node) == budgeted:
                out.append((plan, node))
    return out


def due_by_node(run: Run, plan: Plan) -> dict[str, int]:
    """The earliest instant an active enrollment is due, per node that has one:
    one seek of the (journey, version, node, status, at) index per node."""
    key = (plan.id, plan.version)
    if key not in run.due_queries:
        e, nodes = run.t["enrollments"], sorted(plan.journey.node_ids())
        run.due_queries[key] = nodes, select(*(
            select(func.min(e.c.at)).where(
                e.c.journey_id == plan.id, e.c.version == plan.version, e.c.node_id == node,
                e.c.status == "active").scalar_subquery() for node in nodes))
    nodes, query = run.due_queries[key]
    with run.tx() as conn:
        row = conn.execute(query).one()
    return {node: at for node, at in zip(nodes, row, strict=True) if at is not None}


def step_node(run: Run, plan: Plan, node: str) -> int:
    with run.tx() as conn, blame(plan, node):
        ensure_scratch(conn)
        conn.execute(delete(batch))
        if not fill_batch(conn, run, plan, node):
            return 0
        count = apply_exits(conn, run, plan)
        count += STEPS[plan.kind(node)](conn, run, plan, node, plan.config(node))
        return count + move(conn, run, plan, node)


# What each kind does to the batch of enrollments at one node: set their outlet
# (and write touches, rewards, attribute changes). Returns extra rows written.
StepFn = Callable[[Connection, Run, Plan, str, Any], int]


def _trigger_or_wait(conn: Connection, run: Run, plan: Plan, node: str, cfg: Any) -> int:
    return 0  # fill_batch took only the due enrollments and chose their outlet


def _filter(conn: Connection, run: Run, plan: Plan, node: str, cfg: Any) -> int:
    mark_where(conn, run, plan, cfg.condition, "next")
    conn.execute(update(batch).where(batch.c.outlet.is_(None)).values(outlet="rejected"))
    return 0


def _branch(conn: Connection, run: Run, plan: Plan, node: str, cfg: Any) -> int:
    for path in cfg.paths:  # ranked: a path only sees what earlier paths left
        mark_where(conn, run, plan, path.condition, path.name)
    conn.execute(update(batch).where(batch.c.outlet.is_(None)).values(outlet="else"))
    return 0


def _split(conn: Connection, run: Run, plan: Plan, node: str, cfg: Any) -> int:
    split_step(conn, plan, node, cfg)
    return 0


def _update(conn: Connection, run: Run, plan: Plan, node: str, cfg: Any) -> int:
    update_step(conn, run, plan, cfg)
    return 0


def _reward(conn: Connection, run: Run, plan: Plan, node: str, cfg: Any) -> int:
    reward_step(conn, run, plan, node, cfg)
    return 0


STEPS: dict[NodeKind, StepFn] = {
    NodeKind.trigger: _trigger_or_wait,
    NodeKind.filter: _filter,
    NodeKind.wait: _trigger_or_wait,
    NodeKind.branch: _branch,
    NodeKind.split: _split,
    NodeKind.touch: touch_step,
    NodeKind.reward: _reward,
    NodeKind.update: _update,
}


def fill_batch(conn: Connection, run: Run, plan: Plan, node: str) -> int:
    e, now = run.t["enrollments"], lit(run.now)
    base = [e.c.journey_id == plan.id, e.c.version == plan.version, e.c.node_id == node,
            e.c.status == "active"]
    cfg = plan.config(node)
    if plan.kind(node) == NodeKind.wait and isinstance(cfg, ForEventWait):
        # Leaves at the first matching event after the wait began (at − timeout).
        ev = run.events().alias("fe")
        ctx = run.context(plan, run.customers, e.c.customer_id, now, e.c.entered_at)
        upper = case((e.c.at < now, e.c.at), else_=now)
        first = (select(func.min(ev.c.ts))
                 .where(ev.c.customer_id == e.c.customer_id, ev.c.name == cfg.event,
                        ev.c.ts > e.c.at - lit(for_event_timeout(cfg)), ev.c.ts <= upper,
                        *where_clauses(ev, cfg.event, cfg.where, ctx))
                 .correlate_except(ev).scalar_subquery())
        rows = select(e.c.id, e.c.customer_id, e.c.entered_at, func.coalesce(first, e.c.at),
                      case((first.is_not(None), "event"), else_="timeout"))
        # Only customers with a matching event since the earliest possible start.
        fr = run.events().alias("fr")
        recent = select(fr.c.customer_id).where(
            fr.c.name == cfg.event, fr.c.ts > now - lit(for_event_timeout(cfg)), fr.c.ts <= now)
        rows = rows.where(*base, or_(e.c.at <= now, and_(e.c.customer_id.in_(recent),
                                                           first.is_not(None))))
    else:
        outlet = "next" if plan.kind(node) in (NodeKind.trigger, NodeKind.wait) else None
        if _budgeted(plan, node) and plan.id in run.budget_bound:
            base.append(e.c.at < lit(run.budget_bound[plan.id]))
        if _budgeted(plan, node) and run.series_bound is not None:
            base.append(e.c.at <= lit(run.series_bound))
        rows = select(e.c.id, e.c.customer_id, e.c.entered_at, e.c.at,
                      literal(outlet, Text)).where(*base, e.c.at <= now)
    cols = ["id", "customer_id", "entered_at", "at", "outlet"]
    return conn.execute(insert(batch).from_select(cols, rows)).rowcount


def first_event_after_entry(run: Run, plan: Plan, event: str, where: list, upper: Any) -> Any:
    """First matching event with entered_at < ts <= upper, per batch row."""
    ev = run.events().alias("xe")
    ctx = run.context(plan, run.customers, batch.c.customer_id, upper, batch.c.entered_at)
    return (select(func.min(ev.c.ts))
            .where(ev.c.customer_id == batch.c.customer_id, ev.c.name == event,
                   ev.c.ts > batch.c.entered_at, ev.c.ts <= upper,
                   *where_clauses(ev, event, where, ctx))
            .correlate_except(ev).scalar_subquery())


def apply_exits(conn: Connection, run: Run, plan: Plan, upper: Any = None) -> int:
    """Goal (exit_on_goal) and exit_when: an enrollment exits at the first such
    event te <= the instant it would leave its node; no step at or after te."""
    upper = batch.c.at if upper is None else upper
    goal, exit_when = plan.meta.goal, plan.meta.exit_when
    names = exiting_events(plan)
    if not names:
        return 0
    recent = recent_customers(run, names)
    only = [batch.c.customer_id.in_(recent)] if recent is not None else []
    if goal is not None and goal.exit_on_goal:
        bound = upper
        if goal.within is not None:
            limit = batch.c.entered_at + lit(goal.within.seconds)
            bound = case((limit < upper, limit), else_=upper)
        te = first_event_after_entry(run, plan, goal.event, goal.where, bound)
        conn.execute(update(batch).where(*only).values(exit_at=te, exit_reason="goal"))
    if exit_when is not None:
        te = first_event_after_entry(run, plan, exit_when.event, exit_when.where, upper)
        conn.execute(update(batch).where(*only, te.is_not(None), or_(
            batch.c.exit_at.is_(None), te < batch.c.exit_at))
            .values(exit_at=te, exit_reason="exit_when"))
    e = run.t["enrollments"]
    n = conn.execute(update(e).where(e.c.id == batch.c.id, batch.c.exit_at.is_not(None))
                     .values(status="exited", exit_reason=batch.c.exit_reason,
                             ended_at=batch.c.exit_at)).rowcount
    conn.execute(delete(batch).where(batch.c.exit_at.is_not(None)))
    return n


def exiting_events(plan: Plan) -> list[str]:
    """The events that end an enrollment early: an exiting goal's, exit_when's."""
    goal, exit_when = plan.meta.goal, plan.meta.exit_when
    return ([goal.event] if goal is not None and goal.exit_on_goal else []) + (
        [exit_when.event] if exit_when is not None else [])


def recent_customers(run: Run, names: list[str]) -> Any:
    """Customers with one of these events in (since, now], or None on a run's
    first tick. Every tick ends by looking at all events up to its clock
    (exit_waiting), so later ticks only need the customers with newer ones."""
    if run.since is None:
        return None
    ev = run.events()
    return select(ev.c.customer_id).where(
        ev.c.name.in_(names), ev.c.ts > lit(run.since), ev.c.ts <= lit(run.now)).distinct()


def exit_waiting(run: Run) -> None:
    """Enrollments waiting past `now` whose goal/exit event already happened."""
    e = run.t["enrollments"]
    for plan in run.runnable():
        names = exiting_events(plan)
        if not names:
            continue
        recent = recent_customers(run, names)
        rows = select(e.c.id, e.c.customer_id, e.c.entered_at, e.c.at)
        if recent is not None:  # from those customers, by (journey, customer)
            r = recent.subquery("recent")
            rows = rows.select_from(r.join(e, (e.c.journey_id == plan.id)
                                             & (e.c.customer_id == r.c.customer_id)))
        rows = rows.where(e.c.journey_id == plan.id, e.c.version == plan.version,
                          e.c.status == "active")
        with run.tx() as conn:
            ensure_scratch(conn)
            conn.execute(delete(batch))
            conn.execute(insert(batch).from_select(["id", "customer_id", "entered_at", "at"],
                                                   rows))
            apply_exits(conn, run, plan, upper=lit(run.now))


def mark_where(conn: Connection, run: Run, plan: Plan, condition: Any, outlet: str) -> None:
    ctx, c = run.batch_context(plan)
    test = exists(select(literal(1)).select_from(c).where(
        c.c.customer_id == batch.c.customer_id, compile_condition(condition, ctx))
        .correlate_except(c))
    conn.execute(update(batch).where(batch.c.outlet.is_(None), test).values(outlet=outlet))


def split_step(conn: Connection, plan: Plan, node: str, cfg: Any) -> None:
    percents = [v.percent for v in cfg.variants]
    rows = conn.execute(select(batch.c.id, batch.c.customer_id)).all()
    params = [{"b_id": r.id, "b_outlet": cfg.variants[
        hashing.variant_index(plan.id, node, r.customer_id, percents)].name} for r in rows]
    if params:
        conn.execute(update(batch).where(batch.c.id == bindparam("b_id"))
                     .values(outlet=bindparam("b_outlet")), params)


def move(conn: Connection, run: Run, plan: Plan, node: str) -> int:
    """Log the step and put each enrollment at its next node (or end it)."""
    e, log = run.t["enrollments"], run.t["step_log"]
    conn.execute(insert(log).from_select(
        ["enrollment_id", "node_id", "outlet", "at"],
        select(batch.c.id, literal(node), batch.c.outlet, batch.c.at)))
    moved = 0
    # UPDATE … FROM the batch (SQLite ≥ 3.33, PostgreSQL): one join, not a
    # subquery per row.
    for outlet in conn.execute(select(distinct(batch.c.outlet))).scalars().all():
        mine = [e.c.id == batch.c.id, batch.c.outlet == outlet]
        target = plan.target(node, outlet)
        if target is None:
            status, reason = plan.end_status(outlet)
            moved += conn.execute(update(e).where(*mine).values(
                status=status, exit_reason=reason, ended_at=batch.c.at, at=batch.c.at)).rowcount
            continue
        set_due(conn, plan, target, outlet)
        moved += conn.execute(update(e).where(*mine).values(
            node_id=target, at=batch.c.due)).rowcount
    return moved


def set_due(conn: Connection, plan: Plan, target: str, outlet: str) -> None:
    """The instant each enrollment is due at `target` (a wait's end, or now)."""
    mine = batch.c.outlet == outlet
    cfg = plan.config(target)
    if plan.kind(target) != NodeKind.wait:
        conn.execute(update(batch).where(mine).values(due=batch.c.at))
    elif isinstance(cfg, UntilTimeWait):
        instants = conn.execute(select(distinct(batch.c.at)).where(mine)).scalars().all()
        params = [{"b_at": a, "b_due": next_time_of_day(a, cfg.time, cfg.weekdays,
                                                        plan.timezone)} for a in instants]
        conn.execute(update(batch).where(mine, batch.c.at == bindparam("b_at"))
                     .values(due=bindparam("b_due")), params)
    elif hasattr(cfg, "at") and cfg.type == "until_date":
        fixed = lit(to_epoch(cfg.at))
        conn.execute(update(batch).where(mine).values(
            due=case((batch.c.at < fixed, fixed), else_=batch.c.at)))
    else:  # duration and for_event: a fixed length after arrival
        length = wait_due(cfg, 0, plan.timezone)
        conn.execute(update(batch).where(mine).values(due=batch.c.at + literal(length,
                                                                                BigInteger)))

