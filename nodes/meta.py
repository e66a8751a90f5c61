"""Journey-wide settings: entry rules, window, goal, exit, review state (§1, §6)."""
from __future__ import annotations

from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PositiveInt,
)

from .conditions import AttributeCondition
from .durations import Duration
from .review import Review


def _check_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder, too long
        raise ValueError(f"unknown time zone '{name}' (use a name like Asia/Shanghai)") from None
    return name


def _check_slug(value: str) -> str:
    if not value or not all(c.isascii() and (c.isalnum() or c in "-_.") for c in value):
        raise ValueError("must be letters, digits, '-', '_' or '.' (e.g. new-customer-activation)")
    return value


TimeZoneName = Annotated[str, AfterValidator(_check_zone)]
Slug = Annotated[str, AfterValidator(_check_slug)]


MAX_ENTRIES_PER_RUN = 10**9
"""Largest `max_entries_per_run` (validation refuses more; SQL limits are integers)."""


class _Meta(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)


class Cooldown(_Meta):
    cooldown: Duration


class EntrySettings(_Meta):
    reentry: Literal["never", "after_exit"] | Cooldown = "never"
    sample_percent: Annotated[float, Field(ge=0, le=100)] = 100
    max_entries_per_run: PositiveInt | None = None


class Window(_Meta):
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None


class Goal(_Meta):
    event: str
    where: list[AttributeCondition] = Field(default_factory=list)
    within: Duration | None = None
    exit_on_goal: bool = True


class ExitWhen(_Meta):
    event: str
    where: list[AttributeCondition] = Field(default_factory=list)


class JourneyMeta(_Meta):
    id: Slug
    name: str = ""
    description: str = ""
    timezone: TimeZoneName = "Asia/Shanghai"
    entry: EntrySettings = Field(default_factory=EntrySettings)
    window: Window = Field(default_factory=Window)
    goal: Goal | None = None
    exit_when: ExitWhen | None = None
    review: Review = Field(default_factory=Review)

    def dump(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)
