"""Reward: granted in (instant, customer) order against the per-customer limit
and the version's budget for the node; otherwise the customer leaves by
`exhausted`. A budgeted reward moves only in the budget ordering's pass."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from runtime.plan import Plan
from runtime.store.bulk import chunks

from ..scratch import batch
from ..state import Run
from .base import Step, register


class RewardStep(Step):
    kind = "reward"

    def holds_for_budget(self, config: Any) -> bool:
        return config.budget is not None

    def decide(self, conn: Connection, run: Run, plan: Plan, node: str, config: Any) -> int:
        rows = conn.execute(select(batch.c.id, batch.c.customer_id, batch.c.at)
                            .order_by(batch.c.at, batch.c.customer_id)).all()
        inserts, outlets = grant(conn, run, plan, node, config, rows)
        if inserts:
            conn.execute(insert(run.t["rewards"]), inserts)
        if outlets:
            conn.execute(update(batch).where(batch.c.id == bindparam("b_id"))
                         .values(outlet=bindparam("b_outlet")), outlets)
        return 0


def grant(conn: Connection, run: Run, plan: Plan, node: str, cfg: Any,
          rows: list) -> tuple[list[dict], list[dict]]:
    """The reward rows to write and each batch row's outlet, in order."""
    r, granted = run.t["rewards"], {}
    # Listed ids, not a subquery on the batch: PostgreSQL planned that one badly.
    for part in chunks(sorted({row.customer_id for row in rows})):
        granted.update(conn.execute(select(r.c.customer_id, func.count()).where(
            *granted_of(run, plan, node), r.c.customer_id.in_(part))
            .group_by(r.c.customer_id)).all())
    spent = conn.execute(run.statement(
        ("spent", plan.id, plan.version, node), lambda: spent_sum(run, plan, node))).scalar()
    # A reward is unique per (enrollment, node): a loop passing it again grants nothing.
    done = set(conn.execute(run.statement(
        ("rewarded", node), lambda: rewarded(run, node))).scalars())
    amount, inserts, outlets = float(cfg.amount), [], []
    for row in rows:
        if row.id in done:
            outlets.append({"b_id": row.id, "b_outlet": "next"})
            continue
        if cfg.per_customer_limit is not None and granted.get(row.customer_id, 0) >= (
                cfg.per_customer_limit):
            status = "limit_reached"
        elif cfg.budget is not None and spent + amount > cfg.budget:
            status = "exhausted"
        else:
            status = "granted"
            granted[row.customer_id] = granted.get(row.customer_id, 0) + 1
            spent += amount
        inserts.append({"enrollment_id": row.id, "journey_id": plan.id, "version": plan.version,
                        "customer_id": row.customer_id, "node_id": node,
                        "benefit": cfg.benefit.value, "amount": amount, "at": row.at,
                        "status": status})
        outlets.append({"b_id": row.id, "b_outlet": "next" if status == "granted"
                        else "exhausted"})
    return inserts, outlets


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
