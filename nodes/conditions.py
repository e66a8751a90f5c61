"""The condition tree of journey-semantics §2.

A condition is a tree of `all` / `any` / `not` groups over attribute leaves
(`{"attribute", "op", "value"}`) and event leaves (`{"event", "where",
"count", "within"}`). Values are data only: the runtime compiles them to SQL
with bound parameters, nothing here is ever evaluated as code.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    NonNegativeInt,
    Tag,
    TypeAdapter,
)

from .catalog import AttrType
from .durations import Duration

MAX_DEPTH = 32
"""Deepest condition tree: a leaf is 1 deep, `{"not": leaf}` 2. SQL compilers
have parser stacks (SQLite overflows near 40 nested NOTs)."""
MAX_PARTS = 100
"""Most parts of one condition or one `where` list: each group, each leaf,
each leaf of an event's `where` and each value of a list value counts. SQLite
refuses expressions a few hundred terms long."""
MAX_NUMBER = 10**15
"""Largest number (either sign) in a condition value, or in an update's `set`,
and the largest event count: beyond it SQL integers overflow."""


class Op(StrEnum):
    eq = "eq"
    ne = "ne"
    lt = "lt"
    lte = "lte"
    gt = "gt"
    gte = "gte"
    between = "between"
    in_ = "in"
    not_in = "not_in"
    contains = "contains"
    starts_with = "starts_with"
    is_set = "is_set"
    is_not_set = "is_not_set"
    within_last = "within_last"
    within_next = "within_next"


class CountOp(StrEnum):
    eq = "eq"
    ne = "ne"
    lt = "lt"
    lte = "lte"
    gt = "gt"
    gte = "gte"


_PRESENCE = (Op.is_set, Op.is_not_set)
_ORDER = (Op.eq, Op.ne, Op.lt, Op.lte, Op.gt, Op.gte, Op.between)
OPS_BY_TYPE: dict[AttrType, tuple[Op, ...]] = {
    AttrType.string: (Op.eq, Op.ne, Op.in_, Op.not_in, Op.contains, Op.starts_with, *_PRESENCE),
    AttrType.number: (*_ORDER, Op.in_, Op.not_in, *_PRESENCE),
    AttrType.bool: (Op.eq, Op.ne, *_PRESENCE),
    AttrType.date: (*_ORDER, Op.within_last, Op.within_next, *_PRESENCE),
    AttrType.datetime: (*_ORDER, Op.within_last, Op.within_next, *_PRESENCE),
    AttrType.tags: (Op.contains, Op.in_, Op.not_in, *_PRESENCE),
}


class _Leaf(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)


class AttributeCondition(_Leaf):
    attribute: str
    op: Op
    value: Any = None


class Count(_Leaf):
    op: CountOp = CountOp.gte
    value: NonNegativeInt = 1

    @property
    def includes_zero(self) -> bool:
        return count_includes_zero(self.op, self.value)


def count_includes_zero(op: CountOp | str, value: int) -> bool:
    """Whether a customer who never did the event (0 times) has `op value` times:
    "fewer than 3" does, "at least 1" does not."""
    return {"eq": value == 0, "ne": value != 0, "lt": value > 0, "lte": value >= 0,
            "gt": value < 0, "gte": value <= 0}[str(getattr(op, "value", op))]


class EventCondition(_Leaf):
    event: str
    where: list[AttributeCondition] = Field(default_factory=list)
    count: Count = Field(default_factory=Count)
    # None: any time up to the decision instant.
    within: Duration | Literal["since_entry"] | None = None

    @property
    def means_did_not(self) -> bool:
        return self.count.op == CountOp.eq and self.count.value == 0


class AllCondition(_Leaf):
    all: list[Condition]


class AnyCondition(_Leaf):
    any: list[Condition]


class NotCondition(_Leaf):
    not_: Condition = Field(alias="not")


_TAG_KEYS = ("all", "any", "not", "event", "attribute")
_TAG_CLASSES = {
    AllCondition: "all",
    AnyCondition: "any",
    NotCondition: "not",
    EventCondition: "event",
    AttributeCondition: "attribute",
}


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return next((k for k in _TAG_KEYS if k in value), None)
    return _TAG_CLASSES.get(type(value))


Condition = Annotated[
    Annotated[AllCondition, Tag("all")] | Annotated[AnyCondition, Tag("any")] | Annotated[NotCondition, Tag("not")] | Annotated[EventCondition, Tag("event")] | Annotated[AttributeCondition, Tag("attribute")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="a condition needs one of the keys all, any, not, event, attribute",
    ),
]

for _model in (AllCondition, AnyCondition, NotCondition):
    _model.model_rebuild()

CONDITION_ADAPTER: TypeAdapter[Any] = TypeAdapter(Condition)


def parse_condition(data: Any) -> Any:
    return CONDITION_ADAPTER.validate_python(data)


def dump_condition(condition: Any) -> dict:
    return CONDITION_ADAPTER.dump_python(condition, mode="json", by_alias=True)


def always() -> AllCondition:
    """The empty `all` group: true for everyone."""
    return AllCondition(all=[])


def children(condition: Any) -> list:
    if isinstance(condition, AllCondition):
        return list(condition.all)
    if isinstance(condition, AnyCondition):
        return list(condition.any)
    if isinstance(condition, NotCondition):
        return [condition.not_]
    return []


def leaves(condition: Any) -> Iterator[AttributeCondition | EventCondition]:
    """Every attribute and event leaf of a tree (not the `where` of events)."""
    if isinstance(condition, (AttributeCondition, EventCondition)):
        yield condition
        return
    for child in children(condition):
        yield from leaves(child)


def attributes_of(condition: Any) -> set[str]:
    """The customer attributes a condition reads (an event's `where` reads the
    event's properties, not the customer's)."""
    if condition is None:
        return set()
    return {leaf.attribute for leaf in leaves(condition) if isinstance(leaf, AttributeCondition)}


def depth(condition: Any) -> int:
    """Levels of the tree (a leaf is 1), without recursion: any depth is safe."""
    deepest, stack = 0, [(condition, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children(node))
    return deepest


def parts(condition: Any) -> int:
    """How many parts count against MAX_PARTS (see there)."""
    total, stack = 0, [condition]
    while stack:
        node = stack.pop()
        total += 1
        if isinstance(node, EventCondition):
            total += where_parts(node.where)
        elif isinstance(node, AttributeCondition) and isinstance(node.value, list):
            total += max(len(node.value) - 1, 0)
        stack.extend(children(node))
    return total


def where_parts(where: list[AttributeCondition]) -> int:
    return sum(1 + (max(len(w.value) - 1, 0) if isinstance(w.value, list) else 0)
               for w in where)


def number_in_range(value: Any) -> bool:
    """Not a number, or a finite one within ±MAX_NUMBER."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True
    return math.isfinite(value) and abs(value) <= MAX_NUMBER


