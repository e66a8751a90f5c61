"""Split: each customer's variant from a stable hash (§6), the same on every
run, tick size and backend."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from runtime import hashing
from runtime.plan import Plan

from ..scratch import batch
from ..state import Run
from .base import Step, register


class SplitStep(Step):
    kind = "split"

    def decide(self, conn: Connection, run: Run, plan: Plan, node: str, config: Any) -> int:
        percents = [v.percent for v in config.variants]
        rows = conn.execute(select(batch.c.id, batch.c.customer_id)).all()
        params = [{"b_id": r.id, "b_outlet": config.variants[
            hashing.variant_index(plan.id, node, r.customer_id, percents)].name} for r in rows]
        if params:
            conn.execute(update(batch).where(batch.c.id == bindparam("b_id"))
                         .values(outlet=bindparam("b_outlet")), params)
        return 0


register(SplitStep())
