"""The live runtime in a subprocess, for the live tests: start it, read its
`--log-json` lines as they come, insert events, stop or kill it, and compare
what it wrote with a simulated run over the same window.

The scenario's events are dated a few seconds ahead of the wall clock when
they are stored, and the runtime trails the wall by `LATENESS`: none is ever
late, so the live run and the simulated one see the same events at the same
instants, and must write the same rows.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from nodes.fileformat import dumps
from runtime.engine import run
from tests.runtime.engine_fixtures import add_customers, chain, engine_result, journey, publish

ROOT = Path(__file__).resolve().parents[2]
LATENESS = 2  # seconds the live clock trails the wall: room for an import to land
FAST = ["--every", "0.2", "--tick", "1s", "--lateness", str(LATENESS), "--heartbeat", "1"]
CUSTOMERS = [f"c{n}" for n in range(1, 9)]
POLICIES = {"timezone": "Asia/Shanghai", "caps": [{"channel": "*", "max": 2, "period_s": 86400}]}


# -- the scenario ---------------------------------------------------------------------------

def welcome() -> Any:
    """register → sms → wait for app_launch (1 day) → push."""
    j = journey("welcome")
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("s1", "touch", {"channel": "sms", "template": "欢迎"}),
          ("w", "wait", {"type": "for_event", "event": "app_launch",
                         "timeout": {"amount": 1, "unit": "days"}}))
    j.add_node("touch", {"channel": "push", "template": "你好"}, node_id="s2")
    j.connect("w", "event", "s2")
    return j


def depositors() -> Any:
    """deposit → tag → email (the cap of 2 a day across journeys suppresses some)."""
    j = journey("depositors")
    chain(j, ("t", "trigger", {"type": "event", "event": "deposit"}),
          ("u", "update", {"add_tags": ["depositor"]}),
          ("s", "touch", {"channel": "email", "template": "谢谢", "subject": "存款"}))
    return j


def fund_buyers() -> Any:
    """buy_fund → in-app message: published while the runtime runs."""
    j = journey("fund-buyers")
    chain(j, ("t", "trigger", {"type": "event", "event": "buy_fund"}),
          ("s", "touch", {"channel": "in_app", "template": "基金", "title": "基金"}))
    return j


def build(store: Any, started: int) -> None:
    """Customers, policies and two journeys, the clock at `started` (as if a
    runtime had run the store up to then)."""
    store.set_policies(POLICIES)
    add_customers(store, [{"customer_id": c} for c in CUSTOMERS])
    for made in (welcome, depositors):
        publish(store, made(), published_at=started)
    store.save_clock(started, None)


def write_journey(path: Path, made: Any) -> Path:
    path.write_text(dumps(made()), encoding="utf-8")
    return path


def add_events(store: Any, rows: list[tuple[str, str, int]]) -> None:
    """(customer, event, ts): one short transaction, as another system would."""
    with store.engine.begin() as conn:
        conn.execute(insert(store.tables["events"]), [
            {"customer_id": c, "name": name, "ts": ts} for c, name, ts in rows])


def events_csv(path: Path, rows: list[tuple[str, str, int]]) -> Path:
    lines = ["customer_id,event,ts"] + [
        f"{c},{name},{datetime.fromtimestamp(ts, UTC).isoformat()}" for c, name, ts in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def wave(first: int, customers: list[str]) -> list[tuple[str, str, int]]:
    """register, then app_launch and deposit for every other customer, a second apart."""
    rows = []
    for i, c in enumerate(customers):
        rows.append((c, "register", first + i))
        if i % 2 == 0:
            rows += [(c, "app_launch", first + i + 1), (c, "deposit", first + i + 2)]
    return rows


# -- the process ------------------------------------------------------------------------------

STARTED: list[LiveProcess] = []  # every runtime a test started (`reap`)


def reap() -> None:
    """Kill the runtimes a test left running (a failed assertion skips its
    stop), so a failure never leaves a process behind, stopped or ticking."""
    while STARTED:
        proc = STARTED.pop().proc
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGCONT)  # a SIGSTOPped one must wake to die
                proc.kill()
            proc.wait(timeout=10)


class LiveProcess:
    """`journey-runtime run --store URL --log-json …` (through tests.runtime.live_driver)."""

    def __init__(self, url: str, *options: str, driver: tuple[str, ...] = (),
                 deliver: bool = False) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT), JOURNEY_DEBUG="1", PYTHONUNBUFFERED="1")
        # Delivery only where a test asks for it (its log files would land in the cwd).
        quiet = [] if deliver else ["--no-deliver"]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.runtime.live_driver", *driver, "run", "--store", url,
             "--log-json", "--lang", "en", *quiet, *options],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        STARTED.append(self)
        self.lines: list[dict] = []
        self.said: list[str] = []  # the driver's stdout
        self.lock = threading.Lock()
        self.readers = [threading.Thread(target=self._read, args=(self.proc.stderr, True),
                                         daemon=True),
                        threading.Thread(target=self._read, args=(self.proc.stdout, False),
                                         daemon=True)]
        for reader in self.readers:
            reader.start()

    def _read(self, stream: Any, logs: bool) -> None:
        for text in stream:
            with self.lock:
                if not logs:
                    self.said.append(text.strip())
                    continue
                try:
                    line = json.loads(text)
                except ValueError:
                    line = {"event": "text", "message": text.rstrip()}
                self.lines.append(line if isinstance(line, dict) else {"event": "text"})

    def events(self, name: str) -> list[dict]:
        with self.lock:
            return [line for line in self.lines if line.get("event") == name]

    def wait_for(self, test: Any, what: str, timeout: float = 20) -> Any:
        """Poll `test()` until it gives something true; fail naming `what`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = test()
            if found:
                return found
            if self.proc.poll() is not None:
                found = test()
                if found:
                    return found
                raise AssertionError(f"the runtime exited ({self.proc.returncode}) before "
                                     f"{what}:\n{self.log()}")
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}:\n{self.log()}")

    def wait_event(self, name: str, timeout: float = 20) -> dict:
        return self.wait_for(lambda: (self.events(name) or [None])[-1], f"a '{name}' line",
                             timeout)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.wait(timeout)

    def wait(self, timeout: float = 20) -> int:
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"the runtime did not exit in {timeout} s:\n{self.log()}"
                                 ) from None
        for reader in self.readers:
            reader.join(timeout=5)
        return code

    def log(self) -> str:
        with self.lock:
            return "\n".join(json.dumps(line, ensure_ascii=False) for line in self.lines[-40:])


