"""Steps that take no time pass their customers straight on, in one write at
the end: through a step with one outlet and through one whose outlets lead
to several such steps (a filter whose rejected end, a branch), however deep."""
from __future__ import annotations

import pytest

from tests.reference import reference_run
from tests.runtime.engine_fixtures import (
    DAY,
    HOUR,
    T0,
    add_customers,
    add_events,
    chain,
    engine_result,
    fresh_store,
    journey,
    publish,
    reference_result,
    run_engine,
)

BACKENDS = ["sqlite", "postgresql"]


def nested_splits():
    """register → filter (rich) → filter (Shanghai; else SMS r) → branch
    (payroll → SMS s1, else SMS s2): three splits in a row at one instant."""
    j = journey("nested")
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("rich", "filter", {"condition": {"attribute": "aum", "op": "gte", "value": 1000}}),
          ("sh", "filter", {"condition": {"attribute": "city", "op": "eq", "value": "上海"}}),
          ("b", "branch", {"paths": [{"name": "payroll", "condition": {
              "attribute": "is_payroll", "op": "eq", "value": True}}]}))
    for node in ("r", "s1", "s2"):
        j.add_node("touch", {"channel": "sms", "template": f"{{{{ name }}}} {node}",
                             "ignore_quiet_hours": True, "ignore_frequency_cap": True},
                   node_id=node)
    j.connect("sh", "rejected", "r")
    j.connect("b", "payroll", "s1")
    j.connect("b", "else", "s2")
    return j


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("tick", [10 * 60, DAY])
def test_customers_split_at_one_instant_each_reach_their_own_step(backend, tick, tmp_path,
                                                                  request):
    with fresh_store(backend, tmp_path, request, "carry") as store:
        add_customers(store, [
            {"customer_id": "payroll", "aum": 5000, "city": "上海", "is_payroll": True,
             "consent_sms": True},
            {"customer_id": "salaried", "aum": 5000, "city": "上海", "is_payroll": False,
             "consent_sms": True},
            {"customer_id": "beijing", "aum": 5000, "city": "北京", "consent_sms": True},
            {"customer_id": "poor", "aum": 10, "city": "上海", "consent_sms": True}])
        add_events(store, [(c, "register", T0 + HOUR)
                           for c in ("payroll", "salaried", "beijing", "poor")])
        publish(store, nested_splits())
        expected = reference_result(reference_run(store, T0, T0 + 2 * DAY))
        totals = run_engine(store, T0, T0 + 2 * DAY, tick)
        actual = engine_result(store)

        assert totals["paused"] == []
        assert sorted((t[1], t[3], t[6]) for t in actual["touches"]) == [
            ("beijing", "r", "sent"), ("payroll", "s1", "sent"), ("salaried", "s2", "sent")]
        assert sorted((e[1], e[3], e[5]) for e in actual["enrollments"]) == [
            ("beijing", "completed", "r"), ("payroll", "completed", "s1"),
            ("poor", "exited", "rich"), ("salaried", "completed", "s2")]
        for key in ("enrollments", "steps", "touches"):
            assert actual[key] == expected[key], key
        assert totals["steps"] == len(actual["steps"]) == 4 + 4 + 3 + 2 + 3
