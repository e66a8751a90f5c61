"""One runtime per store: the lease that lets exactly one process move its clock.

The lease is one row of `runtime_lease`. A runtime takes it with one
conditional UPDATE (free: released, expired, or already its own), or an
INSERT when the row does not exist yet, in one transaction that holds the
write lock on SQLite; PostgreSQL re-checks an UPDATE's condition on the row
it waited for, so of two processes racing exactly one wins either way. The
holder renews it every `ttl / 3` seconds and releases it on a clean stop; a
holder that was killed keeps it until it expires (`ttl` seconds after its
last renewal), then the next runtime takes it over — at once when both run
on the same machine (same host name and PID namespace) and the holder's
process is gone, as after a crash and an immediate restart.

The holder's own writes are fenced: `fence` checks, inside every transaction
of its store just before it commits, that the lease is still its own, so a
runtime that stalled past its lease and lost it cannot commit a tick after
another took over. Instants are epoch seconds of the machines' clocks (keep
them in sync, as the engine's wall clock needs anyway).
"""
from __future__ import annotations

import os
import secrets
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from . import schema

LEASE_NAME = "runtime"
DEFAULT_TTL = 30  # seconds: a killed runtime blocks its store this long at most
MIN_TTL = 2  # instants are whole seconds: a shorter lease could lapse between renewals
PURPOSES = {"live": ("live runtime", "实时运行"), "once": ("run up to now", "运行到当前时间"),
            "simulated": ("simulated run", "模拟运行")}


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) a store's lease."""
    host: str
    pid: int
    pid_namespace: str | None
    token: str
    purpose: str
    acquired_at: int
    renewed_at: int
    expires_at: int
    released_at: int | None

    def state(self, now: float | None = None) -> str:
        """'held', 'released' (stopped cleanly) or 'expired' (stopped without releasing)."""
        if self.released_at is not None:
            return "released"
        return "expired" if self.expires_at < int(time.time() if now is None else now) else "held"

    def describe(self, lang: str = "en") -> str:
        """e.g. "a live runtime on host db1, pid 4242, since 2026-11-20T09:00:00+00:00"."""
        en, zh = PURPOSES.get(self.purpose, (self.purpose, self.purpose))
        since = iso(self.acquired_at)
        if lang.startswith("zh"):
            return f"主机 {self.host} 上进程 {self.pid} 的{zh}（自 {since} 起）"
        return f"a {en} on host {self.host}, pid {self.pid}, since {since}"


class LeaseHeld(Exception):
    """Another process holds the store's lease."""

    def __init__(self, holder: Holder) -> None:
        super().__init__(holder.describe())
        self.holder = holder


class LeaseLost(Exception):
    """The lease was taken over while this process held it (it stalled past its
    expiry): this process must stop writing at once."""

    def __init__(self, holder: Holder | None) -> None:
        super().__init__(holder.describe() if holder else "the lease row is gone")
        self.holder = holder


def iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat()


def current_holder(conn: Connection) -> Holder | None:
    """The lease row as stored (None: no runtime ever took this store)."""
    t = schema.runtime_lease
    row = conn.execute(select(t).where(t.c.name == LEASE_NAME)).first()
    if row is None:
        return None
    return Holder(row.host, row.pid, row.pid_namespace, row.token, row.purpose,
                  row.acquired_at, row.renewed_at, row.expires_at, row.released_at)


def pid_namespace() -> str | None:
    """This process's PID namespace, e.g. 'pid:[4026531836]' (None off Linux)."""
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return None


