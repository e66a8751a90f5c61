"""Whether a journey worked: A/B results, attribution, conversions over time, funnels.

Counts come from the database with GROUP BY (served by the step-log and
enrollment indexes); the statistics are statsmodels', never hand-written.
An enrollment is one entrant, as in the report: a customer who entered twice
counts twice (the split sends her down the same variant both times).
"""
from __future__ import annotations

import math
import warnings
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, select

from nodes import fileformat
from nodes.journey import Journey

from .store import Store, schema

ALPHA, POWER = 0.05, 0.8
BUCKET = 900  # every timezone offset is a whole number of quarter hours


def measure(store: Store, journey_id: str, version: int | None = None,
            funnel: list[str] | None = None) -> dict[str, Any]:
    """`ab`, `attribution`, `conversion_by_day` and (when events are given) `funnel`."""
    documents = _documents(store, journey_id, version)
    out: dict[str, Any] = {"ab": ab_results(store, journey_id, version, documents),
                           "attribution": attribution(store, journey_id, version),
                           "conversion_by_day": conversion_by_day(store, journey_id, version)}
    if funnel:
        out["funnel"] = event_funnel(store, journey_id, funnel, version)
    return out


def _documents(store: Store, journey_id: str, version: int | None) -> list[Journey]:
    """The published documents, newest first (a split's variants come from the newest)."""
    t = schema.journey_versions
    query = select(t.c.document).where(t.c.journey_id == journey_id).order_by(t.c.version.desc())
    if version is not None:
        query = query.where(t.c.version == version)
    with store.engine.connect() as conn:
        return [fileformat.loads(doc) for doc in conn.execute(query).scalars()]


def _mine(version: int | None, journey_id: str) -> list[Any]:
    e = schema.enrollments
    return [e.c.journey_id == journey_id] + ([e.c.version == version] if version else [])


# -- A/B -----------------------------------------------------------------------------

def ab_results(store: Store, journey_id: str, version: int | None,
               documents: list[Journey]) -> list[dict[str, Any]]:
    splits: dict[str, list[Any]] = {}
    for journey in documents:
        for node_id in journey.node_ids():
            if journey.kind(node_id) == "split" and node_id not in splits:
                splits[node_id] = list(journey.config(node_id).variants)
    if not splits:
        return []
    e, log = schema.enrollments, schema.step_log
    query = (select(log.c.node_id, log.c.outlet, func.count(), func.count(e.c.converted_at))
             .join(e, e.c.id == log.c.enrollment_id)
             .where(log.c.node_id.in_(sorted(splits)), *_mine(version, journey_id))
             .group_by(log.c.node_id, log.c.outlet))
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    with store.engine.connect() as conn:
        for node_id, outlet, n, converted in conn.execute(query):
            counts[(node_id, outlet)] = (n, converted)
    return [{"split": node_id, "variants": _variants(node_id, variants, counts)}
            for node_id, variants in sorted(splits.items())]


def _variants(node_id: str, variants: list[Any],
              counts: dict[tuple[str, str], tuple[int, int]]) -> list[dict[str, Any]]:
    rows = []
    for v in variants:
        n, converted = counts.get((node_id, v.name), (0, 0))
        rows.append({"name": v.name, "holdout": v.holdout, "entrants": n, "converted": converted,
                     "rate": converted / n if n else None})
    holdout = next((r for r in rows if r["holdout"]), None)
    for row in rows:
        row.update(compare(row, holdout) if holdout and row is not holdout else
                   {"uplift_vs_holdout": None, "relative_uplift": None, "ci95": None,
                    "p_value": None, "significant": None, "needed_more": None})
    return rows


def compare(variant: dict[str, Any], holdout: dict[str, Any]) -> dict[str, Any]:
    """The variant against the holdout: the difference of rates (variant − holdout,
    as a fraction), its 95 % interval (Newcomb), the p-value of the pooled
    two-proportion z-test, and how many more entrants (both groups together) an
    80 %-power test would need to see this difference when it is not significant."""
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import (
        confint_proportions_2indep,
        proportion_effectsize,
        proportions_ztest,
    )

    nv, cv = variant["entrants"], variant["converted"]
    nh, ch = holdout["entrants"], holdout["converted"]
    out: dict[str, Any] = {"uplift_vs_holdout": None, "relative_uplift": None, "ci95": None,
                           "p_value": None, "significant": None, "needed_more": None}
    if not nv or not nh:
        return out
    pv, ph = cv / nv, ch / nh
    out["uplift_vs_holdout"] = pv - ph
    out["relative_uplift"] = (pv - ph) / ph if ph else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # 0/n in both groups: nan, said as None
        low, high = confint_proportions_2indep(cv, nv, ch, nh, compare="diff")
        _, p = proportions_ztest([cv, ch], [nv, nh])
    out["ci95"] = [_num(low), _num(high)]
    out["p_value"] = _num(p)
    if out["p_value"] is not None:
        out["significant"] = out["p_value"] < ALPHA
    if out["significant"] is False and pv != ph:
        ratio = nh / nv
        per_variant = NormalIndPower().solve_power(
            effect_size=abs(proportion_effectsize(pv, ph)), alpha=ALPHA, power=POWER, ratio=ratio)
        out["needed_more"] = (max(0, math.ceil(per_variant) - nv)
                              + max(0, math.ceil(per_variant * ratio) - nh))
    return out


def _num(value: Any) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value


