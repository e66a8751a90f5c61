"""Wait: for a length of time, until a time of day or a date, or for an event
with a timeout (journey-semantics §3)."""
from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import AwareDatetime, Field

from ..catalog import Catalog
from ..conditions import AttributeCondition
from ..durations import Duration, TimeOfDay, Unit
from ..wording import instant_text, is_zh
from .base import EVENT, NEXT, TIMEOUT, Checks, Config, Kind, Messages, register


class DurationWait(Config):
    type: Literal["duration"]
    duration: Duration | None = None


class UntilTimeWait(Config):
    type: Literal["until_time"]
    time: TimeOfDay
    weekdays: list[Annotated[int, Field(ge=1, le=7)]] | None = Field(
        default=None, description="ISO weekdays, 1 = Monday … 7 = Sunday; empty = every day."
    )


class UntilDateWait(Config):
    type: Literal["until_date"]
    at: AwareDatetime


class ForEventWait(Config):
    type: Literal["for_event"]
    event: str
    where: list[AttributeCondition] = Field(default_factory=list)
    timeout: Duration | None = None


WaitConfig = Annotated[
    DurationWait | UntilTimeWait | UntilDateWait | ForEventWait,
    Field(discriminator="type"),
]

_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Wait(Kind):
    name = "wait"
    label_zh, label_en = "等待", "Wait"
    priority = 30
    config_type = WaitConfig
    messages: ClassVar[Messages] = {
        "weekdays_empty": ("「{node}」没有选择任何星期几，客户会一直等待",
                           "'{node}' allows no weekday, so customers would wait forever"),
    }

    def default_config(self) -> Any:
        return DurationWait(type="duration", duration=Duration(amount=1, unit=Unit.days))

    def outlets(self, config: Any) -> list[str]:
        return [EVENT, TIMEOUT] if isinstance(config, ForEventWait) else [NEXT]

    def optional_outlets(self, config: Any) -> set[str]:
        # An event wait's two exits are checked together (check_outlets).
        return {EVENT, TIMEOUT} if isinstance(config, ForEventWait) else set()

    def takes_time(self, config: Any) -> bool:
        if isinstance(config, DurationWait):
            return config.duration is not None and config.duration.amount > 0
        if isinstance(config, ForEventWait):
            return config.timeout is not None and config.timeout.amount > 0
        return False

    def check_outlets(self, check: Checks, node_id: str, config: Any,
                      connected: set[str]) -> None:
        if isinstance(config, ForEventWait):
            if not connected & {EVENT, TIMEOUT}:  # at least one must lead on
                check.add("step_leads_nowhere", node_id, "warning")
            return
        super().check_outlets(check, node_id, config, connected)

    def validate(self, check: Checks, node_id: str, config: Any) -> None:
        if isinstance(config, DurationWait):
            check.check_duration(node_id, config.duration, "duration")
        elif isinstance(config, ForEventWait):
            check.check_duration(node_id, config.timeout, "timeout")
            check.check_event_use(node_id, config.event, config.where)
        elif isinstance(config, UntilTimeWait) and config.weekdays == []:
            check.add("weekdays_empty", node_id)

    def describe(self, config: Any, lang: str, catalog: Catalog) -> str:
        zh = is_zh(lang)
        if isinstance(config, DurationWait):
            if config.duration is None:
                return "等待（未设置时长）" if zh else "Wait (no duration yet)"
            span = config.duration.describe(lang)
            return f"等待 {span}" if zh else f"Wait {span}"
        if isinstance(config, UntilTimeWait):
            days = ""
            if config.weekdays:
                ordered = sorted(config.weekdays)
                if zh:
                    days = "（周" + "、".join(_WEEKDAYS_ZH[d - 1] for d in ordered) + "）"
                else:
                    days = " (" + ", ".join(_WEEKDAYS_EN[d - 1] for d in ordered) + ")"
            return f"等到 {config.time}{days}" if zh else f"Wait until {config.time}{days}"
        if isinstance(config, UntilDateWait):
            at = instant_text(config.at)
            return f"等到 {at}" if zh else f"Wait until {at}"
        if isinstance(config, ForEventWait):
            name = catalog.event_label(config.event, lang) if config.event else "?"
            span = config.timeout.describe(lang) if config.timeout else "?"
            return f"最多等待 {span}，直到{name}" if zh else f"Wait up to {span} for {name}"
        return ""


WAIT = register(Wait())
