"""The reference interpreter: a deliberately simple, per-customer, in-memory
reading of journey-semantics §2–§7, used as the oracle for the engine.

It loads customers and events into Python, then processes one global queue
of (instant, customer, journey id) items — exits before steps before
entries — so every order-dependent rule (frequency caps across journeys,
reward budgets, max entries per firing) is decided in the documented order.
Results are plain Python lists of dicts; nothing is written to the store.

Readings of the semantics where the page leaves room (the engine does the same):
- several triggers matching a customer at one instant: one entry, through the
  first trigger (by node id) whose audience holds; `max_entries_per_run`
  counts per trigger node and instant (an event trigger's "firing" is one second);
- a leaf on a missing attribute is false (except `is_not_set`; tags `not_in`);
- consent is read when the touch is reached and again at a quiet-hours deferral;
- `ignore_frequency_cap` touches are sent and do not count against caps;
- goal and exit_when at the same instant: the goal wins; an exited enrollment
  converts only by an event up to its exit; a completed one converts later too;
- `after_exit` allows a new entry at the very instant the previous one ended;
- touches and rewards are unique per (enrollment, node): a loop passing the
  node again records nothing; a reward not granted (budget or per-customer
  limit) leaves by `exhausted`;
- in a simulated run every version counts as published at its start.
"""
from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from nodes.catalog import AttrType, Catalog
from nodes.conditions import (
    AllCondition,
    AnyCondition,
    AttributeCondition,
    EventCondition,
    NotCondition,
    Op,
)
from nodes.configs import ForEventWait
from nodes.durations import Duration
from nodes.kinds import NodeKind
from nodes.meta import Cooldown
from runtime import hashing
from runtime.compile import fixed_offset, infer_type, typed_value
from runtime.engine_render import apply_update, customer_attributes, render
from runtime.plan import (
    Plan,
    cron_instants,
    for_event_timeout,
    key_date_instants,
    load_plan,
    to_epoch,
    wait_due,
    window_bounds,
)
from runtime.policies import TouchPolicies, consented

EXIT, STEP, ENTRY = 0, 1, 2


# -- conditions in plain Python -------------------------------------------------


@dataclass
class Scope:
    catalog: Catalog
    attrs: dict[str, Any]
    events: list[tuple[str, int, dict]]  # (name, ts, properties), sorted by ts
    at: int
    entered_at: int
    tz: str


def holds(cond: Any, s: Scope) -> bool:
    if isinstance(cond, AllCondition):
        return all(holds(c, s) for c in cond.all)
    if isinstance(cond, AnyCondition):
        return any(holds(c, s) for c in cond.any)
    if isinstance(cond, NotCondition):
        return not holds(cond.not_, s)
    if isinstance(cond, EventCondition):
        n = sum(1 for name, ts, props in s.events if name == cond.event and ts <= s.at
                and _in_window(cond, ts, s) and props_match(cond.event, cond.where, props, s))
        v = cond.count.value
        return {"eq": n == v, "ne": n != v, "lt": n < v, "lte": n <= v, "gt": n > v,
                "gte": n >= v}[cond.count.op.value]
    kind = s.catalog.attributes[cond.attribute].type
    return leaf_holds(kind, cond.op, cond.value, s.attrs.get(cond.attribute), s)


def _in_window(cond: EventCondition, ts: int, s: Scope) -> bool:
    if cond.within == "since_entry":
        return ts > s.entered_at
    if cond.within is not None:
        return ts > s.at - cond.within.seconds
    return True


def props_match(event: str, where: list[AttributeCondition], props: dict, s: Scope) -> bool:
    defs = s.catalog.events.get(event)
    for leaf in where:
        kind = (defs.properties.get(leaf.attribute) if defs else None) or infer_type(leaf.value)
        raw = props.get(leaf.attribute)
        if raw is not None and kind == AttrType.number:
            raw = float(raw)
        if not leaf_holds(kind, leaf.op, leaf.value, raw, s):
            return False
    return True


def _local_date(epoch: int, tz: str) -> date:
    return datetime.fromtimestamp(epoch + fixed_offset(tz), UTC).date()


