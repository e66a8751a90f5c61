"""The store's tables (SQLAlchemy Core), one MetaData.

All instants are INTEGER epoch seconds UTC: fast to compare and the same on
SQLite and PostgreSQL. `customers` has one typed column per catalog
attribute, so it is not declared here but built from the catalog at runtime
(`customers_table`).
"""
from __future__ import annotations

import re

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.types import TypeEngine

from nodes.catalog import AttributeDef, AttrType

SCHEMA_VERSION = 10
"""Bump it together with a step in `upgrade.py`."""

metadata = MetaData()

# SQLite only auto-increments an INTEGER PRIMARY KEY; BigInteger elsewhere.
Id = BigInteger().with_variant(Integer(), "sqlite")

store_meta = Table(
    "store_meta", metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text),
)

attribute_catalog = Table(
    "attribute_catalog", metadata,
    Column("name", Text, primary_key=True),
    Column("type", Text, nullable=False),
    Column("label_zh", Text, nullable=False),
    Column("label_en", Text, nullable=False),
    Column("choices", Text, nullable=False, default="[]"),
)

event_catalog = Table(
    "event_catalog", metadata,
    Column("name", Text, primary_key=True),
    Column("label_zh", Text, nullable=False),
    Column("label_en", Text, nullable=False),
    Column("properties", Text, nullable=False, default="{}"),
)

