"""Runtime benchmark: `python -m benchmarks.runtime --customers N`.

Runs the per-customer reference interpreter on a small demo store (best of
three), then builds a demo store of N customers of the same recipe (in a child
process, so its memory does not count), publishes the activation template and
simulates 30 days with the set-based engine. Prints, as its last line, one
JSON object; `ratio_vs_reference` compares the two in customer steps per second.
Then, on the same store, it measures the write floor (`benchmarks.write_floor`:
only the rows the run had to leave, as many steps and touches over as many
enrollments, in a journey of its own): `ratio_vs_floor` is the engine's steps
per second over the floor's, 1 at best.

With `--tick` other than 1d, the same days first run with 1-day ticks on a
store built alike (a copy of the SQLite file; on PostgreSQL, built again),
in the same process: `baseline_wall_s`, and `ratio_vs_1d_tick` (wall ÷ that
wall), say what the shorter ticks cost. It runs first so that the disk
writing its pages back slows the measured run, not the baseline.
`--repeat N` (default 3) takes the best of N of each timed run (engine,
baseline, floor), as the reference's best of three: on SQLite each engine run
starts from a copy of the store as built; on PostgreSQL they run once.

`--store` runs the engine on another store (default: a temporary SQLite file).
A PostgreSQL URL names a server: the benchmark creates a throwaway database on
it (the URL's user may create databases) and drops it at the end. The
reference interpreter always runs on a temporary SQLite store.
Touch content is rendered at delivery, not by the simulation; `outbox_render_s`
times rendering every sent touch through `runtime.outbox`, outside `wall_s`.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from nodes.durations import parse_short_duration
from resources import TEMPLATES_DIR

TEMPLATE = TEMPLATES_DIR / "new-customer-activation.journey.json"
JOURNEY_ID = "new-customer-activation"


def _build(url: str, customers: int, seed: int) -> None:
    from runtime.demo import build_demo
    from runtime.store import Store

    with Store.open(url) as store:
        build_demo(store, customers, seed=seed)


def build_store(url: str, customers: int, seed: int) -> float:
    started = time.perf_counter()
    child = multiprocessing.get_context("spawn").Process(target=_build, args=(url, customers, seed))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"building the demo store failed (exit code {child.exitcode})")
    return time.perf_counter() - started


def demo_start(store) -> datetime:
    now = json.loads(store.meta("demo"))["now"]
    return datetime.fromtimestamp(now, UTC)


def row_count(store, table: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(store.tables[table])).scalar_one()


def step_count(store) -> int:
    return row_count(store, "step_log")


@contextmanager
def big_store_url(store: str | None, folder: str) -> Iterator[str]:
    """The URL the engine runs on: a SQLite file in `folder` by default; for a
    PostgreSQL server's URL, a throwaway database on it, dropped afterwards."""
    if store is None:
        yield f"sqlite:///{Path(folder) / 'big.db'}"
        return
    if make_url(store).get_backend_name() != "postgresql":
        yield store  # e.g. a SQLite file of your own: it should not exist yet
        return
    from tests.runtime.postgres_server import drop_database, new_database

    url = new_database(store)
    try:
        yield url
    finally:
        drop_database(store, url)


def timed_run(url: str, days: int, tick: timedelta) -> float:
    """Seconds the engine takes over `days` from the demo's start, ticking by `tick`."""
    from runtime.engine import run
    from runtime.store import Store

    with Store.open(url) as store:
        start = demo_start(store)
        started = time.perf_counter()
        run(store, start=start, until=start + timedelta(days=days), tick=tick)
        return time.perf_counter() - started


def on_copies(big_url: str, folder: str, days: int, tick: timedelta, runs: int) -> list[float]:
    """`timed_run` on `runs` copies of the SQLite store `big_url` (built,
    published, not run yet), one after another."""
    from runtime.store import Store

    with Store.open(big_url) as store:
        store.engine.dispose()  # the file whole: its WAL checkpointed
    copy, walls = Path(folder) / "copy.db", []
    for _ in range(runs):
        shutil.copy(make_url(big_url).database, copy)
        try:
            walls.append(timed_run(f"sqlite:///{copy}", days, tick))
        finally:
            copy.unlink()
    return walls


def one_day_baseline(big_url: str, store_arg: str | None, folder: str, customers: int,
                     seed: int, days: int, repeat: int) -> float:
    """Best `timed_run` with 1-day ticks on a store like `big_url` (built, published)."""
    from runtime.publish import publish
    from runtime.store import Store

    if make_url(big_url).get_backend_name() == "sqlite":
        return min(on_copies(big_url, folder, days, timedelta(days=1), repeat))
    with big_store_url(store_arg, folder) as url:
        build_store(url, customers, seed)
        with Store.open(url) as store:
            publish(store, TEMPLATE)
        return timed_run(url, days, timedelta(days=1))


