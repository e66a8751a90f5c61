"""Entries of one tick (journey-semantics §4, §6).

Candidates (customer, instant) of every trigger in (cursor, now] come from
the trigger types (`triggers/`), audience evaluated as of each instant; then
entries are decided in rounds — each customer's earliest candidate per round
— so that re-entry sees enrollments that ended earlier in the same tick.
Between rounds the engine advances, under the budget ordering.
"""
from __future__ import annotations

import json
from collections import defaultdict
from functools import partial
from typing import Any, NamedTuple

from sqlalchemy import Connection, Text, bindparam, delete, func, insert, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY

from nodes.meta import Cooldown
from runtime import hashing
from runtime.plan import Plan
from runtime.store.bulk import chunks, insert_rows

from .advance import advance
from .errors import blame
from .scratch import deciding, ensure_scratch, lit
from .state import Run
from .triggers import trigger_for
from .triggers.base import audience

Candidates = dict[str, list[tuple[int, tuple[str, ...]]]]
"""customer → sorted [(instant, trigger nodes)]: the nodes to try in id order, the
first whose audience holds taking the entry (only audiences read when deciding
are left to try, before one already known to hold)."""


def find_all(run: Run, plans: list[Plan], simulated_from: int | None) -> dict[str, Candidates]:
    """Every journey's candidates of this tick, found before anything moves."""
    pending: dict[str, Candidates] = {}
    for plan in plans:
        initial = simulated_from if simulated_from is not None else run.versions.published[
            (plan.id, plan.version)]
        with blame(plan):
            pending[plan.id] = find_candidates(run, plan, initial)
    return pending


def enter_in_rounds(run: Run, plans: list[Plan], pending: dict[str, Candidates]) -> int:
    """Entries made by the tick's trigger firings, in rounds."""
    entered = stalled = 0
    while any(pending.values()):
        left = _count(pending)
        for plan in plans:
            if pending[plan.id]:
                with blame(plan):
                    entered += enter_round(run, plan, pending[plan.id])
        note_undecided(run, plans, pending)
        moved = advance(run)
        stalled = stalled + 1 if not moved and left == _count(pending) else 0
        if stalled == 1:
            # No progress under the orderings (cannot happen: each waits only
            # on something earlier); never loop forever.
            run.budget.release()
            run.order().released = True
        elif stalled > 1:
            raise RuntimeError(f"entries of the tick at {run.clock.now} make no progress")
    run.budget.release()
    run.order().released = False
    return entered


def note_undecided(run: Run, plans: list[Plan], pending: dict[str, Candidates]) -> None:
    """What later steps wait for while entries are undecided: budgeted rewards
    are granted in (instant, customer) order, so only below each journey's
    earliest undecided entry; attribute readers and writers after entries
    that may come first (`attribute_order`)."""
    run.budget.hold_before({jid: min(items[0][0] for items in c.values())
                            for jid, c in pending.items() if c})
    order = run.order()
    if order.active:
        with run.tx() as conn:
            ensure_scratch(conn)
            order.note_pending(conn, pending, plans)


def _count(pending: dict[str, Candidates]) -> int:
    return sum(len(v) for c in pending.values() for v in c.values())


def cursor_of(run: Run, conn: Connection, plan: Plan, node: str, initial: int) -> int:
    tc = run.t["trigger_cursors"]
    found = conn.execute(run.statement(("cursor", plan.id, plan.version, node), lambda: select(
        tc.c.fired_until).where(*cursor_key(run, plan, node)))).scalar()
    return initial if found is None else found


def cursor_key(run: Run, plan: Plan, node: str) -> list:
    tc = run.t["trigger_cursors"]
    return [tc.c.journey_id == plan.id, tc.c.version == plan.version, tc.c.node_id == node]


def find_candidates(run: Run, plan: Plan, initial: int) -> Candidates:
    found: dict[tuple[str, int], set[str]] = {}
    pause = run.versions.pause_of(plan)
    order = run.order()
    with run.tx() as conn:
        ensure_scratch(conn)
        for node in plan.entry_nodes:
            cursor = cursor_of(run, conn, plan, node, initial)
            low, high = plan.firing_bounds(cursor, run.clock.now)
            if low >= high:
                continue
            config = plan.config(node)
            if order.audience_deferred(plan, node):  # read as of each instant, when deciding
                config = config.model_copy(update={"audience": None})
            with blame(plan, node):
                matches = trigger_for(config.type).candidates(
                    run, conn, plan, node, config, low, high)
            if len(plan.entry_nodes) == 1 and pause is None:
                return by_customer(plan, sorted(set(matches)), (node,))  # the usual: one trigger
            for customer, t in matches:
                if pause is not None and pause.holds(t):
                    continue  # a paused journey takes no one in
                found.setdefault((customer, t), set()).add(node)
    deferred = {n for n in plan.entry_nodes if order.audience_deferred(plan, n)}
    return by_customer(plan, [(customer, t, to_try(deferred, nodes))  # by customer, then instant
                              for (customer, t), nodes in sorted(found.items())])