def leaf_holds(kind: AttrType, op: Op, value: Any, actual: Any, s: Scope) -> bool:
    missing = actual is None or (kind == AttrType.string and actual == "") or (
        kind == AttrType.tags and not actual)
    if op == Op.is_set:
        return not missing
    if op == Op.is_not_set:
        return missing
    if kind == AttrType.tags:
        wanted = value if isinstance(value, list) else [value]
        hit = any(str(t) in (actual or []) for t in wanted)
        return not hit if op == Op.not_in else hit
    if actual is None:
        return False
    if op in (Op.within_last, Op.within_next):
        secs = Duration.model_validate(value).seconds
        if kind == AttrType.datetime:
            return (s.at - secs < actual <= s.at if op == Op.within_last
                    else s.at <= actual < s.at + secs)
        if op == Op.within_last:
            return _local_date(s.at - secs, s.tz) <= actual <= _local_date(s.at, s.tz)
        return _local_date(s.at, s.tz) <= actual <= _local_date(s.at + secs, s.tz)
    if op == Op.contains:
        return str(value) in actual
    if op == Op.starts_with:
        return actual.startswith(str(value))
    if op == Op.between:
        low, high = (typed_value(kind, v, s.tz) for v in value)
        return low <= actual <= high
    if op in (Op.in_, Op.not_in):
        inside = actual in [typed_value(kind, v, s.tz) for v in value]
        return inside if op == Op.in_ else not inside
    v = typed_value(kind, value, s.tz)
    return {Op.eq: actual == v, Op.ne: actual != v, Op.lt: actual < v, Op.lte: actual <= v,
            Op.gt: actual > v, Op.gte: actual >= v}[op]


# -- the interpreter --------------------------------------------------------------


@dataclass
class Enrollment:
    journey_id: str
    version: int
    customer_id: str
    entered_at: int
    node_id: str
    at: int
    status: str = "active"
    exit_reason: str | None = None
    ended_at: int | None = None
    converted_at: int | None = None
    token: int = 0


@dataclass
class Result:
    enrollments: list[Enrollment] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    touches: list[dict] = field(default_factory=list)
    rewards: list[dict] = field(default_factory=list)


