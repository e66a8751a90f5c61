"""Conditions in plain Python: the reference's reading of journey-semantics §2,
one customer at a time, written for clarity rather than speed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from nodes.catalog import AttrType, Catalog
from nodes.conditions import (
    AllCondition,
    AnyCondition,
    AttributeCondition,
    EventCondition,
    NotCondition,
    Op,
)
from nodes.durations import Duration
from runtime.compile import fixed_offset, infer_type, typed_value


@dataclass
class Scope:
    catalog: Catalog
    attrs: dict[str, Any]
    events: list[tuple[str, int, dict]]  # (name, ts, properties), sorted by ts
    at: int
    entered_at: int
    tz: str


def holds(cond: Any, s: Scope) -> bool:
    if isinstance(cond, AllCondition):
        return all(holds(c, s) for c in cond.all)
    if isinstance(cond, AnyCondition):
        return any(holds(c, s) for c in cond.any)
    if isinstance(cond, NotCondition):
        return not holds(cond.not_, s)
    if isinstance(cond, EventCondition):
        n = sum(1 for name, ts, props in s.events if name == cond.event and ts <= s.at
                and _in_window(cond, ts, s) and props_match(cond.event, cond.where, props, s))
        v = cond.count.value
        return {"eq": n == v, "ne": n != v, "lt": n < v, "lte": n <= v, "gt": n > v,
                "gte": n >= v}[cond.count.op.value]
    kind = s.catalog.attributes[cond.attribute].type
    return leaf_holds(kind, cond.op, cond.value, s.attrs.get(cond.attribute), s)


def _in_window(cond: EventCondition, ts: int, s: Scope) -> bool:
    if cond.within == "since_entry":
        return ts > s.entered_at
    if cond.within is not None:
        return ts > s.at - cond.within.seconds
    return True


def props_match(event: str, where: list[AttributeCondition], props: dict, s: Scope) -> bool:
    defs = s.catalog.events.get(event)
    for leaf in where:
        kind = (defs.properties.get(leaf.attribute) if defs else None) or infer_type(leaf.value)
        raw = props.get(leaf.attribute)
        if raw is not None and kind == AttrType.number:
            raw = float(raw)
        if not leaf_holds(kind, leaf.op, leaf.value, raw, s):
            return False
    return True


def _local_date(epoch: int, tz: str) -> date:
    return datetime.fromtimestamp(epoch + fixed_offset(tz), UTC).date()


def leaf_holds(kind: AttrType, op: Op, value: Any, actual: Any, s: Scope) -> bool:
    missing = actual is None or (kind == AttrType.string and actual == "") or (
        kind == AttrType.tags and not actual)
    if op == Op.is_set:
        return not missing
    if op == Op.is_not_set:
        return missing
    if kind == AttrType.tags:
        wanted = value if isinstance(value, list) else [value]
        hit = any(str(t) in (actual or []) for t in wanted)
        return not hit if op == Op.not_in else hit
    if actual is None:
        return False
    if op in (Op.within_last, Op.within_next):
        secs = Duration.model_validate(value).seconds
        if kind == AttrType.datetime:
            return (s.at - secs < actual <= s.at if op == Op.within_last
                    else s.at <= actual < s.at + secs)
        if op == Op.within_last:
            return _local_date(s.at - secs, s.tz) <= actual <= _local_date(s.at, s.tz)
        return _local_date(s.at, s.tz) <= actual <= _local_date(s.at + secs, s.tz)
    if op == Op.contains:
        return str(value) in actual
    if op == Op.starts_with:
        return actual.startswith(str(value))
    if op == Op.between:
        low, high = (typed_value(kind, v, s.tz) for v in value)
        return low <= actual <= high
    if op in (Op.in_, Op.not_in):
        inside = actual in [typed_value(kind, v, s.tz) for v in value]
        return inside if op == Op.in_ else not inside
    v = typed_value(kind, value, s.tz)
    return {Op.eq: actual == v, Op.ne: actual != v, Op.lt: actual < v, Op.lte: actual <= v,
            Op.gt: actual > v, Op.gte: actual >= v}[op]
