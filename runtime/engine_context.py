"""What one engine run needs at hand: the store, its tables, the plans of
every published version, the policies, and a scratch table for batches."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    MetaData,
    Table,
    Text,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.exc import DataError

from nodes.catalog import AttrType
from runtime.compile import Context
from runtime.plan import Plan, load_plan
from runtime.policies import TouchPolicies

_scratch = MetaData()

# One batch = the enrollments one node processes in one transaction.
batch = Table(
    "jc_batch", _scratch,
    Column("id", BigInteger, primary_key=True),
    Column("customer_id", Text),
    Column("entered_at", BigInteger),
    Column("at", BigInteger),  # the instant the enrollment leaves the node
    Column("outlet", Text),
    Column("due", BigInteger),  # the instant it is due at its next node
    Column("exit_at", BigInteger),
    Column("exit_reason", Text),
    Column("reason", Text),  # a touch suppressed before caps (no_consent)
    prefixes=["TEMPORARY"],
)

# Trigger candidates of one tick: (journey, customer, instant, trigger node).
candidates = Table(
    "jc_candidates", _scratch,
    Column("journey_id", Text),
    Column("version", BigInteger),
    Column("customer_id", Text),
    Column("t", BigInteger),
    Column("node_id", Text),
    prefixes=["TEMPORARY"],
)


def ensure_scratch(conn: Connection) -> None:
    """Temporary tables live per connection; create them when missing."""
    if conn.info.get("jc_scratch"):
        return
    for table in (batch, candidates):
        table.create(conn, checkfirst=True)
    conn.info["jc_scratch"] = True


class Pause(NamedTuple):
    """A version's latest pause, [start, end): no trigger fires in it, and with
    `skip_missed` no touch whose instant falls in it is sent (§7)."""
    start: int
    end: int
    skip_missed: bool

    def holds(self, instant: int) -> bool:
        return self.start <= instant < self.end


@dataclass
class Run:
    store: Any
    now: int = 0
    since: int | None = None  # the previous tick's `now` in this run
    wake: int | None = None  # the next instant a tick has work (cached)
    end: int = 0  # the last instant of this run
    budget_bound: dict = field(default_factory=dict)  # journey → grant only before
    series_bound: int | None = None  # grant only up to (another budgeted node waits)
    key_dates: dict = field(default_factory=dict)  # trigger → (from, [(instant, customer)])
    plans: dict[tuple[str, int], Plan] = field(default_factory=dict)
    states: dict[tuple[str, int], str] = field(default_factory=dict)
    published: dict[tuple[str, int], int] = field(default_factory=dict)
    pauses: dict[tuple[str, int], Pause] = field(default_factory=dict)  # the latest, if resumed
    policies: TouchPolicies = field(default_factory=TouchPolicies)
    # Events read so far: every event with id <= seen_id and ts <= seen_clock.
    # One ingested later with such an old ts changes nothing (§4).
    seen_clock: int | None = None
    seen_id: int | None = None
    tick_id: int | None = None  # the last event id this tick may read
    any_late: bool = False
    late_events: int = 0  # marked late by this run
    touches_made: int = 0  # touch decisions recorded by this run (sent or suppressed)
    due_queries: dict = field(default_factory=dict)  # (journey, version) → (nodes, query)
    conn: Connection | None = None  # the tick's transaction: all its steps, one commit
    events_view: tuple | None = None  # ((tick_id, any_late), the events() subquery)

    def __post_init__(self) -> None:
        self.catalog = self.store.catalog()
        self.t = self.store.tables
        self.customers = self.store.customers_table()
        self.tag_columns = {a.name for a in self.catalog.attributes.values()
                            if a.type == AttrType.tags}
        self.dialect = self.store.engine.dialect.name
        self.policies = TouchPolicies.from_store(self.store)
        jv = self.t["journey_versions"]
        with self.store.engine.connect() as conn:
            for row in conn.execute(select(jv)):
                key = (row.journey_id, row.version)
                self.plans[key] = load_plan(row.document, row.version)
                self.states[key] = row.state
                self.published[key] = row.published_at
                if row.paused_at is not None and row.resumed_at is not None:
                    self.pauses[key] = Pause(row.paused_at, row.resumed_at, row.skip_missed)
        self.seen_clock, self.seen_id = self.store.events_seen()

    @contextmanager
    def tx(self) -> Iterator[Connection]:
        """The tick's connection inside a tick; outside one, a transaction of its own."""
        if self.conn is not None:
            yield self.conn
            return
        with self.store.engine.begin() as conn:
            yield conn

    @contextmanager
    def tick(self) -> Iterator[None]:
        """A tick is one transaction: a crash loses the whole tick, which the
        next run repeats from the clock saved at the previous tick's end."""
        with self.store.writing() as conn:
            self.conn = conn
            try:
                yield
            finally:
                self.conn = None

    def start_tick(self) -> None:
        """Fix the events this tick reads — those stored by now — and mark the
        ones stored since the last tick but dated at or before its clock."""
        ev = self.t["events"]
        with self.tx() as conn:
            self.tick_id = conn.execute(select(func.max(ev.c.id))).scalar() or 0
            if self.seen_clock is not None and self.seen_id is not None:
                arrived_late = [ev.c.id > lit(self.seen_id), ev.c.id <= lit(self.tick_id),
                                ev.c.ts <= lit(self.seen_clock), ev.c.late_after.is_(None)]
                self.late_events += conn.execute(update(ev).where(*arrived_late).values(
                    late_after=lit(self.seen_clock))).rowcount
            self.any_late = conn.execute(select(ev.c.id).where(
                ev.c.late_after.is_not(None)).limit(1)).first() is not None

    def end_tick(self) -> None:
        """Record the clock with the events read up to it, in one transaction."""
        with self.tx() as conn:
            self.store.save_clock(self.now, self.tick_id, conn)
        self.seen_clock, self.seen_id = self.now, self.tick_id

    def events(self) -> Any:
        """The events this tick may read (every engine query goes through this).
        Filtering by id keeps the (customer, name, ts) index covering."""
        ev = self.t["events"]
        if self.tick_id is None:
            return ev
        key = (self.tick_id, self.any_late)
        if self.events_view is None or self.events_view[0] != key:  # built once per tick
            clauses = [ev.c.id <= lit(self.tick_id)]
            if self.any_late:
                late = ev.alias("late_events")
                clauses.append(ev.c.id.not_in(
                    select(late.c.id).where(late.c.late_after.is_not(None))))
            self.events_view = key, select(ev).where(*clauses).subquery("visible_events")
        return self.events_view[1]

    def newest_active(self) -> list[Plan]:
        newest: dict[str, int] = {}
        for (jid, version), state in sorted(self.states.items()):
            newest[jid] = version
        return [self.plans[(jid, v)] for jid, v in sorted(newest.items())
                if self.states[(jid, v)] == "active"]

    def runnable(self) -> list[Plan]:
        """Versions whose enrollments move (paused versions hold all steps)."""
        return [p for key, p in sorted(self.plans.items()) if self.states[key] == "active"]

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


