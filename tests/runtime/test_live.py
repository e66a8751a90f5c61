"""The live runtime end to end: `journey-runtime run --store URL` in a process
of its own, on real SQLite and PostgreSQL stores, fed while it runs (SQL
inserts, `import` and `publish` from other processes), stopped by SIGTERM or
killed, restarted — and what it wrote compared with a simulated run over the
same window (`runtime.engine.run`): identical rows."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from runtime.cli import main
from runtime.live import EXIT_HELD, EXIT_LEASE_LOST
from tests.runtime.engine_fixtures import HOUR, engine_result, fresh_store, publish
from tests.runtime.live_harness import (
    FAST,
    LiveProcess,
    build,
    cli,
    events_csv,
    fund_buyers,
    future,
    late_events,
    reap,
    simulated_result,
    touch_keys,
    wait_clock,
    wave,
    write_journey,
)
from tests.runtime.live_harness import add_events as insert_events
from tests.runtime.test_poison_pills import deep_condition

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def no_runtime_left_behind():
    yield
    reap()


def two_stores(backend, tmp_path, request, stack: ExitStack, started: int):
    """The store the live runtime runs and its twin for the simulated run."""
    live = stack.enter_context(fresh_store(backend, tmp_path, request, "live"))
    twin = stack.enter_context(fresh_store(backend, tmp_path, request, "twin"))
    for store in (live, twin):
        build(store, started)
    return live, twin


def assert_same_as_simulated(live_store, twin, started: int) -> dict:
    assert late_events(live_store) == 0, "an event arrived late: the scenario's timing slipped"
    clock = live_store.clock()
    got = engine_result(live_store)
    expected = simulated_result(live_store, twin, started, clock)
    assert got == expected
    keys = touch_keys(live_store)
    assert len(keys) == len(set(keys))
    return got


@pytest.mark.parametrize("backend", BACKENDS)
def test_live_run_equals_a_simulated_run(backend, tmp_path, request):
    started = int(time.time()) - 20  # 20 s to catch up: one chunk
    with ExitStack() as stack:
        store, twin = two_stores(backend, tmp_path, request, stack, started)
        live = LiveProcess(store.url, *FAST)
        live.wait_event("started")
        wait_clock(store, int(time.time()) - 5, live)

        inserted = wave(future(2), ["c1", "c2"])
        insert_events(store, inserted)  # another system's INSERTs
        imports = wave(future(4), ["c4", "c5"])
        csv = events_csv(tmp_path / "events.csv", imports)
        imported = cli("import", "--store", store.url, str(csv))
        assert imported.returncode == 0, imported.stderr
        fund = write_journey(tmp_path / "fund.journey.json", fund_buyers)
        assert main(["publish", "--store", store.url, str(fund)]) == 0  # from this process
        last = future(2)
        insert_events(store, [("c1", "buy_fund", last - 1), ("c7", "buy_fund", last),
                              ("c7", "register", last)])
        wait_clock(store, max(ts for *_, ts in inserted + imports + [("", "", last)]), live)
        assert live.stop(signal.SIGTERM) == 0, live.log()

        assert live.events("tick") and live.events("heartbeat") and live.events("stopped")
        got = assert_same_as_simulated(store, twin, started)
        journeys = {t[0] for t in got["touches"]}
        assert journeys == {"welcome", "depositors", "fund-buyers"}  # the new one ran too
        assert {t[6] for t in got["touches"]} == {"sent", "suppressed"}  # caps across journeys
        assert cli("status", "--store", store.url).stdout.count("stopped cleanly") == 1


def renewed_lease(store, host: str, seconds_left: int) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE runtime_lease SET host = :host, expires_at = :expires"),
                     {"host": host, "expires": int(time.time()) + seconds_left})


def test_killed_runtime_continues_where_it_stopped(tmp_path, request):
    """SIGKILL at a random moment, and inside a tick's transaction. A runtime
    of another machine keeps the store until its lease expires (a new one is
    refused at once, or waits with --wait-for-lease); one of this machine
    whose process is gone is taken over at once. Each goes on from the clock."""
    rng = random.Random(20261202)
    started = int(time.time()) - 10
    with ExitStack() as stack:
        store, twin = two_stores("sqlite", tmp_path, request, stack, started)
        options = [*FAST, "--lease-ttl", "2"]
        live = LiveProcess(store.url, *options)
        live.wait_event("started")
        insert_events(store, wave(future(2), ["c1", "c2"]))
        time.sleep(rng.uniform(0.5, 3.0))
        assert live.stop(signal.SIGKILL) == -signal.SIGKILL
        renewed_lease(store, "batch-2", 30)  # as if it had run on another machine

        refused = LiveProcess(store.url, *options)
        assert refused.wait() == EXIT_HELD
        assert "host batch-2" in refused.lines[-1]["message"]
        insert_events(store, wave(future(3), ["c3", "c4"]))  # while no runtime runs
        renewed_lease(store, "batch-2", 3)  # its last renewal: 3 s left
        live = LiveProcess(store.url, *options, "--wait-for-lease", driver=("--die-in-tick",))
        live.wait_event("waiting_for_store")
        taken = live.wait_event("took_over")
        assert taken["holder_host"] == "batch-2" and "lease expired" in taken["message"]
        assert live.wait(20) == -signal.SIGKILL  # inside its first tick with steps

        live = LiveProcess(store.url, *options)  # no wait: the killed one was on this machine
        # The message, not a short timeout, tells "at once" from "after the
        # expiry": a timeout of a few seconds failed on a loaded machine.
        taken = live.wait_event("took_over")
        assert "process on this machine is gone" in taken["message"]
        insert_events(store, wave(future(1), ["c5", "c6"]))
        wait_clock(store, future(3), live)
        assert live.stop() == 0, live.log()
        got = assert_same_as_simulated(store, twin, started)
        assert {t[1] for t in got["touches"]} >= {"c1", "c3", "c5"}


def stop_between_transactions(live: LiveProcess, url: str) -> None:
    """SIGSTOP the runtime while it holds no SQLite write lock (else a new
    runtime would wait for it instead of taking the store over)."""
    probe = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0.1)
    try:
        for _ in range(50):
            os.kill(live.proc.pid, signal.SIGSTOP)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.rollback()
                return
            except sqlite3.OperationalError:  # locked: stopped inside a transaction
                os.kill(live.proc.pid, signal.SIGCONT)
                time.sleep(0.05)
        raise AssertionError("the runtime always held the write lock")
    finally:
        probe.close()


def test_a_stalled_runtime_loses_the_store_and_writes_nothing_more(tmp_path, request):
    """Stopped (SIGSTOP) past its lease: another takes the store over; when the
    first goes on, its renewal or its next commit finds the other holder, and
    it exits 5 without writing."""
    started = int(time.time()) - 5
    with ExitStack() as stack:
        store, twin = two_stores("sqlite", tmp_path, request, stack, started)
        options = [*FAST, "--lease-ttl", "2"]
        first = LiveProcess(store.url, *options)
        first.wait_event("started")
        insert_events(store, wave(future(1), ["c1"]))  # run by one or the other
        stop_between_transactions(first, store.url)
        try:
            time.sleep(3.2)  # its lease (2 s, whole seconds) has expired
            second = LiveProcess(store.url, *options)
            taken = second.wait_event("took_over")
            assert taken["holder_pid"] == first.proc.pid
            insert_events(store, wave(future(1), ["c2"]))
        finally:
            os.kill(first.proc.pid, signal.SIGCONT)
        assert first.wait() == EXIT_LEASE_LOST, first.log()
        lost = first.wait_event("lease_lost")
        assert f"pid {second.proc.pid}" in lost["message"]
        wait_clock(store, future(2), second)
        assert second.stop() == 0, second.log()
        got = assert_same_as_simulated(store, twin, started)
        assert {t[1] for t in got["touches"]} == {"c1", "c2"}


def test_sigterm_in_the_middle_of_a_tick_lets_it_commit_whole(tmp_path, request):
    """…and a journey whose own step fails is paused by itself, with a warning."""
    started = int(time.time()) - 10
    with ExitStack() as stack:
        store, twin = two_stores("sqlite", tmp_path, request, stack, started)
        for each in (store, twin):
            publish(each, deep_condition(), published_at=started)
        live = LiveProcess(store.url, *FAST, driver=("--hold-in-tick", "1.5"))
        live.wait_event("started")
        insert_events(store, wave(future(1), ["c1", "c2", "c3"]))
        live.wait_for(lambda: "in tick" in live.said, "the runtime to be inside a tick")
        clock_before = store.clock()
        live.proc.send_signal(signal.SIGTERM)
        assert live.wait(20) == 0, live.log()
        assert live.events("stopping")[0]["signal"] == "SIGTERM"
        # The tick under way committed (steps, touches and its clock together), and no other.
        assert store.clock() > clock_before
        assert len(live.events("tick")) == 1
        [paused] = live.events("journey_paused")
        assert paused["journey"] == "deep" and paused["level"] == "warning"
        assert "resume --store" in paused["message"]
        got = assert_same_as_simulated(store, twin, started)
        assert got["touches"], "the held tick's touches are missing"
        assert {e[0] for e in got["enrollments"]} == {"welcome"}  # deep's tick rolled back


def here(capsys, *argv: str) -> tuple[int, str, str]:
    """A command from this process: another process than the runtime's, as a terminal is."""
    code = main([*argv, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_runtime_per_store(backend, tmp_path, request, capsys):
    """Two started at once: exactly one runs, the other is refused at once
    (exit 4) naming it; a simulated run and --once are refused too; pause,
    resume, report and status work while it runs."""
    started = int(time.time()) - 5
    with ExitStack() as stack:
        store, _ = two_stores(backend, tmp_path, request, stack, started)
        pair = [LiveProcess(store.url, *FAST, "--lateness", "1") for _ in range(2)]
        refused = pair[0].wait_for(
            lambda: next((p for p in pair if p.proc.poll() is not None), None),
            "one of two runtimes started together to be refused")
        running = pair[1] if refused is pair[0] else pair[0]
        assert refused.wait() == EXIT_HELD, refused.log()
        winner = running.wait_event("started")
        assert f"pid {winner['pid']}" in refused.lines[-1]["message"]
        assert "One runtime per store" in refused.lines[-1]["message"]

        span = ("--from", datetime.fromtimestamp(started - 3600, UTC).isoformat(), "--until",
                datetime.fromtimestamp(started, UTC).isoformat(), "--tick", "1h")
        for argv in (span, ("--once",)):
            code, _, err = here(capsys, "run", "--store", store.url, *argv)
            assert code == EXIT_HELD and f"pid {winner['pid']}" in err

        code, out, _ = here(capsys, "status", "--store", store.url)
        assert code == 0
        assert f"live runtime on host {winner['host']}, pid {winner['pid']}" in out
        code, _, err = here(capsys, "pause", "--store", store.url, "welcome")
        assert code == 0, err
        in_pause = future(0.5)
        insert_events(store, [("c1", "register", in_pause), ("c2", "deposit", in_pause)])
        assert "welcome  v1  paused" in here(capsys, "status", "--store", store.url)[1]
        time.sleep(max(0.0, in_pause + 1 - time.time()))
        code, _, err = here(capsys, "resume", "--store", store.url, "welcome")
        assert code == 0, err
        resumed = future(0.5)
        insert_events(store, [("c3", "register", resumed)])
        wait_clock(store, resumed, running)
        assert here(capsys, "report", "--store", store.url, "welcome")[0] == 0
        assert running.stop() == 0, running.log()

        entered = {(e[0], e[1]) for e in engine_result(store)["enrollments"]}
        assert ("welcome", "c1") not in entered  # registered while paused
        assert {("welcome", "c3"), ("depositors", "c2")} <= entered
        keys = touch_keys(store)
        assert len(keys) == len(set(keys)) == 2  # c3's sms, c2's email, nothing twice
        assert '"state": "released"' in here(capsys, "status", "--store", store.url, "--json")[1]


def test_catch_up_goes_by_chunks_and_stops_between_ticks(tmp_path, request):
    """Three hours behind: caught up an hour of logical time a step, progress
    logged; a SIGTERM during it stops after the tick under way; a restart
    goes on from the stored clock."""
    started = int(time.time()) - 3 * HOUR
    with ExitStack() as stack:
        store, twin = two_stores("sqlite", tmp_path, request, stack, started)
        insert_events(store, wave(started + 600, ["c1", "c2"]) + wave(started + 2 * HOUR, ["c3"]))
        live = LiveProcess(store.url, *FAST, "--catch-up-chunk", "1h",
                           driver=("--hold-in-tick", "1"))
        live.wait_event("catching_up")
        live.wait_for(lambda: "in tick" in live.said, "the first tick with steps")
        live.proc.send_signal(signal.SIGTERM)
        assert live.wait() == 0, live.log()
        stopped_at = store.clock()
        assert started + 600 <= stopped_at < started + HOUR  # inside the first chunk
        assert not live.events("caught_up") and not live.events("catch_up_progress")

        live = LiveProcess(store.url, *FAST, "--catch-up-chunk", "1h")
        live.wait_event("caught_up")
        progress = live.events("catch_up_progress")
        assert len(progress) >= 2 and all(p["behind_s"] <= 3 * HOUR for p in progress)
        assert live.events("catching_up")[0]["clock"].startswith(
            datetime.fromtimestamp(stopped_at, UTC).astimezone(ZoneInfo("Asia/Shanghai"))
            .isoformat()[:16])  # from where the first one stopped
        insert_events(store, wave(future(1), ["c4"]))
        wait_clock(store, future(2), live)
        assert live.stop() == 0, live.log()
        got = assert_same_as_simulated(store, twin, started)
        assert {t[1] for t in got["touches"]} == {"c1", "c2", "c3", "c4"}


def test_store_failures_are_logged_and_the_runtime_goes_on(tmp_path, request):
    """PostgreSQL refuses connections for a while: each failed tick rolls back,
    one line says so, the runtime keeps trying and goes on when it is back."""
    server = request.getfixturevalue("postgres_server_url")
    started = int(time.time()) - 5
    with ExitStack() as stack:
        store, twin = two_stores("postgresql", tmp_path, request, stack, started)
        name = make_url(store.url).database
        live = LiveProcess(store.url, *FAST)
        live.wait_event("started")
        insert_events(store, wave(future(1), ["c1"]))
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  "WHERE datname = :name"), {"name": name})
                failed = live.wait_event("store_failed")
                time.sleep(1)
                conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        finally:
            admin.dispose()
        assert failed["level"] == "error" and "database server" in failed["message"]
        live.wait_event("store_back")
        store.engine.dispose()  # this process's connections were ended too
        insert_events(store, wave(future(1), ["c2"]))
        wait_clock(store, future(2), live)
        assert live.stop() == 0, live.log()
        # One line, then at most one per heartbeat (1 s) while it lasts: not one per
        # tick (every 0.2 s).
        lines = live.events("store_failed")
        assert lines and lines[0]["failures"] == 1, lines
        said = [datetime.fromisoformat(line["time"]) for line in lines]
        assert all((b - a).total_seconds() >= 0.99 for a, b in pairwise(said)), said
        got = assert_same_as_simulated(store, twin, started)
        assert {t[1] for t in got["touches"]} == {"c1", "c2"}


