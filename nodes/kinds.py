"""The closed set of node kinds: what each node *is* and which outlets it has."""
from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from .configs import (
    BranchConfig,
    FilterConfig,
    ForEventWait,
    RewardConfig,
    SplitConfig,
    TouchConfig,
    TriggerConfig,
    UpdateConfig,
    WaitConfig,
    default_configs,
)


class NodeKind(StrEnum):
    trigger = "trigger"
    filter = "filter"
    wait = "wait"
    branch = "branch"
    split = "split"
    touch = "touch"
    reward = "reward"
    update = "update"


NEXT, REJECTED, EXHAUSTED, ELSE, EVENT, TIMEOUT = (
    "next", "rejected", "exhausted", "else", "event", "timeout",
)

KIND_LABELS = {
    NodeKind.trigger: ("触发", "Trigger"),
    NodeKind.filter: ("筛选", "Filter"),
    NodeKind.wait: ("等待", "Wait"),
    NodeKind.branch: ("分支", "Branch"),
    NodeKind.split: ("分流", "Split"),
    NodeKind.touch: ("触达", "Touch"),
    NodeKind.reward: ("权益", "Reward"),
    NodeKind.update: ("更新属性", "Update"),
}


def kind_label(kind: str, lang: str = "en") -> str:
    zh, en = KIND_LABELS[NodeKind(kind)]
    return zh if lang.startswith("zh") else en


class _NodeBase(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    id: Annotated[str, Field(min_length=1)]
    label: str = ""
    position: tuple[float, float] = (0.0, 0.0)


class TriggerNode(_NodeBase):
    kind: Literal["trigger"]
    config: TriggerConfig


class FilterNode(_NodeBase):
    kind: Literal["filter"]
    config: FilterConfig


class WaitNode(_NodeBase):
    kind: Literal["wait"]
    config: WaitConfig


class BranchNode(_NodeBase):
    kind: Literal["branch"]
    config: BranchConfig


class SplitNode(_NodeBase):
    kind: Literal["split"]
    config: SplitConfig


class TouchNode(_NodeBase):
    kind: Literal["touch"]
    config: TouchConfig


class RewardNode(_NodeBase):
    kind: Literal["reward"]
    config: RewardConfig


class UpdateNode(_NodeBase):
    kind: Literal["update"]
    config: UpdateConfig


Node = Annotated[
    TriggerNode | FilterNode | WaitNode | BranchNode | SplitNode | TouchNode | RewardNode | UpdateNode,
    Field(discriminator="kind"),
]
NODE_ADAPTER: TypeAdapter[Any] = TypeAdapter(Node)

CONFIG_TYPES: dict[NodeKind, Any] = {
    NodeKind.trigger: TriggerConfig,
    NodeKind.filter: FilterConfig,
    NodeKind.wait: WaitConfig,
    NodeKind.branch: BranchConfig,
    NodeKind.split: SplitConfig,
    NodeKind.touch: TouchConfig,
    NodeKind.reward: RewardConfig,
    NodeKind.update: UpdateConfig,
}
CONFIG_ADAPTERS: dict[NodeKind, TypeAdapter[Any]] = {
    kind: TypeAdapter(type_) for kind, type_ in CONFIG_TYPES.items()
}


def parse_config(kind: str, data: Any) -> Any:
    """Validate a config (a dict or a model) for `kind`; raises pydantic.ValidationError."""
    if isinstance(data, BaseModel):
        data = dump_config(data)
    return CONFIG_ADAPTERS[NodeKind(kind)].validate_python(data)


def dump_config(config: BaseModel) -> dict:
    return config.model_dump(mode="json", by_alias=True)


def default_config(kind: str) -> Any:
    return default_configs()[NodeKind(kind).value]


def outlets(kind: str, config: Any) -> list[str]:
    """The named exits of a node, in drawing order."""
    kind = NodeKind(kind)
    if kind == NodeKind.filter:
        return [NEXT, REJECTED]
    if kind == NodeKind.wait:
        return [EVENT, TIMEOUT] if isinstance(config, ForEventWait) else [NEXT]
    if kind == NodeKind.branch:
        return [p.name for p in config.paths] + [ELSE]
    if kind == NodeKind.split:
        return [v.name for v in config.variants]
    if kind == NodeKind.reward:
        return [NEXT, EXHAUSTED]
    return [NEXT]


def optional_outlets(kind: str, config: Any) -> set[str]:
    """Outlets whose being unconnected is an ordinary end, never a lost customer."""
    kind = NodeKind(kind)
    if kind == NodeKind.filter:
        return {REJECTED}
    if kind == NodeKind.branch:
        return {ELSE}
    if kind == NodeKind.reward:
        return {EXHAUSTED}
    if kind == NodeKind.split:
        return {v.name for v in config.variants if v.holdout}
    if kind in (NodeKind.touch, NodeKind.update):
        return {NEXT}
    if kind == NodeKind.wait and isinstance(config, ForEventWait):
        return {EVENT, TIMEOUT}  # checked together: at least one must lead on
    return set()
