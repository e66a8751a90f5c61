"""Recurring trigger: enrolls its audience at each cron instant (§3, §4)."""
from __future__ import annotations

from typing import Any

from nodes.cron import cron_instants

from .base import HORIZON, ClockTrigger, register


class RecurringTrigger(ClockTrigger):
    name = "recurring"

    def instants(self, config: Any, tz: str, low: int, high: int) -> list[int]:
        return cron_instants(config.cron, tz, low, high)

    def next_instant(self, config: Any, tz: str, after: int) -> int | None:
        found = cron_instants(config.cron, tz, after, after + HORIZON)
        return found[0] if found else None


register(RecurringTrigger())
