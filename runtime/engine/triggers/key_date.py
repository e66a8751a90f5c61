"""Key-date trigger: enrolls each customer at date(attribute) + offset_days at
`time`, every year when `yearly` (§4). A tick asks the store which customers'
dates fall on the days it fires, so customers added or changed while a
runtime runs are seen, and nothing is computed per customer in Python."""
from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, delete, exists, func, insert, literal, select

from nodes.catalog import AttrType
from nodes.durations import parse_time_of_day
from runtime.compile import compile_condition, fixed_offset
from runtime.instants import epoch_of, next_time_of_day
from runtime.plan import Plan

from ..scratch import candidates as candidates_table
from ..state import Run
from .base import Matches, TriggerType, register


class KeyDateTrigger(TriggerType):
    name = "key_date"

    def candidates(self, run: Run, conn: Connection, plan: Plan, node: str, config: Any,
                   low: int, high: int) -> Matches:
        c = run.customers.alias("c")
        attribute = run.catalog.attributes.get(config.attribute)
        if config.attribute not in c.c or attribute is None or attribute.type not in DATED:
            return []
        days = firing_days(config, plan.timezone, low, high)
        if not days:
            return []
        wanted: dict[str, list[int]] = {}
        for day, instant in days:
            for key in matching_keys(day - timedelta(days=config.offset_days), config.yearly):
                wanted.setdefault(key, []).append(instant)
        key = local_date_text(run.dialect, c.c[config.attribute], attribute.type,
                              fixed_offset(plan.timezone), yearly=config.yearly)
        # One pass over the customers per tick that holds such an instant (a
        # live runtime: once a day), reading the dates as they are now.
        rows = conn.execute(select(c.c.customer_id, key).where(key.in_(sorted(wanted))))
        pairs = sorted((t, cid) for cid, found in rows for t in wanted[found])
        matches = [{"journey_id": plan.id, "version": plan.version, "customer_id": cid, "t": t,
                    "node_id": ""} for t, cid in pairs]
        if not matches or config.audience is None:
            return [(m["customer_id"], m["t"]) for m in matches]
        return in_audience(run, conn, plan, config, c, matches)

    def next_instant(self, config: Any, tz: str, after: int) -> int | None:
        # Some customer's key date may fall at the next such time of day.
        return next_time_of_day(after + 1, config.time, None, tz)


DATED = (AttrType.date, AttrType.datetime)


def firing_days(config: Any, tz: str, low: int, high: int) -> list[tuple[date, int]]:
    """The local days whose key-date instant (the day at `time`) is in (low, high]."""
    zone, wanted = ZoneInfo(tz), parse_time_of_day(config.time)
    day = datetime.fromtimestamp(low, zone).date() - timedelta(days=1)
    last = datetime.fromtimestamp(high, zone).date() + timedelta(days=1)
    found = []
    while day <= last:
        instant = epoch_of(datetime.combine(day, wanted, zone))
        if low < instant <= high:
            found.append((day, instant))
        day += timedelta(days=1)
    return found


def matching_keys(anniversary: date, yearly: bool) -> list[str]:
    """The customers' dates (as `local_date_text` renders them) whose key
    date is `anniversary`: that date, or every year its month and day — and
    29 February on the 28th in other years (`runtime.instants.key_date_instants`)."""
    if not yearly:
        return [anniversary.isoformat()]
    keys = [anniversary.strftime("%m-%d")]
    if anniversary.month == 2 and anniversary.day == 28 and not calendar.isleap(anniversary.year):
        keys.append("02-29")
    return keys


def local_date_text(dialect: str, column: Any, kind: AttrType, offset: int, *,
                    yearly: bool) -> Any:
    """A customer's date as text, `YYYY-MM-DD` (or `MM-DD` when yearly); a
    datetime attribute by its calendar date at the journey's UTC offset."""
    if dialect == "postgresql":
        shape = "MM-DD" if yearly else "YYYY-MM-DD"
        if kind == AttrType.datetime:
            column = func.timezone("UTC", func.to_timestamp(column + offset))
        return func.to_char(column, shape)
    shape = "%m-%d" if yearly else "%Y-%m-%d"
    if kind == AttrType.datetime:
        return func.strftime(shape, column + offset, "unixepoch")
    return func.strftime(shape, column)


def in_audience(run: Run, conn: Connection, plan: Plan, config: Any, c: Any,
                pairs: list[dict]) -> Matches:
    """The (customer, instant) pairs whose audience holds at their own instant."""
    conn.execute(delete(candidates_table))
    conn.execute(insert(candidates_table), pairs)
    t = candidates_table
    ctx = run.context(plan, c, t.c.customer_id, t.c.t, t.c.t)
    query = select(t.c.customer_id, t.c.t).where(exists(
        select(literal(1)).select_from(c).where(
            c.c.customer_id == t.c.customer_id, compile_condition(config.audience, ctx))))
    rows = [(r[0], r[1]) for r in conn.execute(query)]
    conn.execute(delete(candidates_table))
    return rows


register(KeyDateTrigger())