def ab_sentence(variant: dict[str, Any], holdout_name: str, lang: str = "en") -> str:
    """One plain sentence: is the variant's difference from the holdout real?"""
    zh = lang.startswith("zh")
    name, rate = variant["name"], variant["rate"]
    if variant.get("holdout"):
        return (f"{name} 是对照组，转化率 {_pct(rate)}。" if zh
                else f"{name} is the holdout; it converted at {_pct(rate)}.")
    if variant["uplift_vs_holdout"] is None:
        return (f"{name} 或对照组还没有客户进入，暂时无法比较。" if zh
                else f"{name} or the holdout has no entrants yet; nothing to compare.")
    diff = variant["uplift_vs_holdout"] * 100
    if zh:
        head = (f"{name} 的转化率 {_pct(rate)}，比{holdout_name}"
                f"{'高' if diff >= 0 else '低'} {abs(diff):.1f} 个百分点")
    else:
        head = (f"{name} converted at {_pct(rate)}, {abs(diff):.1f} points "
                f"{'above' if diff >= 0 else 'below'} {holdout_name}")
    p = variant["p_value"]
    shown = None if p is None else "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    if variant["significant"]:
        return (f"{head}（{shown}），差异显著。" if zh
                else f"{head} ({shown}): the difference is significant.")
    more = variant["needed_more"]
    if p is None or more is None:
        return (f"{head}，两组转化率相同，看不出差异。" if zh
                else f"{head}; the two rates are equal, so there is no difference to test.")
    return (f"{head}（{shown}），差异不显著；按目前的转化率，两组合计还需约 {more:,} 位客户"
            f"才能以 80% 的把握判断。" if zh else
            f"{head} ({shown}): not significant; at these rates about {more:,} more "
            f"customers across both groups would be needed to tell with 80% power.")


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{100 * rate:.1f}%"


# -- attribution ---------------------------------------------------------------------

def attribution(store: Store, journey_id: str, version: int | None) -> dict[str, dict[str, float]]:
    """Goal conversions credited to channels, over the touches sent to each converted
    enrollment at or before its conversion: all to the first, all to the last, or
    shared equally (linear). Conversions with no touch before them are credited to
    no channel."""
    e, t = schema.enrollments, schema.touches
    order = (t.c.at, t.c.id)
    touched = (select(t.c.channel,
                      func.row_number().over(partition_by=t.c.enrollment_id, order_by=order)
                      .label("first"),
                      func.row_number().over(partition_by=t.c.enrollment_id,
                                             order_by=[c.desc() for c in order]).label("last"),
                      func.count().over(partition_by=t.c.enrollment_id).label("n"))
               .join(e, e.c.id == t.c.enrollment_id)
               .where(*_mine(version, journey_id), e.c.converted_at.is_not(None),
                      t.c.status == "sent", t.c.at <= e.c.converted_at)
               .subquery())
    query = (select(touched.c.channel,
                    func.sum(case((touched.c.first == 1, 1), else_=0)),
                    func.sum(case((touched.c.last == 1, 1), else_=0)),
                    func.sum(1.0 / touched.c.n))
             .group_by(touched.c.channel).order_by(touched.c.channel))
    out: dict[str, dict[str, float]] = {"first_touch": {}, "last_touch": {}, "linear": {}}
    with store.engine.connect() as conn:
        for channel, first, last, linear in conn.execute(query):
            for model, credit in (("first_touch", int(first)), ("last_touch", int(last)),
                                  ("linear", round(float(linear), 6))):
                if credit:
                    out[model][channel] = credit
    return out


# -- over time -----------------------------------------------------------------------

def conversion_by_day(store: Store, journey_id: str,
                      version: int | None) -> list[dict[str, Any]]:
    """Entries and goal conversions per local day of the store's timezone."""
    e = schema.enrollments
    zone = ZoneInfo(store.policies().timezone)
    days: dict[str, dict[str, int]] = {}

    def add(column: Any, key: str, *where: Any) -> None:
        bucket = column // BUCKET
        query = (select(bucket, func.count()).where(*_mine(version, journey_id), *where)
                 .group_by(bucket))
        with store.engine.connect() as conn:
            for b, n in conn.execute(query):
                day = datetime.fromtimestamp(int(b) * BUCKET, zone).date().isoformat()
                days.setdefault(day, {"entered": 0, "converted": 0})[key] += n

    add(e.c.entered_at, "entered")
    add(e.c.converted_at, "converted", e.c.converted_at.is_not(None))
    return [{"day": day, **counts} for day, counts in sorted(days.items())]


# -- funnel --------------------------------------------------------------------------

def event_funnel(store: Store, journey_id: str, events: list[str],
                 version: int | None = None) -> list[dict[str, Any]]:
    """Of the journey's entrants (distinct customers, from their first entry), how
    many did the first event, then the second at or after it, and so on."""
    e, ev = schema.enrollments, schema.events
    reached = (select(e.c.customer_id.label("customer_id"), func.min(e.c.entered_at).label("at"))
               .where(*_mine(version, journey_id)).group_by(e.c.customer_id).cte("entrants"))
    out = []
    with store.engine.connect() as conn:
        for k, name in enumerate(events):
            reached = (select(ev.c.customer_id.label("customer_id"), func.min(ev.c.ts).label("at"))
                       .join(reached, and_(reached.c.customer_id == ev.c.customer_id,
                                           ev.c.ts >= reached.c.at))
                       .where(ev.c.name == name).group_by(ev.c.customer_id).cte(f"step{k}"))
            out.append({"event": name,
                        "customers": conn.execute(select(func.count()).select_from(reached))
                        .scalar()})
    return out
