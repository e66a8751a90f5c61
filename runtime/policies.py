"""Touch policies (journey-semantics §5): consent, quiet hours, frequency caps.

Pure functions over instants (epoch seconds), shared by the engine and the
reference interpreter so both read the store's policy document the same way.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from nodes.durations import parse_time_of_day


@dataclass(frozen=True)
class CapRule:
    channel: str  # a channel, or "*" for all channels together
    max: int
    period_s: int


@dataclass(frozen=True)
class TouchPolicies:
    timezone: str = "UTC"
    quiet_hours: dict[str, tuple[str, str]] = field(default_factory=dict)
    caps: tuple[CapRule, ...] = ()

    @classmethod
    def from_store(cls, store) -> TouchPolicies:
        p = store.policies()
        return cls(
            timezone=p.timezone,
            quiet_hours={c: (s, e) for c, (s, e) in p.quiet_hours.items()},
            caps=tuple(CapRule(c.channel, c.max, c.period_s) for c in p.caps),
        )

    def longest_cap_period(self) -> int:
        return max((c.period_s for c in self.caps), default=0)

    def deferred_until(self, channel: str, at: int) -> int | None:
        """The end of the quiet window `at` falls in, or None when not quiet."""
        window = self.quiet_hours.get(channel)
        if not window:
            return None
        return quiet_window_end(window, at, ZoneInfo(self.timezone))

    def cap_blocks(self, channel: str, at: int, sent: Iterable[tuple[str, int]]) -> bool:
        """True when `max` counted sent touches (channel, instant) lie in
        (at − period, at] for a cap on this channel or on '*'."""
        sent = list(sent)
        for cap in self.caps:
            if cap.channel not in ("*", channel):
                continue
            used = sum(
                1 for ch, t in sent
                if (cap.channel == "*" or ch == channel) and at - cap.period_s < t <= at
            )
            if used >= cap.max:
                return True
        return False


def consented(attributes: dict, channel: str) -> bool:
    """`consent_<channel>` false → no consent; absent column or NULL → consented."""
    return attributes.get(f"consent_{channel}") is not False


def quiet_window_end(window: tuple[str, str], at: int, zone: ZoneInfo) -> int | None:
    start, end = parse_time_of_day(window[0]), parse_time_of_day(window[1])
    if start == end:
        return None
    local = datetime.fromtimestamp(at, zone)
    tod = local.time().replace(tzinfo=None)
    day = local.date()

    def instant(d, t: time) -> int:
        return int(datetime.combine(d, t, zone).timestamp())

    if start < end:
        return instant(day, end) if start <= tod < end else None
    if tod >= start:  # quiet hours wrap midnight: 21:00–08:00
        return instant(day + timedelta(days=1), end)
    if tod < end:
        return instant(day, end)
    return None
