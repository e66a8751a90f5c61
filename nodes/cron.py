"""What a `recurring` trigger's `cron` means: five fields read exactly as
`man 5 crontab` (cronie, Vixie cron) reads them. Everything that fires,
checks or describes a recurring trigger asks this module.

The rule
--------
``minute hour day-of-month month weekday``, in the journey's time zone.

* A field is a comma list of items. An item is ``*``, a value ``v``, a range
  ``a-b``, or either of ``*`` and ``a-b`` followed by a step ``/n`` (every
  n-th value counted from the start of the range). Values: minute 0-59,
  hour 0-23, day 1-31, month 1-12 or ``jan``-``dec``, weekday 0-7 or
  ``sun``-``sat`` (names in any case, in ranges too: ``mon-fri``).
* Weekday 0 and 7 are both Sunday. ``*`` in the weekday field is 0-7, so
  ``*/3`` is Sunday, Wednesday, Saturday. A range may end on Sunday as
  ``fri-sun`` or ``5-0`` (both 5-7, as cronie reads them).
* Days: a day fires when its month matches and, if both day fields are
  restricted (neither begins with ``*``), its day of month OR its weekday
  matches; if either begins with ``*`` (``*/2`` too), both must match.
  ``0 9 1 * 1`` fires on the 1st and on every Monday; ``0 9 */2 * 1`` on
  Mondays that fall on an odd day.

Refused, with a plain reason: a wrong number of fields, a value out of range,
a range that runs backwards, a step of 0, a step after a single value
(``5/15``: crontab refuses it, write ``5-59/15``), and cronie's random ``~``
(a journey must fire at instants known in advance). An expression that is
valid but names no real date (``0 9 30 2 *``) is accepted, as crontab
accepts it, and never fires.

Daylight saving, as cronie's crond runs it (e.g. Europe/Berlin)
----------------------------------------------------------------
* A rule whose minute and hour are both fixed (neither begins with ``*``:
  ``30 2 * * *``, ``0 9,18 * * 1-5``) names wall-clock times, and each fires
  once: a time inside the skipped hour (spring forward, 02:00-03:00 on the
  last Sunday of March) fires when the gap ends, at 03:00 CEST; a time inside
  the repeated hour (fall back, the last Sunday of October) fires at its first
  occurrence, 02:30 CEST, not again at 02:30 CET.
* A rule whose minute or hour begins with ``*`` (``*/15 * * * *``,
  ``0 * * * *``, ``*/10 2 * * *``) follows the clock as it runs: its times
  inside the skipped hour do not happen, and its times inside the repeated
  hour happen twice (CEST, then CET).
* Fire times that land on the same instant fire once.

APScheduler stays the clock: `cron_trigger` is an APScheduler trigger whose
fire times are `cron_instants`. APScheduler's own CronTrigger reads a different
language (days always ANDed, weekday steps counted from Monday, 0 = Monday)
and, with zoneinfo, fires a skipped time an hour late and returns the same
repeated time again and again, so it is not used.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.base import BaseTrigger

__all__ = ["CronRule", "CrontabTrigger", "cron_instants", "cron_problem", "cron_trigger",
           "describe_cron", "parse_cron"]

MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
               "dec")
WEEKDAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # crontab's 0 … 6


@dataclass(frozen=True)
class _Field:
    name: str
    low: int
    high: int
    names: dict[str, int]


_FIELDS = (
    _Field("minute", 0, 59, {}),
    _Field("hour", 0, 23, {}),
    _Field("day of month", 1, 31, {}),
    _Field("month", 1, 12, {name: i + 1 for i, name in enumerate(MONTH_NAMES)}),
    _Field("weekday", 0, 7, {name: i for i, name in enumerate(WEEKDAY_NAMES)}),
)
_WEEKDAY = _FIELDS[4]
_ITEM = re.compile(r"(?:(?P<star>\*)|(?P<first>[0-9a-z]+)(?:-(?P<last>[0-9a-z]+))?)"
                   r"(?:/(?P<step>[0-9]+))?", re.IGNORECASE)
_LONGEST_MONTH = {m: 29 if m == 2 else monthrange(2001, m)[1] for m in range(1, 13)}


@dataclass(frozen=True)
class CronRule:
    """A parsed expression: the values each field allows, and how to combine them."""

    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]  # 0 = Sunday … 6 = Saturday
    either_day: bool  # both day fields restricted: a day matching either fires
    wall_clock: bool  # minute and hour both fixed: the daylight-saving rule for fixed times

    def fires_on(self, day: date) -> bool:
        if day.month not in self.months:
            return False
        by_date, by_weekday = day.day in self.days, day.isoweekday() % 7 in self.weekdays
        return (by_date or by_weekday) if self.either_day else (by_date and by_weekday)

    def ever_fires(self) -> bool:
        # Every weekday occurs in every month, and every real date (29 February
        # too) falls on every weekday within 400 years, so only an ANDed day of
        # month that no allowed month has can make a rule never fire.
        return self.either_day or any(d <= _LONGEST_MONTH[m] for m in self.months
                                      for d in self.days)


def parse_cron(expression: str) -> CronRule:
    """The rule an expression states; ValueError with a plain reason if crontab refuses it."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError("needs five fields: minute hour day month weekday")
    minute, hour, day, month, weekday = (_values(text, f) for text, f in zip(fields, _FIELDS))
    starred = [text.startswith("*") for text in fields]
    return CronRule(
        minutes=tuple(sorted(minute)), hours=tuple(sorted(hour)), days=day, months=month,
        weekdays=frozenset(v % 7 for v in weekday),
        either_day=not (starred[2] or starred[4]), wall_clock=not (starred[0] or starred[1]))


