"""What one engine run holds, grouped by who writes it.

`Run` is read once when the run starts (store, catalog, policies and every
published version) and carries the tick's transaction. The rest changes as
the run goes: the `Clock` (by the tick loop), the `EventWindow` (at the start
and end of each tick), the `BudgetOrder` (through its own methods, by the
entry rounds and the budgeted-reward pass), the `Caches` (filled on first
use) and the count of touch decisions (by the touch step).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import BigInteger, Connection, bindparam, func, select, update

from nodes.catalog import AttrType
from nodes.errors import JourneyFileError
from runtime.compile import Context
from runtime.plan import Plan, load_plan
from runtime.policies import TouchPolicies
from runtime.store import clock_meta
from runtime.store.upgrade import upsert_meta

from .errors import JOURNEY_ERRORS
from .prepared import Prepared, prepare
from .scratch import EMPTY_BATCH, batch

VersionKey = tuple[str, int]  # (journey id, version)
NEVER = 2**62  # an instant after every other
MISSING = object()


def instant_param(value: Callable[[], int | None]) -> Any:
    """A bound BIGINT read when a statement runs: statements built once per run
    (`Run.statement`) see the tick's value."""
    return bindparam(None, type_=BigInteger, callable_=value)


class Pause(NamedTuple):
    """A version's latest pause, [start, end): no trigger fires in it, and with
    `skip_missed` no touch whose instant falls in it is sent (§7)."""
    start: int
    end: int
    skip_missed: bool

    def holds(self, instant: int) -> bool:
        return self.start <= instant < self.end


@dataclass
class Versions:
    """Every published version as stored when the run began."""
    plans: dict[VersionKey, Plan] = field(default_factory=dict)
    states: dict[VersionKey, str] = field(default_factory=dict)
    published: dict[VersionKey, int] = field(default_factory=dict)
    pauses: dict[VersionKey, Pause] = field(default_factory=dict)  # the latest, if resumed
    # Stopped versions ended at a known instant: their customers exit then.
    ended: dict[VersionKey, int] = field(default_factory=dict)
    # Active versions whose document no longer loads (held here; the run pauses them).
    unloadable: dict[VersionKey, Exception] = field(default_factory=dict)
    _lists: dict[str, Any] = field(default_factory=dict, repr=False)  # `runnable`…

    @classmethod
    def load(cls, store: Any) -> Versions:
        found = cls()
        jv = store.tables["journey_versions"]
        with store.engine.connect() as conn:
            for row in conn.execute(select(jv)):
                key = (row.journey_id, row.version)
                try:
                    found.plans[key] = load_plan(row.document, row.version)
                except (JourneyFileError, *JOURNEY_ERRORS) as exc:
                    found.states[key] = "paused" if row.state == "active" else row.state
                    if row.state == "active":
                        found.unloadable[key] = exc
                    continue
                found.states[key] = row.state
                found.published[key] = row.published_at
                if row.state == "stopped" and row.paused_at is not None:
                    found.ended[key] = row.paused_at  # journey-runtime end --at
                if row.paused_at is not None and row.resumed_at is not None:
                    found.pauses[key] = Pause(row.paused_at, row.resumed_at, row.skip_missed)
        return found

    def newest_active(self) -> list[Plan]:
        """The version new entries use, per journey, when it is active."""
        if "newest" not in self._lists:  # asked many times a tick; changes with `hold`
            newest: dict[str, int] = {}
            for jid, version in sorted(self.states):
                newest[jid] = version
            self._lists["newest"] = [self.plans[(jid, v)] for jid, v in sorted(newest.items())
                                     if self.states[(jid, v)] == "active"]
        return list(self._lists["newest"])

    def runnable(self) -> list[Plan]:
        """Versions whose enrollments move (paused versions hold all steps)."""
        if "runnable" not in self._lists:
            self._lists["runnable"] = [p for key, p in sorted(self.plans.items())
                                       if self.moves(key)]
        return list(self._lists["runnable"])

    def runnable_key(self) -> tuple:
        """(journey, version) of `runnable`, as one value (asked on every step)."""
        if "runnable_key" not in self._lists:
            self._lists["runnable_key"] = tuple((p.id, p.version) for p in self.runnable())
        return self._lists["runnable_key"]

    def moves(self, key: VersionKey) -> bool:
        """Whether this version's enrollments move (it is one of `runnable`)."""
        return key in self.plans and self.states.get(key) == "active"

    def stopped(self) -> list[VersionKey]:
        return [key for key, state in self.states.items() if state == "stopped"]

    def hold(self, journey_id: str) -> None:
        """Every active version of a journey is paused from now on (in this run)."""
        for key, state in self.states.items():
            if key[0] == journey_id and state == "active":
                self.states[key] = "paused"
        self._lists.clear()

    def pause_of(self, plan: Plan) -> Pause | None:
        return self.pauses.get((plan.id, plan.version))


