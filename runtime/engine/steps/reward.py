"""Reward: granted in (instant, customer) order against the per-customer limit
and the version's budget for the node; otherwise the customer leaves by
`exhausted`. A budgeted reward moves only in the budget ordering's pass."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update

from runtime.plan import Plan
from runtime.store.bulk import chunks, insert_rows

from ..scratch import batch
from ..state import Run
from .base import Step, register


class RewardStep(Step):
    kind = "reward"

    def holds_for_budget(self, config: Any) -> bool:
        return config.budget is not None

    def decide(self, conn: Connection, run: Run, plan: Plan, node: str, config: Any) -> int:
        rows = conn.execute(run.prepared(IN_ORDER)).all()
        inserts, exhausted = grant(conn, run, plan, node, config, rows)
        insert_rows(conn, run.t["rewards"], REWARD_COLUMNS, inserts)
        conn.execute(run.prepared(ALL_NEXT))
        if exhausted:
            conn.execute(run.prepared(EXHAUSTED), [{"b_id": i} for i in exhausted])
        return 0


IN_ORDER = select(batch.c.id, batch.c.customer_id, batch.c.at).order_by(batch.c.at,
                                                                         batch.c.customer_id)
ALL_NEXT = update(batch).values(outlet="next")
EXHAUSTED = update(batch).where(batch.c.id == bindparam("b_id")).values(outlet="exhausted")
REWARD_COLUMNS = ["enrollment_id", "journey_id", "version", "customer_id", "node_id", "benefit",
                  "amount", "at", "status"]


def grant(conn: Connection, run: Run, plan: Plan, node: str, cfg: Any,
          rows: list) -> tuple[list[tuple], list[int]]:
    """The reward rows to write (`REWARD_COLUMNS`), in order, and the batch
    rows that leave by `exhausted` (the rest leave by `next`)."""
    r, granted = run.t["rewards"], {}
    # The batch's customers: on SQLite read from the batch (one statement,
    # compiled once); listed on PostgreSQL, which planned that subquery badly.
    listed = run.dialect != "sqlite"
    customers = (bindparam("customers", expanding=True) if listed
                 else select(batch.c.customer_id))
    query = run.statement(("granted", plan.id, plan.version, node), lambda: select(
        r.c.customer_id, func.count()).where(
        *granted_of(run, plan, node), r.c.customer_id.in_(customers))
        .group_by(r.c.customer_id))
    parts = chunks(sorted({customer for _, customer, _ in rows})) if listed else [None]
    for part in parts:
        granted.update(conn.execute(query, {"customers": part} if listed else {}).all())
    # The budget spent so far: read once per run, then kept as grants are made
    # (summing every grant again at each step grew with the journey's history).
    spent_key = (plan.id, plan.version, node)
    spent = run.caches.spent.get(spent_key)
    if spent is None:
        spent = conn.execute(run.statement(
            ("spent", *spent_key), lambda: spent_sum(run, plan, node))).scalar()
    # A reward is unique per (enrollment, node): a loop passing it again grants nothing.
    done = set(conn.execute(run.statement(
        ("rewarded", node), lambda: rewarded(run, node))).scalars())
    amount, benefit, limit = float(cfg.amount), cfg.benefit.value, cfg.per_customer_limit
    inserts, exhausted = [], []
    for enrollment, customer, at in rows:
        if enrollment in done:
            continue
        if limit is not None and granted.get(customer, 0) >= limit:
            status = "limit_reached"
        elif cfg.budget is not None and spent + amount > cfg.budget:
            status = "exhausted"
        else:
            status = "granted"
            granted[customer] = granted.get(customer, 0) + 1
            spent += amount
        inserts.append((enrollment, plan.id, plan.version, customer, node, benefit, amount, at,
                        status))
        if status != "granted":
            exhausted.append(enrollment)
    run.caches.spent[spent_key] = spent
    return inserts, exhausted


def granted_of(run: Run, plan: Plan, node: str) -> list:
    r = run.t["rewards"]
    return [r.c.journey_id == plan.id, r.c.version == plan.version, r.c.node_id == node,
            r.c.status == "granted"]


def spent_sum(run: Run, plan: Plan, node: str) -> Any:
    r = run.t["rewards"]
    return select(func.coalesce(func.sum(r.c.amount), 0.0)).where(*granted_of(run, plan, node))


def rewarded(run: Run, node: str) -> Any:
    r = run.t["rewards"]
    return select(r.c.enrollment_id).where(r.c.node_id == node,
                                           r.c.enrollment_id.in_(select(batch.c.id)))


register(RewardStep())