def _values(text: str, field: _Field) -> frozenset[int]:
    values: set[int] = set()
    for item in text.split(","):
        match = _ITEM.fullmatch(item)
        if match is None:
            hint = " (a random '~' is not supported)" if "~" in item else ""
            raise ValueError(f"{field.name} '{item}' is not a value, a range or a step{hint}")
        if match["star"]:
            low, high = field.low, field.high
        else:
            low = high = _value(match["first"], field)
            if match["last"] is not None:
                high = _value(match["last"], field)
                if field is _WEEKDAY and high == 0 and low > 0:
                    high = 7  # 'fri-sun', '5-0': up to Sunday, as cronie reads it
            elif match["step"] is not None:
                raise ValueError(f"{field.name} '{item}': a step needs a range, e.g. "
                                 f"'{match['first']}-{field.high}/{match['step']}'")
            if low > high:
                raise ValueError(f"{field.name} range '{item}' runs backwards")
        step = int(match["step"] or 1)
        if step == 0:
            raise ValueError(f"{field.name} '{item}': the step must be at least 1")
        values.update(range(low, high + 1, step))
    return frozenset(values)


def _value(token: str, field: _Field) -> int:
    if token.isdigit():
        number = int(token)
        if not field.low <= number <= field.high:
            sunday = " (0 and 7 are Sunday)" if field is _WEEKDAY else ""
            raise ValueError(f"{field.name} {number} is out of range "
                             f"{field.low}-{field.high}{sunday}")
        return number
    if token.lower() in field.names:
        return field.names[token.lower()]
    names = list(field.names)
    known = f" or {names[0]} … {names[-1]}" if names else ""
    raise ValueError(f"{field.name} '{token}' is not {field.low}-{field.high}{known}")


def _zone(timezone: str | tzinfo) -> tzinfo:
    if isinstance(timezone, tzinfo):
        return timezone
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone '{timezone}'") from None


# --- instants -------------------------------------------------------------------------


def cron_instants(expression: str, timezone: str, after: int, until: int) -> list[int]:
    """The fire instants (epoch seconds) in (after, until], ascending, each once."""
    return _instants(parse_cron(expression), _zone(timezone), after, until)


