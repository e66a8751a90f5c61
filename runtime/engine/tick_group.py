"""Consecutive ticks of a simulated run committed together (SQLite).

A tick's commit writes every page it changed to the WAL. A short tick
changes few rows but scattered ones (each enrollment's row and index
entries), so with 1-hour ticks the commits cost more than the steps: 720
commits of 30 simulated days were 1.9 s of a 9.4 s run at 1M customers.
On SQLite the ticks of a simulated run therefore share a transaction until
they span a day of the clock (`GROUP_SPAN`: 1-day ticks commit each, 1-hour
ticks once per 24) or it has been open `GROUP_SECONDS`. A crash loses the
ticks since the last commit, which the next run repeats from the clock
saved with them: nothing is lost or doubled, as with one commit per tick.
The group's decided touches are stored just before its commit (`caps`).

A tick in which a journey fails must be undone alone (that journey is
paused from the tick and the tick runs again without it). A savepoint per
tick would do it, but SQLite then copies every page a tick first changes
(1 s of a 7.5 s run), so instead the group is rolled back and its ticks run
again from the memory saved before its first, each committed, up to the
one that failed; that one is then undone alone. Any other error inside a
tick rolls the group back (as a crash would); one between ticks (a cancel)
commits the finished ticks first.

A live run commits every tick: delivery and the app read what it decided.
PostgreSQL keeps one transaction per tick too: a tick waits there for the
event inserts in flight with a lock on the events table that the open
transaction of an earlier tick would hold against it (`state.committed_below`).
"""
from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import Connection

GROUP_SPAN = 86_400  # clock seconds of ticks per commit, at most
GROUP_SECONDS = 1.0  # how long finished ticks may wait for their commit


class RunAgain(Exception):
    """A journey failed a tick that shared its transaction with finished
    ticks: all were rolled back; the loop goes on from the group's start."""


class TickGroup:
    def __init__(self, store: Any) -> None:
        self.store = store
        self.conn: Connection | None = None  # open while finished ticks wait
        self.in_tick = False
        self.finished = 0  # ticks done in the open transaction
        self._writing: AbstractContextManager | None = None
        self._opened = 0.0
        self._from: int | None = None  # the clock before the group's first tick
        self._saved: tuple | None = None  # memory before the group's first tick
        self._one_by_one_until = -1  # after a replay: commit each tick up to here
        # What the ticks left to write at the commit (the decided touches, `caps`).
        self.before_commit: Callable[[Connection], Any] | None = None

    def remember(self, run: Any, now: int, totals: dict) -> None:
        """Before a tick: what memory to go back to should the group be replayed."""
        if self.conn is None:
            self._saved = (run.mark(), copy.copy(run.clock), copy.deepcopy(totals), now)

    def connection(self) -> Connection:
        """The group's transaction, begun at its first tick."""
        if self.conn is None:
            self._writing = self.store.writing()
            self.conn = self._writing.__enter__()
            self._opened = time.monotonic()
        return self.conn

    def tick_done(self, tick_start: int, now: int) -> None:
        """A tick from `tick_start` to `now` finished: commit when it is time."""
        if self.conn is None:
            return  # an idle tick: nothing waits
        self.finished += 1
        self._from = tick_start if self._from is None else self._from
        if (now - self._from >= GROUP_SPAN or now <= self._one_by_one_until
                or time.monotonic() - self._opened >= GROUP_SECONDS):
            self.commit()

    def failed(self, tick_start: int) -> None:
        """A journey failed the tick from `tick_start`: undo it. Raises
        `RunAgain` when finished ticks had to be undone with it."""
        shared = self.finished > 0
        self.roll_back()
        if shared:
            self._one_by_one_until = tick_start
            raise RunAgain

    def restore(self, run: Any) -> tuple[int, dict]:
        """Memory as before the rolled-back group's first tick: (now, totals)."""
        assert self._saved is not None
        mark, clock, totals, now = self._saved
        run.undo_tick(mark)
        run.clock = copy.copy(clock)
        return now, copy.deepcopy(totals)

    def commit(self) -> None:
        """Commit the finished ticks (before anything writes on another connection)."""
        self._close(None)

    def roll_back(self) -> None:
        self._close(RuntimeError("the ticks of this group are undone"))

    def _close(self, undo: BaseException | None) -> None:
        if undo is None and self.conn is not None and self.before_commit is not None:
            try:
                self.before_commit(self.conn)
            except BaseException as exc:
                self._close(exc)  # nothing half-written: the group rolls back
                raise
        writing, self._writing, self.conn = self._writing, None, None
        self.finished, self._from = 0, None
        if writing is not None:  # `writing` commits on a clean exit, rolls back on an error
            writing.__exit__(*((type(undo), undo, None) if undo else (None, None, None)))


@contextmanager
def grouped_ticks(run: Any, simulated: bool) -> Iterator[TickGroup | None]:
    """While the body runs, `run`'s ticks join groups (simulated, on SQLite)."""
    if not simulated or run.dialect != "sqlite":
        yield None
        return
    from .caps import store_touches

    group = run.group = TickGroup(run.store)
    group.before_commit = lambda conn: store_touches(run, conn)
    try:
        yield group
    except BaseException:
        if group.in_tick:
            group.roll_back()  # a tick half done must not be kept
        else:
            group.commit()  # a cancel between ticks keeps the finished ones
        raise
    else:
        group.commit()
    finally:
        run.group = None