@dataclass
class Clock:
    """The run's clock: written by the tick loop (`loop`, and `wake` for the cache)."""
    now: int = 0
    since: int | None = None  # the previous tick's `now` in this run
    end: int = 0  # the last instant of this run
    wake: int | None = None  # the next instant a tick has work (cached)
    worked: bool = False  # the last tick did work: the next one likely has some too


@dataclass
class BudgetOrder:
    """Budgeted rewards are granted in (instant, customer) order: a grant waits
    while an earlier enrollment may still reach the same budget."""
    before: dict[str, int] = field(default_factory=dict)  # journey → earliest undecided entry
    up_to: int | None = None  # another budgeted node of the journey waits from here

    def hold_before(self, earliest: dict[str, int]) -> None:
        """Entries are still undecided from these instants on, per journey."""
        self.before = earliest

    def release(self) -> None:
        self.before = {}

    @contextmanager
    def only_up_to(self, instant: int | None) -> Iterator[None]:
        """While one budgeted node moves, another of its journey waits from `instant`."""
        self.up_to = instant
        try:
            yield
        finally:
            self.up_to = None

    def clauses(self, journey_id: str, at: Any) -> list:
        """Where-clauses on an enrollment's instant `at` that keep that order,
        read when the statement runs (so it can be built once)."""
        return [at < instant_param(lambda: self.before.get(journey_id, NEVER)),
                at <= instant_param(lambda: NEVER if self.up_to is None else self.up_to)]


@dataclass
class Caches:
    """Kept for the whole run: they depend only on the versions (and the
    budget spent, on the grants this run made)."""
    due_queries: dict = field(default_factory=dict)  # version → (nodes, query)
    order: tuple | None = None  # (runnable versions, their AttributeOrder)
    statements: dict = field(default_factory=dict)  # `Run.statement`
    arrival_due: dict = field(default_factory=dict)  # (journey, version, node) → expression
    carry: dict = field(default_factory=dict)  # (journey, version, node) → `carries`
    swept: dict = field(default_factory=dict)  # version → `advance.swept_nodes`
    spent: dict = field(default_factory=dict)  # (journey, version, node) → budget spent


