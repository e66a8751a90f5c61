"""Sent touches waiting for delivery, rendered as they leave.

The engine decides touches (who, which node and channel, when, sent or
suppressed and why); content is rendered here, when a channel adapter takes
the message, with the customer's attributes as they are then. That is when
a real send happens (a simulation sends nothing, so it renders nothing), and
it keeps the engine's per-customer Python to the decisions themselves.
The touch id is the idempotency key passed on to the channel (§7).
"""
from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import select

from nodes.catalog import AttrType
from runtime.attributes import customer_attributes
from runtime.plan import load_plan
from runtime.render import MemoRenderer, template_variables
from runtime.store.bulk import chunks


class Message(NamedTuple):
    touch_id: int  # idempotency key
    customer_id: str
    journey_id: str
    version: int
    node_id: str
    channel: str
    at: int  # the touch's logical instant
    content: str


def pending_messages(store: Any, *, after_id: int = 0, limit: int = 1000) -> list[Message]:
    """Up to `limit` sent, not yet delivered touches with id > `after_id`, in
    id order, each rendered from its own version's template."""
    t = store.tables["touches"]
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.c.id, t.c.customer_id, t.c.journey_id, t.c.version, t.c.node_id,
                   t.c.channel, t.c.at)
            .where(t.c.status == "sent", t.c.delivery_state == "pending", t.c.id > after_id)
            .order_by(t.c.id).limit(limit)).all()
        templates: dict[tuple[str, int, str], str] = {}
        for jid, version in {(r.journey_id, r.version) for r in rows}:
            plan = load_plan(store.journey_version(jid, version).document, version)
            for node in {r.node_id for r in rows if (r.journey_id, r.version) == (jid, version)}:
                templates[(jid, version, node)] = plan.config(node).template
        names = sorted({n for text in templates.values() for n in template_variables(text)})
        attributes = _attributes(store, conn, names, {r.customer_id for r in rows})
    render = MemoRenderer()
    return [Message(r.id, r.customer_id, r.journey_id, r.version, r.node_id, r.channel, r.at,
                    render(templates[(r.journey_id, r.version, r.node_id)],
                           attributes.get(r.customer_id, {})))
            for r in rows]


def _attributes(store: Any, conn: Any, names: list[str],
                customers: set[str]) -> dict[str, dict[str, Any]]:
    """The attributes the templates read, per customer (tags as a list)."""
    c = store.customers_table()
    columns = [c.c[n] for n in names if n in c.c and n != "customer_id"]
    if not customers or not columns:
        return {}
    catalog = store.catalog().attributes
    tag_columns = {col.name for col in columns
                   if col.name in catalog and catalog[col.name].type == AttrType.tags}
    found: dict[str, dict[str, Any]] = {}
    for part in chunks(sorted(customers)):
        for row in conn.execute(select(c.c.customer_id, *columns)
                                .where(c.c.customer_id.in_(part))):
            found[row.customer_id] = customer_attributes(row, tag_columns)
    return found
