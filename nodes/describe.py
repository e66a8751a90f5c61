"""Plain-language one-line summaries of nodes, conditions and journeys (zh_CN, en)."""
from __future__ import annotations

from typing import Any

from .catalog import STANDARD_CATALOG, Catalog
from .conditions import (
    AllCondition,
    AnyCondition,
    AttributeCondition,
    CountOp,
    EventCondition,
    NotCondition,
    Op,
)
from .configs import (
    DurationWait,
    EventTrigger,
    ForEventWait,
    KeyDateTrigger,
    RecurringTrigger,
    ScheduleTrigger,
    UntilDateWait,
    UntilTimeWait,
)
from .cron import describe_cron
from .durations import Duration
from .journey import Journey
from .kinds import NodeKind

__all__ = [
    "CHANNEL_LABELS",
    "channel_label",
    "describe_condition",
    "describe_config",
    "describe_cron",
    "describe_journey",
    "describe_node",
]

CHANNEL_LABELS = {
    "sms": ("短信", "SMS"), "push": ("推送", "Push"), "email": ("邮件", "Email"),
    "in_app": ("站内信", "In-app"), "wechat": ("微信", "WeChat"), "call": ("外呼", "Call"),
    "crm_lead": ("客户经理线索", "CRM lead"),
}
BENEFIT_LABELS = {
    "points": ("积分", "points"), "coupon": ("优惠券", "coupon"),
    "trial_fund": ("理财体验金", "trial fund"), "cash_bonus": ("现金红包", "cash bonus"),
    "gift": ("礼品", "gift"),
}
_OPS = {
    Op.eq: ("=", "="), Op.ne: ("≠", "≠"), Op.lt: ("<", "<"), Op.lte: ("≤", "≤"),
    Op.gt: (">", ">"), Op.gte: ("≥", "≥"), Op.contains: ("包含", "contains"),
    Op.starts_with: ("开头是", "starts with"), Op.in_: ("属于", "is one of"),
    Op.not_in: ("不属于", "is none of"),
}
_COUNT_OPS = {
    CountOp.eq: ("恰好", "exactly"), CountOp.ne: ("不是", "not"), CountOp.lt: ("少于", "fewer than"),
    CountOp.lte: ("至多", "at most"), CountOp.gt: ("多于", "more than"),
    CountOp.gte: ("至少", "at least"),
}
_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _zh(lang: str) -> bool:
    return lang.startswith("zh")


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if _zh(lang) else pair[1]


def channel_label(channel: str, lang: str = "en") -> str:
    return _pick(CHANNEL_LABELS.get(channel, (channel, channel)), lang)


