"""Reward: grants points, a coupon or another benefit, within a per-customer
limit and the version's budget; one not granted leaves by `exhausted`."""
from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import Field, StrictFloat, StrictInt

from ..catalog import Catalog
from ..wording import is_zh, pick, value_text
from .base import EXHAUSTED, NEXT, Checks, Config, Kind, Messages, register


class Benefit(StrEnum):
    points = "points"
    coupon = "coupon"
    trial_fund = "trial_fund"
    cash_bonus = "cash_bonus"
    gift = "gift"


BENEFIT_LABELS = {
    "points": ("积分", "points"), "coupon": ("优惠券", "coupon"),
    "trial_fund": ("理财体验金", "trial fund"), "cash_bonus": ("现金红包", "cash bonus"),
    "gift": ("礼品", "gift"),
}


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
        "reward_amount_not_positive": ("「{node}」的权益数量必须大于 0",
                                       "The reward amount of '{node}' must be greater than 0"),
        "reward_budget_too_small": ("「{node}」的预算小于单次发放数量，没有人能领到",
                                    ("The budget of '{node}' is smaller than one grant; nobody "
                                     "would get it")),
    }

    def default_config(self) -> Any:
        return RewardConfig(benefit=Benefit.points, amount=100)

    def outlets(self, config: Any) -> list[str]:
        return [NEXT, EXHAUSTED]

    def optional_outlets(self, config: Any) -> set[str]:
        return {EXHAUSTED}  # unconnected, it falls back to `next`

    def unconnected_leads_on(self, config: Any) -> dict[str, str]:
        return {EXHAUSTED: NEXT}

    def validate(self, check: Checks, node_id: str, config: Any) -> None:
        for field in ("amount", "budget"):
            value = getattr(config, field)
            if value is not None and not abs(value) <= MAX_AMOUNT:  # `not`: NaN too
                check.add("value_out_of_range", node_id, field=_FIELDS[field], limit=_LIMIT)
                return
        if config.amount <= 0:
            check.add("reward_amount_not_positive", node_id)
        elif config.budget is not None and config.budget < config.amount:
            check.add("reward_budget_too_small", node_id, "warning")

    def describe(self, config: Any, lang: str, catalog: Catalog) -> str:
        benefit = pick(BENEFIT_LABELS.get(config.benefit, (config.benefit, config.benefit)), lang)
        amount = value_text(config.amount, lang)
        return f"发放 {amount} {benefit}" if is_zh(lang) else f"Grant {amount} {benefit}"


REWARD = register(Reward())
