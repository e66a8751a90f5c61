"""Schedule trigger: enrolls its audience once, at `at` (§4)."""
from __future__ import annotations

from typing import Any

from runtime.instants import epoch_of

from .base import ClockTrigger, register


class ScheduleTrigger(ClockTrigger):
    name = "schedule"

    def instants(self, config: Any, tz: str, low: int, high: int) -> list[int]:
        return [epoch_of(config.at)]

    def next_instant(self, config: Any, tz: str, after: int) -> int | None:
        at = epoch_of(config.at)
        return at if at > after else None


register(ScheduleTrigger())
