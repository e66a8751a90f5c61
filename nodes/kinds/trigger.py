"""Trigger: where customers enter — on an event, once at an instant, on a
cron schedule, or on a key date of their own (journey-semantics §3, §4)."""
from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import AwareDatetime, Field, StrictInt

from ..catalog import AttrType, Catalog
from ..conditions import AttributeCondition, Condition, attributes_of
from ..cron import cron_problem, describe_cron
from ..durations import TimeOfDay
from ..wording import describe_condition, instant_text, is_zh
from .base import Checks, Config, Kind, Messages, register


class _TriggerBase(Config):
    audience: Condition | None = Field(
        default=None, description="Who may enter; empty means everyone."
    )


class EventTrigger(_TriggerBase):
    type: Literal["event"]
    event: str
    where: list[AttributeCondition] = Field(default_factory=list)


class ScheduleTrigger(_TriggerBase):
    type: Literal["schedule"]
    at: AwareDatetime


class RecurringTrigger(_TriggerBase):
    type: Literal["recurring"]
    cron: str = Field(description="Five fields: minute hour day-of-month month day-of-week.")


MAX_OFFSET_DAYS = 3660
"""Largest key-date offset either way (about 10 years); validation refuses more."""
_OFFSET_FIELD = ("偏移天数", "The day offset")
_OFFSET_LIMIT = ("±3660 天以内", "within ±3660 days")


class KeyDateTrigger(_TriggerBase):
    type: Literal["key_date"]
    attribute: str
    offset_days: StrictInt = 0
    time: TimeOfDay = "09:00"
    yearly: bool = False


TriggerConfig = Annotated[
    EventTrigger | ScheduleTrigger | RecurringTrigger | KeyDateTrigger,
    Field(discriminator="type"),
]


class Trigger(Kind):
    name = "trigger"
    label_zh, label_en = "触发", "Trigger"
    priority = 10
    config_type = TriggerConfig
    entry = True
    messages: ClassVar[Messages] = {
        "trigger_leads_nowhere": ("触发节点「{node}」没有连接下一步，客户进入后立即结束",
                                  ("Trigger '{node}' leads nowhere; customers would end as soon "
                                   "as they enter")),
        "cron_invalid": ("「{node}」的周期表达式「{cron}」无效：{reason}",
                         "The schedule '{cron}' of '{node}' is not valid: {reason}"),
        "attribute_missing": ("「{node}」没有选择属性", "No attribute is chosen in '{node}'"),
        "key_date_not_date": ("「{node}」的关键日属性「{name}」不是日期类型",
                              "The key-date attribute '{name}' of '{node}' is not a date"),
    }

    def default_config(self) -> Any:
        return EventTrigger(type="event", event="register")

    def check_outlets(self, check: Checks, node_id: str, config: Any,
                      connected: set[str]) -> None:
        if "next" not in connected:
            check.add("trigger_leads_nowhere", node_id)

    def attributes_read(self, config: Any) -> set[str]:
        # The audience, as of each instant it fires at. (A key date's own
        # attribute is read when the run lists the year's instants.)
        return attributes_of(config.audience)

    def validate(self, check: Checks, node_id: str, config: Any) -> None:
        if isinstance(config, EventTrigger):
            check.check_event_use(node_id, config.event, config.where)
        elif isinstance(config, RecurringTrigger):
            problem = cron_problem(config.cron, check.journey.meta.timezone)
            if problem:
                check.add("cron_invalid", node_id, cron=config.cron, reason=problem)
        elif isinstance(config, KeyDateTrigger):
            _check_key_date(check, node_id, config.attribute)
            if abs(config.offset_days) > MAX_OFFSET_DAYS:
                check.add("value_out_of_range", node_id, field=_OFFSET_FIELD, limit=_OFFSET_LIMIT)
        if config.audience is not None:
            check.check_condition(node_id, config.audience)

    def describe(self, config: Any, lang: str, catalog: Catalog) -> str:
        zh = is_zh(lang)
        text = _when(config, lang, catalog)
        if config.audience is not None:
            audience = describe_condition(config.audience, lang, catalog)
            text += f"，客群：{audience}" if zh else f"; audience: {audience}"
        return text


def _when(config: Any, lang: str, catalog: Catalog) -> str:
    zh = is_zh(lang)
    if isinstance(config, EventTrigger):
        name = catalog.event_label(config.event, lang) if config.event else "?"
        return f"{name}时进入" if zh else f"Enters on {name}"
    if isinstance(config, ScheduleTrigger):
        at = instant_text(config.at)
        return f"{at} 进入" if zh else f"Enters once at {at}"
    if isinstance(config, RecurringTrigger):
        return describe_cron(config.cron, lang) + (" 进入" if zh else ": enters")
    if isinstance(config, KeyDateTrigger):
        attr = catalog.attribute_label(config.attribute, lang) if config.attribute else "?"
        days = config.offset_days
        if zh:
            when = "当天" if days == 0 else (f"前 {-days} 天" if days < 0 else f"后 {days} 天")
            return f"{'每年' if config.yearly else ''}{attr}{when} {config.time} 进入"
        when = ("on" if days == 0 else
                f"{-days} days before" if days < 0 else f"{days} days after")
        return f"Enters {when} {attr} at {config.time}" + (", every year" if config.yearly else "")
    return ""


def _check_key_date(check: Checks, node_id: str, attribute: str) -> None:
    if not attribute:
        check.add("attribute_missing", node_id)
    elif check.catalog is not None:
        found = check.catalog.attributes.get(attribute)
        if found is None:
            check.add("unknown_attribute", node_id, name=attribute)
        elif found.type not in (AttrType.date, AttrType.datetime):
            check.add("key_date_not_date", node_id, name=attribute)


TRIGGER = register(Trigger())
