"""Conditions (journey-semantics §2) → SQLAlchemy Core boolean expressions.

Every value from a journey file becomes a bound parameter; nothing is pasted
into SQL. Attribute leaves read a `customers` table (or alias) joined by the
caller; event leaves are correlated COUNT/EXISTS subqueries on `events`,
evaluated "as of" an instant expression (`ts <= at`), so one statement can
decide a whole batch of enrollments each at its own instant.

NULL rule (shared with the reference interpreter): a leaf on a missing value
is false, except `is_not_set`, and `not_in` on tags (no tags = none of them).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Boolean,
    Float,
    Integer,
    and_,
    cast,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Text

from nodes.catalog import AttrType, Catalog
from nodes.conditions import (
    AllCondition,
    AnyCondition,
    AttributeCondition,
    CountOp,
    EventCondition,
    NotCondition,
    Op,
)
from nodes.durations import Duration

# -- portable SQL helpers ------------------------------------------------------


class json_prop(FunctionElement):
    """Text value of a top-level key of a JSON text column."""

    type = Text()
    inherit_cache = True


@compiles(json_prop, "sqlite")
def _json_prop_sqlite(element, compiler, **kw):
    col, path = list(element.clauses)
    return f"json_extract({compiler.process(col, **kw)}, {compiler.process(path, **kw)})"


@compiles(json_prop, "postgresql")
def _json_prop_pg(element, compiler, **kw):
    col, path = list(element.clauses)
    return f"(CAST({compiler.process(col, **kw)} AS jsonb) ->> {compiler.process(path, **kw)})"


def json_path_param(element_dialect_key: str, key: str) -> Any:
    return literal(key if element_dialect_key == "postgresql" else f'$."{key}"')


class text_contains(FunctionElement):
    """Case-sensitive substring test (LIKE is case-insensitive in SQLite)."""

    type = Boolean()
    inherit_cache = True


@compiles(text_contains, "sqlite")
def _contains_sqlite(element, compiler, **kw):
    hay, needle = list(element.clauses)
    return f"(instr({compiler.process(hay, **kw)}, {compiler.process(needle, **kw)}) > 0)"


@compiles(text_contains, "postgresql")
def _contains_pg(element, compiler, **kw):
    hay, needle = list(element.clauses)
    return f"(strpos({compiler.process(hay, **kw)}, {compiler.process(needle, **kw)}) > 0)"


class epoch_to_date(FunctionElement):
    """Calendar date of epoch seconds (already shifted to local time)."""

    inherit_cache = True


@compiles(epoch_to_date, "sqlite")
def _e2d_sqlite(element, compiler, **kw):
    (secs,) = list(element.clauses)
    return f"date({compiler.process(secs, **kw)}, 'unixepoch')"


@compiles(epoch_to_date, "postgresql")
def _e2d_pg(element, compiler, **kw):
    (secs,) = list(element.clauses)
    return f"CAST(to_timestamp({compiler.process(secs, **kw)}) AT TIME ZONE 'UTC' AS date)"


def fixed_offset(tz: str) -> int:
    """UTC offset (seconds) used for calendar dates of instants in set-based
    SQL. Exact for zones without DST (Asia/Shanghai); the reference uses it too."""
    return int(ZoneInfo(tz).utcoffset(datetime(2024, 1, 1)).total_seconds())


# -- value parsing (shared with the reference interpreter) ----------------------


def value_to_epoch(value: Any, tz: str) -> int:
    """A condition value (epoch number, datetime or ISO text; naive ones read
    in `tz`) as epoch seconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(tz))
    return int(moment.timestamp())


def to_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "y", "是")
    return bool(value)


def typed_value(kind: AttrType, value: Any, tz: str) -> Any:
    """A condition value converted to the attribute's Python type."""
    if value is None:
        return None
    if kind == AttrType.number:
        return float(value)
    if kind == AttrType.bool:
        return to_bool(value)
    if kind == AttrType.date:
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    if kind == AttrType.datetime:
        return value_to_epoch(value, tz)
    return str(value)


def infer_type(value: Any) -> AttrType:
    if isinstance(value, bool):
        return AttrType.bool
    if isinstance(value, (int, float)):
        return AttrType.number
    if isinstance(value, list) and value:
        return infer_type(value[0])
    return AttrType.string


# -- compilation ---------------------------------------------------------------


@dataclass
class Context:
    """Where a condition is evaluated: the customer row, the decision instant
    and the entry instant (for `since_entry`) as SQL expressions."""

    catalog: Catalog
    customers: Any  # Table or alias, joined by the caller
    events: Any
    customer_id: ColumnElement
    at: ColumnElement
    entered_at: ColumnElement
    timezone: str = "Asia/Shanghai"
    dialect: str = "sqlite"


def compile_condition(condition: Any, ctx: Context) -> ColumnElement:
    if isinstance(condition, AllCondition):
        parts = [compile_condition(c, ctx) for c in condition.all]
        return and_(true(), *parts) if parts else true()
    if isinstance(condition, AnyCondition):
        parts = [compile_condition(c, ctx) for c in condition.any]
        return or_(false(), *parts) if parts else false()
    if isinstance(condition, NotCondition):
        return not_(compile_condition(condition.not_, ctx))
    if isinstance(condition, EventCondition):
        return compile_event(condition, ctx)
    if isinstance(condition, AttributeCondition):
        return compile_attribute(condition, ctx)
    raise TypeError(f"not a condition: {condition!r}")


def _attr_type(ctx: Context, name: str) -> AttrType:
    found = ctx.catalog.attributes.get(name)
    if found is None:
        raise KeyError(f"attribute '{name}' is not in the store's catalog")
    return found.type


