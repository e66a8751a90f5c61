"""Crash safety (journey-semantics §7): a run over 20,000 demo customers that
is SIGKILLed at random moments and restarted with the same command ends with
exactly the enrollments, step log, touches, rewards, customer updates and
reports of an uninterrupted run — nothing lost, nothing doubled.

Two identical copies of one store: A runs once, B is killed repeatedly
(inside a transaction, at the commit hook of tests/runtime/crash_driver.py,
and from outside at seeded random delays) and restarted until a run exits 0.
30 simulated days, with 1-day ticks and again with 1-hour ticks (which a
simulated run commits a day at a time), a few seconds a run.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from runtime.demo import build_demo
from runtime.publish import publish
from runtime.report import report
from runtime.store import Store

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "resources" / "templates"
JOURNEYS = ("new-customer-activation", "dormant-customer-recall", "payroll-first-month")
CUSTOMERS, SEED = 20_000, 11
START = "2026-11-20T09:00:00+08:00"  # a Friday morning in Shanghai
UNTIL = "2026-12-20T09:00:00+08:00"
TICK = "1d"
START_S = int(datetime.fromisoformat(START).timestamp())
UNTIL_S = int(datetime.fromisoformat(UNTIL).timestamp())
POLICIES = {
    "timezone": "Asia/Shanghai",
    "quiet_hours": {"sms": ["21:00", "08:00"], "push": ["22:00", "08:00"]},
    "caps": [{"channel": "sms", "max": 1, "period_s": 86400},
             {"channel": "*", "max": 2, "period_s": 3 * 86400}],
}
KILLS = 7  # planned kills of B; the run after them goes to the end
MIN_MID_RUN_KILLS = 4  # kills that must leave B strictly between START and UNTIL
CHILD_TIMEOUT = 900


# -- the stores -----------------------------------------------------------------------------

def build_base(path: Path) -> None:
    store = Store(f"sqlite:///{path}")
    try:
        store.set_policies(POLICIES)
        build_demo(store, CUSTOMERS, seed=SEED, now=START_S, workers=1)
        for name in JOURNEYS:
            publish(store, TEMPLATES / f"{name}.journey.json", published_at=START_S)
        assert store.customer_count() == CUSTOMERS
        assert len(store.published_versions()) == len(JOURNEYS)
    finally:
        store.close()  # the last connection folds the WAL into the file: safe to copy
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: reading a killed store must not checkpoint or otherwise repair it.
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def progress_of(path: Path) -> tuple[int | None, int]:
    """(clock, step_log rows) of a store, e.g. right after a kill."""
    with read_only(path) as conn:
        clock = conn.execute("SELECT value FROM store_meta WHERE key = 'clock'").fetchone()
        steps = conn.execute("SELECT count(*) FROM step_log").fetchone()[0]
    return (int(clock[0]) if clock else None), steps


ENROLLMENT_KEY = "e.journey_id, e.version, e.customer_id, e.entered_at"
QUERIES = {
    "enrollments": "SELECT journey_id, version, customer_id, status, exit_reason, node_id, at, "
                   "entered_at, ended_at, converted_at FROM enrollments e",
    "step_log": f"SELECT {ENROLLMENT_KEY}, s.node_id, s.outlet, s.at "
                "FROM step_log s LEFT JOIN enrollments e ON e.id = s.enrollment_id",
    "touches": f"SELECT {ENROLLMENT_KEY}, t.journey_id, t.version, t.customer_id, t.node_id, "
               "t.channel, t.at, t.status, t.reason, t.content, t.delivery_state "
               "FROM touches t LEFT JOIN enrollments e ON e.id = t.enrollment_id",
    "rewards": f"SELECT {ENROLLMENT_KEY}, r.journey_id, r.version, r.customer_id, r.node_id, "
               "r.benefit, r.amount, r.at, r.status "
               "FROM rewards r LEFT JOIN enrollments e ON e.id = r.enrollment_id",
    "customers": "SELECT * FROM customers",  # update nodes change customers too
    "trigger_cursors": "SELECT journey_id, version, node_id, fired_until FROM trigger_cursors",
    "clock": "SELECT key, value FROM store_meta WHERE key = 'clock'",
}


def snapshot(path: Path) -> dict[str, Counter]:
    """Every table as a multiset of rows without surrogate ids (doubles count)."""
    with read_only(path) as conn:
        out = {name: Counter(conn.execute(sql).fetchall()) for name, sql in QUERIES.items()}
    store = Store(f"sqlite:///{path}", create=False)
    try:
        out["report"] = Counter(json.dumps(report(store, name), sort_keys=True,
                                           ensure_ascii=False) for name in JOURNEYS)
    finally:
        store.close()
    return out


def differences(a: dict[str, Counter], b: dict[str, Counter], shown: int = 5) -> list[str]:
    lines = []
    for name, rows_a in a.items():
        rows_b = b.get(name, Counter())
        lost, extra = rows_a - rows_b, rows_b - rows_a
        if not (lost or extra):
            continue
        lines.append(f"{name}: {sum(lost.values())} row(s) of the uninterrupted run missing or "
                     f"changed after the kills, {sum(extra.values())} row(s) only after the kills "
                     f"({sum(rows_a.values())} vs {sum(rows_b.values())} rows)")
        for label, rows in (("  only uninterrupted", lost), ("  only killed+restarted", extra)):
            for row, n in sorted(rows.items(), key=repr)[:shown]:
                lines.append(f"{label}{f' x{n}' if n > 1 else ''}: {str(row)[:400]}")
    return lines


# -- the runs --------------------------------------------------------------------------------

@dataclass
class Outcome:
    how: str  # "uninterrupted", "at commit N", "in a transaction after S s", "SIGKILL after S s"
    code: int
    seconds: float
    clock: int | None
    steps: int


def run_command(path: Path) -> list[str]:
    return ["run", "--store", f"sqlite:///{path}", "--from", START, "--until", UNTIL,
            "--tick", TICK, "--json", "--lang", "en"]


def start_driver(path: Path, *driver_options: str) -> subprocess.Popen:
    env = dict(os.environ, JOURNEY_DEBUG="1", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.runtime.crash_driver", *driver_options, *run_command(path)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # the driver's imports are done: real work starts now
    if line.strip() != "running":
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"crash driver did not start: {line!r}\n{err[-3000:]}")
    return proc


def finish(proc: subprocess.Popen, how: str, began: float, path: Path) -> Outcome:
    try:
        out, err = proc.communicate(timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(f"run ({how}) did not finish in {CHILD_TIMEOUT} s") from None
    if proc.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(f"run ({how}) failed with exit code {proc.returncode}:\n"
                             f"{out[-2000:]}\n{err[-4000:]}")
    return Outcome(how, proc.returncode, time.monotonic() - began, *progress_of(path))


def run_uninterrupted(path: Path) -> Outcome:
    began = time.monotonic()
    outcome = finish(start_driver(path), "uninterrupted", began, path)
    assert outcome.code == 0
    return outcome


def run_with_kills(path: Path, full: Outcome, rng: random.Random) -> list[Outcome]:
    """Kill B KILLS times, then let the same command run to the end. Delays
    are a random share of the work still left (step rows, which only grow;
    the clock does not: a restart replays the ticks from START), so kills
    spread over the run."""
    outcomes: list[Outcome] = []
    for k in range(KILLS + 1):
        left = max(0.0, 1.0 - progress_of(path)[1] / full.steps)
        delay = max(0.2, rng.uniform(0.15, 0.6) * left * full.seconds)
        began = time.monotonic()
        if k == KILLS:
            proc, how = start_driver(path), "final run"
        elif k == 0:  # early, inside one of the first tick's transactions
            at = rng.randint(3, 12)
            proc, how = start_driver(path, "--die-at-commit", str(at)), f"at commit {at}"
        elif k % 2:  # from outside, wherever the process happens to be
            proc, how = start_driver(path), f"SIGKILL after {delay:.2f} s"
            time.sleep(delay)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
        else:  # at the first COMMIT after the delay: inside a transaction, before it lands
            proc = start_driver(path, "--die-after", f"{delay:.3f}")
            how = f"in a transaction after {delay:.2f} s"
        outcomes.append(finish(proc, how, began, path))
        if outcomes[-1].code == 0:
            break
    return outcomes


def describe(outcomes: list[Outcome]) -> str:
    def at(clock: int | None) -> str:
        return "none" if clock is None else f"start+{(clock - START_S) / 3600:.0f}h"
    return "\n".join(f"  {o.how}: exit {o.code} after {o.seconds:.1f} s, clock {at(o.clock)}, "
                     f"{o.steps} steps" for o in outcomes)


def test_killed_and_restarted_run_equals_uninterrupted_run(tmp_path: Path) -> None:
    base, a, b = tmp_path / "base.db", tmp_path / "a.db", tmp_path / "b.db"
    build_base(base)
    shutil.copyfile(base, a)
    shutil.copyfile(base, b)

    uninterrupted = run_uninterrupted(a)
    outcomes = run_with_kills(b, uninterrupted, random.Random(20261120))
    log = describe(outcomes)
    print(f"uninterrupted: {uninterrupted.seconds:.1f} s\nkills of B:\n{log}")  # with -s

    # The kills happened, and in the middle of the work.
    killed = [o for o in outcomes if o.code == -signal.SIGKILL]
    assert outcomes[-1].code == 0, f"B never finished:\n{log}"
    assert len(killed) >= KILLS - 1, f"too few kills landed before B finished:\n{log}"
    mid_run = [o for o in killed if o.clock is not None and START_S < o.clock < UNTIL_S]
    assert len(mid_run) >= MIN_MID_RUN_KILLS, f"kills did not land mid-run:\n{log}"
    assert len({o.clock for o in mid_run}) >= 3, f"B made no progress between kills:\n{log}"
    assert all(o.steps < uninterrupted.steps for o in killed), log
    assert outcomes[-1].clock == uninterrupted.clock == UNTIL_S

    expected, actual = snapshot(a), snapshot(b)
    # The scenario exercises what a crash could lose or double.
    touches = expected["touches"]
    reasons = Counter(row[11] for row in touches.elements() if row[10] == "suppressed")
    assert reasons["frequency_cap"] > 0 and reasons["no_consent"] > 0, reasons
    deferred = [row for row in touches.elements()
                if row[8] == "sms" and row[10] == "sent" and (row[9] + 8 * 3600) % 86400 == 8 * 3600]
    assert deferred, "no SMS sent at 08:00, the end of quiet hours: nothing was deferred"
    statuses = Counter(row[11] for row in expected["rewards"].elements())
    assert statuses["granted"] > 0 and statuses["exhausted"] > 0, statuses
    assert sum(expected["step_log"].values()) > 50_000

    diff = differences(expected, actual)
    assert not diff, ("the killed and restarted run differs from the uninterrupted run\n"
                      "kills:\n" + log + "\n" + "\n".join(diff))



def test_killed_and_restarted_run_with_hour_ticks_equals_uninterrupted_run(tmp_path: Path,
                                                                          monkeypatch) -> None:
    """The same with 1-hour ticks, which a simulated run commits a day at a
    time (`engine.tick_group`): a kill loses the ticks since the last commit,
    and the restart repeats them."""
    monkeypatch.setattr(sys.modules[__name__], "TICK", "1h")
    test_killed_and_restarted_run_equals_uninterrupted_run(tmp_path)

def test_differences_count_lost_and_doubled_rows() -> None:
    # The comparison is a multiset: a doubled row or a lost row is a difference.
    row, other = ("j", 1, "C1", 0, "sms", 5), ("j", 1, "C2", 0, "sms", 5)
    same = {"touches": Counter([row, other])}
    assert differences(same, {"touches": Counter([row, other])}) == []
    doubled = differences(same, {"touches": Counter([row, row, other])})
    assert doubled[0].startswith("touches: 0 row(s)") and "1 row(s) only after" in doubled[0]
    assert "x1" not in doubled[1] and str(row) in doubled[1]
    lost = differences(same, {"touches": Counter([other])})
    assert lost[0].startswith("touches: 1 row(s)") and str(row) in lost[1]