def _value(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return ("是" if value else "否") if _zh(lang) else ("yes" if value else "no")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return ("、" if _zh(lang) else ", ").join(_value(v, lang) for v in value)
    if isinstance(value, dict) and {"amount", "unit"} <= set(value):
        return Duration.model_validate(value).describe(lang)
    return str(value)


def _attribute(leaf: AttributeCondition, lang: str, catalog: Catalog) -> str:
    name = catalog.attribute_label(leaf.attribute, lang)
    zh, op, value = _zh(lang), leaf.op, leaf.value
    if op == Op.is_set:
        return f"{name}已填写" if zh else f"{name} is set"
    if op == Op.is_not_set:
        return f"{name}未填写" if zh else f"{name} is not set"
    if op == Op.between and isinstance(value, list) and len(value) == 2:
        low, high = _value(value[0], lang), _value(value[1], lang)
        return f"{name}介于 {low} 与 {high} 之间" if zh else f"{name} between {low} and {high}"
    if op in (Op.within_last, Op.within_next):
        span = _value(value, lang)
        if op == Op.within_last:
            return f"{name}在过去 {span}内" if zh else f"{name} within the last {span}"
        return f"{name}在未来 {span}内" if zh else f"{name} within the next {span}"
    symbol = _pick(_OPS.get(op, (op.value, op.value)), lang)
    return f"{name} {symbol} {_value(value, lang)}"


def _event(leaf: EventCondition, lang: str, catalog: Catalog) -> str:
    zh = _zh(lang)
    name = catalog.event_label(leaf.event, lang)
    if leaf.where:
        detail = ("且" if zh else " and ").join(_attribute(w, lang, catalog) for w in leaf.where)
        name = f"{name}（{detail}）" if zh else f"{name} ({detail})"
    if leaf.within == "since_entry":
        span = "自进入以来" if zh else "since entry"
    elif isinstance(leaf.within, Duration):
        span = f"近 {leaf.within.describe(lang)}内" if zh else f"in the last {leaf.within.describe(lang)}"
    else:
        span = "" if zh else "ever"
    count = leaf.count
    if leaf.means_did_not:
        return f"{span}未{name}" if zh else f"no {name} {span}"
    if count.op == CountOp.gte and count.value == 1:
        return f"{span}有{name}" if zh else f"{name} {span}"
    times = _pick(_COUNT_OPS[count.op], lang)
    return (f"{span}{name}{times} {count.value} 次" if zh
            else f"{name} {times} {count.value} times {span}")


def describe_condition(condition: Any, lang: str = "en", catalog: Catalog = STANDARD_CATALOG,
                       nested: bool = False) -> str:
    zh = _zh(lang)
    if isinstance(condition, AttributeCondition):
        return _attribute(condition, lang, catalog)
    if isinstance(condition, EventCondition):
        return _event(condition, lang, catalog).strip()
    if isinstance(condition, NotCondition):
        inner = describe_condition(condition.not_, lang, catalog, nested=True)
        return f"非（{inner}）" if zh else f"not ({inner})"
    if isinstance(condition, (AllCondition, AnyCondition)):
        items = condition.all if isinstance(condition, AllCondition) else condition.any
        if not items:
            return "所有客户" if zh else "everyone"
        glue = (" 且 " if zh else " and ") if isinstance(condition, AllCondition) else (
            " 或 " if zh else " or ")
        text = glue.join(describe_condition(c, lang, catalog, nested=True) for c in items)
        return f"（{text}）" if nested and len(items) > 1 and zh else (
            f"({text})" if nested and len(items) > 1 else text)
    return str(condition)


def _instant(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def _trigger(config: Any, lang: str, catalog: Catalog) -> str:
    zh = _zh(lang)
    if isinstance(config, EventTrigger):
        name = catalog.event_label(config.event, lang) if config.event else "?"
        text = f"{name}时进入" if zh else f"Enters on {name}"
    elif isinstance(config, ScheduleTrigger):
        text = f"{_instant(config.at)} 进入" if zh else f"Enters once at {_instant(config.at)}"
    elif isinstance(config, RecurringTrigger):
        text = describe_cron(config.cron, lang) + (" 进入" if zh else ": enters")
    elif isinstance(config, KeyDateTrigger):
        attr = catalog.attribute_label(config.attribute, lang) if config.attribute else "?"
        days = config.offset_days
        if zh:
            when = "当天" if days == 0 else (f"前 {-days} 天" if days < 0 else f"后 {days} 天")
            text = f"{'每年' if config.yearly else ''}{attr}{when} {config.time} 进入"
        else:
            when = ("on" if days == 0 else
                    f"{-days} days before" if days < 0 else f"{days} days after")
            text = f"Enters {when} {attr} at {config.time}" + (", every year" if config.yearly else "")
    else:
        text = ""
    if config.audience is not None:
        audience = describe_condition(config.audience, lang, catalog)
        text += f"，客群：{audience}" if zh else f"; audience: {audience}"
    return text


def _wait(config: Any, lang: str, catalog: Catalog) -> str:
    zh = _zh(lang)
    if isinstance(config, DurationWait):
        if config.duration is None:
            return "等待（未设置时长）" if zh else "Wait (no duration yet)"
        return f"等待 {config.duration.describe(lang)}" if zh else f"Wait {config.duration.describe(lang)}"
    if isinstance(config, UntilTimeWait):
        days = ""
        if config.weekdays:
            if zh:
                days = "（周" + "、".join(_WEEKDAYS_ZH[d - 1] for d in sorted(config.weekdays)) + "）"
            else:
                days = " (" + ", ".join(_WEEKDAYS_EN[d - 1] for d in sorted(config.weekdays)) + ")"
        return f"等到 {config.time}{days}" if zh else f"Wait until {config.time}{days}"
    if isinstance(config, UntilDateWait):
        return f"等到 {_instant(config.at)}" if zh else f"Wait until {_instant(config.at)}"
    if isinstance(config, ForEventWait):
        name = catalog.event_label(config.event, lang) if config.event else "?"
        span = config.timeout.describe(lang) if config.timeout else "?"
        return f"最多等待 {span}，直到{name}" if zh else f"Wait up to {span} for {name}"
    return ""


def describe_config(kind: str, config: Any, lang: str = "en",
                    catalog: Catalog = STANDARD_CATALOG) -> str:
    """A one-line summary of what a node with this config does."""
    zh, kind = _zh(lang), NodeKind(kind)
    if kind == NodeKind.trigger:
        return _trigger(config, lang, catalog)
    if kind == NodeKind.wait:
        return _wait(config, lang, catalog)
    if kind == NodeKind.filter:
        text = describe_condition(config.condition, lang, catalog)
        return f"仅保留：{text}" if zh else f"Keep only: {text}"
    if kind == NodeKind.branch:
        names = [p.name for p in config.paths]
        return (f"{len(names)} 条路径：" + "、".join(names) + "，其余走「其他情况」" if zh
                else f"{len(names)} paths: " + ", ".join(names) + ", others: Otherwise")
    if kind == NodeKind.split:
        holdout = " (对照)" if zh else " (holdout)"
        return " · ".join(f"{v.name} {v.percent}%{holdout if v.holdout else ''}"
                          for v in config.variants)
    if kind == NodeKind.touch:
        channel = channel_label(config.channel, lang)
        text = (config.title or config.subject or config.template).strip().replace("\n", " ")
        if len(text) > 24:
            text = text[:23] + "…"
        return f"{channel}：{text}" if zh else f"{channel}: {text}"
    if kind == NodeKind.reward:
        benefit = _pick(BENEFIT_LABELS.get(config.benefit, (config.benefit, config.benefit)), lang)
        amount = _value(config.amount, lang)
        return f"发放 {amount} {benefit}" if zh else f"Grant {amount} {benefit}"
    if kind == NodeKind.update:
        parts = [f"{catalog.attribute_label(k, lang)} = {_value(v, lang)}"
                 for k, v in config.set.items()]
        if config.add_tags:
            parts.append(("添加标签 " if zh else "add tags ") + _value(config.add_tags, lang))
        if config.remove_tags:
            parts.append(("移除标签 " if zh else "remove tags ") + _value(config.remove_tags, lang))
        body = ("；" if zh else "; ").join(parts) or ("无变化" if zh else "no change")
        return f"更新：{body}" if zh else f"Update: {body}"
    return ""


def describe_node(journey: Journey, node_id: str, lang: str = "en",
                  catalog: Catalog = STANDARD_CATALOG) -> str:
    return describe_config(journey.kind(node_id), journey.config(node_id), lang, catalog)


def describe_journey(journey: Journey, lang: str = "en",
                     catalog: Catalog = STANDARD_CATALOG) -> str:
    """One line: who enters and when (with the first breakpoint wait folded in),
    then the goal. E.g. "注册后 2 小时内未进入开户页；目标：14 天内首次入金"."""
    zh = _zh(lang)
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
            parts.append(_trigger(config, lang, catalog))
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
