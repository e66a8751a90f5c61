"""How the engine runs one node kind, and the registry of those steps.

A step works set-based on the batch (`jc_batch`): the active enrollments at
one node that it `fill`s in, whose outlets it `decide`s. Each kind is one
`Step` subclass in a module of its own, registered under its kind's name;
the engine core asks the step of a node instead of testing kinds. The
defaults fit an ordinary step that takes no time:

- fill: the enrollments at the node whose instant has come;
- decide: nothing (the outlet given at fill, `outlet`, stands);
- arrival_due: an enrollment arriving is due at once;
- wakes_on: no event names; always_ready: no; holds_for_budget: no.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, ClassVar

from sqlalchemy import Connection, Text, exists, insert, literal, select, update

from nodes.conditions import attributes_of
from nodes.registry import Registry, UnknownNameError
from runtime.compile import compile_condition
from runtime.plan import Plan

from ..scratch import batch, inserted
from ..state import Run

BATCH_COLUMNS = ["id", "customer_id", "entered_at", "at", "outlet"]


class Step:
    kind: ClassVar[str]  # the node kind this step runs
    outlet: ClassVar[str | None] = None  # every filled row's outlet before `decide`

    def fill(self, conn: Connection, run: Run, plan: Plan, node: str, config: Any) -> int:
        """Put the enrollments this step moves now into the batch; returns how many."""
        order = run.order()
        return inserted(conn, run.statement(
            ("fill", plan.id, plan.version, node, order.token, order.active),
            lambda: self.fill_statement(run, plan, node, config)))

    def fill_statement(self, run: Run, plan: Plan, node: str, config: Any) -> Any:
        e = run.t["enrollments"]
        held = run.budget.clauses(plan.id, e.c.at) if self.holds_for_budget(config) else []
        held += run.order().step_holds(run, plan, node, e)
        rows = select(e.c.id, e.c.customer_id, e.c.entered_at, e.c.at,
                      literal(self.outlet, Text)).where(
            *at_node(run, plan, node), *held, e.c.at <= run.now)
        return insert(batch).from_select(BATCH_COLUMNS, rows)

    def decide(self, conn: Connection, run: Run, plan: Plan, node: str, config: Any) -> int:
        """Set the batch's outlets and write what the step produces (touches,
        rewards, attribute changes); returns the extra rows written."""
        return 0

    def arrival_due(self, plan: Plan, node: str, config: Any) -> Any:
        """When an enrollment arriving here is due, as an expression over the
        batch row that moves (default: at once); None when `set_due` works it out."""
        return batch.c.at

    def set_due(self, conn: Connection, plan: Plan, node: str, config: Any,
                arriving: Any) -> None:
        """Set `due` (the instant an enrollment is due here) of the batch rows
        matching `arriving`, which move to this node (when `arrival_due` is None)."""
        raise NotImplementedError

    def earliest_move(self, run: Run, plan: Plan, node: str, config: Any, e: Any) -> Any:
        """The earliest instant an active enrollment `e` (an alias of
        enrollments) at this node may move at, as SQL: its `at`, unless an
        event may let it leave sooner."""
        return e.c.at

    def wakes_on(self, config: Any) -> set[str]:
        """Event names whose arrival can move an enrollment at this node."""
        return set()

    def always_ready(self, config: Any) -> bool:
        """Looked at on every pass, due or not (an event may let one leave early)."""
        return False

    def holds_for_budget(self, config: Any) -> bool:
        """Moves only in the budget ordering's pass, after all else has settled."""
        return False


def at_node(run: Run, plan: Plan, node: str) -> list:
    """The active enrollments at `node` of this version."""
    e = run.t["enrollments"]
    return [e.c.journey_id == plan.id, e.c.version == plan.version, e.c.node_id == node,
            e.c.status == "active"]


def mark_where(conn: Connection, run: Run, plan: Plan, node: str, condition: Any,
               outlet: str) -> None:
    """Rows still without an outlet whose customer matches `condition` leave by `outlet`."""
    def build() -> Any:
        ctx, c = run.batch_context(plan)
        test = compile_condition(condition, ctx)
        if attributes_of(condition):  # else events alone decide: no customer row to read
            test = exists(select(literal(1)).select_from(c).where(
                c.c.customer_id == batch.c.customer_id, test).correlate_except(c))
        return update(batch).where(batch.c.outlet.is_(None), test).values(outlet=outlet)

    conn.execute(run.statement(("mark", plan.id, plan.version, node, outlet), build))


def rest_leave_by(conn: Connection, run: Run, outlet: str) -> None:
    """Rows no condition matched leave by `outlet`."""
    conn.execute(run.prepared(_leave_by(outlet)))


@lru_cache(maxsize=1024)
def _leave_by(outlet: str) -> Any:
    return update(batch).where(batch.c.outlet.is_(None)).values(outlet=outlet)


class UnknownStepError(UnknownNameError):
    """A node kind the engine has no step for."""


STEPS: Registry[Step] = Registry("engine step for node kind", lambda s: s.kind,
                                 UnknownStepError)
register, unregister, step_for, step_kinds = (
    STEPS.register, STEPS.unregister, STEPS.get, STEPS.names)
