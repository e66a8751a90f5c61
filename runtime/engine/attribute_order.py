"""Attributes as of the logical instant (journey-semantics §4), kept set-based.

Update nodes write the customers table itself, so a condition reads the value
as of its instant exactly when, for each customer, the steps that read or
write a shared attribute happen in logical order: (instant, journey id), path
order within a journey, an entry after its journey's steps at that instant
(§5, §6). Everything else — most journeys, which share no attribute with an
update node — moves as freely as before.

So a step that reads such an attribute (filter, branch, a touch's consent)
waits while the same customer has an earlier enrollment elsewhere that may
still lead to an update of one; an update also waits for earlier ones that
may still read or write one; and an entry whose audience reads one is decided
only when no earlier write can come. "Earlier" is the order above; an
enrollment waiting for an event counts from that event. Each hold waits only
on strictly earlier things, so the earliest always moves and a tick ends.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, delete, exists, false, insert, literal, or_, select

from runtime.plan import Plan

from .scratch import pending_entries
from .state import VersionKey
from .steps import step_for

Nodes = dict[VersionKey, set[str]]


_built = itertools.count()


class AttributeOrder:
    def __init__(self, plans: Iterable[Plan]) -> None:
        self.token = next(_built)  # names this order in statements built from it
        self.released = False  # the entry rounds' last resort against a standstill
        self.plans = {(p.id, p.version): p for p in plans}
        writers: dict[str, set] = {}
        readers: dict[str, set] = {}
        for key, plan in self.plans.items():
            for node in plan.node_ids:
                for name in plan.attributes_written(node):
                    writers.setdefault(name, set()).add((key, node))
                for name in plan.attributes_read(node):
                    readers.setdefault(name, set()).add((key, node))
        # Shared: written by one node and read or written by another.
        self.attributes = {name for name, ws in writers.items()
                           if len(ws) > 1 or readers.get(name, set()) - ws}
        # Steps that read or write a shared attribute, and triggers whose audience reads one.
        self.reads: Nodes = {key: set() for key in self.plans}
        self.writes: Nodes = {key: set() for key in self.plans}
        self.audiences: Nodes = {key: set() for key in self.plans}
        for key, plan in self.plans.items():
            for node in plan.node_ids:
                if plan.attributes_read(node) & self.attributes:
                    (self.audiences if node in plan.entry_nodes else self.reads)[key].add(node)
                if plan.attributes_written(node) & self.attributes:
                    self.writes[key].add(node)
        self.may_read = self._reaching(self.reads)
        self.may_write = self._reaching(self.writes)

    def _reaching(self, found: Nodes) -> Nodes:
        """Per version, the nodes from which one of `found`'s may be reached."""
        return {key: {n for n in plan.node_ids if plan.reachable(n) & found[key]}
                for key, plan in self.plans.items()}

    @property
    def active(self) -> bool:
        return bool(self.attributes) and not self.released

    def audience_deferred(self, plan: Plan, node: str) -> bool:
        """A trigger whose audience reads a shared attribute: read it when deciding."""
        return node in self.audiences.get((plan.id, plan.version), ())

    # -- holds --------------------------------------------------------------

    def step_holds(self, run: Any, plan: Plan, node: str, e: Any) -> list:
        """Where-clauses keeping enrollments `e` at `node` until nothing earlier
        of theirs may still change what they read or write."""
        key = (plan.id, plan.version)
        if not self.active:
            return []
        if node in self.writes.get(key, ()):
            return [~self.earlier(run, plan.id, e.c.customer_id, e.c.at,
                                  merge(self.may_read, self.may_write), "either")]
        if node in self.reads.get(key, ()):
            return [~self.earlier(run, plan.id, e.c.customer_id, e.c.at, self.may_write,
                                  "writes")]
        return []

    def entry_held(self, run: Any, journey_id: str, customer: Any, t: Any) -> Any:
        """An entry at `t` whose audience reads a shared attribute waits for
        every earlier step or entry that may still write one."""
        if not self.active:
            return false()
        return self.earlier(run, journey_id, customer, t, self.may_write, "writes")

    def earlier(self, run: Any, journey_id: str, customer: Any, at: Any, nodes: Nodes,
                pending: str) -> Any:
        """Something of `customer` comes before (`at`, `journey_id`) that is at
        one of `nodes` (another journey's enrollment) or a pending entry whose
        flag `pending` is set ("reads", "writes" or "either")."""
        b = run.t["enrollments"].alias("earlier")
        terms = []
        for (jid, version), found in sorted(nodes.items()):
            if jid == journey_id or not found:
                continue  # one active enrollment per customer and journey: its own path
            other = self.plans[(jid, version)]
            comes_first = (lambda x: x <= at) if jid < journey_id else (lambda x: x < at)
            plain = []
            for n in sorted(found):
                instant = step_for(other.kind(n)).earliest_move(run, other, n, other.config(n), b)
                if instant is b.c.at:
                    plain.append(n)
                else:
                    terms.append(and_(b.c.journey_id == jid, b.c.version == version,
                                      b.c.node_id == n, comes_first(instant)))
            if plain:
                terms.append(and_(b.c.journey_id == jid, b.c.version == version,
                                  b.c.node_id.in_(plain), comes_first(b.c.at)))
        held = exists(select(literal(1)).select_from(b).where(
            b.c.customer_id == customer, b.c.status == "active", or_(*terms))
            .correlate_except(b)) if terms else false()
        p = pending_entries.alias("earlier_entry")
        flag = {"reads": p.c.reads == 1, "writes": p.c.writes == 1,
                "either": or_(p.c.reads == 1, p.c.writes == 1)}[pending]
        first = or_(p.c.t < at, and_(p.c.t == at, p.c.journey_id < literal(journey_id)))
        return or_(held, exists(select(literal(1)).select_from(p).where(
            p.c.customer_id == customer, flag, first).correlate_except(p)))

    def note_pending(self, conn: Connection, pending: dict[str, dict], plans: list[Plan]) -> None:
        """Record the undecided entries (journey → customer → [(t, trigger nodes)])
        that later steps must wait for."""
        conn.execute(delete(pending_entries))
        rows = []
        for plan in plans:
            key = (plan.id, plan.version)
            for customer, items in pending.get(plan.id, {}).items():
                for t, nodes in items:
                    reads = any(n in self.may_read[key] or n in self.audiences[key]
                                for n in nodes)
                    writes = any(n in self.may_write[key] for n in nodes)
                    if reads or writes:
                        rows.append({"customer_id": customer, "journey_id": plan.id, "t": t,
                                     "reads": int(reads), "writes": int(writes)})
        if rows:
            conn.execute(insert(pending_entries), rows)


def merge(a: Nodes, b: Nodes) -> Nodes:
    return {key: a.get(key, set()) | b.get(key, set()) for key in a.keys() | b.keys()}
