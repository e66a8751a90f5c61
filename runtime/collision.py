"""Collision forecast: how many of a journey's touches the frequency caps
would hold back because of the store's other published journeys, and which
journeys take those slots.

Two simulations on throw-away copies, from the same instant for the same
days: the journey together with everything published (what would happen),
and the journey alone (what its own caps cost it). The difference is the
collision. For each touch held back only in the first, the journeys blamed
are those that sent the same customer a touch the cap counts (same channel,
or any for an all-channel cap) within the longest cap period before it."""
from __future__ import annotations

import os
from typing import Any

from sqlalchemy import and_, distinct, func, select, update

from .board import journey_names
from .progress import ProgressCallback, no_progress
from .publish import publish
from .simulate import last_ids, run_days, scratch_copy
from .store import Store, schema


def collision_forecast(store_url: str, journey_path: str | os.PathLike, days: int = 14,
                       progress: ProgressCallback = no_progress) -> dict[str, Any]:
    """{"journey", "days", "touches", "held_by_caps", "held_by_caps_alone",
    "because_of_others", "share", "by_journey": {id: touches}, "names": {id: name}}:
    `share` is because_of_others / touches (None when the journey sends nothing);
    `caps` how many frequency caps the store has (none: nothing can collide)."""
    if days <= 0:
        raise ValueError("days must be positive")

    def half(done: int, total: int | None, offset: int) -> None:
        progress(offset + done, 2 * total if total else None, "collision")

    with scratch_copy(store_url) as (sim, start):
        journey_id, version = _publish(sim, journey_path, start)
        before = last_ids(sim)["touches"]
        run_days(sim, start, days, lambda d, t, label="": half(d, t, 0))
        together = _held(sim, journey_id, version, before)
        blamed, names = _blame(sim, journey_id, version, together["held"], before)
        caps = len(sim.policies().caps)
    with scratch_copy(store_url) as (sim, start):
        _stop_others(sim, journey_id)
        journey_id, version = _publish(sim, journey_path, start)
        before_alone = last_ids(sim)["touches"]
        run_days(sim, start, days, lambda d, t, label="": half(d, t, days * 86_400))
        alone = _held(sim, journey_id, version, before_alone)
    others = max(0, together["held"] - alone["held"])
    return {"journey": journey_id, "days": days, "touches": together["touches"],
            "held_by_caps": together["held"], "held_by_caps_alone": alone["held"],
            "because_of_others": others,
            "share": others / together["touches"] if together["touches"] else None,
            "by_journey": blamed, "names": names, "caps": caps}


def _publish(sim: Store, journey_path: str | os.PathLike, start: int) -> tuple[str, int]:
    published = publish(sim, journey_path, published_at=start, require_approval=False)
    return published.journey_id, published.version


def _stop_others(sim: Store, journey_id: str) -> None:
    """Every other journey out of the way: no entries, no steps, no touches."""
    t = schema.journey_versions
    with sim.engine.begin() as conn:
        conn.execute(update(t).where(t.c.journey_id != journey_id).values(state="stopped"))
        conn.execute(update(schema.enrollments)
                     .where(schema.enrollments.c.journey_id != journey_id,
                            schema.enrollments.c.status == "active")
                     .values(status="exited", exit_reason="stopped"))


def _held(sim: Store, journey_id: str, version: int, after_id: int) -> dict[str, Any]:
    """The simulation's own touches of the journey (ids above `after_id`)."""
    t = schema.touches
    mine = [t.c.journey_id == journey_id, t.c.version == version, t.c.id > after_id]
    with sim.engine.connect() as conn:
        touches = conn.execute(select(func.count()).where(*mine)).scalar()
        held = conn.execute(select(func.count()).where(*mine, t.c.status == "suppressed",
                                                       t.c.reason == "frequency_cap")).scalar()
    return {"touches": touches, "held": held}


def _blame(sim: Store, journey_id: str, version: int, held: int,
           after_id: int) -> tuple[dict[str, int], dict[str, str]]:
    caps = sim.policies().caps
    names = journey_names(sim)
    if not held or not caps:
        return {}, names
    window = max(c.period_s for c in caps)
    all_channels = any(c.channel == "*" for c in caps)
    held, other = schema.touches.alias("held"), schema.touches.alias("other")
    counted = [] if all_channels else [other.c.channel == held.c.channel]
    query = (select(other.c.journey_id, func.count(distinct(held.c.id)))
             .select_from(held.join(other, and_(
                 other.c.customer_id == held.c.customer_id,
                 other.c.journey_id != journey_id, other.c.status == "sent",
                 other.c.at <= held.c.at, other.c.at > held.c.at - window, *counted)))
             .where(held.c.journey_id == journey_id, held.c.version == version,
                    held.c.id > after_id,
                    held.c.status == "suppressed", held.c.reason == "frequency_cap")
             .group_by(other.c.journey_id))
    with sim.engine.connect() as conn:
        blamed = dict(conn.execute(query).all())
    return dict(sorted(blamed.items(), key=lambda kv: -kv[1])), names