def by_customer(plan: Plan, matches: list, nodes: tuple[str, ...] | None = None) -> Candidates:
    """Sorted (customer, instant[, nodes to try]) as `Candidates`, those sampled only."""
    out: Candidates = defaultdict(list)
    percent, jid = plan.meta.entry.sample_percent, plan.id
    for customer, t, *tried in matches:
        if percent >= 100 or hashing.sampled(jid, customer, percent):
            out[customer].append((t, nodes or tried[0]))
    return out


def to_try(deferred: set[str], nodes: set[str]) -> tuple[str, ...]:
    """The trigger nodes in id order up to the first whose audience already
    held (not one of the `deferred`, read when deciding)."""
    if len(nodes) == 1:
        return tuple(nodes)
    chosen = []
    for node in sorted(nodes):
        chosen.append(node)
        if node not in deferred:
            break
    return tuple(chosen)


class Last(NamedTuple):
    customer_id: str
    entered_at: int
    status: str
    ended_at: int | None
    at: int
    version: int
    node_id: str | None


def last_enrollments(run: Run, conn: Connection, plan: Plan, customers: list[str]) -> dict:
    """Each customer's latest enrollment in this journey (any version)."""
    e = run.t["enrollments"]
    query = run.statement(("last enrollments", plan.id), lambda: select(
        e.c.customer_id, e.c.entered_at, e.c.status, e.c.ended_at, e.c.at, e.c.version,
        e.c.node_id).where(e.c.journey_id == plan.id, among(run, e.c.customer_id)))
    latest: dict[str, Any] = {}
    for part in chunks(customers):
        for row in conn.execute(query, {"customers": customer_list(run, part)}):
            row = Last(*row)
            if row.customer_id not in latest or row.entered_at > latest[row.customer_id].entered_at:
                latest[row.customer_id] = row
    return latest


def among(run: Run, column: Any) -> Any:
    """`column` in the list bound as "customers" (`customer_list`): one bound
    value (a JSON array on SQLite, an array on PostgreSQL), so the statement
    stays compiled once; an IN list of thousands of binds was rendered anew
    per call."""
    if run.dialect == "sqlite":
        return column.in_(select(literal_column("value")).select_from(
            func.json_each(bindparam("customers", type_=Text))))
    if run.dialect == "postgresql":
        return column == func.any(bindparam("customers", type_=ARRAY(Text)))
    return column.in_(bindparam("customers", expanding=True))


def customer_list(run: Run, customers: list[str]) -> Any:
    return json.dumps(customers) if run.dialect == "sqlite" else customers


def entries_at(run: Run, conn: Connection, plan: Plan, node: str, t: int) -> int:
    e, log = run.t["enrollments"], run.t["step_log"]
    return conn.execute(select(func.count()).select_from(
        log.join(e, e.c.id == log.c.enrollment_id)).where(
        e.c.journey_id == plan.id, e.c.entered_at == lit(t), log.c.node_id == node,
        log.c.at == lit(t))).scalar()


def drop_blocked(run: Run, plan: Plan, items: list, last: Any) -> bool:
    """Remove the candidates re-entry rules refuse, given the latest
    enrollment; True when they must wait for it to move on first."""
    if last is None:
        return False
    reentry = plan.meta.entry.reentry
    if reentry == "never":
        items.clear()
        return False
    if last.status == "active":
        if last.at <= run.clock.now and run.versions.moves((plan.id, last.version)):
            # Due, but held for an ordering: decide after it moves on (it is
            # active up to then; an exit at that instant lets one in, §6).
            items[:] = [(t, n) for t, n in items if t >= last.at]
            return bool(items)
        items.clear()  # blocked for every instant up to now
        return False
    free_from = max(last.ended_at, last.entered_at + 1)
    if isinstance(reentry, Cooldown):
        free_from = max(free_from, last.entered_at + reentry.cooldown.seconds)
    items[:] = [(t, n) for t, n in items if t >= free_from]
    return False


Chosen = list[tuple[int, str, tuple[str, ...]]]  # (t, customer, trigger nodes to try)