def outbox_render_seconds(store) -> tuple[int, float]:
    """Render every sent touch as delivery would, page by page."""
    from runtime.outbox import pending_messages

    started, after, count = time.perf_counter(), 0, 0
    while page := pending_messages(store, after_id=after, limit=5000):
        after, count = page[-1].touch_id, count + len(page)
    return count, time.perf_counter() - started


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def reference_rate(url: str, customers: int, seed: int, days: int) -> tuple[int, float]:
    """Steps and seconds of the reference interpreter on a fresh demo store of
    `customers`, best of three: one short run is at the mercy of the machine's noise."""
    from runtime.publish import publish
    from runtime.store import Store
    from tests.reference import reference_run

    build_store(url, customers, seed)
    with Store.open(url) as store:
        publish(store, TEMPLATE)
        start = int(demo_start(store).timestamp())
        best, steps = float("inf"), 0
        for _ in range(3):
            started = time.perf_counter()
            steps = len(reference_run(store, start, start + days * 86400).steps)
            best = min(best, time.perf_counter() - started)
    return steps, best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.runtime", description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--reference-customers", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--tick", default="1d", help="tick length, e.g. 1d or 1h (default: 1d)")
    parser.add_argument("--store", metavar="URL",
                        help="store to run the engine on (default: a temporary SQLite file); "
                             "postgresql+psycopg://USER@HOST/postgres: a throwaway database is "
                             "created on that server and dropped at the end")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", help="where to put the stores (default: a temp folder)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="best of how many of each timed run (default: 3)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")

    from benchmarks.write_floor import write_rounds  # imports this module: not at the top
    from runtime.engine import run
    from runtime.publish import publish
    from runtime.report import report
    from runtime.store import Store

    tick = parse_short_duration(args.tick).to_timedelta()
    with tempfile.TemporaryDirectory(prefix="journey-bench-", dir=args.workdir) as folder:
        # The reference first: after the big run, the disk is still busy
        # writing its store back, which would slow the reference and flatter us.
        reference_steps, reference_s = reference_rate(
            f"sqlite:///{Path(folder) / 'small.db'}", args.reference_customers, args.seed,
            args.days)
        with big_store_url(args.store, folder) as big_url:
            build_s = build_store(big_url, args.customers, args.seed)
            with Store.open(big_url) as store:
                publish(store, TEMPLATE)
                sqlite = store.engine.dialect.name == "sqlite"
            baseline_s = (one_day_baseline(big_url, args.store, folder, args.customers,
                                           args.seed, args.days, args.repeat)
                          if tick != timedelta(days=1) else None)
            # The store the last run leaves is the one measured further on.
            walls = on_copies(big_url, folder, args.days, tick, args.repeat - 1) if sqlite else []
            with Store.open(big_url) as store:
                dialect = store.engine.dialect.name
                start = demo_start(store)
                until = start + timedelta(days=args.days)
                started = time.perf_counter()
                run(store, start=start, until=until, tick=tick)
                wall_s = min([*walls, time.perf_counter() - started])
                peak = peak_rss_mb()
                steps = step_count(store)
                touches, enrollments = row_count(store, "touches"), row_count(store, "enrollments")
                started = time.perf_counter()
                report(store, JOURNEY_ID)
                report_s = time.perf_counter() - started
                rendered, render_s = outbox_render_seconds(store)
                # Last: its rows would count in the report and the outbox.
                floor_s = min(write_rounds(store, enrollments, steps, touches, f"floor{i}")
                              for i in range(args.repeat))

    steps_per_s = steps / wall_s if wall_s else 0.0
    reference_per_s = reference_steps / reference_s if reference_s else 0.0
    floor_per_s = steps / floor_s if floor_s else 0.0
    print(json.dumps({
        "customers": args.customers,
        "days": args.days,
        "tick": args.tick,
        "store": dialect,
        "customer_steps": steps,
        "build_s": round(build_s, 2),
        "wall_s": round(wall_s, 2),
        "customer_steps_per_s": round(steps_per_s),
        "reference_customers": args.reference_customers,
        "reference_steps": reference_steps,
        "reference_steps_per_s": round(reference_per_s),
        "ratio_vs_reference": round(steps_per_s / reference_per_s, 1) if reference_per_s else None,
        "floor_steps_per_s": round(floor_per_s),
        "ratio_vs_floor": round(steps_per_s / floor_per_s, 3) if floor_per_s else None,
        **({"baseline_wall_s": round(baseline_s, 2),
            "ratio_vs_1d_tick": round(wall_s / baseline_s, 3)} if baseline_s else {}),
        "report_s": round(report_s, 3),
        "outbox_rendered": rendered,
        "outbox_render_s": round(render_s, 2),
        "peak_rss_mb": peak,
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
