"""The customer store: customers, events, published journeys and run state.

`Store(url)` opens any SQLAlchemy URL (a bare file path means SQLite),
creating the schema or upgrading it on the way.
"""
from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Connection, Engine, Row, Table, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from nodes.catalog import AttributeDef, Catalog, EventDef

from . import catalog_io, schema, upgrade
from .catalog_io import CatalogError
from .policies_model import Cap, Policies
from .upgrade import StoreVersionError

__all__ = [
    "Cap",
    "CatalogError",
    "JourneyStateError",
    "Policies",
    "Store",
    "StoreError",
    "StoreVersionError",
    "normalize_url",
]


PAUSE_REASON_COLUMNS = ("pause_reason", "pause_node", "pause_detail", "pause_noticed_at")


def clock_meta(clock: int, last_event_id: int | None) -> list[tuple[str, str]]:
    """The meta rows that record a run's clock (and the events read up to it)."""
    rows = [("clock", str(clock))]
    if last_event_id is not None:
        rows.append(("events_seen", f"{clock}:{last_event_id}"))
    return rows


class StoreError(RuntimeError):
    """The store cannot be opened (bad URL, unreachable, not a store)."""


def normalize_url(url: str) -> str:
    """Accept `store.db` as shorthand for `sqlite:///store.db`."""
    return url if "://" in url else f"sqlite:///{url}"


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _begin_sqlite): the driver would
    # otherwise run DDL such as ALTER TABLE outside the transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets the desktop app read while the runtime writes; NORMAL sync is
    # crash-safe under WAL; foreign keys off because we never declare them.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.execute("PRAGMA wal_autocheckpoint=16384")
    cursor.close()


