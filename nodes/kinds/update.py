"""Update: sets customer attributes and tags; later steps of every journey see
the new values from the instant it ran (journey-semantics §4)."""
from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from ..catalog import AttrType, Catalog
from ..conditions import NUMBER_RANGE, VALUE_PROBLEMS_ZH, number_in_range, scalar_type_problem
from ..wording import is_zh, value_text
from .base import NEXT, Checks, Config, Kind, Messages, register


class UpdateConfig(Config):
    set: dict[str, Any] = Field(default_factory=dict)
    add_tags: list[str] = Field(default_factory=list)
    remove_tags: list[str] = Field(default_factory=list)


class Update(Kind):
    name = "update"
    label_zh, label_en = "更新属性", "Update"
    priority = 80
    config_type = UpdateConfig
    messages: ClassVar[Messages] = {"update_empty": ("「{node}」没有设置任何要更新的内容", "'{node}' changes nothing")}

    def default_config(self) -> Any:
        return UpdateConfig(add_tags=[])

    def optional_outlets(self, config: Any) -> set[str]:
        return {NEXT}

    def attributes_read(self, config: Any) -> set[str]:
        return {"tags"} if config.add_tags or config.remove_tags else set()

    def attributes_written(self, config: Any) -> set[str]:
        return set(config.set) | self.attributes_read(config)

    def validate(self, check: Checks, node_id: str, config: Any) -> None:
        if not (config.set or config.add_tags or config.remove_tags):
            check.add("update_empty", node_id)
        for name, value in config.set.items():
            problem = _set_problem(check.catalog, name, value)
            if problem == "unknown":
                check.add("unknown_attribute", node_id, name=name)
            elif problem:
                check.add("condition_value_invalid", node_id, name=name,
                          reason=(VALUE_PROBLEMS_ZH.get(problem, problem), problem))

    def describe(self, config: Any, lang: str, catalog: Catalog) -> str:
        zh = is_zh(lang)
        parts = [f"{catalog.attribute_label(k, lang)} = {value_text(v, lang)}"
                 for k, v in config.set.items()]
        if config.add_tags:
            parts.append(("添加标签 " if zh else "add tags ") + value_text(config.add_tags, lang))
        if config.remove_tags:
            parts.append(("移除标签 " if zh else "remove tags ")
                         + value_text(config.remove_tags, lang))
        body = ("；" if zh else "; ").join(parts) or ("无变化" if zh else "no change")
        return f"更新：{body}" if zh else f"Update: {body}"


def _set_problem(catalog: Catalog | None, name: str, value: Any) -> str | None:
    """Why the runtime could not store `value` in attribute `name`, or None."""
    values = value if isinstance(value, list) else [value]
    if not all(number_in_range(v) for v in values):
        return NUMBER_RANGE
    if catalog is None:
        return None
    if name not in catalog.attributes:
        return "unknown"
    type_ = catalog.attributes[name].type
    if value is None:
        return None  # clears it
    if type_ == AttrType.tags:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else "needs a list of tag names"
    if isinstance(value, list | dict):
        return "needs a single value"
    return None if type_ == AttrType.string else scalar_type_problem(value, type_)


UPDATE = register(Update())
