"""When each trigger type fires for one customer, in the reference's words:
`REFERENCE_TRIGGERS[type](ref, plan, config, customer, low, high)` lists the
instants in (low, high] at which the customer is a candidate to enter."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from nodes.cron import cron_instants
from runtime.compile import fixed_offset
from runtime.instants import epoch_of, key_date_instants
from runtime.plan import Plan

from .conditions import props_match

if TYPE_CHECKING:
    from .interpreter import Reference


def event_instants(ref: Reference, plan: Plan, cfg: Any, customer: str, low: int,
                   high: int) -> list[int]:
    return [ts for name, ts, props in ref.events[customer]
            if name == cfg.event and low < ts <= high and props_match(
                name, cfg.where, props, ref.scope(customer, ts, ts, plan.timezone))]


def schedule_instants(ref: Reference, plan: Plan, cfg: Any, customer: str, low: int,
                      high: int) -> list[int]:
    return [t for t in [epoch_of(cfg.at)] if low < t <= high]


def recurring_instants(ref: Reference, plan: Plan, cfg: Any, customer: str, low: int,
                       high: int) -> list[int]:
    return cron_instants(cfg.cron, plan.timezone, low, high)


def key_date_instants_of(ref: Reference, plan: Plan, cfg: Any, customer: str, low: int,
                         high: int) -> list[int]:
    day = ref.customers[customer].get(cfg.attribute)
    if isinstance(day, int):  # a datetime attribute: its local calendar date
        day = datetime.fromtimestamp(day + fixed_offset(plan.timezone), UTC).date()
    return [] if day is None else key_date_instants(
        day, cfg.offset_days, cfg.time, cfg.yearly, plan.timezone, low, high)


REFERENCE_TRIGGERS: dict[str, Callable[..., list[int]]] = {
    "event": event_instants,
    "schedule": schedule_instants,
    "recurring": recurring_instants,
    "key_date": key_date_instants_of,
}
