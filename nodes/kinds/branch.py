"""Branch: each customer takes the first path whose condition holds, else `else`."""
from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from ..catalog import Catalog
from ..conditions import AllCondition, Condition, NotCondition, always, attributes_of
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
        "path_without_condition": (
            "分支路径「{outlet}」还没有条件：请添加条件，否则所有客户都走这条路径",
            "Path '{outlet}' has no condition yet: add one, or every customer takes this path"),
    }

    def default_config(self) -> Any:
        return self.proposed_config("zh_CN")

    def proposed_config(self, lang: str) -> Any:
        # No made-up condition (e.g. AUM ≥ 0): the path asks to be completed instead.
        # Named as the editor names the paths added after it ("Path 2" / "路径2").
        return BranchConfig(paths=[BranchPath(name="路径1" if is_zh(lang) else "Path 1")])

    def outlets(self, config: Any) -> list[str]:
        return [p.name for p in config.paths] + [ELSE]

    def optional_outlets(self, config: Any) -> set[str]:
        return {ELSE}

    def check_outlets(self, check: Checks, node_id: str, config: Any,
                      connected: set[str]) -> None:
        for path in config.paths:
            if path.name not in connected:
                check.add("path_leads_nowhere", node_id, "warning", outlet=path.name)

    def conditions_by_outlet(self, config: Any) -> list[tuple[str, Any]]:
        """A customer takes the first path that matches (§3): a path holds those
        matching it and no path above it; `else` those matching none."""
        found, earlier = [], []
        for path in config.paths:
            found.append((path.name, AllCondition(all=[*earlier, path.condition])
                          if earlier else path.condition))
            earlier.append(NotCondition(not_=path.condition))
        found.append((ELSE, AllCondition(all=earlier)))
        return found

    def attributes_read(self, config: Any) -> set[str]:
        return set().union(*(attributes_of(p.condition) for p in config.paths))

    def validate(self, check: Checks, node_id: str, config: Any) -> None:
        if not config.paths:
            check.add("branch_no_paths", node_id)
        check.check_outlet_names(node_id, [p.name for p in config.paths], reserved={ELSE})
        for path in config.paths:
            check.check_condition(node_id, path.condition)
            if isinstance(path.condition, AllCondition) and not path.condition.all:
                check.add("path_without_condition", node_id, "warning", outlet=path.name)

    def describe(self, config: Any, lang: str, catalog: Catalog) -> str:
        names = [p.name for p in config.paths]
        if not names:
            return ("还没有路径：所有客户走「其他情况」" if is_zh(lang)
                    else "No paths yet: every customer goes Otherwise")
        if is_zh(lang):
            return f"{len(names)} 条路径：" + "、".join(names) + "，其余走「其他情况」"
        paths = "1 path" if len(names) == 1 else f"{len(names)} paths"
        return f"{paths}: " + ", ".join(names) + ", others: Otherwise"


BRANCH = register(Branch())
