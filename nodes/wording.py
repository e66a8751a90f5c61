"""Plain-language pieces every kind's reading is made of (zh_CN, en): values,
conditions, instants. Kinds phrase themselves with these; `describe` strings
whole journeys together."""
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
from .durations import Duration

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


def is_zh(lang: str) -> bool:
    return lang.startswith("zh")


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if is_zh(lang) else pair[1]


def value_text(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return ("是" if value else "否") if is_zh(lang) else ("yes" if value else "no")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return ("、" if is_zh(lang) else ", ").join(value_text(v, lang) for v in value)
    if isinstance(value, dict) and {"amount", "unit"} <= set(value):
        return Duration.model_validate(value).describe(lang)
    return str(value)


def _attribute(leaf: AttributeCondition, lang: str, catalog: Catalog) -> str:
    name = catalog.attribute_label(leaf.attribute, lang)
    zh, op, value = is_zh(lang), leaf.op, leaf.value
    if op == Op.is_set:
        return f"{name}已填写" if zh else f"{name} is set"
    if op == Op.is_not_set:
        return f"{name}未填写" if zh else f"{name} is not set"
    if op == Op.between and isinstance(value, list) and len(value) == 2:
        low, high = value_text(value[0], lang), value_text(value[1], lang)
        return f"{name}介于 {low} 与 {high} 之间" if zh else f"{name} between {low} and {high}"
    if op in (Op.within_last, Op.within_next):
        span = value_text(value, lang)
        if op == Op.within_last:
            return f"{name}在过去 {span}内" if zh else f"{name} within the last {span}"
        return f"{name}在未来 {span}内" if zh else f"{name} within the next {span}"
    symbol = pick(_OPS.get(op, (op.value, op.value)), lang)
    return f"{name} {symbol} {value_text(value, lang)}"


def _event(leaf: EventCondition, lang: str, catalog: Catalog) -> str:
    zh = is_zh(lang)
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
    times = pick(_COUNT_OPS[count.op], lang)
    # "Fewer than 3 times" includes customers who never did it: say so.
    zero = ("（含 0 次）" if zh else " (including none)") if count.includes_zero else ""
    return (f"{span}{name}{times} {count.value} 次{zero}" if zh
            else f"{name} {times} {count.value} times{zero} {span}")


def describe_condition(condition: Any, lang: str = "en", catalog: Catalog = STANDARD_CATALOG,
                       nested: bool = False) -> str:
    zh = is_zh(lang)
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


def instant_text(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M")
