"""Branch: each customer takes the first path whose condition holds, else `else`."""
from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from ..catalog import Catalog
from ..conditions import AttributeCondition, Condition, Op, always, attributes_of
from ..wording import is_zh
from .base import ELSE, Checks, Config, Kind, Messages, register


class BranchPath(Config):
    name: str
    condition: Condition = Field(default_factory=always)


class BranchConfig(Config):
    paths: list[BranchPath]


class Branch(Kind):
    name = "branch"
    label_zh, label_en = "分支", "Branch"
    priority = 40
    config_type = BranchConfig
    messages: ClassVar[Messages] = {
        "branch_no_paths": ("分支「{node}」没有任何路径", "The branch '{node}' has no paths"),
        "path_leads_nowhere": ("分支「{outlet}」没有连接下一步",
                               "Path '{outlet}' of the branch leads nowhere"),
    }

    def default_config(self) -> Any:
        first = AttributeCondition(attribute="aum", op=Op.gte, value=0)
        return BranchConfig(paths=[BranchPath(name="路径1", condition=first)])

    def outlets(self, config: Any) -> list[str]:
        return [p.name for p in config.paths] + [ELSE]

    def optional_outlets(self, config: Any) -> set[str]:
        return {ELSE}

    def check_outlets(self, check: Checks, node_id: str, config: Any,
                      connected: set[str]) -> None:
        for path in config.paths:
            if path.name not in connected:
                check.add("path_leads_nowhere", node_id, "warning", outlet=path.name)

    def attributes_read(self, config: Any) -> set[str]:
        return set().union(*(attributes_of(p.condition) for p in config.paths))

    def validate(self, check: Checks, node_id: str, config: Any) -> None:
        if not config.paths:
            check.add("branch_no_paths", node_id)
        check.check_outlet_names(node_id, [p.name for p in config.paths], reserved={ELSE})
        for path in config.paths:
            check.check_condition(node_id, path.condition)

    def describe(self, config: Any, lang: str, catalog: Catalog) -> str:
        names = [p.name for p in config.paths]
        if is_zh(lang):
            return f"{len(names)} 条路径：" + "、".join(names) + "，其余走「其他情况」"
        return f"{len(names)} paths: " + ", ".join(names) + ", others: Otherwise"


BRANCH = register(Branch())