@pytest.mark.parametrize(("options", "said"), [
    (("--every", "0"), "--every must be at least"),
    (("--every", "soon"), "--every 'soon' is not a number of seconds"),
    (("--lateness", "-1"), "--lateness must be at least 0"),
    (("--lease-ttl", "1"), "--lease-ttl must be at least 2 seconds"),
    (("--tick", "0s"), "--tick must be at least one second"),
    (("--catch-up-chunk", "1x"), "--catch-up-chunk"),
    (("--json",), "--json prints a finished run's totals"),
])
def test_live_options_are_checked_before_anything_runs(store, capsys, options, said):
    code, _, err = here(capsys, "run", "--store", store.url, *options)
    assert code == 1 and said in err
    assert store.clock() is None


def test_once_runs_up_to_now_and_gives_the_store_back(store, capsys):
    code, out, _ = here(capsys, "run", "--store", store.url, "--once")
    assert code == 0 and "run finished" in out
    assert store.clock() is not None
    code, out, _ = here(capsys, "status", "--store", store.url)
    assert "run up to now on host" in out and "stopped cleanly" in out


def test_pause_and_resume_wait_for_a_tick_instead_of_failing(tmp_path, request, capsys):
    """On SQLite they read, then write: without the write lock from the start,
    a tick committing in between made them fail with 'database is locked'."""
    with ExitStack() as stack:
        store, _ = two_stores("sqlite", tmp_path, request, stack, int(time.time()) - 5)
        live = LiveProcess(store.url, *FAST, "--every", "0.05", "--lateness", "0")
        live.wait_event("started")
        for _ in range(25):
            for command in ("pause", "resume"):
                code, _, err = here(capsys, command, "--store", store.url, "welcome")
                assert code == 0, err
        assert live.stop() == 0, live.log()