def cli(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Another journey-runtime command, in a process of its own (another terminal)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "runtime.cli", *argv, "--lang", "en"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)


def wait_clock(store: Any, at_least: int, live: LiveProcess, timeout: float = 30) -> int:
    """Wait until the store's clock has passed `at_least`; the clock."""
    return live.wait_for(lambda: (store.clock() or 0) >= at_least and store.clock(),
                         f"the clock to reach {at_least}", timeout)


def future(seconds: float = 2) -> int:
    """An instant `seconds` after now, when the live clock is LATENESS behind."""
    return int(time.time() + seconds)


# -- the comparison ---------------------------------------------------------------------------

def copy_inputs(live: Any, simulated: Any) -> None:
    """The events the live store received (in the order they arrived) and the
    journeys published while it ran, into the simulated store."""
    ev, jv = live.tables["events"], live.tables["journey_versions"]
    with live.engine.connect() as conn:
        events = conn.execute(select(ev.c.customer_id, ev.c.name, ev.c.ts, ev.c.properties)
                              .order_by(ev.c.id)).mappings().all()
        versions = conn.execute(select(jv.c.journey_id, jv.c.version, jv.c.content_hash,
                                       jv.c.document, jv.c.published_at)).mappings().all()
    with simulated.engine.connect() as conn:
        have = {(r.journey_id, r.version) for r in conn.execute(
            select(jv.c.journey_id, jv.c.version))}
    with simulated.engine.begin() as conn:
        if events:
            conn.execute(insert(ev), [dict(e) for e in events])
        new = [dict(v) for v in versions if (v["journey_id"], v["version"]) not in have]
        if new:
            conn.execute(insert(jv), new)
    simulated.refresh()


def simulated_result(live: Any, simulated: Any, start: int, until: int) -> dict:
    """`runtime.engine.run` over [start, until] with the live store's inputs."""
    copy_inputs(live, simulated)
    run(simulated, start=datetime.fromtimestamp(start, UTC),
        until=datetime.fromtimestamp(until, UTC), tick=timedelta(seconds=7))
    return engine_result(simulated)


def late_events(store: Any) -> int:
    ev = store.tables["events"]
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(ev).where(
            ev.c.late_after.is_not(None))).scalar()


def touch_keys(store: Any) -> list[tuple]:
    """(enrollment, node) of every touch: a double would repeat one."""
    t = store.tables["touches"]
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(t.c.enrollment_id, t.c.node_id))]
