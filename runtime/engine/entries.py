"""Entries of one tick (journey-semantics §4, §6).

Candidates (customer, instant) of every trigger in (cursor, now] come from
the trigger types (`triggers/`), audience evaluated as of each instant; then
entries are decided in rounds — each customer's earliest candidate per round
— so that re-entry sees enrollments that ended earlier in the same tick.
Between rounds the engine advances, under the budget ordering.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from nodes.meta import Cooldown
from runtime import hashing
from runtime.plan import Plan
from runtime.store.bulk import chunks

from .advance import advance, holds_for_budget
from .errors import blame
from .scratch import ensure_scratch, lit
from .state import Run
from .triggers import trigger_for

Candidates = dict[str, list[tuple[int, str]]]  # customer -> sorted [(instant, trigger node)]


def enter_in_rounds(run: Run, plans: list[Plan], simulated_from: int | None) -> tuple[int, int]:
    """(entries, steps) of the tick's trigger firings, in rounds."""
    pending: dict[str, Candidates] = {}
    for plan in plans:
        initial = simulated_from if simulated_from is not None else run.versions.published[
            (plan.id, plan.version)]
        with blame(plan):
            pending[plan.id] = find_candidates(run, plan, initial)
    entered = steps = 0
    while any(pending.values()):
        left = _count(pending)
        for plan in plans:
            if pending[plan.id]:
                with blame(plan):
                    entered += enter_round(run, plan, pending[plan.id])
        # Budgeted rewards are granted in (instant, customer) order: only below
        # the earliest entry still undecided (it may reach them earlier).
        run.budget.hold_before({jid: min(items[0][0] for items in c.values())
                                for jid, c in pending.items() if c})
        moved = advance(run)
        steps += moved
        if not moved and left == _count(pending):
            run.budget.release()  # no progress possible under the bound (cannot happen)
    run.budget.release()
    return entered, steps


def _count(pending: dict[str, Candidates]) -> int:
    return sum(len(v) for c in pending.values() for v in c.values())


def cursor_of(run: Run, conn: Connection, plan: Plan, node: str, initial: int) -> int:
    tc = run.t["trigger_cursors"]
    found = conn.execute(select(tc.c.fired_until).where(
        tc.c.journey_id == plan.id, tc.c.version == plan.version, tc.c.node_id == node)).scalar()
    return initial if found is None else found


def find_candidates(run: Run, plan: Plan, initial: int) -> Candidates:
    found: dict[tuple[str, int], str] = {}
    pause = run.versions.pause_of(plan)
    with run.tx() as conn:
        ensure_scratch(conn)
        for node in plan.entry_nodes:
            cursor = cursor_of(run, conn, plan, node, initial)
            low, high = plan.firing_bounds(cursor, run.clock.now)
            if low >= high:
                continue
            config = plan.config(node)
            with blame(plan, node):
                matches = trigger_for(config.type).candidates(
                    run, conn, plan, node, config, low, high)
            for customer, t in matches:
                if pause is not None and pause.holds(t):
                    continue  # a paused journey takes no one in
                key = (customer, t)
                found[key] = min(found.get(key, node), node)
    out: Candidates = defaultdict(list)
    percent = plan.meta.entry.sample_percent
    for (customer, t), node in sorted(found.items()):
        if hashing.sampled(plan.id, customer, percent):
            out[customer].append((t, node))
    for items in out.values():
        items.sort()
    return out


def last_enrollments(run: Run, conn: Connection, plan: Plan, customers: list[str]) -> dict:
    """Each customer's latest enrollment in this journey (any version)."""
    e = run.t["enrollments"]
    latest: dict[str, Any] = {}
    for part in chunks(customers):
        for row in conn.execute(select(e.c.customer_id, e.c.entered_at, e.c.status,
                                       e.c.ended_at, e.c.at, e.c.version, e.c.node_id)
                                .where(e.c.journey_id == plan.id, e.c.customer_id.in_(part))):
            if row.customer_id not in latest or row.entered_at > latest[row.customer_id].entered_at:
                latest[row.customer_id] = row
    return latest


