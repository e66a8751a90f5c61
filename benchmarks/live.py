"""Live runtime benchmark: `python -m benchmarks.live --customers N --rate R --seconds S`.

Builds a demo store of N customers (a temporary SQLite file unless `--store`
names one), publishes every shipped template, starts the live runtime
(`journey-runtime run`, a process of its own, as in production) and, once it
has caught up, inserts `register`, `app_launch` and `deposit` events into the
store's events table at R per second for S seconds, as another system would.

Latency is measured on the `register` events: each enrolls its customer in
the activation journey at the event's instant (a decision the runtime writes
in the tick that reads the event, with that entry's first step).
`event_to_decision_ms` is from the moment the event was stored to the moment
this process, polling the store every 20 ms, sees the enrollment. Then the
runtime is stopped and this process ticks the same store idle with the
engine's `Runner`, as the runtime does, one-second ticks with nothing due:
`idle_tick_ms_p95`. `--ramp` tries rates from R/4 up to 4R and reports
`max_rate_kept`: the highest rate at which, at the end of its segment, no
register event stored more than 5 s earlier is still undecided.
Last line: one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import insert, select

from resources import TEMPLATES_DIR

FEED_EVENTS = ("register", "app_launch", "deposit")
POLL_S = 0.02
KEPT_WITHIN_S = 5.0


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


class Feeder:
    """Inserts events at a steady rate, in batches every 50 ms, and remembers
    when each register event was stored."""

    def __init__(self, store, customers: int, seed: int) -> None:
        self.store, self.customers = store, customers
        self.rng = random.Random(seed)
        self.unregistered = list(range(1, customers + 1))
        self.rng.shuffle(self.unregistered)
        self.stored_at: dict[tuple[str, int], float] = {}  # (customer, ts) -> wall time
        self.events = 0

    def feed(self, rate: float, seconds: float, stop: threading.Event) -> None:
        ev = self.store.tables["events"]
        began, fed = time.monotonic(), 0
        while not stop.is_set():
            elapsed = time.monotonic() - began
            if elapsed >= seconds:
                return
            rows = [self.event_row() for _ in range(int(rate * elapsed) - fed)]
            if rows:
                with self.store.engine.begin() as conn:
                    conn.execute(insert(ev), rows)
                stored = time.time()
                for row in rows:
                    if row["name"] == "register":
                        self.stored_at[(row["customer_id"], row["ts"])] = stored
                fed += len(rows)
                self.events += len(rows)
            time.sleep(0.05)

    def event_row(self) -> dict:
        name = self.rng.choice(FEED_EVENTS)
        if name == "register" and self.unregistered:
            number = self.unregistered.pop()
        else:
            name = "app_launch" if name == "register" else name
            number = self.rng.randint(1, self.customers)
        properties = json.dumps({"amount": self.rng.randint(1, 50) * 1000}) \
            if name == "deposit" else None
        # Stamped when it happens: now, on the wall clock.
        return {"customer_id": f"C{number:08d}", "name": name, "ts": int(time.time()),
                "properties": properties}


class Watcher:
    """Polls the store for new activation enrollments and records when each
    was first seen."""

    def __init__(self, store) -> None:
        self.store, self.after = store, 0
        self.seen_at: dict[tuple[str, int], float] = {}

    def watch(self, stop: threading.Event) -> None:
        e = self.store.tables["enrollments"]
        query = select(e.c.id, e.c.customer_id, e.c.entered_at).where(
            e.c.journey_id == "new-customer-activation")
        while not stop.is_set():
            with self.store.engine.connect() as conn:
                rows = conn.execute(query.where(e.c.id > self.after).order_by(e.c.id)).all()
            now = time.time()
            for row in rows:
                self.seen_at.setdefault((row.customer_id, row.entered_at), now)
                self.after = max(self.after, row.id)
            time.sleep(POLL_S)


def start_runtime(url: str, every: float, log: Path) -> subprocess.Popen:
    # Events are stamped in whole seconds: one second of lateness lets every
    # event stored within its second be read on time.
    command = [sys.executable, "-m", "runtime.cli", "run", "--store", url, "--every", str(every),
               "--lateness", "1", "--log-json"]
    return subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def tick_lines(log: Path) -> list[dict]:
    lines = []
    for text in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            line = json.loads(text)
        except ValueError:
            continue
        if isinstance(line, dict) and "tick_ms" in line:
            lines.append(line)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.live", description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=1000.0, help="events per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--every", type=float, default=0.5, help="the runtime's tick (s)")
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument("--ramp", action="store_true",
                        help="also find the highest rate kept (R/4 … 4R)")
    parser.add_argument("--store", metavar="URL", help="a new SQLite file's URL (default: temp)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir")
    args = parser.parse_args(argv)

    from runtime.demo import build_demo
    from runtime.publish import publish
    from runtime.store import Store

    with tempfile.TemporaryDirectory(prefix="journey-live-", dir=args.workdir) as folder:
        url = args.store or f"sqlite:///{Path(folder) / 'live.db'}"
        started = time.perf_counter()
        with Store.open(url) as store:
            build_demo(store, args.customers, seed=args.seed, now=int(time.time()))
        build_s = time.perf_counter() - started
        store = Store.open(url)
        templates = sorted(TEMPLATES_DIR.glob("*.journey.json"))
        for template in templates:
            publish(store, template)
        store.save_clock(int(time.time()), None)
        log = Path(folder) / "runtime.log"
        runtime = start_runtime(url, args.every, log)
        try:
            result = measure(args, store, runtime, log)
            result["runtime_peak_rss_mb"] = high_water_mb(runtime.pid)
        finally:
            runtime.send_signal(signal.SIGTERM)
            try:
                stopped = runtime.wait(timeout=60)
            except subprocess.TimeoutExpired:
                runtime.kill()
                stopped = "killed"
        result.update(idle_ticks(store, args.idle_seconds))
        store.close()
        result.update(customers=args.customers, journeys=len(templates),
                      build_s=round(build_s, 1), runtime_exit=stopped,
                      bench_peak_rss_mb=round(resource.getrusage(
                          resource.RUSAGE_SELF).ru_maxrss / 1024, 1))
    print(json.dumps(result, ensure_ascii=False))
    return 0


def high_water_mb(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM: a fresh count since its
    exec, unlike getrusage's, which a forked child inherits)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def idle_ticks(store, seconds: float) -> dict:
    """One-second ticks of a kept `Runner` past the stored clock, timed; the
    ones that found work (a scripted demo event) are left out."""
    from datetime import UTC, datetime, timedelta

    from runtime.engine import Runner

    runner, clock = Runner(store), store.clock()
    runner.run(until=datetime.fromtimestamp(clock + 1, UTC), tick=timedelta(seconds=1))
    idle, busy, began = [], 0, time.monotonic()
    while time.monotonic() - began < seconds:
        clock += 1
        started = time.perf_counter()
        totals = runner.run(until=datetime.fromtimestamp(clock, UTC), tick=timedelta(seconds=1))
        spent = 1000 * (time.perf_counter() - started)
        if totals["entered"] or totals["steps"] or totals["touches"]:
            busy += 1
        else:
            idle.append(spent)
    return {"idle_ticks": len(idle), "idle_tick_ms_p50": round(percentile(idle, 50) or 0, 1),
            "idle_tick_ms_p95": round(percentile(idle, 95) or 0, 1), "busy_ticks_left_out": busy}


def caught_up(log: Path, runtime: subprocess.Popen, timeout: float = 600) -> None:
    """Wait for the runtime's first tick lines (publication may enroll many)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if runtime.poll() is not None:
            raise SystemExit(f"the runtime stopped (exit {runtime.returncode}):\n"
                             + log.read_text(errors="replace")[-2000:])
        lines = tick_lines(log)
        if len(lines) >= 3 and lines[-1].get("lag_s", 0) < 2:
            return
        time.sleep(0.2)
    raise SystemExit("the runtime did not catch up in time")


