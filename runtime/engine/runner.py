"""A run kept between calls, for a runtime that ticks all day.

`run()` reads the journeys, policies and catalog once and compiles its
statements as it goes; a live runtime calling it every few seconds would pay
that on every tick. A `Runner` keeps one `Run` and reads the store again only
when something it was built from changed: a version published, paused or
resumed, the policies or the catalog (from another terminal or the app). It
asks that with a few small queries per call, so a change is seen at the next tick.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from .loop import run_with
from .state import Run


class Runner:
    def __init__(self, store: Any) -> None:
        self.store = store
        self.current: Run | None = None
        self.built_from: tuple | None = None
        self._fingerprint: Any = None

    def run(self, *, until: datetime, tick: timedelta | None = None,
            progress: Any = None) -> dict:
        """Run the live clock from the stored one up to `until` (see `run`)."""
        seen = self.fingerprint()
        if self.current is None or seen != self.built_from:
            self.store.refresh()  # an import may have added attributes
            self.current, self.built_from = Run(self.store), seen
        else:
            self.current.clock.wake = None  # worked out again from the store as it is now
            if self.events_since(self.current):
                # The last working tick's events were all a wake could see:
                # the next tick reads the new ones.
                self.current.clock.worked = True
        return run_with(self.current, until=until, tick=tick, progress=progress)

    def events_since(self, run: Run) -> bool:
        """Whether events were stored after the last tick that read them."""
        if run.window.tick_id is None:
            return False  # the run's first tick reads everything anyway
        ev = self.store.tables["events"]
        with self.store.engine.connect() as conn:
            newest = conn.execute(select(func.max(ev.c.id))).scalar()
        return newest is not None and newest > run.window.tick_id

    def fingerprint(self) -> tuple:
        """What the run was built from: every version's state and pause (the
        documents are not read), the policies and the catalog (small tables)."""
        if self._fingerprint is None:
            t = self.store.tables
            jv, pol = t["journey_versions"], t["policies"]
            attrs, evs = t["attribute_catalog"], t["event_catalog"]
            self._fingerprint = (
                select(jv.c.journey_id, jv.c.version, jv.c.state, jv.c.paused_at,
                       jv.c.resumed_at, jv.c.skip_missed).order_by(jv.c.journey_id, jv.c.version),
                select(pol.c.document).where(pol.c.id == 1),
                select(attrs).order_by(attrs.c.name),
                select(evs).order_by(evs.c.name))
        with self.store.engine.connect() as conn:
            return tuple(tuple(conn.execute(query).all()) for query in self._fingerprint)