def compile_attribute(leaf: AttributeCondition, ctx: Context) -> ColumnElement:
    kind = _attr_type(ctx, leaf.attribute)
    col = ctx.customers.c[leaf.attribute]
    return leaf_expression(col, kind, leaf.op, leaf.value, ctx)


def leaf_expression(col: Any, kind: AttrType, op: Op, value: Any, ctx: Context) -> ColumnElement:
    """NULL-safe: the result is never SQL NULL (see module docstring)."""
    if op == Op.is_set:
        return col.is_not(None) if kind != AttrType.string else and_(col.is_not(None), col != "")
    if op == Op.is_not_set:
        return col.is_(None) if kind != AttrType.string else or_(col.is_(None), col == "")
    if kind == AttrType.tags:
        return _tags_expression(col, op, value)
    raw = _raw_expression(col, kind, op, value, ctx)
    return and_(col.is_not(None), func.coalesce(raw, false()))


def _tags_expression(col: Any, op: Op, value: Any) -> ColumnElement:
    wanted = value if isinstance(value, list) else [value]
    hits = [text_contains(col, literal(f";{t};")) for t in wanted]
    if op == Op.contains or op == Op.in_:
        return and_(col.is_not(None), or_(false(), *hits))
    if op == Op.not_in:
        return or_(col.is_(None), not_(or_(false(), *hits)))
    raise ValueError(f"operator {op} does not apply to tags")


def _raw_expression(col: Any, kind: AttrType, op: Op, value: Any, ctx: Context) -> ColumnElement:
    tz = ctx.timezone
    if op in (Op.within_last, Op.within_next):
        seconds = Duration.model_validate(value).seconds
        if kind == AttrType.datetime:
            if op == Op.within_last:
                return and_(col > ctx.at - seconds, col <= ctx.at)
            return and_(col >= ctx.at, col < ctx.at + seconds)
        if kind == AttrType.date:
            off = fixed_offset(tz)
            today = epoch_to_date(ctx.at + off)
            if op == Op.within_last:
                return and_(col >= epoch_to_date(ctx.at + off - seconds), col <= today)
            return and_(col >= today, col <= epoch_to_date(ctx.at + off + seconds))
        raise ValueError(f"operator {op} applies to dates only")
    if op == Op.between:
        low, high = (typed_value(kind, v, tz) for v in value)
        return and_(col >= low, col <= high)
    if op in (Op.in_, Op.not_in):
        values = [typed_value(kind, v, tz) for v in value]
        return col.in_(values) if op == Op.in_ else col.not_in(values)
    if op == Op.contains:
        return text_contains(col, literal(str(value)))
    if op == Op.starts_with:
        text = str(value)
        return func.substr(col, 1, len(text)) == text
    typed = literal(typed_value(kind, value, tz), type_=col.type)
    comparisons = {
        Op.eq: col == typed, Op.ne: col != typed, Op.lt: col < typed,
        Op.lte: col <= typed, Op.gt: col > typed, Op.gte: col >= typed,
    }
    if op not in comparisons:
        raise ValueError(f"operator {op} is not supported")
    return comparisons[op]


def property_expression(events: Any, name: str, kind: AttrType, dialect: str) -> Any:
    raw = json_prop(events.c.properties, json_path_param(dialect, name))
    if kind == AttrType.number:
        return cast(raw, Float)
    if kind == AttrType.bool:
        # JSON true/false: 1/0 from SQLite's json_extract, 'true'/'false' from ->>.
        return cast(raw, Boolean) if dialect == "postgresql" else cast(raw, Integer)
    return raw


def where_clauses(
    events: Any, event_name: str, where: list[AttributeCondition], ctx: Context
) -> list[ColumnElement]:
    """Conditions on an event's JSON properties, typed by the event catalog."""
    defs = ctx.catalog.events.get(event_name)
    out = []
    for leaf in where:
        kind = (defs.properties.get(leaf.attribute) if defs else None) or infer_type(leaf.value)
        col = property_expression(events, leaf.attribute, kind, ctx.dialect)
        out.append(leaf_expression(col, kind, leaf.op, leaf.value, ctx))
    return out


def event_window(events: Any, leaf: EventCondition, ctx: Context) -> list[ColumnElement]:
    clauses = [events.c.ts <= ctx.at]
    if leaf.within == "since_entry":
        clauses.append(events.c.ts > ctx.entered_at)
    elif leaf.within is not None:
        clauses.append(events.c.ts > ctx.at - leaf.within.seconds)
    return clauses


def compile_event(leaf: EventCondition, ctx: Context) -> ColumnElement:
    ev = ctx.events.alias()
    sub_ctx = Context(**{**ctx.__dict__, "events": ev})
    clauses = [
        ev.c.customer_id == ctx.customer_id,
        ev.c.name == leaf.event,
        *event_window(ev, leaf, sub_ctx),
        *where_clauses(ev, leaf.event, leaf.where, sub_ctx),
    ]
    op, n = leaf.count.op, leaf.count.value
    # EXISTS for the common "did / did not" forms: it stops at the first row.
    # Correlate everything but the events: the instant may come from a batch
    # table of the enclosing statement, however deeply this is nested.
    if (op == CountOp.gte and n == 1) or (op == CountOp.gt and n == 0):
        return select(literal(1)).where(*clauses).correlate_except(ev).exists()
    if (op == CountOp.eq and n == 0) or (op == CountOp.lt and n == 1):
        return not_(select(literal(1)).where(*clauses).correlate_except(ev).exists())
    count = select(func.count()).where(*clauses).correlate_except(ev).scalar_subquery()
    return {
        CountOp.eq: count == n, CountOp.ne: count != n, CountOp.lt: count < n,
        CountOp.lte: count <= n, CountOp.gt: count > n, CountOp.gte: count >= n,
    }[op]
