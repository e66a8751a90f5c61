"""Schema version and self-upgrade (our small equivalent of Alembic).

A new store is created at the newest version in one go. An older store is
brought forward by the ordered upgrades of `UPGRADES`, upgrade N taking version N-1
to N, each in the same transaction as the version stamp. A store written by
a newer build is refused rather than damaged.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Index, Table, bindparam, inspect, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from nodes.catalog import STANDARD_CATALOG

from . import catalog_io, schema
from .bulk import analyze_in


class StoreVersionError(RuntimeError):
    """The store cannot be used by this build (newer, or not a store)."""


def _create_index(conn: Connection, table: Table, name: str) -> None:
    """Create one of the schema's declared indexes if the store lacks it."""
    index: Index = next(i for i in table.indexes if i.name == name)
    index.create(conn, checkfirst=True)


def _add_report_indexes(conn: Connection) -> None:
    """v2: `report` and `export` group step_log and touches by journey."""
    for table, name in ((schema.step_log, "ix_step_log_enrollment"),
                        (schema.step_log, "ix_step_log_node"),
                        (schema.touches, "ix_touches_journey")):
        _create_index(conn, table, name)


def _add_late_marker(conn: Connection) -> None:
    """v3: events arriving dated before the runtime's clock are marked late."""
    if "late_after" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN late_after BIGINT"))
    _create_index(conn, schema.events, "ix_events_late")


def _add_step_indexes(conn: Connection) -> None:
    """v4: a step reads one node's enrollments; a tick reads its queued touches."""
    conn.execute(text("DROP INDEX IF EXISTS ix_enrollments_status_at"))
    _create_index(conn, schema.enrollments, "ix_enrollments_node")
    _create_index(conn, schema.touches, "ix_touches_status_at")


def _add_pauses(conn: Connection) -> None:
    """v5: a journey version remembers its latest pause."""
    have = {c["name"] for c in inspect(conn).get_columns("journey_versions")}
    for column, kind in (("paused_at", "BIGINT"), ("resumed_at", "BIGINT"),
                         ("skip_missed", "BOOLEAN NOT NULL DEFAULT FALSE")):
        if column not in have:
            conn.execute(text(f"ALTER TABLE journey_versions ADD COLUMN {column} {kind}"))


def _add_pause_reasons(conn: Connection) -> None:
    """v6: a version the run paused by itself says why, where and when."""
    have = {c["name"] for c in inspect(conn).get_columns("journey_versions")}
    for column, kind in (("pause_reason", "TEXT"), ("pause_node", "TEXT"),
                         ("pause_detail", "TEXT"), ("pause_noticed_at", "BIGINT")):
        if column not in have:
            conn.execute(text(f"ALTER TABLE journey_versions ADD COLUMN {column} {kind}"))


def _add_reward_customer_index(conn: Connection) -> None:
    """v7: a reward step counts each customer's grants at its node."""
    conn.execute(text("DROP INDEX IF EXISTS ix_rewards_journey"))
    _create_index(conn, schema.rewards, "ix_rewards_node_customer")


def _add_runtime_lease(conn: Connection) -> None:
    """v8: one runtime per store holds its lease."""
    schema.runtime_lease.create(conn, checkfirst=True)


def _add_delivery(conn: Connection) -> None:
    """v9: channels, attempts and each touch's delivery state."""
    have = {c["name"] for c in inspect(conn).get_columns("touches")}
    for column, kind in (("delivery_attempts", "INTEGER NOT NULL DEFAULT 0"),
                         ("delivery_requeued_at", "INTEGER NOT NULL DEFAULT 0"),
                         ("delivery_due_ms", "BIGINT"), ("delivery_claim", "TEXT"),
                         ("delivery_reason", "TEXT"), ("delivery_detail", "TEXT"),
                         ("delivery_updated_ms", "BIGINT")):
        if column not in have:
            conn.execute(text(f"ALTER TABLE touches ADD COLUMN {column} {kind}"))
    _create_index(conn, schema.touches, "ix_touches_delivery_due")
    schema.delivery_channels.create(conn, checkfirst=True)
    schema.delivery_attempts.create(conn, checkfirst=True)