class EventWindow:
    """The events a tick may read: every event with id <= `tick_id`, except
    those marked late. An event stored after the clock passed its timestamp
    is marked late and never read (§4: it changes nothing)."""

    def __init__(self, seen_clock: int | None, seen_id: int | None) -> None:
        # Read so far: every event with id <= seen_id and ts <= seen_clock.
        self.seen_clock, self.seen_id = seen_clock, seen_id
        self.tick_id: int | None = None  # the last event id this tick may read
        self.any_late = False
        self.late_events = 0  # marked late by this run
        self._views: dict[bool, Any] = {}  # any_late → the visible subquery
        self._start: list | None = None  # the statements of `start`

    def start(self, conn: Connection, ev: Any) -> None:
        """Fix the events this tick reads — those stored by now — and mark the
        ones stored since the last tick but dated at or before its clock."""
        if self._start is None:  # built once per run, read with the values of the moment
            self._start = [Prepared(s, conn.dialect) for s in (
                select(func.max(ev.c.id)),
                update(ev).where(ev.c.id > instant_param(lambda: self.seen_id),
                                 ev.c.id <= instant_param(lambda: self.tick_id),
                                 ev.c.ts <= instant_param(lambda: self.seen_clock),
                                 ev.c.late_after.is_(None))
                .values(late_after=instant_param(lambda: self.seen_clock)),
                select(ev.c.id).where(ev.c.late_after.is_not(None)).limit(1))]
        newest, mark_late, any_late = self._start
        self.tick_id = (committed_below(conn) if conn.dialect.name == "postgresql"
                        else conn.execute(newest).scalar()) or 0
        if self.seen_clock is not None and self.seen_id is not None:
            self.late_events += conn.execute(mark_late).rowcount
        self.any_late = conn.execute(any_late).first() is not None

    def saved(self, clock: int) -> None:
        """The clock was stored with the events read up to it."""
        self.seen_clock, self.seen_id = clock, self.tick_id

    def visible(self, ev: Any) -> Any:
        """Filtering by id keeps the (customer, name, ts) index covering."""
        if self.tick_id is None:
            return ev
        if self.any_late not in self._views:  # built once per run
            clauses = [ev.c.id <= instant_param(lambda: self.tick_id)]
            if self.any_late:
                late = ev.alias("late_events")
                clauses.append(ev.c.id.not_in(
                    select(late.c.id).where(late.c.late_after.is_not(None))))
            self._views[self.any_late] = select(ev).where(*clauses).subquery("visible_events")
        return self._views[self.any_late]


def committed_below(conn: Connection) -> int | None:
    """The highest event id below which every insert has committed. PostgreSQL
    hands out ids when an insert runs, not when it commits: an event stored
    by a slower transaction could commit below an id a tick already read and
    be neither read at its instant nor marked late. A SHARE lock waits for
    the inserts in flight (and holds new ones back for a moment), taken in a
    short transaction of its own so the tick never blocks them while it runs."""
    with conn.engine.connect() as side, side.begin():
        side.exec_driver_sql("SET LOCAL lock_timeout = '30s'")
        side.exec_driver_sql("LOCK TABLE events IN SHARE MODE")
        return side.exec_driver_sql("SELECT max(id) FROM events").scalar()