class JourneyRunError(RuntimeError):
    """One journey's step cannot run (e.g. a condition value the store cannot
    read); the tick stops untouched, and the message says which to pause."""

    def __init__(self, plan: Plan, node: str | None, cause: Exception) -> None:
        super().__init__(str(cause))
        self.journey_id, self.version, self.node, self.cause = plan.id, plan.version, node, cause

    def message(self, lang: str = "en") -> str:
        at = f" [{self.node}]" if self.node else ""
        if lang.startswith("zh"):
            return (f"旅程「{self.journey_id}」版本 {self.version}{at} 无法执行：{self.cause}。"
                    f"可先暂停它（journey-runtime pause --store … {self.journey_id}），"
                    "其他旅程即可继续运行")
        return (f"journey '{self.journey_id}' version {self.version}{at} cannot run: "
                f"{self.cause}. Pause it (journey-runtime pause --store … {self.journey_id}) "
                "to let the other journeys run")


@contextmanager
def blame(plan: Plan, node: str | None = None) -> Iterator[None]:
    """Name the journey (and step) whose own content made a step fail."""
    try:
        yield
    except (ValueError, TypeError, ArithmeticError, DataError) as exc:
        raise JourneyRunError(plan, node, exc) from exc


def lit(value: int) -> Any:
    return literal(value, BigInteger)
