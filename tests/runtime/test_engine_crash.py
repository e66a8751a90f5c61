"""A crash (SIGKILL) at any point loses nothing and doubles nothing
(journey-semantics §7): kill the engine mid-run several times, resume, and
compare with the reference interpreter's uninterrupted answer."""
from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from nodes.fileformat import load
from runtime.store import Store
from tests.reference import reference_run
from tests.runtime.engine_fixtures import (
    DAY,
    HOUR,
    T0,
    add_customers,
    add_events,
    engine_result,
    publish,
    reference_result,
    run_engine,
)

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "resources" / "templates" / "new-customer-activation.journey.json"
RUN = """
import sys
from datetime import datetime, timedelta, timezone
from runtime.engine import run
from runtime.store import Store
start, until, tick = (int(x) for x in sys.argv[2:5])
utc = lambda t: datetime.fromtimestamp(t, timezone.utc)
run(Store(sys.argv[1]), start=utc(start), until=utc(until), tick=timedelta(seconds=tick))
"""


def build(store: Store, customers: int = 80) -> None:
    rng = random.Random(5)
    store.set_policies({"timezone": "Asia/Shanghai", "quiet_hours": {"sms": ["21:00", "08:00"]},
                        "caps": [{"channel": "sms", "max": 1, "period_s": DAY}]})
    add_customers(store, [{"customer_id": f"c{i:04d}", "name": f"客户{i}",
                               "consent_sms": rng.random() > 0.1} for i in range(customers)])
    events = []
    for i in range(customers):
        cid, t = f"c{i:04d}", T0 + rng.randrange(0, 4 * DAY)
        events.append((cid, "register", t))
        if rng.random() < 0.5:
            events.append((cid, "view_account_open_page", t + rng.randrange(60, 3 * HOUR)))
        if rng.random() < 0.4:
            events.append((cid, "account_opened", t + rng.randrange(HOUR, 5 * DAY)))
        for _ in range(rng.randrange(0, 5)):
            events.append((cid, "app_launch", t + rng.randrange(HOUR, 6 * DAY)))
        if rng.random() < 0.2:
            events.append((cid, "first_deposit", t + rng.randrange(DAY, 9 * DAY)))
    add_events(store, events)
    publish(store, load(TEMPLATE))


def steps_done(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM step_log").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_sigkill_between_transactions_loses_and_doubles_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store(url)
    build(store)
    start, until, tick = T0, T0 + 11 * DAY, 30 * 60
    expected = reference_result(reference_run(store, start, until))
    store.close()
    killed = 0
    total = len(expected["steps"])
    for share in (0.1, 0.3, 0.55, 0.8):
        proc = subprocess.Popen([sys.executable, "-c", RUN, url, str(start), str(until),
                                 str(tick)], cwd=ROOT)
        # Kill as soon as the run has passed a share of its steps: mid-run for sure.
        while proc.poll() is None and steps_done(tmp_path / "store.db") < share * total:
            time.sleep(0.01)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
    assert killed >= 3  # the runs really were interrupted
    store = Store(url)
    progress = engine_result(store)
    assert 0 < len(progress["steps"]) < len(expected["steps"])  # it stopped part-way
    run_engine(store, start, until, tick)
    assert engine_result(store) == expected
    store.close()
