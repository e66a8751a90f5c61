"""The live runtime on this machine, started and stopped for the desktop app.

It runs as its own process (`journey-runtime run --store URL --log-json`, in
a session of its own), so closing the app leaves published journeys running.
Whether it runs is read from the store's lease, never from a pid file: the
lease is what every runtime honours, and it is right even for a runtime
someone started from a terminal. Its log (JSON lines) goes to a file per
store in the user's state folder, which is also where its failures are read.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from .store import Store, schema
from .store.lease import current_holder, pid_namespace, process_gone

LOG_TAIL_BYTES = 64_000
_STARTED: dict[int, subprocess.Popen] = {}  # reaped once stopped, so none is left a zombie


def state_folder() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local",
                                                            "state")
    return Path(base) / "journey-canvas"


def log_path(store_url: str) -> Path:
    """One log per store, named by a hash of its URL (which may hold a password)."""
    return state_folder() / f"runtime-{hashlib.sha256(store_url.encode()).hexdigest()[:12]}.log"


def local_runtime_state(store_url: str, now: int | None = None) -> dict[str, Any]:
    """{"running", "local" (its process is on this machine), "holder" ({host, pid,
    since, renewed}) or None, "clock", "lag_s", "failures": {"paused_journeys" (paused
    by the run itself), "store_errors" and "last_error" (from its log since it last
    started)}, "log"}. Cheap enough to poll: no scan of the run's tables."""
    now = int(time.time()) if now is None else now
    store = Store(store_url, create=False)
    try:
        with store.engine.connect() as conn:
            holder = current_holder(conn)
            paused = conn.execute(select(func.count()).where(
                schema.journey_versions.c.pause_reason.is_not(None),
                schema.journey_versions.c.state == "paused")).scalar()
        clock = store.clock()
    finally:
        store.close()
    running = holder is not None and holder.purpose == "live" and holder.state(now) == "held"
    errors, last_error = _log_errors(log_path(store_url))
    return {"running": running, "local": running and _is_local(holder),
            "holder": None if holder is None else {
                "host": holder.host, "pid": holder.pid, "purpose": holder.purpose,
                "since": holder.acquired_at, "renewed": holder.renewed_at,
                "state": holder.state(now)},
            "clock": clock, "lag_s": None if clock is None else now - clock,
            "failures": {"paused_journeys": paused, "store_errors": errors,
                         "last_error": last_error},
            "log": str(log_path(store_url))}


def _is_local(holder: Any) -> bool:
    return holder.host == socket.gethostname() and holder.pid_namespace == pid_namespace()


def _log_errors(path: Path) -> tuple[int, str | None]:
    """Errors in the log's tail since the runtime last started: (count, last message)."""
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - LOG_TAIL_BYTES))
            lines = handle.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return 0, None
    count, last = 0, None
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if not isinstance(entry, dict):
            continue
        if entry.get("event") == "started":
            count, last = 0, None
        elif entry.get("level") in ("error", "ERROR"):
            count, last = count + 1, entry.get("message") or entry.get("msg")
    return count, last


def start_local_runtime(store_url: str, every: float = 2.0, lang: str = "en",
                        wait_s: float = 15.0) -> dict[str, Any]:
    """Start it unless a live runtime already holds the store; waits until it holds
    the lease (or exits). {"started": bool, "pid", "log", "already": holder or None,
    "problem": the log's last words when it did not start}."""
    before = local_runtime_state(store_url)
    if before["running"]:
        return {"started": False, "pid": before["holder"]["pid"], "log": before["log"],
                "already": before["holder"], "problem": None}
    path = log_path(store_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "runtime.cli", "run", "--store", store_url, "--log-json",
               "--every", f"{every:g}", "--lang", "zh_CN" if lang.startswith("zh") else "en"]
    with path.open("ab") as log:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                   start_new_session=True, close_fds=True)
    _STARTED[process.pid] = process
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _STARTED.pop(process.pid, None)
            return {"started": False, "pid": process.pid, "log": str(path), "already": None,
                    "problem": _last_line(path) or f"exited with status {process.returncode}"}
        state = local_runtime_state(store_url)
        if state["running"] and state["holder"]["pid"] == process.pid:
            return {"started": True, "pid": process.pid, "log": str(path), "already": None,
                    "problem": None}
        time.sleep(0.2)
    return {"started": False, "pid": process.pid, "log": str(path), "already": None,
            "problem": "it did not take the store within the time allowed; see the log"}


def _last_line(path: Path) -> str | None:
    try:
        lines = path.read_text("utf-8", "replace").strip().splitlines()
    except OSError:
        return None
    if not lines:
        return None
    try:
        entry = json.loads(lines[-1])
        return entry.get("message") or entry.get("msg") or lines[-1]
    except (ValueError, AttributeError):
        return lines[-1]


def stop_local_runtime(store_url: str, wait_s: float = 30.0) -> dict[str, Any]:
    """SIGTERM to the live runtime holding the store, when it runs on this machine;
    it finishes its tick and releases the lease. {"stopped": bool, "pid", "problem"}."""
    state = local_runtime_state(store_url)
    if not state["running"]:
        return {"stopped": False, "pid": None, "problem": "not_running"}
    holder = state["holder"]
    if not state["local"]:
        return {"stopped": False, "pid": holder["pid"], "problem": "elsewhere",
                "host": holder["host"]}
    try:
        os.kill(holder["pid"], signal.SIGTERM)
    except ProcessLookupError:
        return {"stopped": True, "pid": holder["pid"], "problem": None}
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        mine = _STARTED.get(holder["pid"])
        if mine is not None and mine.poll() is not None:
            _STARTED.pop(holder["pid"], None)
        if process_gone(holder["pid"]) or not local_runtime_state(store_url)["running"]:
            if mine is not None:
                try:
                    mine.wait(timeout=wait_s)  # it has released the lease; let it exit
                    _STARTED.pop(holder["pid"], None)
                except subprocess.TimeoutExpired:
                    pass
            return {"stopped": True, "pid": holder["pid"], "problem": None}
        time.sleep(0.2)
    return {"stopped": False, "pid": holder["pid"], "problem": "still_running"}
