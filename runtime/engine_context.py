"""What one engine run needs at hand: the store, its tables, the plans of
every published version, the policies, and a scratch table for batches."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BigInteger, Column, Connection, MetaData, Table, Text, literal, select

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
    policies: TouchPolicies = field(default_factory=TouchPolicies)

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
            catalog=self.catalog, customers=customers, events=self.t["events"],
            customer_id=customer_id, at=at, entered_at=entered_at,
            timezone=plan.timezone, dialect=self.dialect,
        )

    def batch_context(self, plan: Plan) -> tuple[Context, Any]:
        """Conditions evaluated per batch row: at its own instant."""
        c = self.customers.alias("c")
        return self.context(plan, c, batch.c.customer_id, batch.c.at, batch.c.entered_at), c


def lit(value: int) -> Any:
    return literal(value, BigInteger)
