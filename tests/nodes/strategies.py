"""Hypothesis strategies for random valid journeys."""
from __future__ import annotations

from hypothesis import strategies as st

from nodes import STANDARD_CATALOG, Journey
from nodes.catalog import AttrType
from nodes.conditions import OPS_BY_TYPE, Op
from nodes.errors import ConnectionRefused

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)
NAMES = st.text(alphabet="ABC路径组甲乙", min_size=1, max_size=4)
UNITS = st.sampled_from(["minutes", "hours", "days", "weeks"])
DURATION = st.fixed_dictionaries({"amount": st.integers(1, 90), "unit": UNITS})
TIME = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
INSTANT = st.datetimes(timezones=st.just(__import__("datetime").timezone.utc)).map(
    lambda d: d.replace(microsecond=0).isoformat())
ATTRS = sorted(STANDARD_CATALOG.attributes)
EVENTS = sorted(STANDARD_CATALOG.events)


def _value_for(type_: AttrType, op: Op):
    if op in (Op.is_set, Op.is_not_set):
        return st.none()
    if op in (Op.within_last, Op.within_next):
        return DURATION
    scalar = {
        AttrType.number: st.integers(-10**9, 10**9) | st.floats(allow_nan=False,
                                                                allow_infinity=False),
        AttrType.bool: st.booleans(),
        AttrType.date: st.dates().map(str),
        AttrType.datetime: st.integers(0, 2**31),
    }.get(type_, TEXT)
    if op == Op.between:
        return st.lists(scalar, min_size=2, max_size=2)
    if op in (Op.in_, Op.not_in):
        return st.lists(scalar, min_size=1, max_size=3)
    return scalar


@st.composite
def attribute_leaf(draw):
    name = draw(st.sampled_from(ATTRS))
    type_ = STANDARD_CATALOG.attributes[name].type
    op = draw(st.sampled_from(OPS_BY_TYPE[type_]))
    return {"attribute": name, "op": op.value, "value": draw(_value_for(type_, op))}


@st.composite
def event_leaf(draw):
    return {
        "event": draw(st.sampled_from(EVENTS)),
        "count": {"op": draw(st.sampled_from(["eq", "gte", "lt"])), "value": draw(st.integers(0, 5))},
        "within": draw(st.none() | st.just("since_entry") | DURATION),
        "where": [],
    }


CONDITION = st.recursive(
    attribute_leaf() | event_leaf(),
    lambda inner: st.fixed_dictionaries({"all": st.lists(inner, max_size=3)})
    | st.fixed_dictionaries({"any": st.lists(inner, max_size=3)})
    | st.fixed_dictionaries({"not": inner}),
    max_leaves=6,
)


def _unique_names(draw, size):
    return draw(st.lists(NAMES, min_size=size, max_size=size, unique=True).filter(
        lambda names: "else" not in names))


@st.composite
def config_for(draw, kind: str):
    if kind == "trigger":
        return draw(st.one_of(
            st.fixed_dictionaries({"type": st.just("event"), "event": st.sampled_from(EVENTS)},
                                  optional={"audience": CONDITION}),
            st.fixed_dictionaries({"type": st.just("schedule"), "at": INSTANT}),
            st.fixed_dictionaries({"type": st.just("recurring"),
                                   "cron": st.sampled_from(["0 10 * * 1", "30 9 1 * *"])}),
            st.fixed_dictionaries({"type": st.just("key_date"), "attribute": st.just("birthday"),
                                   "offset_days": st.integers(-30, 30), "time": TIME,
                                   "yearly": st.booleans()}),
        ))
    if kind == "filter":
        return {"condition": draw(CONDITION)}
    if kind == "wait":
        return draw(st.one_of(
            st.fixed_dictionaries({"type": st.just("duration"), "duration": DURATION}),
            st.fixed_dictionaries({"type": st.just("until_time"), "time": TIME},
                                  optional={"weekdays": st.lists(st.integers(1, 7), min_size=1,
                                                                 max_size=7, unique=True)}),
            st.fixed_dictionaries({"type": st.just("until_date"), "at": INSTANT}),
            st.fixed_dictionaries({"type": st.just("for_event"),
                                   "event": st.sampled_from(EVENTS), "timeout": DURATION}),
        ))
    if kind == "branch":
        names = _unique_names(draw, draw(st.integers(1, 3)))
        return {"paths": [{"name": n, "condition": draw(CONDITION)} for n in names]}
    if kind == "split":
        names = _unique_names(draw, draw(st.integers(1, 3)))
        cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=len(names) - 1,
                                    max_size=len(names) - 1)))
        bounds = [0, *cuts, 100]
        return {"variants": [{"name": n, "percent": bounds[i + 1] - bounds[i],
                              "holdout": draw(st.booleans())} for i, n in enumerate(names)]}
    if kind == "touch":
        return {"channel": draw(st.sampled_from(["sms", "push", "email", "in_app", "wechat",
                                                 "call", "crm_lead"])),
                "template": draw(TEXT), "title": draw(st.none() | TEXT)}
    if kind == "reward":
        return {"benefit": draw(st.sampled_from(["points", "coupon", "trial_fund"])),
                "amount": draw(st.integers(1, 10000)),
                "budget": draw(st.none() | st.integers(1, 10**7))}
    return {"set": {"lifecycle_stage": draw(st.sampled_from(["新客", "成长"]))},
            "add_tags": draw(st.lists(TEXT, max_size=2))}


KINDS = ["trigger", "filter", "wait", "branch", "split", "touch", "reward", "update"]


@st.composite
def journeys(draw, max_nodes: int = 8) -> Journey:
    journey = Journey()
    journey.set_meta({"id": "j-" + draw(st.text("abc123", min_size=1, max_size=6)),
                      "name": draw(TEXT), "description": draw(TEXT)})
    ids = []
    for index, kind in enumerate(draw(st.lists(st.sampled_from(KINDS), min_size=1,
                                               max_size=max_nodes))):
        ids.append(journey.add_node(kind, draw(config_for(kind)), label=draw(TEXT),
                                    position=(index * 260.0, draw(st.integers(-500, 500))),
                                    node_id=f"n{index}"))
    for _ in range(draw(st.integers(0, 2 * len(ids)))):
        source, target = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        outlet = draw(st.sampled_from(journey.outlets(source)))
        try:
            journey.connect(source, outlet, target)
        except ConnectionRefused:
            pass
    return journey
