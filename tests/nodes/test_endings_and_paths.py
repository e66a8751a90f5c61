"""From a new operator's trial (issue 14): a journey may end on any action, a
reward offers `exhausted` only when it has a budget to run out, a branch's
first path is named in the editor's language and read "1 path", and each
branch outlet's audience is the customers whose first match it is."""
from __future__ import annotations

import itertools

import pytest

from nodes import STANDARD_CATALOG, Journey, fileformat
from nodes.describe import describe_node
from nodes.kinds import kind_of, proposed_config
from nodes.validation import validate
from tests.reference.conditions import Scope, holds

POINTS = {"benefit": "points", "amount": 100}
ACTIONS = {
    "touch": {"channel": "sms", "template": "{{ name }}您好"},
    "reward": POINTS,
    "update": {"add_tags": ["welcomed"]},
}


def ending_on(kind: str, config: dict) -> Journey:
    """trigger → `kind` (the last step)."""
    journey = Journey()
    journey.add_node("trigger", {"type": "event", "event": "register"}, node_id="t")
    journey.add_node(kind, config, node_id="last")
    journey.connect("t", "next", "last")
    return journey


@pytest.mark.parametrize("kind", sorted(ACTIONS))
def test_ending_on_any_action_is_an_ordinary_end(kind):
    issues = validate(ending_on(kind, ACTIONS[kind]))
    assert [i.code for i in issues if i.node_id == "last"] == []


def test_a_reward_offers_out_of_budget_only_with_a_budget():
    journey = ending_on("reward", POINTS)
    assert journey.offered_outlets("last") == ["next"]
    journey.set_config("last", {**POINTS, "budget": 10_000})
    assert journey.offered_outlets("last") == ["next", "exhausted"]
    # Every reward still has the outlet: lines to it stay valid and run as before.
    assert journey.outlets("last") == ["next", "exhausted"]


def test_a_journey_that_already_connects_exhausted_without_a_budget_stays_valid(tmp_path):
    journey = ending_on("reward", POINTS)
    journey.add_node("touch", ACTIONS["touch"], node_id="sorry")
    journey.connect("last", "exhausted", "sorry")
    path = tmp_path / "old.journey.json"
    fileformat.save(journey, path)
    loaded = fileformat.load(path)
    assert loaded.edge_from("last", "exhausted") == "sorry"
    assert validate(loaded) == []
    assert loaded.offered_outlets("last") == ["next", "exhausted"]  # its line is shown
    loaded.disconnect("last", "exhausted")
    assert loaded.offered_outlets("last") == ["next"]


def test_a_new_branch_path_is_named_in_the_editors_language():
    assert [p.name for p in proposed_config("branch", "en").paths] == ["Path 1"]
    assert [p.name for p in proposed_config("branch", "zh_CN").paths] == ["路径1"]


@pytest.mark.parametrize(("names", "reading"), [
    (["Rich"], "1 path: Rich, others: Otherwise"),
    (["Rich", "Young"], "2 paths: Rich, Young, others: Otherwise"),
    ([], "No paths yet: every customer goes Otherwise"),
])
def test_the_branch_reading_counts_its_paths_in_good_english(names, reading):
    journey = Journey()
    node = journey.add_node("branch", {"paths": [{"name": n} for n in names]})
    assert describe_node(journey, node, "en", STANDARD_CATALOG) == reading


def test_each_branch_outlet_holds_the_customers_whose_first_match_it_is():
    """The audience per path agrees with the reference's branch: the first path
    whose condition holds, else `else` — exactly one outlet per customer."""
    paths = [
        {"name": "wealthy", "condition": {"attribute": "aum", "op": "gte", "value": 50_000}},
        {"name": "senior", "condition": {"attribute": "age", "op": "gte", "value": 40}},
        {"name": "saver", "condition": {"attribute": "aum", "op": "gte", "value": 10_000}},
    ]
    config = kind_of("branch").config_type.model_validate({"paths": paths})
    by_outlet = kind_of("branch").conditions_by_outlet(config)
    assert [outlet for outlet, _ in by_outlet] == ["wealthy", "senior", "saver", "else"]
    for aum, age in itertools.product([0, 9_999, 10_000, 49_999, 50_000], [25, 39, 40, 70]):
        scope = Scope(STANDARD_CATALOG, {"aum": aum, "age": age}, [], 0, 0, "Asia/Shanghai")
        first = next((p.name for p in config.paths if holds(p.condition, scope)), "else")
        assert [o for o, c in by_outlet if holds(c, scope)] == [first], (aum, age)
