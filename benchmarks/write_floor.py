"""How fast can any store-backed engine go? `python -m benchmarks.write_floor`.

Writes only the rows the semantics oblige a run to leave behind — per step a
step_log row and the enrollment's new position, per touch its decision row —
in the real schema, set-based (one INSERT … SELECT and one UPDATE per round;
no conditions, no events, no policies), at the benchmark run's ratio of
touches to steps. The reference interpreter runs in the same process on a
demo store, as in `benchmarks.runtime`, so `ceiling_ratio` is the largest
`ratio_vs_reference` an engine on this store and machine could reach.
Rendering a touch's content happens at delivery (`runtime.outbox`), which a
simulation does not do; its cost per touch is printed for reference only.
`benchmarks.runtime` calls `write_rounds` after its engine run, on its store,
with the run's own counts (`floor_steps_per_s`, `ratio_vs_floor`).
Last line: JSON.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, literal, select, update

from benchmarks.runtime import TEMPLATE, reference_rate

# From the activation template on the demo store (1M customers, 30 days):
# steps and touches per enrollment.
STEPS_PER_ENROLLMENT = 463_709 / 60_409
TOUCHES_PER_STEP = 112_197 / 463_709


def write_rounds(store, enrollments: int, steps: int, touches: int,
                 journey_id: str = "floor") -> float:
    """Seconds to write, in `store`'s real schema, the rows `steps` steps and
    `touches` touches of `enrollments` enrollments must leave: per round one
    INSERT … SELECT into step_log (and into touches while touches are left) and
    one UPDATE of the enrollments' positions, one transaction each. Every round
    moves every enrollment but the last, which moves as many as steps are left,
    so exactly `steps` step_log rows are written. The enrollments (of
    `journey_id`, inserted first and not timed) may share the store with others."""
    e, log, t = (store.tables[n] for n in ("enrollments", "step_log", "touches"))
    with store.engine.begin() as conn:
        conn.execute(insert(e), [{"journey_id": journey_id, "version": 1,
                                  "customer_id": f"C{i:08d}", "status": "active",
                                  "node_id": "n0", "at": i, "entered_at": i}
                                 for i in range(enrollments)])
        ids = conn.execute(select(e.c.id).where(e.c.journey_id == journey_id)
                           .order_by(e.c.id)).scalars().all()

    def first(n: int) -> list:
        """The first `n` of the floor's enrollments."""
        return [e.c.journey_id == journey_id, *([e.c.id <= ids[n - 1]] if n < len(ids) else [])]

    steps_left, touches_left = steps, min(touches, steps)
    started = time.perf_counter()
    for k in itertools.count():
        if steps_left <= 0 or not ids:
            break
        moving = min(len(ids), steps_left)
        touching = min(moving, touches_left)
        with store.engine.begin() as conn:
            conn.execute(insert(log).from_select(
                ["enrollment_id", "node_id", "outlet", "at"],
                select(e.c.id, e.c.node_id, literal("next"), e.c.at).where(*first(moving))))
            if touching:
                conn.execute(insert(t).from_select(
                    ["enrollment_id", "journey_id", "version", "customer_id", "node_id",
                     "channel", "at", "status"],
                    select(e.c.id, e.c.journey_id, e.c.version, e.c.customer_id, e.c.node_id,
                           literal("sms"), e.c.at, literal("sent")).where(*first(touching))))
            conn.execute(update(e).where(*first(moving)).values(
                node_id=f"n{k + 1}", at=e.c.at + 3600))
        steps_left, touches_left = steps_left - moving, touches_left - touching
    return time.perf_counter() - started


def render_seconds(touches: int) -> float:
    from nodes import fileformat
    from runtime.render import render

    template = fileformat.load(TEMPLATE).config("sms-invite").template
    started = time.perf_counter()
    for i in range(touches):
        render(template, {"name": f"客户{i}"})  # distinct names: no two renders alike
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.write_floor", description=__doc__)
    parser.add_argument("--enrollments", type=int, default=60_000)
    parser.add_argument("--reference-customers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from runtime.store import Store

    rounds = round(STEPS_PER_ENROLLMENT)
    touch_rounds = round(rounds * TOUCHES_PER_STEP)
    steps, touches = args.enrollments * rounds, args.enrollments * touch_rounds
    with tempfile.TemporaryDirectory(prefix="journey-floor-") as folder:
        with Store.open(f"sqlite:///{Path(folder) / 'floor.db'}") as store:
            write_s = write_rounds(store, args.enrollments, steps, touches)
        render_s = render_seconds(touches)
        reference_steps, reference_s = reference_rate(
            f"sqlite:///{Path(folder) / 'small.db'}", args.reference_customers, args.seed, 30)
    floor_per_s = steps / write_s
    reference_per_s = reference_steps / reference_s
    print(json.dumps({
        "steps": steps,
        "write_us_per_step": round(write_s / steps * 1e6, 2),
        "touches": touches,
        "delivery_render_us_per_touch": round(render_s / touches * 1e6, 2),
        "floor_steps_per_s": round(floor_per_s),
        "reference_steps_per_s": round(reference_per_s),
        "ceiling_ratio": round(floor_per_s / reference_per_s, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
