"""Trigger firing for one tick (journey-semantics §4, §6).

Candidates (customer, instant) of every trigger in (cursor, now] are found
set-based with the audience evaluated as of each instant; then entries are
decided in rounds — each customer's earliest candidate per round — so that
re-entry sees enrollments that ended earlier in the same tick.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, delete, distinct, exists, func, insert, literal, select

from nodes.kinds import NodeKind
from nodes.meta import Cooldown
from runtime import hashing
from runtime.compile import compile_condition, fixed_offset, where_clauses
from runtime.engine_context import Run, blame, candidates, ensure_scratch, lit
from runtime.engine_nodes import chunks
from runtime.plan import Plan, cron_instants, key_date_instants, to_epoch, window_bounds

Candidates = dict[str, list[tuple[int, str]]]  # customer -> sorted [(instant, trigger node)]


def cursor_of(run: Run, conn: Connection, plan: Plan, node: str, initial: int) -> int:
    tc = run.t["trigger_cursors"]
    found = conn.execute(select(tc.c.fired_until).where(
        tc.c.journey_id == plan.id, tc.c.version == plan.version, tc.c.node_id == node)).scalar()
    return initial if found is None else found


def find_candidates(run: Run, plan: Plan, initial: int) -> Candidates:
    found: dict[tuple[str, int], str] = {}
    pause = run.pauses.get((plan.id, plan.version))
    with run.tx() as conn:
        ensure_scratch(conn)
        for node in plan.nodes_of(NodeKind.trigger):
            cursor = cursor_of(run, conn, plan, node, initial)
            low, high = window_bounds(plan, cursor, run.now)
            if low >= high:
                continue
            with blame(plan, node):
                matches = trigger_matches(run, conn, plan, node, low, high)
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


def trigger_matches(run: Run, conn: Connection, plan: Plan, node: str, low: int,
                    high: int) -> list[tuple[str, int]]:
    cfg = plan.config(node)
    c = run.customers.alias("c")

    def audience(at: Any) -> list:
        if cfg.audience is None:
            return []
        ctx = run.context(plan, c, c.c.customer_id, at, at)
        return [compile_condition(cfg.audience, ctx)]

    if cfg.type == "event":
        ev = run.events().alias("te")
        ctx = run.context(plan, c, ev.c.customer_id, ev.c.ts, ev.c.ts)
        query = (select(distinct(ev.c.customer_id), ev.c.ts)
                 .select_from(ev.join(c, c.c.customer_id == ev.c.customer_id))
                 .where(ev.c.name == cfg.event, ev.c.ts > lit(low), ev.c.ts <= lit(high),
                        *where_clauses(ev, cfg.event, cfg.where, ctx), *audience(ev.c.ts)))
        return [(r[0], r[1]) for r in conn.execute(query)]
    if cfg.type in ("schedule", "recurring"):
        instants = ([to_epoch(cfg.at)] if cfg.type == "schedule"
                    else cron_instants(cfg.cron, plan.timezone, low, high))
        out = []
        for t in instants:
            if low < t <= high:
                query = select(c.c.customer_id).where(*audience(lit(t)))
                out += [(cid, t) for cid in conn.execute(query).scalars()]
        return out
    return key_date_matches(run, conn, plan, node, cfg, c, audience, low, high)


def key_date_matches(run, conn, plan, node, cfg, c, audience, low, high) -> list[tuple[str, int]]:
    if cfg.attribute not in c.c:
        return []
    # Every customer's key instants up to the run's end, computed once per run
    # (one pass over the customers, not one per tick).
    key = (plan.id, plan.version, node)
    if key not in run.key_dates or run.key_dates[key][0] > low:
        off = fixed_offset(plan.timezone)
        found = []
        for cid, value in conn.execute(select(c.c.customer_id, c.c[cfg.attribute])
                                       .where(c.c[cfg.attribute].is_not(None))):
            if isinstance(value, int):  # a datetime attribute: its local calendar date
                value = datetime.fromtimestamp(value + off, UTC).date()
            if isinstance(value, date):
                found += [(t, cid) for t in key_date_instants(
                    value, cfg.offset_days, cfg.time, cfg.yearly, plan.timezone, low,
                    max(high, run.end))]
        run.key_dates[key] = (low, sorted(found))
    instants = run.key_dates[key][1]
    first = bisect.bisect_right(instants, low, key=lambda pair: pair[0])
    last = bisect.bisect_right(instants, high, key=lambda pair: pair[0])
    pairs = [{"journey_id": plan.id, "version": plan.version, "customer_id": cid, "t": t,
              "node_id": ""} for t, cid in instants[first:last]]
    if not pairs or cfg.audience is None:
        return [(p["customer_id"], p["t"]) for p in pairs]
    conn.execute(delete(candidates))
    conn.execute(insert(candidates), pairs)
    ctx = run.context(plan, c, candidates.c.customer_id, candidates.c.t, candidates.c.t)
    query = select(candidates.c.customer_id, candidates.c.t).where(exists(
        select(literal(1)).select_from(c).where(
            c.c.customer_id == candidates.c.customer_id,
            compile_condition(cfg.audience, ctx))))
    rows = [(r[0], r[1]) for r in conn.execute(query)]
    conn.execute(delete(candidates))
    return rows


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
    """At a reward node with a budget (those wait for the budget bound)."""
    plan = run.plans.get((journey_id, row.version))
    if plan is None or row.node_id not in plan.journey:
        return False
    return plan.kind(row.node_id) == NodeKind.reward and plan.config(row.node_id).budget is not None


def entries_at(run: Run, conn: Connection, plan: Plan, node: str, t: int) -> int:
    e, log = run.t["enrollments"], run.t["step_log"]
    return conn.execute(select(func.count()).select_from(
        log.join(e, e.c.id == log.c.enrollment_id)).where(
        e.c.journey_id == plan.id, e.c.entered_at == lit(t), log.c.node_id == node,
        log.c.at == lit(t))).scalar()


def enter_round(run: Run, plan: Plan, pending: Candidates) -> int:
    """Decide each customer's earliest pending candidate; return entries made."""
    meta = plan.meta.entry
    reentry, limit = meta.reentry, meta.max_entries_per_run
    e = run.t["enrollments"]
    with run.tx() as conn:
        latest = last_enrollments(run, conn, plan, sorted(pending))
        chosen = []
        for customer in sorted(pending):
            items = pending[customer]
            last = latest.get(customer)
            if last is not None:
                if reentry == "never":
                    items.clear()
                    continue
                if last.status == "active":
                    if last.at <= run.now and held_at_budget(run, plan.id, last):
                        # Held at a budgeted reward: decide after it moves on.
                        items[:] = [(t, n) for t, n in items if t > last.at]
                    else:
                        items.clear()  # blocked for every instant up to now
                    continue
                free_from = max(last.ended_at, last.entered_at + 1)
                if isinstance(reentry, Cooldown):
                    free_from = max(free_from, last.entered_at + reentry.cooldown.seconds)
                items[:] = [(t, n) for t, n in items if t >= free_from]
        # With a limit, a firing (node, instant) is decided only once it is every
        # waiting customer's earliest candidate, so entries go in customer order.
        later = {(n, t) for items in pending.values() for t, n in items[1:]} if limit else set()
        for customer in sorted(pending):
            items = pending[customer]
            if items and (items[0][1], items[0][0]) not in later:
                chosen.append((items[0][0], customer, items[0][1]))
                del items[0]
        chosen.sort()
        used: dict[tuple[str, int], int] = {}
        rows = []
        for t, customer, node in chosen:
            if limit is not None:
                if (node, t) not in used:
                    used[(node, t)] = entries_at(run, conn, plan, node, t)
                if used[(node, t)] >= limit:
                    continue
                used[(node, t)] += 1
            rows.append({"journey_id": plan.id, "version": plan.version, "customer_id": customer,
                             "status": "active", "node_id": node, "at": t, "entered_at": t})
        if rows:
            conn.execute(insert(e), rows)
    for key in [k for k, v in pending.items() if not v]:
        del pending[key]
    return len(rows)


def save_cursors(run: Run, plans: list[Plan]) -> None:
    tc = run.t["trigger_cursors"]
    with run.tx() as conn:
        for plan in plans:
            for node in plan.nodes_of(NodeKind.trigger):
                conn.execute(delete(tc).where(tc.c.journey_id == plan.id,
                                              tc.c.version == plan.version, tc.c.node_id == node))
                conn.execute(insert(tc).values(journey_id=plan.id, version=plan.version,
                                               node_id=node, fired_until=run.now))