class Run:
    def __init__(self, store: Any) -> None:
        self.store = store
        self.catalog = store.catalog()
        self.t = store.tables
        self.customers = store.customers_table()
        self.tag_columns = {a.name for a in self.catalog.attributes.values()
                            if a.type == AttrType.tags}
        self.dialect = store.engine.dialect.name
        self.policies = TouchPolicies.from_store(store)
        self.versions = Versions.load(store)
        self.clock = Clock()
        self.window = EventWindow(*store.events_seen())
        self.budget = BudgetOrder()
        self.caches = Caches()
        # The tick's clock as bound parameters of statements built once.
        self.now = instant_param(lambda: self.clock.now)
        self.since = instant_param(lambda: self.clock.since)
        self.touches_made = 0  # touch decisions recorded by this run (sent or suppressed)
        self.steps_made = 0  # step_log rows written by this run
        self.conn: Connection | None = None  # the tick's transaction: all its steps, one commit
        self.group: Any = None  # `tick_group.TickGroup` while a call's ticks share commits
        # This tick's scheduling (`advance.sweep`): nodes an event may let
        # enrollments leave early that were looked at since the last arrival,
        # and the earliest due instant of those who arrived, per version and node.
        self.looked: set[tuple[VersionKey, str]] = set()
        self.arrivals: dict[VersionKey, dict[str, int]] = {}
        self.tick_facts: dict[tuple, Any] = {}  # what one tick asked the store once

    @contextmanager
    def tx(self) -> Iterator[Connection]:
        """The tick's connection inside a tick; between ticks of a group, the
        group's (which sees what they wrote); else a transaction of its own."""
        conn = self.conn if self.conn is not None else (
            self.group.conn if self.group is not None else None)
        if conn is not None:
            yield conn
            return
        with self.store.engine.begin() as conn:
            yield conn

    @contextmanager
    def tick(self) -> Iterator[None]:
        """A tick is one transaction, or part of its group's (`tick_group`): a
        crash loses the whole tick, which the next run repeats from the clock
        saved at the previous tick's end."""
        with self.tick_transaction() as conn:
            self.conn = conn
            try:
                yield
            except BaseException:
                # Scratch tables created in this tick roll back with it, and
                # the batch goes back to what it held before.
                conn.info.pop("jc_scratch", None)
                conn.info.pop(EMPTY_BATCH, None)
                raise
            finally:
                self.conn = None

    @contextmanager
    def tick_transaction(self) -> Iterator[Connection]:
        if self.group is None:
            with self.store.writing() as conn:
                yield conn
            return
        conn = self.group.connection()
        self.group.in_tick = True
        yield conn
        self.group.in_tick = False  # not after an error: the group must not keep half a tick

    def mark(self) -> tuple:
        """What a tick changes in memory, to undo along with its rolled-back transaction."""
        w = self.window
        return (self.touches_made, self.steps_made, w.late_events, w.seen_clock, w.seen_id,
                dict(self.caches.spent))

    def undo_tick(self, mark: tuple) -> None:
        w = self.window
        (self.touches_made, self.steps_made, w.late_events, w.seen_clock, w.seen_id,
         spent) = mark
        self.caches.spent = spent
        self.budget.release()
        self.budget.up_to = None
        self.clock.wake = None  # the journeys changed: look for the next work again

    def start_tick(self) -> None:
        self.looked, self.arrivals, self.tick_facts = set(), {}, {}
        with self.tx() as conn:
            self.window.start(conn, self.t["events"])

    def end_tick(self) -> None:
        """Record the clock with the events read up to it, in one transaction."""
        rows = clock_meta(self.clock.now, self.window.tick_id)
        with self.tx() as conn:
            if self.dialect in ("sqlite", "postgresql"):  # once per tick: compiled once
                conn.execute(self.prepared(upsert_meta(self.dialect)),
                             [{"m_key": key, "m_value": value} for key, value in rows])
            else:
                self.store.save_clock(self.clock.now, self.window.tick_id, conn)
        self.window.saved(self.clock.now)

    def events(self) -> Any:
        """The events this tick may read (every engine query goes through this)."""
        return self.window.visible(self.t["events"])

    def newest_active(self) -> list[Plan]:
        return self.versions.newest_active()

    def runnable(self) -> list[Plan]:
        return self.versions.runnable()

    def statement(self, key: tuple, build: Callable[[], Any]) -> Any:
        """A statement (or list of them) built and compiled once per run
        (`prepared`): building, keying and binding a statement cost more than
        SQLite running it. The key names what it depends on besides the bound
        clock; it gets the event view's shape and whether this is the run's
        first tick added."""
        key = (self.window.any_late, self.clock.since is None, *key)
        found = self.caches.statements.get(key, MISSING)
        if found is MISSING:
            found = self.caches.statements[key] = prepare(build(), self.store.engine.dialect)
        return found

    def prepared(self, statement: Any) -> Any:
        """A statement built once elsewhere (a module's constant), compiled once."""
        return self.statement(("prepared", id(statement)), lambda: statement)

    def order(self) -> Any:
        """The attribute order of the versions running now (rebuilt when one is paused)."""
        from .attribute_order import AttributeOrder  # it needs the steps, which need Run

        key = self.versions.runnable_key()
        if self.caches.order is None or self.caches.order[0] != key:
            self.caches.order = key, AttributeOrder(self.runnable())
        return self.caches.order[1]

    def context(self, plan: Plan, customers: Any, customer_id: Any, at: Any,
                entered_at: Any) -> Context:
        return Context(
            catalog=self.catalog, customers=customers, events=self.events(),
            customer_id=customer_id, at=at, entered_at=entered_at,
            timezone=plan.timezone, dialect=self.dialect,
        )

    def batch_context(self, plan: Plan) -> tuple[Context, Any]:
        """Conditions evaluated per batch row: at its own instant."""
        c = self.customers.alias("c")
        return self.context(plan, c, batch.c.customer_id, batch.c.at, batch.c.entered_at), c
