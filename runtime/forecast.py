"""The marketing calendar (营销日历): what every published journey will send,
per day and channel, for the coming weeks.

It is a simulation of the whole store forward (a throw-away copy, 1-day
ticks), so it knows what the engine knows: customers already waiting inside,
scheduled and recurring triggers, key dates, caps and quiet hours, and the
events already stamped in the future (a campaign's planned pushes, say).
Customers who have not yet done what an event trigger waits for cannot be
foreseen; the calendar says so rather than guessing."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import distinct, func, select

from .board import journey_names
from .progress import ProgressCallback, no_progress
from .simulate import run_days, scratch_copy
from .store import schema

DAY = 86_400


def marketing_calendar(store_url: str, days: int = 28,
                       progress: ProgressCallback = no_progress) -> dict[str, Any]:
    """{"from", "days": [date], "channels": {channel: [sent per day]},
    "by_day": {date: [{"journey", "name", "channel", "touches", "customers"}]},
    "journeys": {id: name}, "future_events": N}."""
    if days <= 0:
        raise ValueError("days must be positive")
    with scratch_copy(store_url) as (sim, start):
        zone = sim.policies().zone()
        t, ev = schema.touches, schema.events
        with sim.engine.connect() as conn:
            future = conn.execute(select(func.count()).where(ev.c.ts > start)).scalar()
            before = conn.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar()
        run_days(sim, start, days, progress)
        labels = [datetime.fromtimestamp(start + k * DAY, zone).date().isoformat()
                  for k in range(days)]
        k = (t.c.at - start) // DAY
        query = (select(k, t.c.journey_id, t.c.channel, func.count(),
                        func.count(distinct(t.c.customer_id)))
                 .where(t.c.id > before, t.c.status == "sent", t.c.at >= start)
                 .group_by(k, t.c.journey_id, t.c.channel).order_by(k, t.c.journey_id))
        with sim.engine.connect() as conn:
            rows = conn.execute(query).all()
        names = journey_names(sim)
    out: dict[str, Any] = {"from": datetime.fromtimestamp(start, zone).isoformat(),
                           "days": labels, "channels": {}, "by_day": {},
                           "journeys": names, "future_events": future}
    for day, journey_id, channel, n, customers in rows:
        if not 0 <= day < days:
            continue
        out["channels"].setdefault(channel, [0] * days)[day] += n
        out["by_day"].setdefault(labels[day], []).append(
            {"journey": journey_id, "name": names.get(journey_id, journey_id),
             "channel": channel, "touches": n, "customers": customers})
    out["channels"] = dict(sorted(out["channels"].items()))
    return out