def _begin_sqlite(conn: Any) -> None:
    # A deferred BEGIN: readers (the desktop app) never wait for the runtime.
    # A writer's long transaction takes the write lock at once instead: a
    # deferred one that read first fails, not waits, if another wrote meanwhile.
    immediate = conn.get_execution_options().get("jc_immediate")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Store:
    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = normalize_url(url)
        try:
            parsed = make_url(self.url)
            self.engine: Engine = create_engine(parsed)
        except (ArgumentError, ValueError, ImportError) as exc:
            raise StoreError(f"cannot use store URL '{url}': {exc}") from None
        local = (parsed.get_backend_name() == "sqlite" and parsed.database
                 and parsed.database != ":memory:")
        if local and not create and not Path(parsed.database).exists():
            raise StoreError(f"no journey store at '{url}' (create it with init)")
        if local and not Path(parsed.database).resolve().parent.is_dir():
            raise StoreError(f"cannot create store '{url}': the folder "
                             f"'{Path(parsed.database).parent}' does not exist")
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _tune_sqlite)
            event.listen(self.engine, "begin", _begin_sqlite)
        self.tables: dict[str, Table] = dict(schema.metadata.tables)
        self._catalog: Catalog | None = None
        self._customers: Table | None = None
        try:
            with self.engine.begin() as conn:
                if not create and upgrade.read_version(conn) is None:
                    raise StoreError(f"no journey store at '{url}' (create it with init)")
                self.upgraded_from = upgrade.create_or_upgrade(conn)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open store '{url}': {exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0]}") from None
        except (StoreVersionError, StoreError):
            self.engine.dispose()
            raise
        self.tables["customers"] = self.customers_table()

    @classmethod
    def open(cls, url: str, *, create: bool = True) -> Store:
        return cls(url, create=create)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- catalog ----------------------------------------------------------------

    def catalog(self) -> Catalog:
        if self._catalog is None:
            with self.engine.connect() as conn:
                self._catalog = catalog_io.read_catalog(conn)
        return self._catalog

    def customers_table(self) -> Table:
        """`customers` with one typed column per catalog attribute."""
        if self._customers is None:
            self._customers = schema.customers_table(list(self.catalog().attributes.values()))
        return self._customers

    def extend_catalog(self, attributes: list[AttributeDef] = (),
                       events: list[EventDef] = ()) -> None:
        """Add attributes (with their columns) and events; known ones are kept."""
        with self.writing() as conn:  # reads, then writes: the lock first (SQLite)
            catalog_io.add_attributes(conn, list(attributes))
            catalog_io.add_events(conn, list(events))
        self.refresh()

    def refresh(self) -> None:
        """Forget cached catalog (another process may have grown it)."""
        self._catalog = None
        self._customers = None
        self.tables["customers"] = self.customers_table()

    def customer_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(self.customers_table())).scalar()

    # -- store_meta ---------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(schema.store_meta.c.value)
                                .where(schema.store_meta.c.key == key)).scalar()

    def set_meta(self, key: str, value: str) -> None:
        with self.engine.begin() as conn:
            upgrade.set_meta(conn, key, value)

    def schema_version(self) -> int:
        return int(self.meta("schema_version") or 0)

    def clock(self) -> int | None:
        """The last instant (epoch s) a run reached, if any."""
        value = self.meta("clock")
        return int(value) if value is not None else None

    def events_seen(self) -> tuple[int | None, int | None]:
        """(clock, last event id) of the last tick: the events it had read."""
        value = self.meta("events_seen")
        if value is None:
            return None, None
        clock, last_id = (int(part) for part in value.split(":"))
        return clock, last_id

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One transaction holding the write lock from its start (a run's tick)."""
        with self.engine.connect().execution_options(jc_immediate=True) as conn, conn.begin():
            yield conn

    def save_clock(self, clock: int, last_event_id: int | None,
                   conn: Connection | None = None) -> None:
        """The clock with the events read up to it (in `conn`'s transaction if given)."""
        if conn is None:
            with self.engine.begin() as own:
                self.save_clock(clock, last_event_id, own)
            return
        for key, value in clock_meta(clock, last_event_id):
            upgrade.set_meta(conn, key, value)

    # -- policies -----------------------------------------------------------------

    def policies(self) -> Policies:
        with self.engine.connect() as conn:
            document = conn.execute(select(schema.policies.c.document)
                                    .where(schema.policies.c.id == 1)).scalar()
        return Policies.model_validate_json(document) if document else Policies()

    def set_policies(self, policies: Policies | dict[str, Any]) -> Policies:
        if not isinstance(policies, Policies):
            policies = Policies.model_validate(policies)
        self._write_policy_document(policies.model_dump_json())
        return policies

    def policy_document(self) -> dict[str, Any]:
        """The policy document as stored: only what was set (a store that never
        named a timezone follows the machine's)."""
        with self.engine.connect() as conn:
            document = conn.execute(select(schema.policies.c.document)
                                    .where(schema.policies.c.id == 1)).scalar()
        return json.loads(document) if document else {}

    def update_policies(self, **changes: Any) -> Policies:
        """Change some policies, leaving what was never set unset."""
        document = {**self.policy_document(), **changes}
        policies = Policies.model_validate(document)  # refuses a bad value
        self._write_policy_document(json.dumps(document, ensure_ascii=False, sort_keys=True))
        return policies

    def set_require_approval(self, required: bool) -> Policies:
        """Whether publishing needs an approval by a second person (four eyes)."""
        return self.update_policies(require_approval=bool(required))

    def _write_policy_document(self, document: str) -> None:
        table = schema.policies
        with self.engine.begin() as conn:
            if conn.execute(table.update().where(table.c.id == 1)
                            .values(document=document)).rowcount == 0:
                conn.execute(table.insert().values(id=1, document=document))

    # -- journeys -----------------------------------------------------------------

    def published_versions(self, journey_id: str | None = None) -> list[Row]:
        """Rows (journey_id, version, content_hash, published_at, state),
        oldest first; the document is read with `journey_version`."""
        t = schema.journey_versions
        query = select(t.c.journey_id, t.c.version, t.c.content_hash, t.c.published_at,
                       t.c.state).order_by(t.c.journey_id, t.c.version)
        if journey_id is not None:
            query = query.where(t.c.journey_id == journey_id)
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def journey_version(self, journey_id: str, version: int | None = None) -> Row | None:
        """One published version with its document (the newest when version is None)."""
        t = schema.journey_versions
        query = select(t).where(t.c.journey_id == journey_id)
        query = (query.where(t.c.version == version) if version is not None
                 else query.order_by(t.c.version.desc()).limit(1))
        with self.engine.connect() as conn:
            return conn.execute(query).first()

    def set_journey_state(self, journey_id: str, version: int, state: str) -> None:
        if state not in ("active", "paused", "stopped"):
            raise ValueError(f"unknown journey state '{state}'")
        t = schema.journey_versions
        with self.engine.begin() as conn:
            conn.execute(t.update().where(t.c.journey_id == journey_id, t.c.version == version)
                         .values(state=state))

    def _not_before_clock(self, journey_id: str, at: int, verb: str, verb_zh: str) -> int:
        """`at`, unless the runtime has already run past it (what is done is done)."""
        clock = self.clock()
        if clock is not None and at < clock:
            raise JourneyStateError(
                f"cannot {verb} '{journey_id}' at {_iso(at)}: the runtime has already run up "
                f"to {_iso(clock)}",
                f"不能在 {_iso(at)} {verb_zh}「{journey_id}」：运行已进行到 {_iso(clock)}")
        return at

    def pause_journey(self, journey_id: str, at: int | None = None) -> list[int]:
        """Pause every active version of a journey at `at` (epoch s; default
        now, or the store's clock if a simulation has taken it further): no
        entries and no steps until resumed (§7). Returns the versions."""
        at = self._not_before_clock(journey_id, self._state_change_at(at), "pause", "暂停")
        with self.writing() as conn:  # reads, then writes: the lock first (SQLite)
            return _pause_active(conn, journey_id, at)

    def resume_journey(self, journey_id: str, at: int | None = None,
                       skip_missed_touches: bool = False) -> list[int]:
        """Resume the paused versions of a journey at `at` (default as for a
        pause). Held steps continue at their own instants; a touch whose instant
        fell in the pause is sent at the resume (then quiet hours apply), or
        with `skip_missed_touches` suppressed with reason `paused`. Triggers do
        not fire for instants in the pause. Returns the versions resumed."""
        at = self._state_change_at(at)
        t = schema.journey_versions
        mine = (t.c.journey_id == journey_id) & (t.c.state == "paused")
        with self.writing() as conn:  # reads, then writes: the lock first (SQLite)
            paused = conn.execute(select(t.c.version, t.c.paused_at).where(mine)).all()
            since = max((p for _, p in paused if p is not None), default=None)
            if since is not None and since > at:
                raise JourneyStateError(
                    f"cannot resume '{journey_id}' at {_iso(at)}, before it was paused "
                    f"({_iso(since)})",
                    f"不能在 {_iso(at)} 恢复「{journey_id}」：早于暂停时刻 {_iso(since)}")
            conn.execute(t.update().where(mine).values(
                state="active", resumed_at=at, skip_missed=skip_missed_touches,
                **dict.fromkeys(PAUSE_REASON_COLUMNS)))
        return [v for v, _ in paused]

    def end_journey(self, journey_id: str, at: int | None = None) -> list[int]:
        """End every running or paused version of a journey at `at` (default as
        for a pause): no entries and no steps from then on, and the customers
        inside exit with reason `stopped` at that instant. Cannot be undone;
        publishing the journey again starts a new version. Returns the versions."""
        at = self._not_before_clock(journey_id, self._state_change_at(at), "end", "结束")
        t = schema.journey_versions
        mine = (t.c.journey_id == journey_id) & t.c.state.in_(("active", "paused"))
        with self.writing() as conn:  # reads, then writes: the lock first (SQLite)
            versions = list(conn.execute(select(t.c.version).where(mine)).scalars())
            # paused_at holds the instant it stopped (a stopped version never resumes).
            conn.execute(t.update().where(mine).values(
                state="stopped", paused_at=at, resumed_at=None, skip_missed=False))
        return versions

    def auto_pause_journey(self, journey_id: str, version: int, at: int, reason: str,
                           node: str | None, detail: str) -> list[int]:
        """Pause every active version of a journey because a step of `version`
        failed at `node` (the run's own pause, at `at`, the start of the tick
        it rolled back); `resume_journey` lets it go on. Returns the versions."""
        t = schema.journey_versions
        with self.writing() as conn:  # reads, then writes: the lock first (SQLite)
            versions = _pause_active(conn, journey_id, at)
            conn.execute(t.update().where(t.c.journey_id == journey_id, t.c.version == version)
                         .values(pause_reason=reason, pause_node=node, pause_detail=detail,
                                 pause_noticed_at=now_epoch()))
        return versions

    def journey_states(self, journey_id: str | None = None) -> list[Row]:
        """(journey_id, version, state, paused_at, resumed_at, pause_reason,
        pause_node, pause_detail, pause_noticed_at) of every version, oldest first."""
        t = schema.journey_versions
        query = select(t.c.journey_id, t.c.version, t.c.state, t.c.paused_at, t.c.resumed_at,
                       *(t.c[c] for c in PAUSE_REASON_COLUMNS)).order_by(
            t.c.journey_id, t.c.version)
        if journey_id is not None:
            query = query.where(t.c.journey_id == journey_id)
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def _state_change_at(self, at: int | None) -> int:
        return max(now_epoch(), self.clock() or 0) if at is None else at


class JourneyStateError(ValueError):
    """A pause or resume that cannot be done as asked (en and zh messages)."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh

    def message(self, lang: str = "en") -> str:
        return self.zh if lang.startswith("zh") else self.en


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat()


def now_epoch() -> int:
    return int(time.time())


def dumps_properties(properties: dict[str, Any] | None) -> str | None:
    """Event properties as stored: compact JSON, keys sorted, or NULL."""
    if not properties:
        return None
    return json.dumps(properties, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _pause_active(conn: Any, journey_id: str, at: int) -> list[int]:
    """Pause every active version of a journey at `at`; returns the versions."""
    t = schema.journey_versions
    mine = (t.c.journey_id == journey_id) & (t.c.state == "active")
    versions = list(conn.execute(select(t.c.version).where(mine)).scalars())
    conn.execute(t.update().where(mine).values(
        state="paused", paused_at=at, resumed_at=None, skip_missed=False))
    return versions
