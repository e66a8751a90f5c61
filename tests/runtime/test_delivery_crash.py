"""Delivery survives SIGKILL (journey-semantics §7): `journey-runtime
deliver` killed at random moments — from outside at seeded random delays,
and from inside a transaction just before its COMMIT — and restarted until
a run ends by itself. The receiving server records every request: every
touch arrives at least once, only ever under its own id as the key, and the
store's statuses agree with what the server saw."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from tests.runtime.delivery_fixtures import (
    TINY,
    attempt_rows,
    configure,
    customers,
    open_touches,
    sent_touches,
    states,
)
from tests.runtime.delivery_servers import Answer, WebhookServer

ROOT = Path(__file__).resolve().parents[2]
TOUCHES = 600
KILLS = 6  # planned kills; the run after them goes to the end
RUNS_AT_MOST = 20


def _start(url: str, die_at_commit: int | None) -> subprocess.Popen:
    extra = ["--die-at-commit", str(die_at_commit)] if die_at_commit else []
    return subprocess.Popen(
        [sys.executable, "-m", "tests.runtime.crash_driver", *extra, "deliver", "--store", url],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_deliveries_killed_and_restarted_arrive_under_their_own_keys(store, store_url):
    rng = random.Random(20261120)
    ids = sent_touches(store, "sms", customers(TOUCHES))
    mid_run_kills = 0
    with WebhookServer(lambda n: Answer(delay=0.002)) as server:
        configure(store, "sms", "webhook", url=server.url, concurrency=4, max_attempts=50,
                  **TINY)
        for run in range(RUNS_AT_MOST):
            planned = run < KILLS
            inside = planned and run % 2 == 1  # every other kill lands inside a transaction
            # A pass commits: the store's opening, freeing claims, then each
            # window's claim and each batch of outcomes; 4-6 lands among those.
            child = _start(store_url, rng.randint(4, 6) if inside else None)
            assert child.stdout.readline().strip() == "running"
            if planned and not inside:
                time.sleep(rng.uniform(0.05, 0.5))
                child.send_signal(signal.SIGKILL)
            _, err = child.communicate(timeout=120)
            if child.returncode == -signal.SIGKILL:
                left = open_touches(store)
                mid_run_kills += 0 < left < TOUCHES
                continue
            assert child.returncode == 0, err
            if not open_touches(store):
                break
        else:
            raise AssertionError("deliveries did not finish")
    assert mid_run_kills >= 3, "too few kills landed while touches were being delivered"

    keys = {str(i) for i in ids}
    assert set(server.requests()) == keys  # every touch arrived, nothing else did
    assert all(r.key == str(r.body["touch_id"]) for r in server.received)  # one key each
    assert set(server.successes()) == keys
    final = states(store)
    assert {s[0] for s in final.values()} == {"delivered"}
    requests = server.requests()
    repeats = Counter()
    for touch_id in ids:
        rows = attempt_rows(store, touch_id)
        # Sent at most once per attempt the store knows of, and delivered exactly once.
        assert 1 <= requests[str(touch_id)] <= len(rows)
        assert [a.outcome for a in rows].count("delivered") == 1
        assert {a.outcome for a in rows} <= {"delivered", "abandoned"}
        repeats[requests[str(touch_id)]] += 1
    assert repeats[1] > 0
