"""A published journey compiled into a plan: nodes, outlet → target, and the
time arithmetic of waits and triggers (journey-semantics §3, §4).

Shared by the set-based engine and the reference interpreter, so both agree on
what an instant means.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from nodes.configs import (
    DurationWait,
    ForEventWait,
    UntilDateWait,
    UntilTimeWait,
)
from nodes.cron import cron_trigger
from nodes.durations import parse_time_of_day
from nodes.fileformat import loads
from nodes.journey import Journey
from nodes.kinds import EXHAUSTED, NEXT, REJECTED, NodeKind

FOREVER = 100 * 365 * 86400
"""A for_event wait without timeout waits this long (a due instant is needed)."""


@dataclass
class Plan:
    journey: Journey
    version: int

    @property
    def id(self) -> str:
        return self.journey.id

    @property
    def meta(self):
        return self.journey.meta

    @property
    def timezone(self) -> str:
        return self.journey.meta.timezone

    def kind(self, node_id: str) -> NodeKind:
        return self.journey.kind(node_id)

    def config(self, node_id: str) -> Any:
        return self.journey.config(node_id)

    def nodes_of(self, kind: NodeKind) -> list[str]:
        return sorted(n for n in self.journey.node_ids() if self.kind(n) == kind)

    def target(self, node_id: str, outlet: str) -> str | None:
        """Where `outlet` leads; an unconnected reward `exhausted` falls back to `next`."""
        found = self.journey.edge_from(node_id, outlet)
        if found is None and outlet == EXHAUSTED and self.kind(node_id) == NodeKind.reward:
            return self.journey.edge_from(node_id, NEXT)
        return found

    def end_status(self, outlet: str) -> tuple[str, str | None]:
        """Status of an enrollment leaving through an unconnected outlet."""
        return ("exited", "filtered") if outlet == REJECTED else ("completed", None)


def load_plan(document: str, version: int) -> Plan:
    return Plan(loads(document), version)


def to_epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def wait_due(config: Any, at: int, tz: str) -> int:
    """When a wait that starts at `at` is due (for_event: its timeout)."""
    if isinstance(config, DurationWait):
        return at + (config.duration.seconds if config.duration else 0)
    if isinstance(config, UntilDateWait):
        return max(at, to_epoch(config.at))
    if isinstance(config, ForEventWait):
        return at + (config.timeout.seconds if config.timeout else FOREVER)
    if isinstance(config, UntilTimeWait):
        return next_time_of_day(at, config.time, config.weekdays, tz)
    raise TypeError(f"not a wait: {config!r}")


def for_event_timeout(config: ForEventWait) -> int:
    return config.timeout.seconds if config.timeout else FOREVER


def next_time_of_day(at: int, hhmm: str, weekdays: list[int] | None, tz: str) -> int:
    """First instant >= at that is `hhmm` local time on an allowed ISO weekday."""
    zone = ZoneInfo(tz)
    local = datetime.fromtimestamp(at, zone)
    wanted = parse_time_of_day(hhmm)
    allowed = set(weekdays or range(1, 8))
    for days in range(9):
        day = local.date() + timedelta(days=days)
        candidate = to_epoch(datetime.combine(day, wanted, zone))
        if candidate >= at and day.isoweekday() in allowed:
            return candidate
    raise ValueError("no allowed weekday")


def cron_instants(cron: str, tz: str, after: int, until: int) -> list[int]:
    """Cron instants in (after, until], in the journey's timezone (APScheduler)."""
    # Standard weekday numbers (1 = Monday); APScheduler's own start at Monday = 0.
    trigger = cron_trigger(cron, ZoneInfo(tz))
    out: list[int] = []
    cursor = datetime.fromtimestamp(after + 1, ZoneInfo(tz))
    while True:
        fire = trigger.get_next_fire_time(None, cursor)
        if fire is None or to_epoch(fire) > until:
            return out
        out.append(to_epoch(fire))
        cursor = fire + timedelta(seconds=1)


def key_date_instants(
    day: date, offset_days: int, hhmm: str, yearly: bool, tz: str, after: int, until: int
) -> list[int]:
    """Key-date instants in (after, until]: date + offset at `hhmm`, every year
    when yearly (29 February falls on the 28th in other years)."""
    zone = ZoneInfo(tz)
    wanted = parse_time_of_day(hhmm)

    def instant(d: date) -> int:
        return to_epoch(datetime.combine(d + timedelta(days=offset_days), wanted, zone))

    if not yearly:
        t = instant(day)
        return [t] if after < t <= until else []
    first = datetime.fromtimestamp(after, zone).year - 1
    last = datetime.fromtimestamp(until, zone).year + 1
    out = []
    for year in range(first, last + 1):
        try:
            anniversary = day.replace(year=year)
        except ValueError:
            anniversary = date(year, 2, 28)
        t = instant(anniversary)
        if after < t <= until:
            out.append(t)
    return out


def window_bounds(plan: Plan, published: int, until: int) -> tuple[int, int]:
    """Trigger instants fire in (low, high]: after publication, inside the window."""
    low, high = published, until
    window = plan.meta.window
    if window.start is not None:
        low = max(low, to_epoch(window.start) - 1)
    if window.end is not None:
        high = min(high, to_epoch(window.end))
    return low, high
