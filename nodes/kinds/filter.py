"""Filter: only customers who match go on; the others leave by `rejected`."""
from __future__ import annotations

from typing import Any

from ..catalog import Catalog
from ..conditions import Condition, always, attributes_of
from ..wording import describe_condition, is_zh
from .base import NEXT, REJECTED, Checks, Config, Kind, register


class FilterConfig(Config):
    condition: Condition


class Filter(Kind):
    name = "filter"
    label_zh, label_en = "筛选", "Filter"
    priority = 20
    config_type = FilterConfig

    def default_config(self) -> Any:
        return FilterConfig(condition=always())

    def outlets(self, config: Any) -> list[str]:
        return [NEXT, REJECTED]

    def optional_outlets(self, config: Any) -> set[str]:
        return {REJECTED}

    def ending(self, outlet: str) -> tuple[str, str | None]:
        return ("exited", "filtered") if outlet == REJECTED else ("completed", None)

    def attributes_read(self, config: Any) -> set[str]:
        return attributes_of(config.condition)

    def validate(self, check: Checks, node_id: str, config: Any) -> None:
        check.check_condition(node_id, config.condition)

    def describe(self, config: Any, lang: str, catalog: Catalog) -> str:
        text = describe_condition(config.condition, lang, catalog)
        return f"仅保留：{text}" if is_zh(lang) else f"Keep only: {text}"


FILTER = register(Filter())