def earliest_candidates(pending: Candidates, limit: int | None, waiting: set[str]) -> Chosen:
    """Each customer's earliest candidate, taken out of `pending`, except the
    `waiting` customers'. With a limit, a firing (node, instant) is decided
    only once it is every waiting customer's earliest candidate, so entries go
    in customer order."""
    later = {(n, t) for customer, items in pending.items()
             for t, nodes in (items if customer in waiting else items[1:])
             for n in nodes} if limit else set()
    chosen = []
    for customer in sorted(pending):
        items = pending[customer]
        if customer in waiting or not items:
            continue
        t, nodes = items[0]
        if not later or not any((n, t) in later for n in nodes):
            chosen.append((t, customer, nodes))
            del items[0]
    chosen.sort()
    return chosen


def enter_round(run: Run, plan: Plan, pending: Candidates) -> int:
    """Decide each customer's earliest pending candidate; return entries made."""
    limit = plan.meta.entry.max_entries_per_run
    with run.tx() as conn:
        latest = last_enrollments(run, conn, plan, sorted(pending))
        waiting = {customer for customer in sorted(pending)
                   if drop_blocked(run, plan, pending[customer], latest.get(customer))}
        chosen = earliest_candidates(pending, limit, waiting)
        decided, held = decide_audiences(run, conn, plan, chosen, limit)
        for t, customer, nodes in reversed(held):
            pending[customer].insert(0, (t, nodes))
        used: dict[tuple[str, int], int] = {}
        rows = []
        jid, version = plan.id, plan.version
        for t, customer, node in decided:
            if limit is not None:
                if (node, t) not in used:
                    used[(node, t)] = entries_at(run, conn, plan, node, t)
                if used[(node, t)] >= limit:
                    continue
                used[(node, t)] += 1
            rows.append((jid, version, customer, "active", node, t, t))
        insert_rows(conn, run.t["enrollments"], ENROLLMENT_COLUMNS, rows)
    for key in [k for k, v in pending.items() if not v]:
        del pending[key]
    return len(rows)


ENROLLMENT_COLUMNS = ["journey_id", "version", "customer_id", "status", "node_id", "at",
                      "entered_at"]


def decide_audiences(run: Run, conn: Connection, plan: Plan, chosen: Chosen,
                     limit: int | None) -> tuple[list[tuple[int, str, str]], Chosen]:
    """(entries as (t, customer, trigger node), candidates held back). Audiences
    left to read now are read as of each candidate's instant, once no earlier
    write of the same customer can still come (`attribute_order`); with a
    limit, a firing waits whole while one of its customers waits."""
    order = run.order()
    if not any(order.audience_deferred(plan, n) for n in plan.entry_nodes):
        return [(t, c, nodes[0]) for t, c, nodes in chosen], []
    to_read = [(t, c, nodes) for t, c, nodes in chosen if order.audience_deferred(plan, nodes[0])]
    if not to_read:
        return [(t, c, nodes[0]) for t, c, nodes in chosen], []
    d = deciding
    conn.execute(delete(d))
    conn.execute(insert(d), [{"customer_id": c, "t": t, "node_id": n} for t, c, nodes in to_read
                             for n in nodes if order.audience_deferred(plan, n)])
    held = set(conn.execute(select(d.c.customer_id, d.c.t).distinct().where(
        order.entry_held(run, plan.id, d.c.customer_id, d.c.t))).tuples())
    holding = {t for c, t in held}
    passing: set[tuple[str, int, str]] = set()
    for node in sorted({n for _, _, nodes in to_read for n in nodes
                        if order.audience_deferred(plan, n)}):
        c = run.customers.alias("c")
        query = (select(d.c.customer_id, d.c.t)
                 .select_from(d.join(c, c.c.customer_id == d.c.customer_id))
                 .where(d.c.node_id == node, *audience(run, plan, plan.config(node), c, d.c.t)))
        passing |= {(cid, t, node) for cid, t in conn.execute(query)}
    decided, back = [], []
    for t, customer, nodes in chosen:
        if (customer, t) in held or (limit is not None and t in holding):
            back.append((t, customer, nodes))
            continue
        node = next((n for n in nodes if not order.audience_deferred(plan, n)
                     or (customer, t, n) in passing), None)
        if node is not None:
            decided.append((t, customer, node))
    return decided, back


def save_cursors(run: Run, plans: list[Plan]) -> None:
    with run.tx() as conn:
        for plan in plans:
            for node in plan.entry_nodes:
                for statement in run.statement(("save cursor", plan.id, plan.version, node),
                                               partial(saved_cursor, run, plan, node)):
                    conn.execute(statement)


def saved_cursor(run: Run, plan: Plan, node: str) -> list:
    """The trigger node's cursor replaced by the tick's clock."""
    tc = run.t["trigger_cursors"]
    return [delete(tc).where(*cursor_key(run, plan, node)),
            insert(tc).values(journey_id=plan.id, version=plan.version, node_id=node,
                              fired_until=run.now)]
