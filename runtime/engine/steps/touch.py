"""Touch: consent; a touch missed while paused is skipped if the operator
chose so; deferral (the enrollment waits at the node, see `defer`); then the
touch is queued. Frequency caps are decided per tick, in order (`caps`)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    case,
    delete,
    distinct,
    exists,
    false,
    func,
    insert,
    inspect,
    literal,
    select,
    text,
    update,
)

from nodes.catalog import AttrType
from runtime.plan import Plan
from runtime.store.schema import refusal_index

from ..caps import note_queue_start
from ..scratch import batch, inserted, lit, queued_touches
from ..state import Run
from .base import Step, register


class TouchStep(Step):
    kind = "touch"
    outlet = "next"

    def decide(self, conn: Connection, run: Run, plan: Plan, node: str, config: Any) -> int:
        channel = config.channel.value
        refusal = run.statement(("consent", channel), lambda: refuse_without_consent(run, channel))
        if refusal is not None:
            conn.execute(refusal)
        pause = run.versions.pause_of(plan)
        if pause is not None and pause.skip_missed:  # the operator chose to skip them
            conn.execute(update(batch).where(
                batch.c.reason.is_(None), batch.c.at >= lit(pause.start),
                batch.c.at < lit(pause.end)).values(reason="paused"))
        deferred = defer(conn, run, plan, node, config, channel)
        note_queue_start(run, conn)
        run.touches_made += inserted(conn, run.statement(
            ("touch", plan.id, plan.version, node),
            lambda: queue_touches(run, plan, node, channel)))
        return deferred


def queue_touches(run: Run, plan: Plan, node: str, channel: str) -> Any:
    """Into the tick's queue (`caps` decides and stores them at its end)."""
    t, q = run.t["touches"], queued_touches
    status = case((batch.c.reason.is_(None), "queued"), else_="suppressed")
    # A touch is unique per (enrollment, node): a loop passing it again sends
    # nothing. Off a loop an enrollment passes once (the store's unique key
    # still stands guard), so the look-up is left out.
    done = [~exists(select(literal(1)).where(table.c.enrollment_id == batch.c.id,
                                             table.c.node_id == node)) for table in (t, q)
            ] if node in plan.looping else []
    return insert(q).from_select(
        ["enrollment_id", "journey_id", "version", "customer_id", "node_id", "channel", "at",
         "status", "reason"],
        select(batch.c.id, literal(plan.id), literal(plan.version), batch.c.customer_id,
               literal(node), literal(channel), batch.c.at, status, batch.c.reason)
        .where(*done))


def refuse_without_consent(run: Run, channel: str) -> Any:
    """`consent_<channel>` false: suppressed, reason no_consent (absent: consented)."""
    consent = f"consent_{channel}"
    c = run.customers
    known = run.catalog.attributes.get(consent, None)
    if consent not in c.c or known is None or known.type != AttrType.bool:
        return None
    index = refusal_index(c, consent).name
    if run.dialect == "sqlite" and index_exists(run, index):
        # SQLite looks an id up by the primary key's index whatever else
        # would do: named, the check reads the refusers' index alone.
        q = run.store.engine.dialect.identifier_preparer.quote
        refused = text(f"EXISTS (SELECT 1 FROM customers INDEXED BY {q(index)} "
                       f"WHERE customers.customer_id = {batch.name}.customer_id "
                       f"AND customers.{q(consent)} = 0)")
    else:
        refused = exists(select(literal(1)).select_from(c).where(
            c.c.customer_id == batch.c.customer_id, c.c[consent] == false()))
    return update(batch).where(refused).values(reason="no_consent")


def index_exists(run: Run, name: str) -> bool:
    with run.tx() as conn:
        return inspect(conn).has_index("customers", name)


def defer(conn: Connection, run: Run, plan: Plan, node: str, cfg: Any, channel: str) -> int:
    """Touches that cannot go at their instant wait at the node, with their
    enrollment: one that fell in a pause until the resume (§7: sent then, not
    dropped), and one in quiet hours until the window ends. Returns how many."""
    pause = run.versions.pause_of(plan)
    quiet = not cfg.ignore_quiet_hours and channel in run.policies.quiet_hours
    if not quiet and pause is None:
        return 0
    instants = conn.execute(OPEN_INSTANTS).scalars().all()
    params = []
    for at in instants:
        until = pause.end if pause is not None and pause.holds(at) else at
        if quiet:
            until = run.policies.deferred_until(channel, until) or until
        if until != at:
            params.append({"b_at": at, "b_until": until, "b_node": node})
    if not params:
        return 0
    conn.execute(run.statement(("defer",), lambda: defer_enrollments(run)), params)
    # Counted, not read from an executemany's rowcount (not every driver sums it).
    before = conn.execute(OPEN_COUNT).scalar()
    conn.execute(DROP_DEFERRED, params)
    return before - conn.execute(OPEN_COUNT).scalar()


DROP_DEFERRED = delete(batch).where(batch.c.reason.is_(None), batch.c.at == bindparam("b_at"))
OPEN_COUNT = select(func.count()).select_from(batch).where(batch.c.reason.is_(None))
OPEN_INSTANTS = select(distinct(batch.c.at)).where(batch.c.reason.is_(None))


def defer_enrollments(run: Run) -> Any:
    e = run.t["enrollments"]
    same = select(batch.c.id).where(batch.c.reason.is_(None), batch.c.at == bindparam("b_at"))
    # node_id too: a carried enrollment was still written at an earlier node.
    return update(e).where(e.c.id.in_(same)).values(at=bindparam("b_until"),
                                                     node_id=bindparam("b_node"))


register(TouchStep())