class Reference:
    def __init__(self, store: Any):
        self.catalog = store.catalog()
        self.policies = TouchPolicies.from_store(store)
        customers = store.customers_table()
        tags = {a.name for a in self.catalog.attributes.values() if a.type == AttrType.tags}
        import json
        with store.engine.connect() as conn:
            self.customers = {r.customer_id: customer_attributes(r, tags)
                              for r in conn.execute(select(customers))}
            self.events: dict[str, list] = {c: [] for c in self.customers}
            ev = store.tables["events"]
            for r in conn.execute(select(ev).order_by(ev.c.ts, ev.c.id)):
                if r.customer_id in self.events:
                    props = json.loads(r.properties) if r.properties else {}
                    self.events[r.customer_id].append((r.name, r.ts, props))
            jv = store.tables["journey_versions"]
            rows = list(conn.execute(select(jv).order_by(jv.c.journey_id, jv.c.version)))
        self.plans: dict[tuple[str, int], Plan] = {
            (r.journey_id, r.version): load_plan(r.document, r.version) for r in rows}
        # New entries use the newest published version, if it is active.
        newest = {r.journey_id: r for r in rows}
        self.newest = {jid: r.version for jid, r in newest.items() if r.state == "active"}

    # - helpers -

    def scope(self, e_customer: str, at: int, entered_at: int, tz: str) -> Scope:
        return Scope(self.catalog, self.customers[e_customer], self.events[e_customer], at,
                     entered_at, tz)

    def first_event(self, customer: str, name: str, where, after: int, upto: int,
                    tz: str) -> int | None:
        for ev_name, ts, props in self.events[customer]:
            if ev_name == name and after < ts <= upto and props_match(
                    name, where, props, self.scope(customer, ts, after, tz)):
                return ts
        return None

    def push(self, t: int, customer: str, jid: str, order: int, action: str, payload: Any):
        heapq.heappush(self.queue, (t, customer, jid, order, next(self.seq), action, payload))

    # - run -

    def run(self, start: int, until: int) -> Result:
        self.until, self.result = until, Result()
        self.queue: list = []
        self.seq = itertools.count()
        self.by_customer: dict[tuple[str, str], list[Enrollment]] = {}
        self.entries_at: dict[tuple, int] = {}
        self.sent: dict[str, list[tuple[str, int]]] = {}
        self.granted: dict[tuple, int] = {}
        self.spent: dict[tuple, float] = {}
        self.passed: set[tuple] = set()
        for jid, version in self.newest.items():
            self.schedule_entries(self.plans[(jid, version)], start, until)
        while self.queue:
            t, customer, jid, _order, _, action, payload = heapq.heappop(self.queue)
            if t > until:
                break
            if action == "entry":
                self.enter(t, customer, *payload)
            elif action == "exit":
                e, reason = payload
                if e.status == "active":
                    e.status, e.exit_reason, e.ended_at = "exited", reason, t
            else:
                e, token, outlet = payload
                if e.status == "active" and e.token == token:
                    self.execute(e, t, outlet)
        for e in self.result.enrollments:
            self.mark_conversion(e)
        return self.result

    def schedule_entries(self, plan: Plan, start: int, until: int) -> None:
        low, high = window_bounds(plan, start, until)
        tz, candidates = plan.timezone, {}
        for node in plan.nodes_of(NodeKind.trigger):
            cfg = plan.config(node)
            for customer, attrs in self.customers.items():
                if cfg.type == "event":
                    times = [ts for name, ts, props in self.events[customer]
                             if name == cfg.event and low < ts <= high and props_match(
                                 name, cfg.where, props, self.scope(customer, ts, ts, tz))]
                elif cfg.type == "schedule":
                    times = [t for t in [to_epoch(cfg.at)] if low < t <= high]
                elif cfg.type == "recurring":
                    times = cron_instants(cfg.cron, tz, low, high)
                else:
                    day = attrs.get(cfg.attribute)
                    if isinstance(day, int):
                        day = datetime.fromtimestamp(day + fixed_offset(tz), UTC).date()
                    times = [] if day is None else key_date_instants(
                        day, cfg.offset_days, cfg.time, cfg.yearly, tz, low, high)
                for t in times:
                    candidates.setdefault((customer, t), []).append(node)
        for (customer, t), nodes in candidates.items():
            self.push(t, customer, plan.id, ENTRY, "entry", (plan, sorted(nodes)))

    def enter(self, t: int, customer: str, plan: Plan, triggers: list[str]) -> None:
        """Enter through the first trigger (by node id) whose audience holds at t."""
        meta = plan.meta
        previous = self.by_customer.get((plan.id, customer), [])
        if any(e.status == "active" for e in previous):
            return
        reentry = meta.entry.reentry
        if previous and reentry == "never":
            return
        if previous and isinstance(reentry, Cooldown) and (
                t < previous[-1].entered_at + reentry.cooldown.seconds):
            return
        scope = self.scope(customer, t, t, plan.timezone)
        passing = [n for n in triggers if plan.config(n).audience is None
                   or holds(plan.config(n).audience, scope)]
        if not passing:
            return
        trigger = passing[0]
        if not hashing.sampled(plan.id, customer, meta.entry.sample_percent):
            return
        limit, key = meta.entry.max_entries_per_run, (plan.id, trigger, t)
        if limit is not None and self.entries_at.get(key, 0) >= limit:
            return
        self.entries_at[key] = self.entries_at.get(key, 0) + 1
        e = Enrollment(plan.id, plan.version, customer, t, trigger, t)
        self.result.enrollments.append(e)
        previous.append(e)
        self.by_customer[(plan.id, customer)] = previous
        self.schedule_exit(e, plan)
        self.leave(e, plan, trigger, "next", t)

    def schedule_exit(self, e: Enrollment, plan: Plan) -> None:
        meta, tz, found = plan.meta, plan.timezone, []
        if meta.goal is not None and meta.goal.exit_on_goal:
            upto = e.entered_at + meta.goal.within.seconds if meta.goal.within else self.until
            te = self.first_event(e.customer_id, meta.goal.event, meta.goal.where,
                                  e.entered_at, min(upto, self.until), tz)
            if te is not None:
                found.append((te, 0, "goal"))
        if meta.exit_when is not None:
            te = self.first_event(e.customer_id, meta.exit_when.event, meta.exit_when.where,
                                  e.entered_at, self.until, tz)
            if te is not None:
                found.append((te, 1, "exit_when"))
        if found:
            te, _, reason = min(found)
            self.push(te, e.customer_id, e.journey_id, EXIT, "exit", (e, reason))

    def mark_conversion(self, e: Enrollment) -> None:
        goal = self.plans[(e.journey_id, e.version)].meta.goal
        if goal is None:
            return
        upto = e.entered_at + goal.within.seconds if goal.within else self.until
        te = self.first_event(e.customer_id, goal.event, goal.where, e.entered_at,
                              min(upto, self.until), self.plans[(e.journey_id, e.version)].timezone)
        if te is not None and (e.status != "exited" or te <= e.ended_at):
            e.converted_at = te

    def leave(self, e: Enrollment, plan: Plan, node: str, outlet: str, t: int) -> None:
        self.result.steps.append({"journey_id": e.journey_id, "customer_id": e.customer_id,
                                      "entered_at": e.entered_at, "node_id": node, "outlet": outlet, "at": t})
        target = plan.target(node, outlet)
        if target is None:
            e.status, e.exit_reason = plan.end_status(outlet)
            e.ended_at, e.at = t, t
            return
        e.node_id, e.at = target, t
        e.token += 1
        if plan.kind(target) != NodeKind.wait:
            self.push(t, e.customer_id, e.journey_id, STEP, "step", (e, e.token, None))
            return
        cfg = plan.config(target)
        e.at = wait_due(cfg, t, plan.timezone)
        if isinstance(cfg, ForEventWait):
            te = self.first_event(e.customer_id, cfg.event, cfg.where, t,
                                  min(t + for_event_timeout(cfg), self.until), plan.timezone)
            if te is not None:
                self.push(te, e.customer_id, e.journey_id, STEP, "step", (e, e.token, "event"))
                return
            self.push(e.at, e.customer_id, e.journey_id, STEP, "step", (e, e.token, "timeout"))
            return
        self.push(e.at, e.customer_id, e.journey_id, STEP, "step", (e, e.token, "next"))

    def execute(self, e: Enrollment, t: int, outlet: str | None) -> None:
        plan = self.plans[(e.journey_id, e.version)]
        node, kind = e.node_id, plan.kind(e.node_id)
        cfg = plan.config(node)
        scope = self.scope(e.customer_id, t, e.entered_at, plan.timezone)
        if kind == NodeKind.wait:
            pass
        elif kind == NodeKind.filter:
            outlet = "next" if holds(cfg.condition, scope) else "rejected"
        elif kind == NodeKind.branch:
            outlet = next((p.name for p in cfg.paths if holds(p.condition, scope)), "else")
        elif kind == NodeKind.split:
            index = hashing.variant_index(plan.id, node, e.customer_id,
                                          [v.percent for v in cfg.variants])
            outlet = cfg.variants[index].name
        elif kind == NodeKind.update:
            apply_update(self.customers[e.customer_id], cfg, self.catalog, plan.timezone)
            outlet = "next"
        elif kind == NodeKind.reward:
            outlet = self.reward(e, plan, node, cfg, t)
        elif kind == NodeKind.touch:
            outlet = self.touch(e, plan, node, cfg, t)
            if outlet is None:
                return
        self.leave(e, plan, node, outlet, t)

    def reward(self, e: Enrollment, plan: Plan, node: str, cfg: Any, t: int) -> str:
        if not self.first_pass(e, node, "reward"):
            return "next"  # unique per (enrollment, node): a loop grants nothing more
        who, pool = (e.journey_id, e.version, node, e.customer_id), (e.journey_id, e.version, node)
        if cfg.per_customer_limit is not None and self.granted.get(who, 0) >= cfg.per_customer_limit:
            status = "limit_reached"
        elif cfg.budget is not None and self.spent.get(pool, 0.0) + cfg.amount > cfg.budget:
            status = "exhausted"
        else:
            status = "granted"
            self.granted[who] = self.granted.get(who, 0) + 1
            self.spent[pool] = self.spent.get(pool, 0.0) + cfg.amount
        self.result.rewards.append({"journey_id": e.journey_id, "customer_id": e.customer_id,
                                        "entered_at": e.entered_at, "node_id": node, "at": t,
                                        "benefit": cfg.benefit.value, "amount": float(cfg.amount),
                                        "status": status})
        return "next" if status == "granted" else "exhausted"

    def first_pass(self, e: Enrollment, node: str, what: str) -> bool:
        key = (id(e), node, what)
        if key in self.passed:
            return False
        self.passed.add(key)
        return True

    def touch(self, e: Enrollment, plan: Plan, node: str, cfg: Any, t: int) -> str | None:
        channel, attrs = cfg.channel.value, self.customers[e.customer_id]
        status, reason = "sent", None
        if not consented(attrs, channel):
            if not self.first_pass(e, node, "touch"):
                return "next"
            status, reason = "suppressed", "no_consent"
        else:
            deferred = None if cfg.ignore_quiet_hours else self.policies.deferred_until(channel, t)
            if deferred is not None:  # the customer waits with the touch
                e.at = deferred
                self.push(deferred, e.customer_id, e.journey_id, STEP, "step",
                          (e, e.token, None))
                return None
            if not self.first_pass(e, node, "touch"):
                return "next"  # unique per (enrollment, node): a loop sends nothing more
            if not cfg.ignore_frequency_cap:
                history = self.sent.setdefault(e.customer_id, [])
                if self.policies.cap_blocks(channel, t, history):
                    status, reason = "suppressed", "frequency_cap"
                else:
                    history.append((channel, t))
        self.result.touches.append({
            "journey_id": e.journey_id, "version": e.version, "customer_id": e.customer_id,
            "entered_at": e.entered_at, "node_id": node, "channel": channel, "at": t, "status": status,
            "reason": reason, "content": render(cfg.template, attrs) if status == "sent" else None})
        return "next"


def reference_run(store: Any, start: int, until: int) -> Result:
    return Reference(store).run(start, until)