def _instants(rule: CronRule, zone: tzinfo, after: int, until: int) -> list[int]:
    if until <= after:
        return []
    found: set[int] = set()
    # A wall time maps to an instant on its own local date, or just after it when
    # a daylight-saving gap crosses midnight: one day of margin covers that.
    first = datetime.fromtimestamp(after, zone).date() - timedelta(days=1)
    last = min(datetime.fromtimestamp(until, zone).date(), date.max - timedelta(days=1))
    for day in _days(rule, first, last):
        for hour in rule.hours:
            found.update(_hour_instants(day, hour, rule, zone))
    return sorted(t for t in found if after < t <= until)


def _days(rule: CronRule, first: date, last: date) -> Iterator[date]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        if month in rule.months:  # skip whole months a rule does not allow
            for number in range(1, monthrange(year, month)[1] + 1):
                day = date(year, month, number)
                if first <= day <= last and rule.fires_on(day):
                    yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _hour_instants(day: date, hour: int, rule: CronRule, zone: tzinfo) -> list[int]:
    first = _wall_instants(day, hour, 0, zone, rule.wall_clock)
    last = _wall_instants(day, hour, 59, zone, rule.wall_clock)
    if len(first) == len(last) == 1 and last[0] - first[0] == 59 * 60:
        # Its first and last minute are one instant each, 59 minutes apart: the
        # offset does not change inside this hour (no zone changes it twice within
        # an hour), so every minute is a plain sum and needs no conversion.
        return [first[0] + 60 * minute for minute in rule.minutes]
    return [t for minute in rule.minutes
            for t in _wall_instants(day, hour, minute, zone, rule.wall_clock)]


def _wall_instants(day: date, hour: int, minute: int, zone: tzinfo,
                   wall_clock: bool) -> tuple[int, ...]:
    """The instants at which a local wall time fires (see the module's daylight-saving rule)."""
    wall = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    # fold=0 reads the wall time with the offset in force before a change, fold=1
    # after it: equal for a normal time, earlier first for a repeated one, later
    # first for a skipped one.
    early, late = int(wall.timestamp()), int(wall.replace(fold=1).timestamp())
    if early == late:
        return (early,)
    if early < late:
        return (early,) if wall_clock else (early, late)
    return (_gap_end(late, early, zone),) if wall_clock else ()


def _gap_end(before: int, after: int, zone: tzinfo) -> int:
    """The instant the clock jumps forward, between `before` and `after` (bisection)."""
    offset = datetime.fromtimestamp(before, zone).utcoffset()
    while after - before > 1:
        middle = (before + after) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == offset:
            before = middle
        else:
            after = middle
    return after


def _window_after(rule: CronRule, zone: tzinfo, after: int) -> tuple[int, int, list[int]]:
    """(after, until, the instants in (after, until]) for the first such window that
    has any; an empty one if the rule never fires."""
    span = 86400
    while rule.ever_fires():
        try:
            found = _instants(rule, zone, after, after + span)
        except (OverflowError, OSError, ValueError):  # past year 9999
            break
        if found:
            return after, after + span, found
        if span > 400 * 366 * 86400:  # the calendar repeats every 400 years
            break
        span *= 2
    return after, after, []


