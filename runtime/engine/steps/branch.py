"""Branch: the first path whose condition holds, else `else`."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from runtime.plan import Plan

from ..state import Run
from .base import Step, mark_where, register, rest_leave_by


class BranchStep(Step):
    kind = "branch"

    def decide(self, conn: Connection, run: Run, plan: Plan, node: str, config: Any) -> int:
        for path in config.paths:  # ranked: a path only sees what earlier paths left
            mark_where(conn, run, plan, node, path.condition, path.name)
        rest_leave_by(conn, run, "else")
        return 0


register(BranchStep())
