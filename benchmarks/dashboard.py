"""How fast does the plan board (运营计划看板) open? `python -m benchmarks.dashboard`.

Builds a demo store of `--customers` customers in a fresh SQLite file,
publishes three templates and runs them `--days` days on 1-day ticks (so the
enrollments, step log and touches are those of a real month), then opens the
store afresh and times `runtime.api.plan_board` — all the store work the
dashboard does — and, with `--gui`, the dashboard's table filled from it
(offscreen Qt). The baseline, in the same run on the same store, is the
least any board must read: one count of the enrollments (with conversions)
and one of the touches. `ratio_vs_scan` is the board's seconds over the
baseline's; the target is the issue's, the board open in under 2 s.
Last line: JSON.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from resources import TEMPLATES_DIR
from runtime import api
from runtime.demo import build_demo
from runtime.engine import run
from runtime.store import Store, schema

TARGET_SECONDS = 2.0
NOW = 1795136400  # 2026-11-20T09:00:00+08:00, as in the tests
TEMPLATES = ("new-customer-activation", "dormant-customer-recall", "birthday-greeting")


def _best(fn, repeat: int = 3) -> tuple[float, float]:
    """(first, best) wall seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times[0], min(times)


def _scan(store: Store) -> None:
    e, t = schema.enrollments, schema.touches
    with store.engine.connect() as conn:
        conn.execute(select(func.count(), func.count(e.c.converted_at))).one()
        conn.execute(select(func.count()).select_from(t)).one()


def _gui_fill(url: str):
    from canvas_app.monitor.dashboard_model import BoardModel

    model = BoardModel()

    def fill() -> None:
        store = api.open_store(url, create=False)
        try:
            model.set_rows(api.plan_board(store), "zh_CN")
        finally:
            store.close()
    return fill


def measure(url: str, customers: int, days: int, seed: int, gui: bool) -> dict:
    store = Store(url)
    try:
        build_demo(store, customers, seed=seed, now=NOW)
        for name in TEMPLATES:
            api.publish_journey(store, TEMPLATES_DIR / f"{name}.journey.json", NOW - days * 86400)
        totals = run(store, start=datetime.fromtimestamp(NOW - days * 86400, UTC),
                     until=datetime.fromtimestamp(NOW, UTC), tick=timedelta(days=1))
    finally:
        store.close()
    store = Store(url, create=False)
    try:
        with store.engine.connect() as conn:
            enrollments = conn.execute(select(func.count()).select_from(schema.enrollments)
                                       ).scalar()
        first, best = _best(lambda: api.plan_board(store))
        _, baseline = _best(lambda: _scan(store))
    finally:
        store.close()
    out = {"benchmark": "dashboard", "store": "sqlite", "customers": customers,
           "journeys": len(TEMPLATES), "enrollments": enrollments, "touches": totals["touches"],
           "board_seconds_first": round(first, 3), "board_seconds": round(best, 3),
           "scan_baseline_seconds": round(baseline, 3),
           "ratio_vs_scan": round(best / baseline, 2) if baseline else None}
    if gui:
        gui_first, gui_best = _best(_gui_fill(url))
        out.update(gui_seconds_first=round(gui_first, 3), gui_seconds=round(gui_best, 3))
    slowest = max(out["board_seconds_first"], out.get("gui_seconds_first", 0))
    out.update(target_seconds=TARGET_SECONDS, meets_target=slowest < TARGET_SECONDS)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dashboard", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--gui", action="store_true",
                        help="also time filling the dashboard's table (offscreen Qt)")
    parser.add_argument("--workdir", help="where to put the store (default: a temp folder)")
    args = parser.parse_args(argv)
    if args.gui:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])  # noqa: F841 (models need one)
    with tempfile.TemporaryDirectory(prefix="jc-bench-board-", dir=args.workdir) as folder:
        result = measure(f"sqlite:///{Path(folder) / 'store.db'}", args.customers, args.days,
                         args.seed, args.gui)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
