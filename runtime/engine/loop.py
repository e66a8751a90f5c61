"""The tick loop: `run()` moves a clock from `start` to `until` in ticks.

Each tick at `now`: find the trigger candidates for instants in (cursor,
now]; advance every enrollment whose instant has come as far as it can go;
decide the entries in rounds (advancing after each) — steps that read or
write an attribute another step shares go in logical order per customer
(`attribute_order`); decide frequency caps for the tick's touches in
(instant, customer, journey) order; mark conversions; save the trigger
cursors and the clock. A tick is one transaction (its steps, touches and
clock commit together), so a crash loses the unfinished tick only, which the
next run repeats; nothing is lost or doubled, and results do not depend on
the tick size. A tick reads only the events stored when it began; one
stored later but dated before the clock had already passed is marked late
and never read (§4: it changes nothing).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from .advance import advance
from .caps import decide_touches
from .checkpoints import checkpoints_beside
from .collector import fewer_collections
from .entries import enter_in_rounds, find_all, note_undecided, save_cursors
from .errors import JourneyRunError, blame
from .exits import mark_conversions, stop_stopped
from .isolate import pause_failed, pause_unloadable
from .state import Run
from .tick_group import RunAgain, grouped_ticks
from .wake import is_idle


def run(store: Any, *, start: datetime | None = None, until: datetime | None = None,
        tick: timedelta | None = None, progress: Callable[[int, int], Any] | None = None) -> dict:
    """Run published journeys over a (simulated, when `start` is given) clock."""
    return run_with(Run(store), start=start, until=until, tick=tick, progress=progress)


def run_with(r: Run, *, start: datetime | None = None, until: datetime | None = None,
             tick: timedelta | None = None,
             progress: Callable[[int, int], Any] | None = None) -> dict:
    """`run` on a `Run` already read (the live runtime keeps one between calls,
    so what it compiled stays compiled)."""
    store = r.store
    begin, end, step = clock_span(store, start, until, tick)
    simulated = start is not None
    r.clock.end = end
    totals = {"ticks": 0, "entered": 0, "steps": 0, "touches": 0, "from": begin, "until": end,
              "paused": []}
    now = begin
    resumed = store.clock()
    if simulated and resumed is not None and begin < resumed:
        # A restart of the same simulated run (after a crash) continues where it
        # stopped instead of replaying finished ticks and rewinding the clock.
        now = min(resumed, end)
    totals["paused"] += pause_unloadable(r, max(now, resumed or now))
    with fewer_collections(), checkpoints_beside(store, simulated), \
            grouped_ticks(r, simulated) as group:
        while now < end:
            if group is not None:
                group.remember(r, now, totals)
            tick_start, now = now, min(now + step, end)
            r.clock.now = now
            try:
                entered, steps, touches = isolated_tick(r, begin if simulated else None,
                                                        tick_start, totals["paused"])
            except RunAgain:  # the group's ticks were undone: from its start again
                now, totals = group.restore(r)
                continue
            r.clock.since = now
            r.clock.worked = bool(steps or entered or touches)
            if r.clock.worked:
                r.clock.wake = None
            totals["ticks"] += 1
            totals["entered"] += entered
            totals["steps"] += steps
            totals["touches"] += touches
            if group is not None:
                group.tick_done(tick_start, now)
            if progress is not None:
                progress(now - begin, end - begin)
        if totals["ticks"]:
            r.clock.now = now
            r.end_tick()  # idle ticks skip their own save
    totals["late_events"] = r.window.late_events
    return totals


def clock_span(store: Any, start: datetime | None, until: datetime | None,
               tick: timedelta | None) -> tuple[int, int, int]:
    """(begin, end, tick length) in seconds."""
    end = int(until.timestamp()) if until is not None else int(time.time())
    # Live: from the last instant a run reached (a first run: one tick at `end`,
    # trigger cursors start at each version's publication anyway).
    begin = int(start.timestamp()) if start is not None else (store.clock() or end - 1)
    step = int(tick.total_seconds()) if tick is not None else max(end - begin, 1)
    if step <= 0:
        raise ValueError("tick must be positive")
    return begin, end, step


def isolated_tick(r: Run, simulated_from: int | None, tick_start: int,
                  paused: list[dict]) -> tuple[int, int, int]:
    """One tick; when a journey's own step fails it, the tick rolls back, that
    journey is paused (from `tick_start`) and the tick runs again without it.
    Each retry holds one more journey, so this ends. (In a group of ticks
    that shares the transaction, `RunAgain` first: see `tick_group`.)"""
    while True:
        mark = r.mark()
        try:
            return run_tick(r, simulated_from)
        except JourneyRunError as exc:
            if r.group is not None:
                r.group.failed(tick_start)  # undone; the pause is written apart
            r.undo_tick(mark)
            paused.append(pause_failed(r, exc, tick_start))


def run_tick(r: Run, simulated_from: int | None) -> tuple[int, int, int]:
    if is_idle(r):
        return 0, 0, 0
    with r.tick():
        return tick_steps(r, simulated_from)


def tick_steps(r: Run, simulated_from: int | None) -> tuple[int, int, int]:
    """(entered, steps, touch decisions) of one tick: the rows it wrote to
    enrollments, step_log and touches."""
    touches_before, steps_before = r.touches_made, r.steps_made
    r.start_tick()
    stop_stopped(r)
    plans = r.newest_active()
    pending = find_all(r, plans, simulated_from)
    note_undecided(r, plans, pending)
    advance(r)
    # Each round advances after it, the last one with no entry left to wait for.
    entered = enter_in_rounds(r, plans, pending)
    decide_touches(r)
    for plan in r.runnable():
        with blame(plan):
            mark_conversions(r, plan)
    save_cursors(r, plans)
    r.end_tick()
    return entered, r.steps_made - steps_before, r.touches_made - touches_before
