"""Engine steps that need Python per row, batched: update, reward, touch."""
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
    literal,
    select,
    update,
)

from nodes.catalog import AttrType
from runtime.engine_context import Run, batch, lit
from runtime.engine_render import apply_update, customer_attributes
from runtime.plan import Plan
from runtime.store.schema import tags_to_text

CHUNK = 5000


def chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def update_step(conn: Connection, run: Run, plan: Plan, cfg: Any) -> None:
    """Apply `set` / `add_tags` / `remove_tags` to the batch's customers."""
    c = run.customers
    names = [n for n in cfg.set if n in c.c]
    if (cfg.add_tags or cfg.remove_tags) and "tags" in c.c and "tags" not in names:
        names.append("tags")
    params = []
    if names:
        ids = conn.execute(select(distinct(batch.c.customer_id))).scalars().all()
        for part in chunks(ids):
            for row in conn.execute(select(c).where(c.c.customer_id.in_(part))):
                attrs = customer_attributes(row, run.tag_columns)
                apply_update(attrs, cfg, run.catalog, plan.timezone)
                values = {f"v_{n}": (tags_to_text(attrs[n]) if n in run.tag_columns
                                     else attrs[n]) for n in names}
                params.append({"b_cid": row.customer_id, **values})
    if params:
        conn.execute(update(c).where(c.c.customer_id == bindparam("b_cid"))
                     .values({n: bindparam(f"v_{n}") for n in names}), params)
    conn.execute(update(batch).values(outlet="next"))


def reward_step(conn: Connection, run: Run, plan: Plan, node: str, cfg: Any) -> None:
    """Grant in (instant, customer) order against the per-customer limit and
    the version's budget for this node; otherwise leave by `exhausted`."""
    r = run.t["rewards"]
    mine = [r.c.journey_id == plan.id, r.c.version == plan.version, r.c.node_id == node,
            r.c.status == "granted"]
    rows = conn.execute(select(batch.c.id, batch.c.customer_id, batch.c.at)
                        .order_by(batch.c.at, batch.c.customer_id)).all()
    granted: dict[str, int] = {}
    for part in chunks(sorted({row.customer_id for row in rows})):
        granted.update(conn.execute(select(r.c.customer_id, func.count()).where(
            *mine, r.c.customer_id.in_(part)).group_by(r.c.customer_id)).all())
    spent = conn.execute(select(func.coalesce(func.sum(r.c.amount), 0.0)).where(*mine)).scalar()
    amount, inserts, outlets = float(cfg.amount), [], []
    # A reward is unique per (enrollment, node): a loop passing it again grants nothing.
    done = set(conn.execute(select(r.c.enrollment_id).where(
        r.c.node_id == node, r.c.enrollment_id.in_(select(batch.c.id)))).scalars())
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
                            "customer_id": row.customer_id, "node_id": node, "benefit": cfg.benefit.value,
                            "amount": amount, "at": row.at, "status": status})
        outlets.append({"b_id": row.id, "b_outlet": "next" if status == "granted"
                        else "exhausted"})
    if inserts:
        conn.execute(insert(r), inserts)
    if outlets:
        conn.execute(update(batch).where(batch.c.id == bindparam("b_id"))
                     .values(outlet=bindparam("b_outlet")), outlets)


def touch_step(conn: Connection, run: Run, plan: Plan, node: str, cfg: Any) -> int:
    """Consent; a touch missed while paused, skipped if the operator chose so;
    then deferral (the enrollment waits at the node, see `defer`); then queue
    the touch; caps are decided per tick in order."""
    channel = cfg.channel.value
    consent = f"consent_{channel}"
    c = run.customers
    if consent in c.c and run.catalog.attributes.get(consent, None) is not None and (
            run.catalog.attributes[consent].type == AttrType.bool):
        refused = exists(select(literal(1)).select_from(c).where(
            c.c.customer_id == batch.c.customer_id, c.c[consent] == false()))
        conn.execute(update(batch).where(refused).values(reason="no_consent"))
    pause = run.pauses.get((plan.id, plan.version))
    if pause is not None and pause.skip_missed:  # the operator chose to skip them
        conn.execute(update(batch).where(
            batch.c.reason.is_(None), batch.c.at >= lit(pause.start), batch.c.at < lit(pause.end))
            .values(reason="paused"))
    deferred = defer(conn, run, plan, cfg, channel)
    t = run.t["touches"]
    status = case((batch.c.reason.is_(None), "queued"), else_="suppressed")
    run.touches_made += conn.execute(insert(t).from_select(
        ["enrollment_id", "journey_id", "version", "customer_id", "node_id", "channel", "at",
         "status", "reason", "delivery_state"],
        select(batch.c.id, literal(plan.id), literal(plan.version), batch.c.customer_id,
               literal(node), literal(channel), batch.c.at, status, batch.c.reason,
               literal("pending"))
        # A touch is unique per (enrollment, node): a loop passing it again sends nothing.
        .where(~exists(select(literal(1)).where(t.c.enrollment_id == batch.c.id,
                                                t.c.node_id == node))))).rowcount
    conn.execute(update(batch).values(outlet="next"))
    return deferred


def defer(conn: Connection, run: Run, plan: Plan, cfg: Any, channel: str) -> int:
    """Touches that cannot go at their instant wait at the node, with their
    enrollment: one that fell in a pause until the resume (§7: sent then, not
    dropped), and one in quiet hours until the window ends. Returns how many."""
    pause = run.pauses.get((plan.id, plan.version))
    quiet = not cfg.ignore_quiet_hours and channel in run.policies.quiet_hours
    if not quiet and pause is None:
        return 0
    open_rows = batch.c.reason.is_(None)
    instants = conn.execute(select(distinct(batch.c.at)).where(open_rows)).scalars().all()
    params = []
    for at in instants:
        until = pause.end if pause is not None and pause.holds(at) else at
        if quiet:
            until = run.policies.deferred_until(channel, until) or until
        if until != at:
            params.append({"b_at": at, "b_until": until})
    if not params:
        return 0
    e = run.t["enrollments"]
    same = select(batch.c.id).where(open_rows, batch.c.at == bindparam("b_at"))
    conn.execute(update(e).where(e.c.id.in_(same)).values(at=bindparam("b_until")), params)
    return conn.execute(delete(batch).where(
        open_rows, batch.c.at.in_([p["b_at"] for p in params]))).rowcount
