"""Skipping idle ticks: a tick in which nothing can happen changes no result,
so the run asks the steps and trigger types when something next can (an
enrollment due, a watched event, a clock trigger's instant) and skips until
then."""
from __future__ import annotations

from sqlalchemy import func, select

from .advance import due_by_node, step_of
from .errors import blame
from .state import Run
from .triggers import HORIZON, trigger_for


def watched_events(run: Run) -> set[str]:
    """Event names whose arrival can make something happen."""
    names: set[str] = set()
    for plan in run.runnable():
        meta = plan.meta
        names |= {m.event for m in (meta.goal, meta.exit_when) if m is not None}
        with blame(plan):
            for node in plan.node_ids:
                names |= step_of(plan, node).wakes_on(plan.config(node))
    return names


def is_idle(run: Run) -> bool:
    """Nothing can happen in (since, now]. The next instant anything can
    happen is cached until it is reached. After a tick that did work the
    next one runs without asking: with short ticks it almost always has
    work, and asking costs about as much as a tick with none."""
    clock = run.clock
    if clock.since is None or clock.worked or run.versions.stopped():
        return False
    if clock.wake is None:
        clock.wake = next_wake(run)
    if clock.wake is not None and clock.wake <= clock.now:
        clock.wake = None
        return False
    return True


def next_wake(run: Run) -> int | None:
    """The first instant after `since` at which a tick has work."""
    since = run.clock.since
    found: list[int] = []
    for plan in run.newest_active():
        for node in plan.entry_nodes:
            config = plan.config(node)
            with blame(plan, node):
                instant = trigger_for(config.type).next_instant(config, plan.timezone, since)
            found += [instant] if instant is not None else []
    ev = run.events()
    names = sorted(watched_events(run))
    if names:
        with run.tx() as conn:
            event = conn.execute(run.statement(("next event", *names), lambda: select(
                func.min(ev.c.ts)).where(ev.c.name.in_(names), ev.c.ts > run.since))).scalar()
        found += [event] if event is not None else []
    for plan in run.runnable():  # paused versions hold their enrollments
        with blame(plan):
            found += due_by_node(run, plan).values()
    # Clock triggers further than HORIZON away: look again from there.
    return min(found) if found else since + HORIZON
