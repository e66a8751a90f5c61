"""Plain-language one-line summaries of nodes, conditions and journeys (zh_CN, en).

A node reads itself (`Kind.describe`); this module strings a whole journey
together and re-exports the shared pieces."""
from __future__ import annotations

from typing import Any

from .catalog import STANDARD_CATALOG, Catalog
from .cron import describe_cron
from .journey import Journey
from .kinds import kind_of
from .kinds.touch import CHANNEL_LABELS, channel_label
from .kinds.trigger import EventTrigger
from .kinds.wait import ForEventWait
from .wording import describe_condition, is_zh

__all__ = [
    "CHANNEL_LABELS",
    "channel_label",
    "describe_condition",
    "describe_config",
    "describe_cron",
    "describe_journey",
    "describe_node",
]


def describe_config(kind: str, config: Any, lang: str = "en",
                    catalog: Catalog = STANDARD_CATALOG) -> str:
    """A one-line summary of what a node with this config does."""
    return kind_of(kind).describe(config, lang, catalog)


def describe_node(journey: Journey, node_id: str, lang: str = "en",
                  catalog: Catalog = STANDARD_CATALOG) -> str:
    return describe_config(journey.kind(node_id), journey.config(node_id), lang, catalog)


def describe_journey(journey: Journey, lang: str = "en",
                     catalog: Catalog = STANDARD_CATALOG) -> str:
    """One line: who enters and when (with the first breakpoint wait folded in),
    then the goal. E.g. "注册后 2 小时内未进入开户页；目标：14 天内首次入金"."""
    zh = is_zh(lang)
    parts = []
    for trigger in journey.triggers():
        config = journey.config(trigger)
        following = journey.edge_from(trigger, "next")
        wait = journey.config(following) if following else None
        if (isinstance(config, EventTrigger) and isinstance(wait, ForEventWait)
                and wait.timeout is not None and journey.edge_from(following, "timeout")):
            first = catalog.event_label(config.event, lang)
            second = catalog.event_label(wait.event, lang)
            span = wait.timeout.describe(lang)
            parts.append(f"{first}后 {span}内未{second}" if zh
                         else f"{first}, then no {second} within {span}")
        else:
            parts.append(describe_config("trigger", config, lang, catalog))
    if not parts:
        parts.append("尚无触发节点" if zh else "No trigger yet")
    text = ("；" if zh else "; ").join(parts)
    goal = journey.meta.goal
    if goal is not None:
        name = catalog.event_label(goal.event, lang)
        span = goal.within.describe(lang) if goal.within else ""
        text += (f"；目标：{span}内{name}" if zh and span else f"；目标：{name}" if zh
                 else f"; goal: {name}" + (f" within {span}" if span else ""))
    return text
