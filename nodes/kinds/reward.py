"""Reward: grants points, a coupon or another benefit, within a per-customer
limit and the version's budget; one not granted leaves by `exhausted`, which
a card offers only when there is a budget to run out (`offered_outlets`).

Each benefit says what its fields mean (`BENEFITS`): whether `amount` counts
things (points, coupons, gifts) or is money, and which code `item` holds.
Validation, the plain reading and the editor's switch of benefit read it."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import Field, StrictFloat, StrictInt

from ..catalog import Catalog
from ..wording import is_zh, value_text
from .base import EXHAUSTED, NEXT, Checks, Config, Kind, Messages, register


class Benefit(StrEnum):
    points = "points"
    coupon = "coupon"
    trial_fund = "trial_fund"
    cash_bonus = "cash_bonus"
    gift = "gift"


@dataclass(frozen=True)
class BenefitSpec:
    """What the fields of a reward of one benefit mean."""

    unit: tuple[str, str]  # what `amount` and `budget` count: (zh, en)
    amount_name: tuple[str, str]  # what `amount` is called in messages
    whole: bool  # `amount` counts things, so it is a whole number
    item: tuple[str, str] | None  # the code `item` must hold, (zh, en); None: no code
    first_amount: int  # what `amount` starts at when this benefit is chosen
    reading_zh: str  # the plain reading, "{amount}" filled in; the item follows if set
    reading_en: tuple[str, str]  # for one, for several


BENEFITS: dict[str, BenefitSpec] = {
    "points": BenefitSpec(
        unit=("分", "points"), amount_name=("积分数量", "number of points"), whole=True,
        item=None, first_amount=100, reading_zh="发放 {amount} 积分",
        reading_en=("Grant {amount} point", "Grant {amount} points")),
    "coupon": BenefitSpec(
        unit=("张", "coupons"), amount_name=("张数", "number of coupons"), whole=True,
        item=("券批次", "coupon batch"), first_amount=1, reading_zh="发放 {amount} 张优惠券",
        reading_en=("Grant {amount} coupon", "Grant {amount} coupons")),
    "trial_fund": BenefitSpec(
        unit=("元", "yuan"), amount_name=("金额", "amount"), whole=False,
        item=("产品代码", "product code"), first_amount=10_000,
        reading_zh="发放理财体验金 {amount} 元",
        reading_en=("Grant a trial fund of {amount} yuan",) * 2),
    "cash_bonus": BenefitSpec(
        unit=("元", "yuan"), amount_name=("金额", "amount"), whole=False, item=None,
        first_amount=10, reading_zh="发放现金红包 {amount} 元",
        reading_en=("Grant a cash bonus of {amount} yuan",) * 2),
    "gift": BenefitSpec(
        unit=("件", "gifts"), amount_name=("件数", "number of gifts"), whole=True,
        item=("礼品编码", "gift code"), first_amount=1, reading_zh="发放 {amount} 件礼品",
        reading_en=("Grant {amount} gift", "Grant {amount} gifts")),
}


def benefit_spec(benefit: Any) -> BenefitSpec | None:
    """The spec of a benefit (a Benefit or its value); None for one this build lacks."""
    return BENEFITS.get(str(getattr(benefit, "value", benefit)))


def switched_benefit(old: dict, benefit: Any) -> dict:
    """The values a reward keeps when its benefit changes from `old["benefit"]`:
    100 points are not 100 coupons, a coupon batch is not a product code, so what
    no longer means the same starts afresh; the per-customer limit always carries."""
    before, after = benefit_spec(old.get("benefit")), benefit_spec(benefit)
    values = {**old, "benefit": getattr(benefit, "value", benefit)}
    if after is None:
        return values
    if before is None or before.unit != after.unit:
        values.update(amount=after.first_amount, budget=None)
    if before is None or before.item != after.item:
        values["item"] = None
    return values


MAX_AMOUNT = 10**12
"""Largest reward amount and budget; validation refuses more."""
_LIMIT = ("不超过 10^12", "at most 10^12")
_FIELDS = {"amount": ("权益数量", "The reward amount"), "budget": ("预算", "The budget")}


class RewardConfig(Config):
    benefit: Benefit
    amount: StrictInt | StrictFloat
    item: str | None = Field(default=None, description="Coupon batch or product code.")
    budget: StrictInt | StrictFloat | None = Field(
        default=None, description="Total amount this journey version may grant; empty = no cap."
    )
    per_customer_limit: Annotated[int, Field(ge=1)] | None = 1


class Reward(Kind):
    name = "reward"
    label_zh, label_en = "权益", "Reward"
    priority = 70
    config_type = RewardConfig
    messages: ClassVar[Messages] = {
        "reward_amount_not_positive": ("「{node}」的{amount}必须大于 0",
                                       "The {amount} of '{node}' must be greater than 0"),
        "reward_amount_not_whole": ("「{node}」的{amount}必须是整数",
                                    "The {amount} of '{node}' must be a whole number"),
        "reward_item_missing": ("「{node}」的{item}未填写", "The {item} of '{node}' is empty"),
        "reward_budget_too_small": ("「{node}」的预算小于单次发放数量，没有人能领到",
                                    ("The budget of '{node}' is smaller than one grant; nobody "
                                     "would get it")),
    }

    def default_config(self) -> Any:
        return RewardConfig(benefit=Benefit.points, amount=100)

    def outlets(self, config: Any) -> list[str]:
        return [NEXT, EXHAUSTED]

    def optional_outlets(self, config: Any) -> set[str]:
        # Ending on an action is an ordinary end, as after a touch or an update;
        # `exhausted` unconnected falls back to `next`.
        return {NEXT, EXHAUSTED}

    def offered_outlets(self, config: Any, connected: set[str]) -> list[str]:
        # Without a budget nothing runs out: only a customer over the per-customer
        # limit would leave by `exhausted`, and unconnected it goes on by `next`
        # anyway. A line drawn to it before stays (and runs as it did).
        if config.budget is None and EXHAUSTED not in connected:
            return [NEXT]
        return self.outlets(config)

    def unconnected_leads_on(self, config: Any) -> dict[str, str]:
        return {EXHAUSTED: NEXT}

    def validate(self, check: Checks, node_id: str, config: Any) -> None:
        for field in ("amount", "budget"):
            value = getattr(config, field)
            if value is not None and not abs(value) <= MAX_AMOUNT:  # `not`: NaN too
                check.add("value_out_of_range", node_id, field=_FIELDS[field], limit=_LIMIT)
                return
        spec = benefit_spec(config.benefit)
        amount = spec.amount_name if spec is not None else ("权益数量", "reward amount")
        if config.amount <= 0:
            check.add("reward_amount_not_positive", node_id, amount=amount)
        elif spec is not None and spec.whole and not float(config.amount).is_integer():
            check.add("reward_amount_not_whole", node_id, amount=amount)
        elif config.budget is not None and config.budget < config.amount:
            check.add("reward_budget_too_small", node_id, "warning")
        if spec is not None and spec.item is not None and not (config.item or "").strip():
            check.add("reward_item_missing", node_id, item=spec.item)

    def describe(self, config: Any, lang: str, catalog: Catalog) -> str:
        amount = value_text(config.amount, lang)
        spec = benefit_spec(config.benefit)
        if spec is None:
            benefit = str(getattr(config.benefit, "value", config.benefit))
            return f"发放 {amount} {benefit}" if is_zh(lang) else f"Grant {amount} {benefit}"
        if is_zh(lang):
            text = spec.reading_zh.format(amount=amount)
            return f"{text}（{config.item}）" if config.item else text
        one, several = spec.reading_en
        text = (one if config.amount == 1 else several).format(amount=amount)
        return f"{text} ({config.item})" if config.item else text


REWARD = register(Reward())
