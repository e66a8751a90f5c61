"""The app's start and stop of the live runtime: a real `journey-runtime run`
process on a real SQLite store, told apart by the store's lease."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from runtime.local_runtime import local_runtime_state, start_local_runtime, stop_local_runtime
from runtime.store import StoreError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def live_store(tmp_path, monkeypatch, demo_store):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    url = demo_store.url
    yield url
    stop_local_runtime(url)  # never leave a runtime behind, whatever the test did


def _until(predicate, timeout_s: float = 20.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def test_start_runs_it_stop_stops_it(live_store):
    assert local_runtime_state(live_store)["running"] is False
    started = start_local_runtime(live_store, every=0.5)
    assert started["started"], started
    state = local_runtime_state(live_store)
    assert state["running"] and state["local"] and state["holder"]["pid"] == started["pid"]
    first_clock = _until(lambda: local_runtime_state(live_store)["clock"])
    _until(lambda: (local_runtime_state(live_store)["clock"] or 0) > first_clock)
    state = local_runtime_state(live_store)  # catching up from the demo's clock: lag is large
    assert state["lag_s"] == pytest.approx(time.time() - state["clock"], abs=5)
    again = start_local_runtime(live_store)
    assert again["started"] is False and again["already"]["pid"] == started["pid"]
    stopped = stop_local_runtime(live_store)
    assert stopped == {"stopped": True, "pid": started["pid"], "problem": None}
    with pytest.raises(ChildProcessError):  # reaped: no zombie left behind in the app
        os.waitpid(started["pid"], os.WNOHANG)
    after = local_runtime_state(live_store)
    assert after["running"] is False and after["holder"]["state"] == "released"
    events = [json.loads(line)["event"] for line in Path(after["log"]).read_text().splitlines()]
    assert events[0] == "started" and events[-1] == "stopped"
    assert stop_local_runtime(live_store)["problem"] == "not_running"


def test_it_outlives_the_process_that_started_it(live_store):
    script = ("import sys; from runtime.local_runtime import start_local_runtime; "
              "r = start_local_runtime(sys.argv[1], every=0.5); print(r['pid'], r['started'])")
    done = subprocess.run([sys.executable, "-c", script, live_store], check=False,
                          capture_output=True,
                          text=True, cwd=ROOT, env=os.environ.copy(), timeout=60)
    pid, started = done.stdout.split()
    assert started == "True", done.stderr
    time.sleep(1.0)  # the starter has exited; the runtime goes on ticking
    state = local_runtime_state(live_store)
    assert state["running"] and state["holder"]["pid"] == int(pid)
    assert stop_local_runtime(live_store)["stopped"]


def test_a_failed_start_says_why(live_store, tmp_path):
    result = start_local_runtime(live_store, every=0, wait_s=20)
    assert result["started"] is False and "--every" in result["problem"]
    assert local_runtime_state(live_store)["running"] is False
    with pytest.raises(StoreError):
        local_runtime_state(f"sqlite:///{tmp_path / 'missing.db'}")
