"""Time arithmetic of journey-semantics §4: pure functions over instants
(epoch seconds) in a journey's timezone.

Shared by the engine's steps and trigger types and by the reference
interpreter in the tests, so both read an instant the same way. Cron
instants are `nodes.cron.cron_instants` (the one cron entry point).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from nodes.durations import parse_time_of_day

FOREVER = 100 * 365 * 86400
"""A for_event wait without timeout waits this long (a due instant is needed)."""


def epoch_of(moment: datetime) -> int:
    """An aware datetime as epoch seconds."""
    return int(moment.timestamp())


def next_time_of_day(at: int, hhmm: str, weekdays: list[int] | None, tz: str) -> int:
    """First instant >= at that is `hhmm` local time on an allowed ISO weekday."""
    zone = ZoneInfo(tz)
    local = datetime.fromtimestamp(at, zone)
    wanted = parse_time_of_day(hhmm)
    allowed = set(weekdays or range(1, 8))
    for days in range(9):
        day = local.date() + timedelta(days=days)
        candidate = epoch_of(datetime.combine(day, wanted, zone))
        if candidate >= at and day.isoweekday() in allowed:
            return candidate
    raise ValueError("no allowed weekday")


def key_date_instants(
    day: date, offset_days: int, hhmm: str, yearly: bool, tz: str, after: int, until: int
) -> list[int]:
    """Key-date instants in (after, until]: date + offset at `hhmm`, every year
    when yearly (29 February falls on the 28th in other years)."""
    zone = ZoneInfo(tz)
    wanted = parse_time_of_day(hhmm)

    def instant(d: date) -> int:
        return epoch_of(datetime.combine(d + timedelta(days=offset_days), wanted, zone))

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
