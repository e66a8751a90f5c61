"""Frequency caps, decided once per tick for every queued touch with an
instant <= now, in order of (instant, customer, journey id, path order) —
whatever order the nodes were processed in (journey-semantics §5)."""
from __future__ import annotations

from sqlalchemy import bindparam, select, update

from runtime.engine_context import Run, lit
from runtime.engine_nodes import chunks
from runtime.engine_render import customer_attributes, render


def decide_touches(run: Run) -> int:
    t, c = run.t["touches"], run.customers
    with run.store.engine.begin() as conn:
        queued = conn.execute(
            select(t.c.id, t.c.customer_id, t.c.journey_id, t.c.version, t.c.node_id,
                   t.c.channel, t.c.at)
            .where(t.c.status == "queued", t.c.at <= lit(run.now))
            .order_by(t.c.at, t.c.customer_id, t.c.journey_id, t.c.id)).all()
        if not queued:
            return 0
        horizon = queued[0].at - run.policies.longest_cap_period()
        history: dict[str, list[tuple[str, int]]] = {}
        if run.policies.caps:
            for row in conn.execute(select(t.c.customer_id, t.c.channel, t.c.at, t.c.journey_id,
                                           t.c.version, t.c.node_id)
                                    .where(t.c.status == "sent", t.c.at > lit(horizon))
                                    .order_by(t.c.at)):
                if counts_against_caps(run, row):
                    history.setdefault(row.customer_id, []).append((row.channel, row.at))
        decisions = []
        for row in queued:
            cfg = run.plans[(row.journey_id, row.version)].config(row.node_id)
            if cfg.ignore_frequency_cap:
                decisions.append((row, "sent", None))
                continue
            sent = history.setdefault(row.customer_id, [])
            if run.policies.cap_blocks(row.channel, row.at, sent):
                decisions.append((row, "suppressed", "frequency_cap"))
            else:
                sent.append((row.channel, row.at))
                decisions.append((row, "sent", None))
        attributes = {}
        for part in chunks(sorted({row.customer_id for row, status, _ in decisions
                                   if status == "sent"})):
            for cust in conn.execute(select(c).where(c.c.customer_id.in_(part))):
                attributes[cust.customer_id] = customer_attributes(cust, run.tag_columns)
        params = []
        for row, status, reason in decisions:
            content = None
            if status == "sent":
                cfg = run.plans[(row.journey_id, row.version)].config(row.node_id)
                content = render(cfg.template, attributes.get(row.customer_id, {}))
            params.append({"b_id": row.id, "b_status": status, "b_reason": reason,
                           "b_content": content})
        conn.execute(update(t).where(t.c.id == bindparam("b_id")).values(
            status=bindparam("b_status"), reason=bindparam("b_reason"),
            content=bindparam("b_content")), params)
        return len(params)


def counts_against_caps(run: Run, row) -> bool:
    plan = run.plans.get((row.journey_id, row.version))
    if plan is None or row.node_id not in plan.journey:
        return True
    return not plan.config(row.node_id).ignore_frequency_cap
