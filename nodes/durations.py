"""Durations `{"amount": N, "unit": ...}` and times of day `"HH:MM"`."""
from __future__ import annotations

import re
from datetime import time, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StrictInt


class Unit(StrEnum):
    minutes = "minutes"
    hours = "hours"
    days = "days"
    weeks = "weeks"


UNIT_SECONDS = {Unit.minutes: 60, Unit.hours: 3600, Unit.days: 86400, Unit.weeks: 604800}
MAX_SECONDS = 10 * 366 * 86400
"""The longest duration a journey may hold anywhere (waits, timeouts, goal
windows, cooldowns, `within` of conditions): 10 years. Validation refuses a
longer one (`value_out_of_range`); the engine adds durations to instants in
SQL integers, so an unbounded amount would overflow there."""

UNIT_LABELS = {
    Unit.minutes: ("分钟", "minute"),
    Unit.hours: ("小时", "hour"),
    Unit.days: ("天", "day"),
    Unit.weeks: ("周", "week"),
}


class Duration(BaseModel):
    """A length of time. Non-positive amounts load (a draft may hold one) and
    are reported by validation, so an operator's work is never refused."""

    model_config = ConfigDict(extra="allow", frozen=True)

    amount: StrictInt
    unit: Unit

    def to_timedelta(self) -> timedelta:
        return timedelta(seconds=self.amount * UNIT_SECONDS[self.unit])

    @property
    def seconds(self) -> int:
        return self.amount * UNIT_SECONDS[self.unit]

    @property
    def in_range(self) -> bool:
        """At most MAX_SECONDS long, either way."""
        return abs(self.seconds) <= MAX_SECONDS

    def describe(self, lang: str = "en") -> str:
        zh, en = UNIT_LABELS[self.unit]
        if lang.startswith("zh"):
            return f"{self.amount} {zh}"
        return f"{self.amount} {en}{'' if abs(self.amount) == 1 else 's'}"


_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _check_time_of_day(value: str) -> str:
    if not _TIME_RE.match(value):
        raise ValueError("must be a time of day written HH:MM, e.g. 09:00")
    return value


TimeOfDay = Annotated[str, AfterValidator(_check_time_of_day)]


def parse_time_of_day(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


_SHORT_RE = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$")
_SHORT_UNITS = {"m": Unit.minutes, "h": Unit.hours, "d": Unit.days, "w": Unit.weeks}


def parse_short_duration(text: str) -> Duration:
    """Parse the command-line spelling `10m`, `12h`, `1d`, `7d`, `2w`."""
    match = _SHORT_RE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a duration like 10m, 12h, 1d or 2w")
    return Duration(amount=int(match.group(1)), unit=_SHORT_UNITS[match.group(2)])
