"""Filter: matching customers go on by `next`, the others by `rejected`."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from runtime.plan import Plan

from ..state import Run
from .base import Step, mark_where, register, rest_leave_by


class FilterStep(Step):
    kind = "filter"

    def decide(self, conn: Connection, run: Run, plan: Plan, node: str, config: Any) -> int:
        mark_where(conn, run, plan, node, config.condition, "next")
        rest_leave_by(conn, run, "rejected")
        return 0


register(FilterStep())
