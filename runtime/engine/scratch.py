"""Scratch tables of one connection: the batch a step works on, and a tick's
key-date candidates, undecided entries and queued touches. Temporary, so nothing in them
outlives it."""
from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    delete,
    literal,
)

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

# Rows of a batch that a step with several outlets sends on to steps that
# take no time, each outlet's in its turn (`advance.split_carry`), by how
# deep in such splits (`depth`) they were put aside.
aside = Table(
    "jc_aside", _scratch,
    Column("depth", Integer, primary_key=True),  # a row set aside further on is there again
    Column("id", BigInteger, primary_key=True),
    Column("customer_id", Text),
    Column("entered_at", BigInteger),
    Column("at", BigInteger),
    Column("outlet", Text),
    prefixes=["TEMPORARY"],
)

# Key-date trigger candidates of one tick: (journey, customer, instant, trigger node).
candidates = Table(
    "jc_candidates", _scratch,
    Column("journey_id", Text),
    Column("version", BigInteger),
    Column("customer_id", Text),
    Column("t", BigInteger),
    Column("node_id", Text),
    prefixes=["TEMPORARY"],
)

# Entry candidates still undecided in a tick that may read or lead to a write
# of an attribute another step reads or writes (`attribute_order`).
pending_entries = Table(
    "jc_pending_entries", _scratch,
    Column("customer_id", Text),
    Column("journey_id", Text),
    Column("t", BigInteger),
    Column("reads", BigInteger),  # 1: it reads such an attribute, or may lead to a step that does
    Column("writes", BigInteger),  # 1: it may lead to an update of one
    prefixes=["TEMPORARY"],
)

# One entry round's candidates whose audience is read when they are decided.
deciding = Table(
    "jc_deciding", _scratch,
    Column("customer_id", Text),
    Column("t", BigInteger),
    Column("node_id", Text),
    prefixes=["TEMPORARY"],
)

# The touches a tick queued, in the order it queued them (`seq`): frequency
# caps decide them at the tick's end (`caps`), and only then are they stored,
# with their final status, so each touch row is written once.
queued_touches = Table(
    "jc_touches", _scratch,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("enrollment_id", BigInteger),
    Column("journey_id", Text),
    Column("version", BigInteger),
    Column("customer_id", Text),
    Column("node_id", Text),
    Column("channel", Text),
    Column("at", BigInteger),
    Column("status", Text),  # queued, or suppressed with `reason`
    Column("reason", Text),
    Index("ix_jc_touches_enrollment_node", "enrollment_id", "node_id"),
    prefixes=["TEMPORARY"],
)

CLEAR = delete(batch)
EMPTY_BATCH = "jc_batch_empty"  # in the connection's info: the batch holds no row


def clear_batch(conn: Connection, run: Any) -> None:
    """Empty the batch, unless nothing was put in it since it last was. Who
    fills it says so (`batch_filled`); a rolled-back tick forgets it (`Run.tick`)."""
    if conn.info.get(EMPTY_BATCH):
        return
    conn.execute(run.prepared(CLEAR))
    batch_emptied(conn)


def batch_filled(conn: Connection) -> None:
    conn.info[EMPTY_BATCH] = False


def batch_emptied(conn: Connection) -> None:
    conn.info[EMPTY_BATCH] = True


def ensure_scratch(conn: Connection) -> None:
    """Temporary tables live per connection; create them when missing."""
    if conn.info.get("jc_scratch"):
        return
    for table in (batch, aside, candidates, pending_entries, deciding, queued_touches):
        table.create(conn, checkfirst=True)
    conn.info["jc_scratch"] = True


def inserted(conn: Connection, statement: Any) -> int:
    """How many rows an INSERT … SELECT wrote, on every store. SQLAlchemy
    keeps an UPDATE's or DELETE's rowcount but reads an INSERT's from the
    cursor later, after psycopg has closed it (-1 then); `preserve_rowcount`
    keeps the driver's count (PostgreSQL's command tag), at no extra query."""
    return conn.execute(statement, execution_options={"preserve_rowcount": True}).rowcount


def lit(value: int) -> Any:
    """An instant as a bound BIGINT (so both backends compare it as one)."""
    return literal(value, BigInteger)