def measure(args, store, runtime: subprocess.Popen, log: Path) -> dict:
    caught_up(log, runtime)
    feeder, watcher = Feeder(store, args.customers, args.seed), Watcher(store)
    stop = threading.Event()
    watching = threading.Thread(target=watcher.watch, args=(stop,), daemon=True)
    watching.start()
    rates = [args.rate]
    if args.ramp:
        rates = [args.rate / 4, args.rate / 2, args.rate, args.rate * 2, args.rate * 4]
    kept, latencies, segments = None, [], []
    for rate in rates:
        begun = time.time()
        feeder.feed(rate, args.seconds, stop)
        time.sleep(KEPT_WITHIN_S)
        ended = time.time()
        mine = {k: at for k, at in feeder.stored_at.items() if begun <= at <= ended}
        late = [k for k, at in mine.items() if k not in watcher.seen_at
                and at < ended - KEPT_WITHIN_S]
        waited = [1000 * (watcher.seen_at[k] - at) for k, at in mine.items()
                  if k in watcher.seen_at]
        segments.append({"rate": rate, "registers": len(mine), "undecided": len(late),
                         "p95_ms": round(percentile(waited, 95) or 0)})
        if rate == args.rate:
            latencies = waited
        if late:
            break
        kept = rate
    stop.set()
    watching.join()
    ticks = tick_lines(log)
    return {
        "rate": args.rate, "seconds": args.seconds, "every_s": args.every,
        "events": feeder.events, "registers_timed": len(latencies),
        "event_to_decision_ms_p50": round(percentile(latencies, 50) or 0),
        "event_to_decision_ms_p95": round(percentile(latencies, 95) or 0),
        "event_to_decision_ms_p99": round(percentile(latencies, 99) or 0),
        "ticks": len(ticks),
        "max_rate_kept": kept if args.ramp else None,
        "segments": segments,
    }


if __name__ == "__main__":
    sys.exit(main())