events = Table(
    "events", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("customer_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("ts", BigInteger, nullable=False),
    Column("properties", Text),
    # v3: set to the runtime's clock when an event arrives dated at or before
    # it; such a late event changes nothing (journey-semantics §4).
    Column("late_after", BigInteger),
    # v10: with the customer, a tick's reads of the events in a time window
    # (triggers, waits woken, exits) need no row of the table itself.
    Index("ix_events_name_ts_customer", "name", "ts", "customer_id"),
    Index("ix_events_customer_name_ts", "customer_id", "name", "ts"),
    Index("ix_events_late", "id", sqlite_where=text("late_after IS NOT NULL"),
          postgresql_where=text("late_after IS NOT NULL")),
)

journey_versions = Table(
    "journey_versions", metadata,
    Column("journey_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("published_at", BigInteger, nullable=False),
    Column("state", Text, nullable=False, default="active"),
    # v5: the latest pause, [paused_at, resumed_at): no entries in it, and with
    # skip_missed a touch whose instant falls in it is suppressed (§7).
    Column("paused_at", BigInteger),
    Column("resumed_at", BigInteger),
    Column("skip_missed", Boolean, nullable=False, default=False),
    # v6: why the run paused this version by itself (a step of its own that
    # failed): reason code, node, the error's first line, and when (wall clock).
    Column("pause_reason", Text),
    Column("pause_node", Text),
    Column("pause_detail", Text),
    Column("pause_noticed_at", BigInteger),
    PrimaryKeyConstraint("journey_id", "version"),
)

enrollments = Table(
    "enrollments", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("journey_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("customer_id", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("exit_reason", Text),
    Column("node_id", Text),
    Column("at", BigInteger, nullable=False),
    Column("entered_at", BigInteger, nullable=False),
    Column("ended_at", BigInteger),
    Column("converted_at", BigInteger),
    Index("ix_enrollments_journey_customer", "journey_id", "customer_id"),
    # v4: one node's waiting enrollments, by instant (each step reads one node;
    # it replaced a (status, at) index that every move had to update too).
    Index("ix_enrollments_node", "journey_id", "version", "node_id", "status", "at"),
)

step_log = Table(
    "step_log", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("enrollment_id", BigInteger, nullable=False),
    Column("node_id", Text, nullable=False),
    Column("outlet", Text),
    Column("at", BigInteger, nullable=False),
    # v2: the path of one enrollment; per-node counts for reports (covering,
    # so a report reads the index only and needs no sort).
    Index("ix_step_log_enrollment", "enrollment_id", "node_id"),
    Index("ix_step_log_node", "node_id", "outlet", "enrollment_id"),
)

# The touches a dispatcher still has to deliver. Written out as literals, the
# same text in the partial index and in the queries that must use it (neither
# SQLite nor PostgreSQL matches a partial index against bound parameters).
DELIVERY_OPEN = "status = 'sent' AND delivery_state IN ('pending', 'retrying')"

touches = Table(
    "touches", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("enrollment_id", BigInteger, nullable=False),
    Column("journey_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("customer_id", Text, nullable=False),
    Column("node_id", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("status", Text, nullable=False),
    Column("reason", Text),
    Column("content", Text),
    Column("delivery_state", Text, nullable=False, default="pending"),
    # v9: delivery to the channel (`runtime/delivery`); times in epoch ms, as
    # retries back off by fractions of a second in tests and on fast channels.
    Column("delivery_attempts", Integer, nullable=False, server_default=text("0")),
    Column("delivery_requeued_at", Integer, nullable=False, server_default=text("0")),
    Column("delivery_due_ms", BigInteger),  # next attempt, or a claim's expiry; NULL = now
    Column("delivery_claim", Text),  # the dispatcher holding it in flight
    Column("delivery_reason", Text),  # short code: http_400, max_attempts, no_consent…
    Column("delivery_detail", Text),  # what the server or the template said
    Column("delivery_updated_ms", BigInteger),
    UniqueConstraint("enrollment_id", "node_id", name="uq_touches_enrollment_node"),
    Index("ix_touches_customer_channel_at", "customer_id", "channel", "at"),
    # v2: report and export read the touches of one journey (covering).
    Index("ix_touches_journey", "journey_id", "version", "channel", "status", "reason"),
    # v4: the queued touches a tick decides, and the sent ones caps count.
    Index("ix_touches_status_at", "status", "at"),
    # v9: the dispatcher's queue: only touches still to deliver are in it.
    Index("ix_touches_delivery_due", "channel", "delivery_due_ms", "id",
          sqlite_where=text(DELIVERY_OPEN), postgresql_where=text(DELIVERY_OPEN)),
)

rewards = Table(
    "rewards", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("enrollment_id", BigInteger, nullable=False),
    Column("journey_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("customer_id", Text, nullable=False),
    Column("node_id", Text, nullable=False),
    Column("benefit", Text, nullable=False),
    Column("amount", Float, nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("status", Text, nullable=False),
    UniqueConstraint("enrollment_id", "node_id", name="uq_rewards_enrollment_node"),
    # v7: a reward step counts each customer's grants at its node (customer
    # last, so reports grouping by journey and node still read it).
    Index("ix_rewards_node_customer", "journey_id", "version", "node_id", "status",
          "customer_id"),
)

policies = Table(
    "policies", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("document", Text, nullable=False),
)

trigger_cursors = Table(
    "trigger_cursors", metadata,
    Column("journey_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("node_id", Text, nullable=False),
    Column("fired_until", BigInteger, nullable=False),
    PrimaryKeyConstraint("journey_id", "version", "node_id"),
)

# v8: the one runtime that may move this store's clock (`store/lease.py`): a
# single row, taken atomically, renewed while it runs, released on a clean stop.
runtime_lease = Table(
    "runtime_lease", metadata,
    Column("name", Text, primary_key=True),  # always LEASE_NAME: one row per store
    Column("host", Text, nullable=False),
    Column("pid", Integer, nullable=False),
    # The holder's PID namespace (Linux): only a process in the same one can
    # tell that the holder's pid is gone (containers on one host share names).
    Column("pid_namespace", Text),
    Column("token", Text, nullable=False),  # random per holder: a restarted pid is another
    Column("purpose", Text, nullable=False),  # "live", "once" or "simulated"
    Column("acquired_at", BigInteger, nullable=False),
    Column("renewed_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("released_at", BigInteger),  # set by a clean stop: free at once
)

# v9: how each channel is delivered (`runtime/delivery/config.py`); a channel
# without a row goes to the log adapter. Secrets are never here, only the
# names of the environment variables that hold them.
delivery_channels = Table(
    "delivery_channels", metadata,
    Column("channel", Text, primary_key=True),
    Column("adapter", Text, nullable=False),
    Column("config", Text, nullable=False),  # JSON, validated by the adapter's model
    Column("updated_at", BigInteger, nullable=False),
)

# v9: every attempt to hand a touch to its channel; `outcome` NULL while in flight.
delivery_attempts = Table(
    "delivery_attempts", metadata,
    Column("touch_id", BigInteger, nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("started_ms", BigInteger, nullable=False),
    Column("finished_ms", BigInteger),
    Column("outcome", Text),  # delivered, retry, failed, abandoned
    Column("code", Integer),  # HTTP status or SMTP reply code
    Column("error", Text),
    Column("next_attempt_ms", BigInteger),
    PrimaryKeyConstraint("touch_id", "attempt"),
)

# -- customers: one typed column per attribute --------------------------------

COLUMN_TYPES: dict[AttrType, type[TypeEngine]] = {
    AttrType.string: Text,
    AttrType.number: Float,
    AttrType.bool: Boolean,
    AttrType.date: Date,
    AttrType.datetime: BigInteger,  # epoch seconds UTC, like every instant
    AttrType.tags: Text,  # ';tag1;tag2;' so `contains` is LIKE '%;tag;%'
}

# Attribute names become column names: keep them plain identifiers.
NAME_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
RESERVED_NAMES = frozenset({"customer_id"})


def attribute_column(attribute: AttributeDef) -> Column:
    return Column(attribute.name, COLUMN_TYPES[attribute.type]())


def customers_table(attributes: list[AttributeDef], meta: MetaData | None = None) -> Table:
    """The `customers` table as the catalog describes it (a fresh MetaData
    by default, because columns are added when the catalog grows)."""
    return Table(
        "customers", meta if meta is not None else MetaData(),
        Column("customer_id", Text, primary_key=True),
        *(attribute_column(a) for a in attributes),
    )


CONSENT_PREFIX = "consent_"


def refusal_index(customers: Table, column: str) -> Index:
    """The customers who refused a channel (`consent_<channel>` false), for the
    consent check of each touch: a small index of ids, read without the
    customer's row (a 1M-customer run spent 0.5 s reading rows for it)."""
    refused = customers.c[column] == false()
    return Index(f"ix_customers_refuse_{column[len(CONSENT_PREFIX):]}",
                 customers.c.customer_id, sqlite_where=refused, postgresql_where=refused)


def refusal_indexes(customers: Table, attributes: list[AttributeDef]) -> list[Index]:
    return [refusal_index(customers, a.name) for a in attributes
            if a.name.startswith(CONSENT_PREFIX) and a.type == AttrType.bool
            and a.name in customers.c]


def tags_to_text(tags: list[str] | tuple[str, ...] | None) -> str | None:
    """';a;b;' — leading and trailing ';' so one tag is matched exactly."""
    if not tags:
        return None
    return ";" + ";".join(tags) + ";"


def text_to_tags(text: str | None) -> list[str]:
    return [t for t in (text or "").split(";") if t]
