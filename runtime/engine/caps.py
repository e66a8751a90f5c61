"""Frequency caps, decided once per tick for every queued touch with an
instant <= now, in order of (instant, customer, journey id, path order) —
whatever order the nodes were processed in (journey-semantics §5)."""
from __future__ import annotations

from sqlalchemy import Connection, bindparam, select, update

from .scratch import lit
from .state import Run


def decide_touches(run: Run) -> int:
    t = run.t["touches"]
    with run.tx() as conn:
        queued = conn.execute(
            select(t.c.id, t.c.customer_id, t.c.channel, t.c.at, t.c.journey_id, t.c.version,
                   t.c.node_id)
            .where(t.c.status == "queued", t.c.at <= lit(run.clock.now))
            .order_by(t.c.at, t.c.customer_id, t.c.journey_id, t.c.id)).tuples().all()
        if not queued:
            return 0
        suppressed = []  # the rest are sent; content is rendered at delivery (outbox)
        if run.policies.caps:
            exempt = {key for key in {row[4:] for row in queued}
                      if not counts_against_caps(run, *key)}
            history = sent_history(run, conn, queued[0][3])
            for touch_id, customer, channel, at, *node in queued:
                if tuple(node) in exempt:
                    continue
                sent = history.setdefault(customer, [])
                if run.policies.cap_blocks(channel, at, sent):
                    suppressed.append({"b_id": touch_id})
                else:
                    sent.append((channel, at))
        if suppressed:
            conn.execute(update(t).where(t.c.id == bindparam("b_id")).values(
                status="suppressed", reason="frequency_cap"), suppressed)
        conn.execute(update(t).where(
            t.c.status == "queued", t.c.at <= lit(run.clock.now),
            t.c.id <= lit(max(row[0] for row in queued))).values(status="sent"))
        return len(queued)


def sent_history(run: Run, conn: Connection, first_at: int) -> dict[str, list[tuple[str, int]]]:
    """Sent touches that count against caps within the longest cap period."""
    t = run.t["touches"]
    horizon = first_at - run.policies.longest_cap_period()
    history: dict[str, list[tuple[str, int]]] = {}
    # Only the customers this tick decides for (by their own index, not every
    # sent touch of the period).
    queued = select(t.c.customer_id).where(t.c.status == "queued", t.c.at <= run.now)
    for row in conn.execute(select(t.c.customer_id, t.c.channel, t.c.at, t.c.journey_id,
                                   t.c.version, t.c.node_id)
                            .where(t.c.status == "sent", t.c.at > lit(horizon),
                                   t.c.customer_id.in_(queued))
                            .order_by(t.c.at)):
        if counts_against_caps(run, row.journey_id, row.version, row.node_id):
            history.setdefault(row.customer_id, []).append((row.channel, row.at))
    return history


def counts_against_caps(run: Run, journey_id: str, version: int, node: str) -> bool:
    plan = run.versions.plans.get((journey_id, version))
    if plan is None or node not in plan.journey:
        return True
    return not plan.config(node).ignore_frequency_cap
