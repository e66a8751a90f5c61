"""The store's lease (runtime/store/lease.py) on real SQLite and PostgreSQL:
one holder at a time, also when processes race for it; renewal, release and
takeover after expiry; the fence that refuses a former holder's commits;
and the v7 → v8 upgrade that adds it."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading

import pytest
from sqlalchemy import inspect, select

from runtime.store import Store, schema
from runtime.store.lease import Lease, LeaseHeld, LeaseLost, current_holder
from runtime.store.upgrade import UPGRADES
from tests.runtime.engine_fixtures import fresh_store

BACKENDS = ["sqlite", "postgresql"]
NOW = 1_800_000_000


def holder(store):
    with store.engine.connect() as conn:
        return current_holder(conn)


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_holder_release_and_takeover_after_expiry(backend, tmp_path, request):
    with fresh_store(backend, tmp_path, request, "lease") as store:
        assert holder(store) is None
        first = Lease(store, "live", ttl=30, clock=lambda: NOW)
        assert first.acquire() is None
        second = Lease(store, "simulated", ttl=30, clock=lambda: NOW + 10)
        with pytest.raises(LeaseHeld) as held:
            second.acquire()
        assert (held.value.holder.pid, held.value.holder.token) == (first.pid, first.token)
        assert "a live runtime on host" in held.value.holder.describe()
        assert first.acquire() is None  # taking one's own lease again is a renewal

        first.clock = lambda: NOW + 20
        first.renew()
        assert holder(store).expires_at == NOW + 50
        second.clock = lambda: NOW + 50  # not yet: expired means past expires_at
        with pytest.raises(LeaseHeld):
            second.acquire()
        second.clock = lambda: NOW + 51
        previous = second.acquire()  # the first stopped renewing: taken over
        assert previous is not None and previous.token == first.token
        assert holder(store).purpose == "simulated"
        with pytest.raises(LeaseLost) as lost:
            first.renew()
        assert lost.value.holder.token == second.token

        second.release()
        assert holder(store).state(NOW + 52) == "released"
        third = Lease(store, "live", ttl=30, clock=lambda: NOW + 52)
        assert third.acquire() is None  # a clean stop frees it at once: no takeover
        with pytest.raises(LeaseLost):
            second.renew()


def race(leases: list[Lease]) -> tuple[list[Lease], list[Lease]]:
    """Every lease tries to acquire at the same moment, each in a thread; (won, refused)."""
    start, won, refused = threading.Barrier(len(leases)), [], []

    def contend(lease: Lease) -> None:
        start.wait()
        try:
            lease.acquire()
            won.append(lease)
        except LeaseHeld:
            refused.append(lease)

    threads = [threading.Thread(target=contend, args=(x,)) for x in leases]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return won, refused


@pytest.mark.parametrize("backend", BACKENDS)
def test_of_processes_racing_for_the_lease_exactly_one_wins(backend, tmp_path, request):
    """Eight contenders, each with a connection pool of its own (as processes
    have), released together; ten rounds."""
    with fresh_store(backend, tmp_path, request, "race") as store:
        contenders = [Store(store.url) for _ in range(8)]
        try:
            for round_ in range(10):
                leases = [Lease(s, "live", ttl=30, clock=lambda r=round_: NOW + 100 * r)
                          for s in contenders]
                won, refused = race(leases)
                assert len(won) == 1 and len(refused) == 7, round_
                assert holder(store).token == won[0].token
                # The next round starts 100 s later: this lease has expired by then.
        finally:
            for s in contenders:
                s.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_fence_refuses_a_former_holders_commits(backend, tmp_path, request):
    with fresh_store(backend, tmp_path, request, "fence") as store:
        runtime_store = Store(store.url)
        try:
            mine = Lease(runtime_store, "live", ttl=2, clock=lambda: NOW)
            mine.acquire()
            mine.fence()
            customers = runtime_store.customers_table()
            with runtime_store.engine.begin() as conn:  # still ours: commits
                conn.execute(customers.insert().values(customer_id="kept"))
            Lease(store, "live", ttl=30, clock=lambda: NOW + 10).acquire()  # taken over
            with pytest.raises(LeaseLost), runtime_store.engine.begin() as conn:
                conn.execute(customers.insert().values(customer_id="refused"))
            mine.unfence()
            with runtime_store.engine.connect() as conn:
                ids = set(conn.execute(select(customers.c.customer_id)).scalars())
            assert ids == {"kept"}  # the refused one rolled back
        finally:
            runtime_store.close()


def test_version_7_store_is_upgraded_with_the_lease_table(tmp_path):
    path = tmp_path / "v7.db"
    Store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE runtime_lease")
        db.execute("UPDATE store_meta SET value='7' WHERE key='schema_version'")
    upgraded = Store(f"sqlite:///{path}")
    try:
        assert upgraded.upgraded_from == 7
        assert upgraded.schema_version() == schema.SCHEMA_VERSION
        assert UPGRADES[8].__name__ == "_add_runtime_lease"
        assert "runtime_lease" in inspect(upgraded.engine).get_table_names()
        assert Lease(upgraded, "live").acquire() is None
    finally:
        upgraded.close()


def test_a_lease_shorter_than_two_seconds_is_refused(store):
    with pytest.raises(ValueError, match="at least 2 seconds"):
        Lease(store, "live", ttl=1)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_holder_gone_from_this_machine_is_taken_over_at_once(backend, tmp_path, request):
    """Only when host and PID namespace are this process's and its pid is gone."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(gone.stdout)
    with fresh_store(backend, tmp_path, request, "gone") as store:
        dead = Lease(store, "simulated", ttl=30, clock=lambda: NOW)
        dead.acquire()
        mine = Lease(store, "simulated", ttl=30, clock=lambda: NOW + 1)
        t = schema.runtime_lease
        for elsewhere in ({"host": "batch-2"}, {"pid_namespace": "pid:[1]"}, {"pid": os.getpid()}):
            with store.engine.begin() as conn:
                conn.execute(t.update().values({"host": dead.host, "pid": dead_pid,
                                                "pid_namespace": dead.namespace, **elsewhere}))
            with pytest.raises(LeaseHeld):
                mine.acquire()
        with store.engine.begin() as conn:
            conn.execute(t.update().values(pid=dead_pid))
        previous = mine.acquire()
        assert previous is not None and previous.pid == dead_pid
        assert holder(store).token == mine.token