def value_problem(leaf: AttributeCondition) -> str | None:
    """Why a leaf's value does not fit its operator, or None (English, for messages)."""
    op, value = leaf.op, leaf.value
    values = value if isinstance(value, list) else [value]
    if not all(number_in_range(v) for v in values):
        return NUMBER_RANGE
    if op in _PRESENCE:
        return None
    if op == Op.between:
        if not (isinstance(value, list) and len(value) == 2):
            return "between needs two values [low, high]"
        low, high = value
        if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
            return "the first value of between must not exceed the second"
        return None
    if op in (Op.in_, Op.not_in):
        if not isinstance(value, list) or not value:
            return "needs a non-empty list of values"
        return None
    if op in (Op.within_last, Op.within_next):
        try:
            duration = Duration.model_validate(value)
        except ValueError:
            return "needs a duration {amount, unit}"
        return None if duration.in_range else "the duration must be at most 10 years"
    if value is None or value == "":
        return "needs a value"
    return None


def value_type_problem(leaf: AttributeCondition, type_: AttrType) -> str | None:
    """Why a leaf's value cannot be read as its attribute's type, or None."""
    if leaf.op in _PRESENCE or leaf.op in (Op.within_last, Op.within_next):
        return None
    values = leaf.value if isinstance(leaf.value, list) else [leaf.value]
    for value in values:
        if value is None or value == "":
            continue  # value_problem says what is missing
        problem = scalar_type_problem(value, type_)
        if problem:
            return problem
    return None


def scalar_type_problem(value: Any, type_: AttrType) -> str | None:
    """Why one value cannot be read as `type_` (as the runtime reads it), or None."""
    if type_ == AttrType.number and not _is_number(value):
        return "needs a number"
    if type_ == AttrType.bool and not isinstance(value, bool):
        return "needs true or false"
    if type_ == AttrType.date and not _is_date(value):
        return "needs a date like 2026-01-31"
    if type_ == AttrType.datetime and not _is_instant(value):
        return "needs a date like 2026-01-31"
    if type_ == AttrType.tags and not isinstance(value, str):
        return "needs a tag name"
    return None


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return False
    return math.isfinite(number) and abs(number) <= MAX_NUMBER


def _is_date(value: Any) -> bool:
    """Text starting with an ISO date (the runtime reads its first 10 characters)."""
    if isinstance(value, date):
        return True
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value[:10])
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_instant(value: Any) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_in_range(value)  # epoch seconds
    if not isinstance(value, str | datetime):
        return False
    try:
        datetime.fromisoformat(str(value)).timestamp()
    except (ValueError, OverflowError, OSError):
        return False
    return True


NUMBER_RANGE = "numbers must be within ±10^15"

# The reasons of value_problem and value_type_problem in Chinese, for messages.
VALUE_PROBLEMS_ZH = {
    NUMBER_RANGE: "数字必须在 ±10^15 以内",
    "the duration must be at most 10 years": "时长不能超过 10 年",
    "needs a tag name": "需要一个标签名称",
    "needs a list of tag names": "需要一组标签名称",
    "needs a single value": "需要单个值",
    "needs a number": "需要一个数字",
    "needs true or false": "需要「是」或「否」",
    "needs a date like 2026-01-31": "需要一个日期，例如 2026-01-31",
    "between needs two values [low, high]": "「介于」需要两个值（下限、上限）",
    "the first value of between must not exceed the second": "「介于」的下限不能大于上限",
    "needs a non-empty list of values": "需要至少一个值",
    "needs a duration {amount, unit}": "需要一个时长（数值和单位）",
    "needs a value": "需要填写一个值",
}
