"""Frequency caps, decided once per tick for every touch the tick queued, in
order of (instant, customer, journey id, path order) — whatever order the
nodes were processed in (journey-semantics §5). The tick's touches wait in
a scratch table (`queued_touches`) until then and are stored once, decided:
at the tick's end, or, when ticks share a transaction (`tick_group`), at its
commit (many small inserts into the touches table and its indexes cost
half as much again as one big one); caps read those decided, not stored."""
from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    union_all,
    update,
)

from .scratch import ensure_scratch, inserted, lit, queued_touches
from .state import Run

STORED = ["enrollment_id", "journey_id", "version", "customer_id", "node_id", "channel", "at",
          "status", "reason"]


def decide_touches(run: Run) -> None:
    with run.tx() as conn:
        ensure_scratch(conn)
        suppressed = capped(run, conn) if run.policies.caps else []
        if suppressed:
            conn.execute(run.prepared(SUPPRESS), suppressed)
        if run.group is None:
            store_touches(run, conn)
        elif QUEUE_FROM in run.tick_facts:  # stored when the group commits (`tick_group`)
            conn.execute(run.prepared(DECIDED), {"b_from": run.tick_facts[QUEUE_FROM]})


QUEUE_FROM = "queue_from"  # in tick_facts: the queue's last seq before the tick queued any


def note_queue_start(run: Run, conn: Connection) -> None:
    """Before a tick's first touch is queued: where its touches start (the
    queue may hold earlier ticks' decided ones; seq only grows until it is
    emptied, and this is read again after a rollback)."""
    if QUEUE_FROM not in run.tick_facts:
        run.tick_facts[QUEUE_FROM] = conn.execute(run.prepared(LAST_SEQ)).scalar() or 0


def store_touches(run: Run, conn: Connection) -> int:
    """The decided touches into the touches table; the queue is emptied."""
    ensure_scratch(conn)
    stored = inserted(conn, run.statement(("store touches",), lambda: store_decided(run)))
    conn.execute(run.prepared(EMPTY))
    return stored


SUPPRESS = update(queued_touches).where(queued_touches.c.seq == bindparam("b_seq")).values(
    status="suppressed", reason="frequency_cap")
DECIDED = update(queued_touches).where(queued_touches.c.seq > bindparam("b_from"),
                                       queued_touches.c.status == "queued").values(status="sent")
LAST_SEQ = select(func.max(queued_touches.c.seq))
EMPTY = delete(queued_touches)


def store_decided(run: Run) -> Any:
    """The queue into touches, in the order it was queued; what caps did not
    suppress is sent (its content is rendered at delivery, `outbox`)."""
    q = queued_touches
    status = case((q.c.status == "queued", "sent"), else_=q.c.status)
    return insert(run.t["touches"]).from_select(
        [*STORED, "delivery_state"],
        select(*(q.c[n] for n in STORED[:-2]), status, q.c.reason, literal("pending"))
        .order_by(q.c.seq))


QUEUED = (select(queued_touches.c.seq, queued_touches.c.customer_id, queued_touches.c.channel,
                  queued_touches.c.at, queued_touches.c.journey_id, queued_touches.c.version,
                  queued_touches.c.node_id)
          .where(queued_touches.c.status == "queued")
          .order_by(queued_touches.c.at, queued_touches.c.customer_id,
                    queued_touches.c.journey_id, queued_touches.c.seq))


def capped(run: Run, conn: Connection) -> list[dict]:
    """The queued touches frequency caps suppress, as update parameters."""
    queued = conn.execute(run.prepared(QUEUED)).all()
    if not queued:
        return []
    exempt = {key for key in {row[4:] for row in queued} if not counts_against_caps(run, *key)}
    history = sent_history(run, conn, queued[0][3])
    suppressed = []
    for seq, customer, channel, at, *node in queued:
        if tuple(node) in exempt:
            continue
        sent = history.setdefault(customer, [])
        if run.policies.cap_blocks(channel, at, sent):
            suppressed.append({"b_seq": seq})
        else:
            sent.append((channel, at))
    return suppressed


def sent_history(run: Run, conn: Connection, first_at: int) -> dict[str, list[tuple[str, int]]]:
    """Sent touches that count against caps within the longest cap period:
    stored, or decided by an earlier tick of the transaction and not yet."""
    horizon = first_at - run.policies.longest_cap_period()
    history: dict[str, list[tuple[str, int]]] = {}
    # Only the customers this tick decides for (by their own index, not every
    # sent touch of the period).
    queued = select(queued_touches.c.customer_id).where(queued_touches.c.status == "queued")
    sent = [select(t.c.customer_id, t.c.channel, t.c.at, t.c.journey_id, t.c.version,
                   t.c.node_id).where(t.c.status == "sent", t.c.at > lit(horizon),
                                      t.c.customer_id.in_(queued))
            for t in (run.t["touches"], queued_touches)]
    for row in conn.execute(union_all(*sent).order_by("at")):
        if counts_against_caps(run, row.journey_id, row.version, row.node_id):
            history.setdefault(row.customer_id, []).append((row.channel, row.at))
    return history


def counts_against_caps(run: Run, journey_id: str, version: int, node: str) -> bool:
    plan = run.versions.plans.get((journey_id, version))
    if plan is None or node not in plan.journey:
        return True
    return not plan.config(node).ignore_frequency_cap
