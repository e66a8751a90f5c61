"""One pydantic model per node kind's config (journey-semantics §3).

Only what defines a node's behaviour is required; everything else has a
default so a hand-written file stays short. Unknown keys are kept
(`extra="allow"`) so a file from a newer build loses nothing.
"""
from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictFloat, StrictInt

from .conditions import AttributeCondition, Condition, always
from .durations import Duration, TimeOfDay, Unit


class _Config(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)


# -- trigger -----------------------------------------------------------------

class _TriggerBase(_Config):
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


# -- filter ------------------------------------------------------------------

class FilterConfig(_Config):
    condition: Condition


# -- wait --------------------------------------------------------------------

class DurationWait(_Config):
    type: Literal["duration"]
    duration: Duration | None = None


class UntilTimeWait(_Config):
    type: Literal["until_time"]
    time: TimeOfDay
    weekdays: list[Annotated[int, Field(ge=1, le=7)]] | None = Field(
        default=None, description="ISO weekdays, 1 = Monday … 7 = Sunday; empty = every day."
    )


class UntilDateWait(_Config):
    type: Literal["until_date"]
    at: AwareDatetime


class ForEventWait(_Config):
    type: Literal["for_event"]
    event: str
    where: list[AttributeCondition] = Field(default_factory=list)
    timeout: Duration | None = None


WaitConfig = Annotated[
    DurationWait | UntilTimeWait | UntilDateWait | ForEventWait,
    Field(discriminator="type"),
]


# -- branch, split -----------------------------------------------------------

class BranchPath(_Config):
    name: str
    condition: Condition = Field(default_factory=always)


class BranchConfig(_Config):
    paths: list[BranchPath]


class Variant(_Config):
    name: str
    percent: Annotated[int, Field(ge=0, le=100)]
    holdout: bool = False


class SplitConfig(_Config):
    variants: list[Variant]


# -- touch, reward, update ---------------------------------------------------

class Channel(StrEnum):
    sms = "sms"
    push = "push"
    email = "email"
    in_app = "in_app"
    wechat = "wechat"
    call = "call"
    crm_lead = "crm_lead"


CHANNELS_WITH_SUBJECT = (Channel.email,)
CHANNELS_WITH_TITLE = (Channel.push, Channel.in_app, Channel.wechat)


class TouchConfig(_Config):
    channel: Channel
    template: str
    subject: str | None = None
    title: str | None = None
    ignore_quiet_hours: bool = False
    ignore_frequency_cap: bool = Field(
        default=False, description="Service messages only: not counted against caps."
    )


class Benefit(StrEnum):
    points = "points"
    coupon = "coupon"
    trial_fund = "trial_fund"
    cash_bonus = "cash_bonus"
    gift = "gift"


class RewardConfig(_Config):
    benefit: Benefit
    amount: StrictInt | StrictFloat
    item: str | None = Field(default=None, description="Coupon batch or product code.")
    budget: StrictInt | StrictFloat | None = Field(
        default=None, description="Total amount this journey version may grant; empty = no cap."
    )
    per_customer_limit: Annotated[int, Field(ge=1)] | None = 1


class UpdateConfig(_Config):
    set: dict[str, Any] = Field(default_factory=dict)
    add_tags: list[str] = Field(default_factory=list)
    remove_tags: list[str] = Field(default_factory=list)


def default_configs() -> dict[str, BaseModel]:
    """What a freshly dropped node holds: valid in shape, ready to edit."""
    from .conditions import AttributeCondition as Attr
    from .conditions import Op

    return {
        "trigger": EventTrigger(type="event", event="register"),
        "filter": FilterConfig(condition=always()),
        "wait": DurationWait(type="duration", duration=Duration(amount=1, unit=Unit.days)),
        "branch": BranchConfig(
            paths=[BranchPath(name="路径1", condition=Attr(attribute="aum", op=Op.gte, value=0))]
        ),
        "split": SplitConfig(
            variants=[Variant(name="A", percent=50), Variant(name="B", percent=50)]
        ),
        "touch": TouchConfig(channel=Channel.sms, template=""),
        "reward": RewardConfig(benefit=Benefit.points, amount=100),
        "update": UpdateConfig(add_tags=[]),
    }