def process_gone(pid: int) -> bool:
    """No such process here (a zombie, killed but not yet reaped, counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # another user's: alive
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rpartition(")")[2].split()[0] == "Z"
    except (OSError, IndexError):
        return False


class Lease:
    """This process's claim on one store: `acquire`, `renew`, `release`."""

    def __init__(self, store: Any, purpose: str, ttl: int = DEFAULT_TTL,
                 clock: Callable[[], float] = time.time) -> None:
        if ttl < MIN_TTL:
            raise ValueError(f"a lease lasts at least {MIN_TTL} seconds")
        self.store, self.purpose, self.ttl, self.clock = store, purpose, int(ttl), clock
        self.host, self.pid, self.namespace = socket.gethostname(), os.getpid(), pid_namespace()
        self.token = secrets.token_hex(16)
        self.expires_at: int | None = None  # of the last successful acquire or renewal
        self._fenced: Any = None

    @property
    def renew_every(self) -> float:
        """Seconds between renewals: two may fail before the lease lapses."""
        return self.ttl / 3

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        # The write lock from the start on SQLite; marked so the fence lets it by.
        with self.store.engine.connect().execution_options(
                jc_immediate=True, jc_lease=True) as conn, conn.begin():
            yield conn

    def acquire(self) -> Holder | None:
        """Take the lease; returns the holder it was taken over from when that
        one stopped without releasing it (its lease expired, or its process on
        this machine is gone), else None. Raises `LeaseHeld` naming the holder
        when another process holds it."""
        t = schema.runtime_lease
        now = int(self.clock())
        mine = {"host": self.host, "pid": self.pid, "pid_namespace": self.namespace,
                "token": self.token, "purpose": self.purpose, "acquired_at": now,
                "renewed_at": now, "expires_at": now + self.ttl, "released_at": None}
        with self._tx() as conn:
            before = current_holder(conn)
            free = ((t.c.expires_at < now) | t.c.released_at.is_not(None)
                    | (t.c.token == self.token))
            if before is not None and self.is_gone(before):
                free = free | (t.c.token == before.token)  # that very holder, no newer one
            won = conn.execute(t.update().where(t.c.name == LEASE_NAME, free)
                               .values(**mine)).rowcount == 1
            if not won:
                won = conn.execute(_insert_new(conn.dialect.name, mine)).rowcount == 1
            holder = None if won else current_holder(conn)
        if holder is not None:
            raise LeaseHeld(holder)
        self.expires_at = now + self.ttl
        if before is not None and before.token != self.token and before.state(now) != "released":
            return before
        return None

    def is_gone(self, holder: Holder) -> bool:
        """The holder ran on this machine, in this PID namespace, and its process is gone."""
        return (holder.released_at is None and holder.token != self.token
                and holder.host == self.host and self.namespace is not None
                and holder.pid_namespace == self.namespace and holder.pid != self.pid
                and process_gone(holder.pid))

    def renew(self) -> None:
        """Extend the lease by `ttl` from now; raises `LeaseLost` if another took it."""
        t = schema.runtime_lease
        now = int(self.clock())
        with self._tx() as conn:
            renewed = conn.execute(t.update().where(*self._still_mine()).values(
                renewed_at=now, expires_at=now + self.ttl)).rowcount == 1
            holder = None if renewed else current_holder(conn)
        if not renewed:
            raise LeaseLost(holder)
        self.expires_at = now + self.ttl

    def release(self) -> None:
        """Give the lease up (a clean stop): the next runtime may start at once."""
        t = schema.runtime_lease
        with self._tx() as conn:
            conn.execute(t.update().where(*self._still_mine()).values(
                released_at=int(self.clock())))
        self.expires_at = None

    def _still_mine(self) -> list:
        t = schema.runtime_lease
        return [t.c.name == LEASE_NAME, t.c.token == self.token, t.c.released_at.is_(None)]

    def fence(self) -> None:
        """Refuse every commit of the store's engine once the lease is not ours."""
        t = schema.runtime_lease
        # FOR SHARE on PostgreSQL: a takeover waits for this commit rather than
        # landing between the check and it (SQLite holds the write lock anyway).
        check = select(t.c.token).where(*self._still_mine()).with_for_update(read=True)

        def before_commit(conn: Connection) -> None:
            if conn.get_execution_options().get("jc_lease"):
                return
            if conn.execute(check).first() is None:
                raise LeaseLost(current_holder(conn))

        self._fenced = before_commit
        event.listen(self.store.engine, "commit", before_commit)

    def unfence(self) -> None:
        if self._fenced is not None:
            event.remove(self.store.engine, "commit", self._fenced)
            self._fenced = None


def _insert_new(dialect: str, values: dict) -> Any:
    """INSERT of the first lease row, doing nothing when it exists already."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    # Core keeps UPDATE counts; an INSERT's it must be asked to (psycopg's is gone otherwise).
    return insert(schema.runtime_lease).values(name=LEASE_NAME, **values).on_conflict_do_nothing(
        index_elements=["name"]).execution_options(preserve_rowcount=True)