def test_the_live_runtime_delivers_what_it_decides(tmp_path, request):
    """A live runtime hands each sent touch to its channel beside its ticks:
    every SMS it sent reached the webhook once, under its touch id."""
    from tests.runtime.delivery_fixtures import configure
    from tests.runtime.delivery_servers import WebhookServer

    started = int(time.time()) - 5
    with ExitStack() as stack:
        store = stack.enter_context(fresh_store("sqlite", tmp_path, request, "live"))
        build(store, started)
        server = stack.enter_context(WebhookServer())
        configure(store, "sms", "webhook", url=server.url)
        live = LiveProcess(store.url, *FAST, deliver=True)
        live.wait_event("started")
        insert_events(store, wave(future(2), ["c1", "c2", "c3"]))
        t = store.tables["touches"]

        def delivered() -> list:
            with store.engine.connect() as conn:
                rows = conn.execute(select(t.c.id, t.c.delivery_state).where(
                    t.c.channel == "sms", t.c.status == "sent")).all()
            return rows if len(rows) == 3 and all(s == "delivered" for _, s in rows) else []

        rows = live.wait_for(delivered, "three SMS delivered")
        assert live.stop(signal.SIGTERM) == 0, live.log()
    assert live.events("delivered")
    assert server.successes() == {str(touch_id): 1 for touch_id, _ in rows}
