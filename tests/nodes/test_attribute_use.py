"""Each kind says which customer attributes its step reads and writes; the
engine orders steps that share one (journey-semantics §4)."""
from __future__ import annotations

from nodes.kinds import kind_of, parse_config

STAGE = {"attribute": "lifecycle_stage", "op": "eq", "value": "成熟"}
VIP_TAG = {"attribute": "tags", "op": "contains", "value": "车主"}


def uses(kind: str, config: dict) -> tuple[set[str], set[str]]:
    parsed = parse_config(kind, config)
    return kind_of(kind).attributes_read(parsed), kind_of(kind).attributes_written(parsed)


def test_conditions_read_their_attributes_not_event_properties():
    condition = {"all": [STAGE, {"not": VIP_TAG},
                         {"event": "deposit", "where": [{"attribute": "amount", "op": "gte",
                                                         "value": 1}]}]}
    assert uses("filter", {"condition": condition}) == ({"lifecycle_stage", "tags"}, set())
    paths = [{"name": "a", "condition": STAGE}, {"name": "b", "condition": {
        "attribute": "aum", "op": "gte", "value": 1}}]
    assert uses("branch", {"paths": paths}) == ({"lifecycle_stage", "aum"}, set())


def test_a_trigger_reads_its_audience_and_a_touch_its_consent():
    assert uses("trigger", {"type": "event", "event": "register"}) == (set(), set())
    assert uses("trigger", {"type": "event", "event": "register", "audience": STAGE}) == (
        {"lifecycle_stage"}, set())
    assert uses("touch", {"channel": "push", "template": "{{ name }}"}) == (
        {"consent_push"}, set())


def test_an_update_writes_what_it_sets_and_reads_the_tags_it_changes():
    assert uses("update", {"set": {"lifecycle_stage": "成熟"}}) == (set(), {"lifecycle_stage"})
    assert uses("update", {"add_tags": ["车主"]}) == ({"tags"}, {"tags"})
    assert uses("wait", {"type": "duration", "duration": {"amount": 1, "unit": "days"}}) == (
        set(), set())