def _index_tick_reads(conn: Connection) -> None:
    """v10: what a tick reads often, without reading table rows: the (name,
    ts) index of events covers the customer too, and the customers who
    refused a channel have an index each. A store with statistics gets
    theirs at once: with the others' but none of its own, SQLite preferred
    the new index where it should not, and a 1M-customer run took 65 s, not 5."""
    conn.execute(text("DROP INDEX IF EXISTS ix_events_name_ts"))
    _create_index(conn, schema.events, "ix_events_name_ts_customer")
    attributes = list(catalog_io.read_catalog(conn).attributes.values())
    created = ["ix_events_name_ts_customer"]
    for index in schema.refusal_indexes(schema.customers_table(attributes), attributes):
        index.create(conn, checkfirst=True)
        created.append(index.name)
    if conn.dialect.name != "sqlite":
        analyze_in(conn, ["events", "customers"])
    elif inspect(conn).has_table("sqlite_stat1"):
        analyze_in(conn, created)


UPGRADES: dict[int, Callable[[Connection], None]] = {
    2: _add_report_indexes, 3: _add_late_marker, 4: _add_step_indexes, 5: _add_pauses,
    6: _add_pause_reasons, 7: _add_reward_customer_index, 8: _add_runtime_lease,
    9: _add_delivery, 10: _index_tick_reads}
assert max(UPGRADES) == schema.SCHEMA_VERSION, "add an upgrade step with each schema version"


def read_version(conn: Connection) -> int | None:
    if not inspect(conn).has_table("store_meta"):
        return None
    value = conn.execute(
        select(schema.store_meta.c.value).where(schema.store_meta.c.key == "schema_version")
    ).scalar()
    return int(value) if value is not None else None


def set_meta(conn: Connection, key: str, value: str) -> None:
    table = schema.store_meta
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        conn.execute(upsert_meta(dialect), {"m_key": key, "m_value": value})
        return
    if conn.execute(table.update().where(table.c.key == key).values(value=value)).rowcount == 0:
        conn.execute(table.insert().values(key=key, value=value))


@lru_cache(maxsize=2)
def upsert_meta(dialect: str) -> Any:
    """Built once: a running engine saves its clock every tick."""
    ins = (sqlite_insert if dialect == "sqlite" else pg_insert)(schema.store_meta).values(
        key=bindparam("m_key"), value=bindparam("m_value"))
    return ins.on_conflict_do_update(index_elements=["key"],
                                     set_={"value": ins.excluded.value})


def create_or_upgrade(conn: Connection) -> int:
    """Create a new store or upgrade an older one; returns the version it had
    (0 for a new store)."""
    version = read_version(conn)
    if version is None:
        existing = set(inspect(conn).get_table_names())
        if existing:
            raise StoreVersionError(
                "this database already has tables but is not a journey store "
                f"({', '.join(sorted(existing)[:5])}…); use an empty database"
            )
        schema.metadata.create_all(conn)
        schema.customers_table([]).create(conn)
        catalog_io.add_attributes(conn, list(STANDARD_CATALOG.attributes.values()))
        catalog_io.add_events(conn, list(STANDARD_CATALOG.events.values()))
        set_meta(conn, "schema_version", str(schema.SCHEMA_VERSION))
        return 0
    if version > schema.SCHEMA_VERSION:
        raise StoreVersionError(
            f"the store has schema version {version}, newer than this program "
            f"understands ({schema.SCHEMA_VERSION}); upgrade journey-runtime"
        )
    for target in range(version + 1, schema.SCHEMA_VERSION + 1):
        UPGRADES[target](conn)
        set_meta(conn, "schema_version", str(target))
    return version
