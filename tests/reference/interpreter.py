"""The reference's queue: one global order of (instant, customer, journey id)
items — exits before steps before entries — over customers and events held
in Python. What each kind does is a function in `REFERENCE_STEPS`; how each
trigger type fires, one in `REFERENCE_TRIGGERS`."""
from __future__ import annotations

import heapq
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from nodes.catalog import AttrType
from nodes.meta import Cooldown
from runtime import hashing
from runtime.attributes import customer_attributes
from runtime.plan import Plan, load_plan
from runtime.policies import TouchPolicies

from .conditions import Scope, holds, props_match
from .steps import REFERENCE_ARRIVALS, REFERENCE_STEPS, Visit, arrive_at_once
from .triggers import REFERENCE_TRIGGERS

EXIT, STEP, ENTRY = 0, 1, 2


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

    def push_step(self, e: Enrollment, t: int, outlet: str | None) -> None:
        """Look at `e` again at `t` (by `outlet` when already chosen)."""
        self.push(t, e.customer_id, e.journey_id, STEP, "step", (e, e.token, outlet))

    def first_pass(self, e: Enrollment, node: str, what: str) -> bool:
        key = (id(e), node, what)
        if key in self.passed:
            return False
        self.passed.add(key)
        return True

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
        low, high = plan.firing_bounds(start, until)
        candidates: dict[tuple[str, int], list[str]] = {}
        for node in plan.entry_nodes:
            cfg = plan.config(node)
            fire = REFERENCE_TRIGGERS[cfg.type]
            for customer in self.customers:
                for t in fire(self, plan, cfg, customer, low, high):
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
        self.execute(e, t, None)

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
                                  "entered_at": e.entered_at, "node_id": node, "outlet": outlet,
                                  "at": t})
        target = plan.target(node, outlet)
        if target is None:
            e.status, e.exit_reason = plan.end_status(node, outlet)
            e.ended_at, e.at = t, t
            return
        e.node_id = target
        e.token += 1
        arrive = REFERENCE_ARRIVALS.get(plan.kind(target), arrive_at_once)
        e.at, wake, chosen = arrive(self, e, plan, target, plan.config(target), t)
        self.push_step(e, wake, chosen)

    def execute(self, e: Enrollment, t: int, outlet: str | None) -> None:
        """Run the enrollment's node at `t`; a step that returns no outlet holds it."""
        plan = self.plans[(e.journey_id, e.version)]
        node = e.node_id
        visit = Visit(e, plan, node, plan.config(node), t, outlet)
        chosen = REFERENCE_STEPS[plan.kind(node)](self, visit)
        if chosen is not None:
            self.leave(e, plan, node, chosen, t)


def reference_run(store: Any, start: int, until: int) -> Result:
    return Reference(store).run(start, until)
