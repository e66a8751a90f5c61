"""Split: customers divided at random by stable hash, e.g. for an A/B test;
a holdout variant may lead nowhere (its customers get nothing)."""
from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Field

from ..catalog import Catalog
from ..wording import is_zh
from .base import Checks, Config, Kind, Messages, register


class Variant(Config):
    name: str
    percent: Annotated[int, Field(ge=0, le=100)]
    holdout: bool = False


class SplitConfig(Config):
    variants: list[Variant]


class Split(Kind):
    name = "split"
    label_zh, label_en = "分流", "Split"
    priority = 50
    config_type = SplitConfig
    messages: ClassVar[Messages] = {
        "split_percent_sum": ("分流「{node}」的比例合计为 {total}%，应为 100%",
                              "The split '{node}' adds up to {total}%, not 100%"),
        "split_no_variants": ("分流「{node}」没有任何分组", "The split '{node}' has no variants"),
        "variant_leads_nowhere": ("分流「{outlet}」没有连接下一步（若为对照组请勾选“对照组”）",
                                  ("Variant '{outlet}' of the split leads nowhere (mark it as a "
                                   "control group if it is one)")),
    }

    def default_config(self) -> Any:
        return SplitConfig(variants=[Variant(name="A", percent=50), Variant(name="B", percent=50)])

    def outlets(self, config: Any) -> list[str]:
        return [v.name for v in config.variants]

    def optional_outlets(self, config: Any) -> set[str]:
        return {v.name for v in config.variants if v.holdout}

    def check_outlets(self, check: Checks, node_id: str, config: Any,
                      connected: set[str]) -> None:
        for variant in config.variants:
            if variant.name not in connected and not variant.holdout:
                check.add("variant_leads_nowhere", node_id, "warning", outlet=variant.name)

    def validate(self, check: Checks, node_id: str, config: Any) -> None:
        if not config.variants:
            check.add("split_no_variants", node_id)
            return
        check.check_outlet_names(node_id, [v.name for v in config.variants], reserved=set())
        total = sum(v.percent for v in config.variants)
        if total != 100:
            check.add("split_percent_sum", node_id, total=total)

    def describe(self, config: Any, lang: str, catalog: Catalog) -> str:
        holdout = " (对照)" if is_zh(lang) else " (holdout)"
        return " · ".join(f"{v.name} {v.percent}%{holdout if v.holdout else ''}"
                          for v in config.variants)


SPLIT = register(Split())