def held_at_budget(run: Run, journey_id: str, row: Any) -> bool:
    """At a node that holds for the budget ordering (it moves after entries)."""
    plan = run.versions.plans.get((journey_id, row.version))
    if plan is None or row.node_id not in plan.kinds:
        return False
    return holds_for_budget(plan, row.node_id)


def entries_at(run: Run, conn: Connection, plan: Plan, node: str, t: int) -> int:
    e, log = run.t["enrollments"], run.t["step_log"]
    return conn.execute(select(func.count()).select_from(
        log.join(e, e.c.id == log.c.enrollment_id)).where(
        e.c.journey_id == plan.id, e.c.entered_at == lit(t), log.c.node_id == node,
        log.c.at == lit(t))).scalar()


def drop_blocked(run: Run, plan: Plan, items: list[tuple[int, str]], last: Any) -> None:
    """Remove the candidates re-entry rules refuse, given the latest enrollment."""
    if last is None:
        return
    reentry = plan.meta.entry.reentry
    if reentry == "never":
        items.clear()
        return
    if last.status == "active":
        if last.at <= run.clock.now and held_at_budget(run, plan.id, last):
            # Held at a budgeted reward: decide after it moves on.
            items[:] = [(t, n) for t, n in items if t > last.at]
        else:
            items.clear()  # blocked for every instant up to now
        return
    free_from = max(last.ended_at, last.entered_at + 1)
    if isinstance(reentry, Cooldown):
        free_from = max(free_from, last.entered_at + reentry.cooldown.seconds)
    items[:] = [(t, n) for t, n in items if t >= free_from]


def earliest_candidates(pending: Candidates, limit: int | None) -> list[tuple[int, str, str]]:
    """Each customer's earliest candidate, taken out of `pending`, as (t, customer,
    node). With a limit, a firing (node, instant) is decided only once it is
    every waiting customer's earliest candidate, so entries go in customer order."""
    later = {(n, t) for items in pending.values() for t, n in items[1:]} if limit else set()
    chosen = []
    for customer in sorted(pending):
        items = pending[customer]
        if items and (items[0][1], items[0][0]) not in later:
            chosen.append((items[0][0], customer, items[0][1]))
            del items[0]
    chosen.sort()
    return chosen


def enter_round(run: Run, plan: Plan, pending: Candidates) -> int:
    """Decide each customer's earliest pending candidate; return entries made."""
    limit = plan.meta.entry.max_entries_per_run
    with run.tx() as conn:
        latest = last_enrollments(run, conn, plan, sorted(pending))
        for customer in sorted(pending):
            drop_blocked(run, plan, pending[customer], latest.get(customer))
        used: dict[tuple[str, int], int] = {}
        rows = []
        for t, customer, node in earliest_candidates(pending, limit):
            if limit is not None:
                if (node, t) not in used:
                    used[(node, t)] = entries_at(run, conn, plan, node, t)
                if used[(node, t)] >= limit:
                    continue
                used[(node, t)] += 1
            rows.append({"journey_id": plan.id, "version": plan.version, "customer_id": customer,
                         "status": "active", "node_id": node, "at": t, "entered_at": t})
        if rows:
            conn.execute(insert(run.t["enrollments"]), rows)
    for key in [k for k, v in pending.items() if not v]:
        del pending[key]
    return len(rows)


def save_cursors(run: Run, plans: list[Plan]) -> None:
    tc = run.t["trigger_cursors"]
    with run.tx() as conn:
        for plan in plans:
            for node in plan.entry_nodes:
                conn.execute(delete(tc).where(tc.c.journey_id == plan.id,
                                              tc.c.version == plan.version, tc.c.node_id == node))
                conn.execute(insert(tc).values(journey_id=plan.id, version=plan.version,
                                               node_id=node, fired_until=run.clock.now))