class CrontabTrigger(BaseTrigger):
    """An APScheduler trigger that fires at `cron_instants`.

    Fire times are returned in UTC: they are exact instants, and adding to a
    time in a zone with daylight saving is wall-clock arithmetic that can land
    an hour off or repeat a time.
    """

    __slots__ = ("_known", "expression", "rule", "timezone")

    def __init__(self, expression: str, timezone: str | tzinfo) -> None:
        self.expression = expression
        self.rule = parse_cron(expression)
        self.timezone = _zone(timezone)
        self._known: tuple[int, int, list[int]] = (0, 0, [])  # instants in (low, high]

    def get_next_fire_time(self, previous_fire_time: datetime | None,
                           now: datetime) -> datetime | None:
        # As APScheduler's CronTrigger: the first fire time at or after `now`, or
        # right after the previous one when that is earlier (a missed run).
        start = now.timestamp()
        if previous_fire_time is not None:
            start = min(start, previous_fire_time.timestamp() + 1e-6)
        found = self._next_after(math.ceil(start) - 1)
        return None if found is None else datetime.fromtimestamp(found, UTC)

    def _next_after(self, after: int) -> int | None:
        # A clock asks for one instant after another: answer from the last window
        # searched while it lasts.
        low, _high, found = self._known
        index = bisect_right(found, after)
        if not (low <= after and index < len(found)):
            self._known = _low, _high, found = _window_after(self.rule, self.timezone, after)
            index = 0
        return found[index] if found else None

    def __str__(self) -> str:
        return f"crontab[{self.expression}]"

    def __repr__(self) -> str:
        return f"<CrontabTrigger ({self.expression!r}, timezone='{self.timezone}')>"


def cron_trigger(expression: str, timezone: str | tzinfo) -> CrontabTrigger:
    """An APScheduler trigger for a five-field expression in a time zone."""
    return CrontabTrigger(expression, timezone)


def cron_problem(expression: str, timezone: str | tzinfo = "UTC") -> str | None:
    """Why an expression (or the time zone) is invalid, in plain English, or None."""
    try:
        parse_cron(expression)
        _zone(timezone)
    except ValueError as exc:
        return str(exc)
    return None


# --- plain readings -------------------------------------------------------------------

_ZH_DAYS = ("日", "一", "二", "三", "四", "五", "六")
_EN_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_MONDAY_FIRST = (1, 2, 3, 4, 5, 6, 0)


def describe_cron(expression: str, lang: str = "en") -> str:
    """A plain reading of the common shapes ("每周一 09:00", "Every Monday at 09:00",
    "Day 1 of every month or every Monday at 09:00"); other shapes read generically."""
    zh = lang.startswith("zh")
    try:
        rule = parse_cron(expression)
    except ValueError:
        return f"周期：{expression}" if zh else f"Schedule: {expression}"
    minute, hour, day, month, weekday = expression.split()
    days = _days_reading(rule, day, month, weekday, zh)
    if not (minute.isdigit() and hour.isdigit()) or days is None:
        return f"按周期「{expression}」" if zh else f"On the schedule '{expression}'"
    at = f"{int(hour):02d}:{int(minute):02d}"
    return f"{days} {at}" if zh else f"{days} at {at}"


def _days_reading(rule: CronRule, day: str, month: str, weekday: str, zh: bool) -> str | None:
    """Which days, for a plain `*` or single-number day and month (else None)."""
    weekly = None if weekday.startswith("*") else _weekdays_reading(rule.weekdays, zh)
    if month == "*" and day == "*":
        return ("每天" if zh else "Every day") if weekday == "*" else weekly
    if month == "*" and day.isdigit():
        monthly = f"每月 {int(day)} 日" if zh else f"Day {int(day)} of every month"
        if weekday == "*":
            return monthly
        if weekly is not None and len(rule.weekdays) < 7:  # either day fires
            return f"{monthly}或{weekly}" if zh else f"{monthly} or {weekly[0].lower()}{weekly[1:]}"
        return weekly
    if month.isdigit() and day.isdigit() and weekday == "*":
        return (f"每年 {int(month)} 月 {int(day)} 日" if zh
                else f"Every year on {int(month)}/{int(day)}")
    return None


def _weekdays_reading(weekdays: frozenset[int], zh: bool) -> str:
    if len(weekdays) == 7:
        return "每天" if zh else "Every day"
    if weekdays == {1, 2, 3, 4, 5}:
        return "每个工作日" if zh else "Every weekday"
    ordered = [d for d in _MONDAY_FIRST if d in weekdays]
    if zh:
        return "每周" + "、".join(_ZH_DAYS[d] for d in ordered)
    return "Every " + ", ".join(_EN_DAYS[d] for d in ordered)
