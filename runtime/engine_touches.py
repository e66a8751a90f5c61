"""Frequency caps, decided once per tick for every queued touch with an
instant <= now, in order of (instant, customer, journey id, path order) —
whatever order the nodes were processed in (journey-semantics §5)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from runtime.engine_context import Run, lit
from runtime.engine_nodes import chunks
from runtime.engine_render import MemoRenderer, template_variables
from runtime.store.schema import text_to_tags


def decide_touches(run: Run) -> int:
    t = run.t["touches"]
    with run.store.engine.begin() as conn:
        queued = conn.execute(
            select(t.c.id, t.c.customer_id, t.c.journey_id, t.c.version, t.c.node_id,
                   t.c.channel, t.c.at)
            .where(t.c.status == "queued", t.c.at <= lit(run.now))
            .order_by(t.c.at, t.c.customer_id, t.c.journey_id, t.c.id)).all()
        if not queued:
            return 0
        configs = {key: run.plans[key[:2]].config(key[2]) for key in
                   {(row.journey_id, row.version, row.node_id) for row in queued}}
        history = sent_history(run, conn, queued[0].at) if run.policies.caps else {}
        decisions = []
        for row in queued:
            cfg = configs[(row.journey_id, row.version, row.node_id)]
            if cfg.ignore_frequency_cap:
                decisions.append((row, "sent", None))
                continue
            sent = history.setdefault(row.customer_id, [])
            if run.policies.cap_blocks(row.channel, row.at, sent):
                decisions.append((row, "suppressed", "frequency_cap"))
            else:
                sent.append((row.channel, row.at))
                decisions.append((row, "sent", None))
        sent_rows = [row for row, status, _ in decisions if status == "sent"]
        names = sorted({n for cfg in configs.values() for n in template_variables(cfg.template)})
        attributes = template_inputs(run, conn, names, {row.customer_id for row in sent_rows})
        render = MemoRenderer()
        params = []
        for row, status, reason in decisions:
            content = None
            if status == "sent":
                cfg = configs[(row.journey_id, row.version, row.node_id)]
                content = render(cfg.template, attributes.get(row.customer_id, {}))
            params.append({"b_id": row.id, "b_status": status, "b_reason": reason,
                           "b_content": content})
        conn.execute(update(t).where(t.c.id == bindparam("b_id")).values(
            status=bindparam("b_status"), reason=bindparam("b_reason"),
            content=bindparam("b_content")), params)
        return len(params)


def sent_history(run: Run, conn: Connection, first_at: int) -> dict[str, list[tuple[str, int]]]:
    """Sent touches that count against caps within the longest cap period."""
    t = run.t["touches"]
    horizon = first_at - run.policies.longest_cap_period()
    history: dict[str, list[tuple[str, int]]] = {}
    for row in conn.execute(select(t.c.customer_id, t.c.channel, t.c.at, t.c.journey_id,
                                   t.c.version, t.c.node_id)
                            .where(t.c.status == "sent", t.c.at > lit(horizon))
                            .order_by(t.c.at)):
        if counts_against_caps(run, row):
            history.setdefault(row.customer_id, []).append((row.channel, row.at))
    return history


def template_inputs(run: Run, conn: Connection, names: list[str],
                    customers: set[str]) -> dict[str, dict[str, Any]]:
    """The attributes the tick's templates read, for the customers to be sent to."""
    c = run.customers
    columns = [c.c[n] for n in names if n in c.c and n != "customer_id"]
    if not customers or not any(n in c.c for n in names):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for part in chunks(sorted(customers)):
        for row in conn.execute(select(c.c.customer_id, *columns)
                                .where(c.c.customer_id.in_(part))).all():
            values = dict(row._mapping)
            for name in run.tag_columns & values.keys():
                values[name] = text_to_tags(values[name])
            found[row.customer_id] = values
    return found


def counts_against_caps(run: Run, row) -> bool:
    plan = run.plans.get((row.journey_id, row.version))
    if plan is None or row.node_id not in plan.journey:
        return True
    return not plan.config(row.node_id).ignore_frequency_cap
