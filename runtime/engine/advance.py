"""Set-based steps: every active enrollment at one node whose instant has come
moves in a few statements (exit check, the node's decision, step_log, touches
or rewards, new position), then the loop repeats until nothing can move. All
of a tick's steps share its transaction (`Run.tick`). What a node does is
its kind's step (`steps/`); this module only asks it."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Text, delete, distinct, func, insert, literal, select, update

from nodes.kinds import kind_of
from runtime.plan import Plan

from .errors import blame
from .exits import apply_exits, exit_waiting
from .scratch import (
    aside,
    batch,
    batch_emptied,
    batch_filled,
    clear_batch,
    ensure_scratch,
    inserted,
)
from .state import NEVER, Run
from .steps import Step, step_for


def step_of(plan: Plan, node: str) -> Step:
    return step_for(plan.kind(node))


def advance(run: Run) -> int:
    """Move every enrollment as far as it can go up to now. Steps that hold
    for the budget wait until all else has settled, so grants follow
    (instant, customer)."""
    moved_total = 0
    while True:
        moved = sum(sweep(run, plan) for plan in run.runnable())
        if not moved:
            moved += grant_in_order(run)
        moved_total += moved
        if not moved:
            break
    exit_waiting(run)
    return moved_total


def grant_in_order(run: Run) -> int:
    """Budgeted steps once all else has settled: per journey, the node with
    the earliest waiting enrollment first, and only up to the earliest one
    waiting at another budgeted node (its grants may lead here). Called after
    a pass that moved no one, so each version's due instants are its sweep's."""
    earliest: dict[str, list[tuple[int, str, Plan]]] = {}
    for plan in run.runnable():
        if not any(holds_for_budget(plan, node) for node in plan.node_ids):
            continue
        with blame(plan):
            due = run.tick_facts.get(("due", plan.id, plan.version)) or due_by_node(run, plan)
            waiting = [(at, node, plan) for node, at in due.items()
                       if at <= run.clock.now and holds_for_budget(plan, node)]
        if waiting:
            earliest.setdefault(plan.id, []).extend(waiting)
    moved = 0
    for found in earliest.values():
        found.sort(key=lambda item: (item[0], item[1]))
        _, node, plan = found[0]
        with run.budget.only_up_to(found[1][0] if len(found) > 1 else None):
            moved += step_node(run, plan, node)
    return moved


def holds_for_budget(plan: Plan, node: str) -> bool:
    return step_of(plan, node).holds_for_budget(plan.config(node))


def sweep(run: Run, plan: Plan) -> int:
    """One pass over a version's nodes in flow order, so a chain of steps that
    take no time moves in one pass: a node is stepped when an enrollment there
    is due, or — for one an event may let leave early — when it has not been
    looked at since someone arrived in this tick (the tick's events are fixed)."""
    with blame(plan):
        due = due_by_node(run, plan)
    # As the store has it: a pass that moves no one leaves it so (`grant_in_order`).
    run.tick_facts[("due", plan.id, plan.version)] = dict(due)
    now, moved, key = run.clock.now, 0, (plan.id, plan.version)
    take_arrivals(run, key, due)
    for node, ready in swept_nodes(run, plan):
        early = ready and (key, node) not in run.looked
        if not early and due.get(node, now + 1) > now:
            continue
        run.looked.add((key, node))
        moved += step_node(run, plan, node, due)
        take_arrivals(run, key, due)
    return moved


def swept_nodes(run: Run, plan: Plan) -> list[tuple[str, bool]]:
    """The nodes a sweep may step, in flow order, each with whether it is
    looked at whether due or not (`always_ready`): worked out once per run."""
    key = (plan.id, plan.version)
    if key not in run.caches.swept:
        with blame(plan):
            run.caches.swept[key] = [
                (node, step_of(plan, node).always_ready(plan.config(node)))
                for node in plan.flow_order if not holds_for_budget(plan, node)]
    return run.caches.swept[key]


def take_arrivals(run: Run, key: tuple[str, int], due: dict[str, int]) -> None:
    """Enrollments moved to a node are due there from their instant, and an
    event may let them leave it early: look at it again."""
    for target, at in run.arrivals.pop(key, {}).items():
        due[target] = min(due.get(target, at), at)
        run.looked.discard((key, target))


def due_by_node(run: Run, plan: Plan) -> dict[str, int]:
    """The earliest instant an active enrollment is due, per node that has one:
    one seek of the (journey, version, node, status, at) index per node."""
    key = (plan.id, plan.version)
    queries = run.caches.due_queries
    if key not in queries:
        e, nodes = run.t["enrollments"], plan.node_ids
        queries[key] = nodes, run.prepared(select(*(
            select(func.min(e.c.at)).where(
                e.c.journey_id == plan.id, e.c.version == plan.version, e.c.node_id == node,
                e.c.status == "active").scalar_subquery() for node in nodes)))
    nodes, query = queries[key]
    with run.tx() as conn:
        row = conn.execute(query).one()
    return {node: at for node, at in zip(nodes, row, strict=True) if at is not None}


def step_node(run: Run, plan: Plan, node: str, due: dict[str, int] | None = None) -> int:
    """Step the enrollments due at `node`; along steps that take no time
    (`carries`) the batch goes on to the next node, with those due there,
    and each enrollment's new position is written once, at the end. `due`,
    the sweep's earliest due instant per node, spares looking in the store
    at a node the batch comes to where no one is due."""
    with run.tx() as conn:
        ensure_scratch(conn)
        clear_batch(conn, run)
        return step_chain(conn, run, plan, node, carried=0, hops=0, due=due)


def step_chain(conn: Connection, run: Run, plan: Plan, node: str, carried: int,
               hops: int, due: dict[str, int] | None) -> int:
    """Step the batch (`carried` rows brought from the node before, none at
    first) and those due at `node`, and on along steps that take no time
    (`hops` taken before this node)."""
    count = 0
    for hop in range(hops, len(plan.node_ids)):  # a chain is shorter (no loop without a wait)
        step, config = step_of(plan, node), plan.config(node)
        with blame(plan, node):
            batch_filled(conn)  # even a fill that failed half-way
            filled = (step.fill(conn, run, plan, node, config)
                      if not carried or someone_due(run, plan, node, due) else 0)
            if not filled and not carried:
                batch_emptied(conn)  # cleared before, and nothing came in
                return count
            if run.dialect == "postgresql":
                # Temporary tables get no statistics of their own: without them
                # PostgreSQL guesses a big batch and scans customers for each step.
                conn.exec_driver_sql("ANALYZE jc_batch")
            if filled or not carried:  # carried rows were looked at, at the same instant
                count += apply_exits(conn, run, plan)
            count += step.decide(conn, run, plan, node, config)
            onward = carries(run, plan, node) if hop + 1 < len(plan.node_ids) else {}
            targets = set(onward.values())
            if len(targets) == 1 and len(onward) == len(outlets_of(plan, node)):
                (target,) = targets  # every row goes on to one step: as it is
                carried = log(conn, run, plan, node)
                count += carried
                conn.execute(run.prepared(carry_on(step_of(plan, target).outlet)))
                node = target
                continue
            moved, present = move(conn, run, plan, node, skip=frozenset(onward))
            onward = {o: t for o, t in onward.items() if o in present}
            if onward:
                moved += split_carry(conn, run, plan, onward, hop + 1, due)
            return count + moved
    raise AssertionError("unreachable: the last hop moves")


def someone_due(run: Run, plan: Plan, node: str, due: dict[str, int] | None) -> bool:
    """Whether the store may hold enrollments due at `node` now: due there
    when the sweep began, or moved there since (`run.arrivals`)."""
    return (due is None or due.get(node, run.clock.now + 1) <= run.clock.now
            or node in run.arrivals.get((plan.id, plan.version), ()))


def split_carry(conn: Connection, run: Run, plan: Plan, onward: dict[str, str],
                depth: int, due: dict[str, int] | None) -> int:
    """The batch's rows leaving by the outlets in `onward` go on to their
    steps, one target after another in flow order: set aside together, then
    brought back one target's at a time (a customer is on one path of a
    journey, so the order among targets decides nothing). `depth`, the hops
    taken before, keeps apart the rows a split further on sets aside."""
    conn.execute(run.statement(("set aside", depth, *sorted(onward.items())),
                               lambda: set_aside(onward, depth)))
    count = 0
    for target in sorted(set(onward.values()), key=plan.flow_order.index):
        outlets = sorted(o for o, t in onward.items() if t == target)
        clear_batch(conn, run)
        batch_filled(conn)
        back = inserted(conn, run.statement(
            ("bring back", depth, step_of(plan, target).outlet, *outlets),
            lambda outlets=outlets, target=target: bring_back(
                outlets, step_of(plan, target).outlet, depth)))
        count += step_chain(conn, run, plan, target, carried=back, hops=depth, due=due)
    conn.execute(run.statement(("put away", depth), lambda: put_away(depth)))
    return count


def set_aside(onward: dict[str, str], depth: int) -> Any:
    return insert(aside).from_select(
        ["id", "customer_id", "entered_at", "at", "outlet", "depth"],
        select(batch.c.id, batch.c.customer_id, batch.c.entered_at, batch.c.at,
               batch.c.outlet, literal(depth)).where(batch.c.outlet.in_(sorted(onward))))


def bring_back(outlets: list[str], outlet: str | None, depth: int) -> Any:
    """The rows set aside for one target, as its step's fill would leave them."""
    return insert(batch).from_select(
        ["id", "customer_id", "entered_at", "at", "outlet"],
        select(aside.c.id, aside.c.customer_id, aside.c.entered_at, aside.c.at,
               literal(outlet, Text)).where(aside.c.depth == depth,
                                            aside.c.outlet.in_(outlets)))


def put_away(depth: int) -> Any:
    return delete(aside).where(aside.c.depth == depth)


def outlets_of(plan: Plan, node: str) -> list[str]:
    return kind_of(plan.kind(node)).outlets(plan.config(node))


def carries(run: Run, plan: Plan, node: str) -> dict[str, str]:
    """The outlets whose rows go on at once, without being written and read
    back: each leads to a step every arrival is due at at once, that fills
    the default way and waits for no ordering; with the step it leads to."""
    if run.order().active:  # attribute readers and writers wait per customer
        return {}
    key = (plan.id, plan.version, node)
    cache = run.caches.carry
    if key not in cache:
        cache[key] = {outlet: target for outlet in outlets_of(plan, node)
                      if (target := plan.target(node, outlet)) is not None
                      and arrival_due(run, plan, target) is batch.c.at
                      and not holds_for_budget(plan, target)
                      and type(step_of(plan, target)).fill is Step.fill}
    return cache[key]


@lru_cache(maxsize=64)
def carry_on(outlet: str | None) -> Any:
    """The batch as the next step's fill would leave it."""
    return update(batch).values(outlet=outlet, due=None, exit_at=None, exit_reason=None,
                                reason=None)


def move(conn: Connection, run: Run, plan: Plan, node: str,
         skip: frozenset[str] = frozenset()) -> tuple[int, list[str]]:
    """Log the step and put each enrollment at its next node (or end it);
    rows leaving by an outlet in `skip` go on at once (`split_carry`).
    Returns how many were moved, and the outlets the batch's rows took."""
    key = (plan.id, plan.version, node)
    log(conn, run, plan, node)
    outlets = outlets_of(plan, node)
    if len(outlets) > 1:
        outlets = conn.execute(run.prepared(OUTLETS)).scalars().all()
    moved = 0
    arrived = run.arrivals.setdefault((plan.id, plan.version), {})
    for outlet in outlets:
        if outlet in skip:
            continue
        target = plan.target(node, outlet)
        if target is not None and arrival_due(run, plan, target) is None:
            step_of(plan, target).set_due(conn, plan, target, plan.config(target),
                                          arriving(outlet))
        count = conn.execute(run.statement(
            ("move", *key, outlet), lambda outlet=outlet: move_by(run, plan, node, outlet))
        ).rowcount
        moved += count
        if target is not None and count:
            # Due at once there, or later (the next pass asks the store); an
            # event may let them leave early either way.
            due = run.clock.now if arrival_due(run, plan, target) is batch.c.at else NEVER
            arrived[target] = min(arrived.get(target, due), due)
    return moved, outlets


OUTLETS = select(distinct(batch.c.outlet))


def arrival_due(run: Run, plan: Plan, node: str) -> Any:
    """The step's `arrival_due`, built once per run (it is asked on every move)."""
    key = (plan.id, plan.version, node)
    cache = run.caches.arrival_due
    if key not in cache:
        cache[key] = step_of(plan, node).arrival_due(plan, node, plan.config(node))
    return cache[key]


@lru_cache(maxsize=1024)
def arriving(outlet: str) -> Any:
    """The batch rows leaving by `outlet` (one expression per outlet)."""
    return batch.c.outlet == outlet


def log(conn: Connection, run: Run, plan: Plan, node: str) -> int:
    """Write the batch's steps at `node` to step_log; returns how many (counted
    as the run's steps: exits and deferrals move enrollments but are no steps)."""
    logged = inserted(conn, run.statement(("log", plan.id, plan.version, node),
                                          lambda: log_step(run, node)))
    run.steps_made += logged
    return logged


def log_step(run: Run, node: str) -> Any:
    return insert(run.t["step_log"]).from_select(
        ["enrollment_id", "node_id", "outlet", "at"],
        select(batch.c.id, literal(node), batch.c.outlet, batch.c.at))


def move_by(run: Run, plan: Plan, node: str, outlet: str) -> Any:
    """UPDATE … FROM the batch (SQLite ≥ 3.33, PostgreSQL): one join, not a
    subquery per row. An unconnected outlet ends the enrollment there."""
    e = run.t["enrollments"]
    mine = [e.c.id == batch.c.id, batch.c.outlet == outlet]
    target = plan.target(node, outlet)
    if target is None:
        status, reason = plan.end_status(node, outlet)
        # node_id too: a carried enrollment was still written at an earlier node.
        return update(e).where(*mine).values(status=status, exit_reason=reason, node_id=node,
                                             ended_at=batch.c.at, at=batch.c.at)
    due = arrival_due(run, plan, target)
    return update(e).where(*mine).values(node_id=target, at=batch.c.due if due is None else due)
