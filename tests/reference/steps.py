"""What each node kind does to one customer, in the reference's words.

`REFERENCE_STEPS[kind](ref, visit)` returns the outlet the customer leaves
by, or None to hold them (the step has queued them again itself).
`REFERENCE_ARRIVALS[kind](ref, enrollment, plan, node, config, t)` says,
for a customer reaching the node at `t`, their instant there, when the node
looks at them and the outlet already chosen; kinds without one are looked
at at once. A test extends both tables with a toy kind (and removes it after).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nodes.kinds.wait import DurationWait, ForEventWait, UntilDateWait, UntilTimeWait
from runtime import hashing
from runtime.attributes import apply_update
from runtime.instants import FOREVER, epoch_of, next_time_of_day
from runtime.plan import Plan
from runtime.policies import consented
from runtime.render import render

from .conditions import Scope, holds

if TYPE_CHECKING:
    from .interpreter import Enrollment, Reference


@dataclass
class Visit:
    """One customer at one node at instant `t`."""
    enrollment: Enrollment
    plan: Plan
    node: str
    config: Any
    t: int
    outlet: str | None  # chosen on arrival (waits), else None

    def scope(self, ref: Reference) -> Scope:
        e = self.enrollment
        return ref.scope(e.customer_id, self.t, e.entered_at, self.plan.timezone)


def leaves_by_next(ref: Reference, v: Visit) -> str:
    return "next"


def leaves_as_chosen(ref: Reference, v: Visit) -> str | None:
    return v.outlet


def filter_step(ref: Reference, v: Visit) -> str:
    return "next" if holds(v.config.condition, v.scope(ref)) else "rejected"


def branch_step(ref: Reference, v: Visit) -> str:
    scope = v.scope(ref)
    return next((p.name for p in v.config.paths if holds(p.condition, scope)), "else")


def split_step(ref: Reference, v: Visit) -> str:
    index = hashing.variant_index(v.plan.id, v.node, v.enrollment.customer_id,
                                  [variant.percent for variant in v.config.variants])
    return v.config.variants[index].name


def update_step(ref: Reference, v: Visit) -> str:
    apply_update(ref.customers[v.enrollment.customer_id], v.config, ref.catalog,
                 v.plan.timezone)
    return "next"


def reward_step(ref: Reference, v: Visit) -> str:
    e, cfg, node = v.enrollment, v.config, v.node
    if not ref.first_pass(e, node, "reward"):
        return "next"  # unique per (enrollment, node): a loop grants nothing more
    who, pool = (e.journey_id, e.version, node, e.customer_id), (e.journey_id, e.version, node)
    if cfg.per_customer_limit is not None and ref.granted.get(who, 0) >= cfg.per_customer_limit:
        status = "limit_reached"
    elif cfg.budget is not None and ref.spent.get(pool, 0.0) + cfg.amount > cfg.budget:
        status = "exhausted"
    else:
        status = "granted"
        ref.granted[who] = ref.granted.get(who, 0) + 1
        ref.spent[pool] = ref.spent.get(pool, 0.0) + cfg.amount
    ref.result.rewards.append({"journey_id": e.journey_id, "customer_id": e.customer_id,
                               "entered_at": e.entered_at, "node_id": node, "at": v.t,
                               "benefit": cfg.benefit.value, "amount": float(cfg.amount),
                               "status": status})
    return "next" if status == "granted" else "exhausted"


def touch_step(ref: Reference, v: Visit) -> str | None:
    e, cfg, node, t = v.enrollment, v.config, v.node, v.t
    channel, attrs = cfg.channel.value, ref.customers[e.customer_id]
    status, reason = "sent", None
    if not consented(attrs, channel):
        if not ref.first_pass(e, node, "touch"):
            return "next"
        status, reason = "suppressed", "no_consent"
    else:
        deferred = None if cfg.ignore_quiet_hours else ref.policies.deferred_until(channel, t)
        if deferred is not None:  # the customer waits with the touch
            e.at = deferred
            ref.push_step(e, deferred, None)
            return None
        if not ref.first_pass(e, node, "touch"):
            return "next"  # unique per (enrollment, node): a loop sends nothing more
        if not cfg.ignore_frequency_cap:
            history = ref.sent.setdefault(e.customer_id, [])
            if ref.policies.cap_blocks(channel, t, history):
                status, reason = "suppressed", "frequency_cap"
            else:
                history.append((channel, t))
    ref.result.touches.append({
        "journey_id": e.journey_id, "version": e.version, "customer_id": e.customer_id,
        "entered_at": e.entered_at, "node_id": node, "channel": channel, "at": t,
        "status": status, "reason": reason,
        "content": render(cfg.template, attrs) if status == "sent" else None})
    return "next"


StepReading = Callable[["Reference", Visit], "str | None"]

REFERENCE_STEPS: dict[str, StepReading] = {
    "trigger": leaves_by_next,  # entered customers leave their trigger at once
    "filter": filter_step,
    "wait": leaves_as_chosen,
    "branch": branch_step,
    "split": split_step,
    "touch": touch_step,
    "reward": reward_step,
    "update": update_step,
}


# -- arrivals: (instant at the node, when it is looked at, outlet chosen) ----------

Arrival = tuple[int, int, "str | None"]


def arrive_at_once(ref: Reference, e: Enrollment, plan: Plan, node: str, cfg: Any,
                   t: int) -> Arrival:
    return t, t, None


def wait_end(cfg: Any, t: int, tz: str) -> int:
    """When a wait entered at `t` is over (for_event: its timeout)."""
    if isinstance(cfg, DurationWait):
        return t + (cfg.duration.seconds if cfg.duration else 0)
    if isinstance(cfg, UntilDateWait):
        return max(t, epoch_of(cfg.at))
    if isinstance(cfg, ForEventWait):
        return t + (cfg.timeout.seconds if cfg.timeout else FOREVER)
    if isinstance(cfg, UntilTimeWait):
        return next_time_of_day(t, cfg.time, cfg.weekdays, tz)
    raise TypeError(f"not a wait: {cfg!r}")


def arrive_at_wait(ref: Reference, e: Enrollment, plan: Plan, node: str, cfg: Any,
                   t: int) -> Arrival:
    end = wait_end(cfg, t, plan.timezone)
    if not isinstance(cfg, ForEventWait):
        return end, end, "next"
    te = ref.first_event(e.customer_id, cfg.event, cfg.where, t, min(end, ref.until),
                         plan.timezone)
    return (end, te, "event") if te is not None else (end, end, "timeout")


REFERENCE_ARRIVALS: dict[str, Callable[..., Arrival]] = {"wait": arrive_at_wait}
