"""Reading and correcting delivery state: the `deliveries` list, putting
touches back in the queue, and the counts `report` shows."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update

from runtime.store import schema

from .attempts import FINAL_STATES, STATES

REQUEUABLE = ("failed", "expired", "suppressed_at_delivery")


@dataclass(frozen=True)
class DeliveryRow:
    touch_id: int
    customer_id: str
    channel: str
    journey_id: str
    version: int
    node_id: str
    decided_at: int  # epoch s
    status: str
    attempts: int
    reason: str | None
    detail: str | None
    updated_ms: int | None
    due_ms: int | None  # next attempt (retrying) or claim expiry (in flight)
    in_flight: bool


def list_deliveries(store: Any, *, status: str | None = None, journey: str | None = None,
                    channel: str | None = None, limit: int = 50) -> list[DeliveryRow]:
    """Sent touches with their delivery, newest first."""
    t = schema.touches
    query = select(t.c.id, t.c.customer_id, t.c.channel, t.c.journey_id, t.c.version,
                   t.c.node_id, t.c.at, t.c.delivery_state, t.c.delivery_attempts,
                   t.c.delivery_reason, t.c.delivery_detail, t.c.delivery_updated_ms,
                   t.c.delivery_due_ms, t.c.delivery_claim).where(t.c.status == "sent")
    if status is not None:
        query = query.where(t.c.delivery_state == status)
    if journey is not None:
        query = query.where(t.c.journey_id == journey)
    if channel is not None:
        query = query.where(t.c.channel == channel)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(t.c.id.desc()).limit(limit)).all()
    return [DeliveryRow(*r[:-1], in_flight=r[-1] is not None) for r in rows]


def requeue(store: Any, ids: list[int] | None = None, *, failed_since_ms: int | None = None,
            all_failed: bool = False, now_ms: int) -> tuple[list[int], dict[int, str]]:
    """Put touches back as `pending` with a fresh budget of attempts: the
    given ids (failed, expired or suppressed at delivery), or every failed
    one (updated at or after `failed_since_ms` if given). Returns the ids put
    back and, for ids that were not, why (their status, or "unknown")."""
    t = schema.touches
    with store.writing() as conn:
        if ids is not None:
            found = dict(conn.execute(select(t.c.id, t.c.delivery_state).where(
                t.c.id.in_(ids), t.c.status == "sent")).all())
            refused = {i: found.get(i, "unknown") for i in ids
                       if found.get(i) not in REQUEUABLE}
            chosen = [i for i in ids if i not in refused]
        else:
            assert all_failed, "give ids or all_failed"
            where = [t.c.status == "sent", t.c.delivery_state == "failed"]
            if failed_since_ms is not None:
                where.append(t.c.delivery_updated_ms >= failed_since_ms)
            chosen = list(conn.execute(select(t.c.id).where(*where).order_by(t.c.id))
                          .scalars())
            refused = {}
        for part in range(0, len(chosen), 500):
            conn.execute(update(t).where(t.c.id.in_(chosen[part:part + 500]),
                                         t.c.delivery_state.in_(REQUEUABLE))
                         .values(delivery_state="pending", delivery_reason=None,
                                 delivery_detail=None, delivery_due_ms=None,
                                 delivery_claim=None, delivery_updated_ms=now_ms,
                                 delivery_requeued_at=t.c.delivery_attempts))
    return chosen, refused


def delivery_counts(conn: Any, journey_id: str, version: int | None = None) -> dict[str, Any]:
    """Per channel: sent touches by delivery status, failures by reason."""
    t = schema.touches
    where = [t.c.journey_id == journey_id, t.c.status == "sent"]
    if version is not None:
        where.append(t.c.version == version)
    out: dict[str, Any] = {}
    for channel, state, reason, n in conn.execute(
            select(t.c.channel, t.c.delivery_state, t.c.delivery_reason, func.count())
            .where(*where).group_by(t.c.channel, t.c.delivery_state, t.c.delivery_reason)):
        entry = out.setdefault(channel, {s: 0 for s in STATES if s != "failed"} | {"failed": {}})
        if state == "failed":
            entry["failed"][reason or "unknown"] = entry["failed"].get(reason or "unknown", 0) + n
        else:
            entry[state] = entry.get(state, 0) + n
    return dict(sorted(out.items()))


__all__ = ["FINAL_STATES", "REQUEUABLE", "DeliveryRow", "delivery_counts", "list_deliveries",
           "requeue"]
