"""The set-based engine and the reference interpreter agree on random
journeys (every node kind), random small stores and random policies."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runtime.report import report
from runtime.store import Store
from tests.reference import reference_run
from tests.runtime.engine_fixtures import DAY, HOUR, T0, engine_result, reference_result, run_engine
from tests.runtime.journey_strategies import SPAN, load, scenarios, writer_reader_scenarios

EXAMPLES = int(os.environ.get("JC_DIFF_EXAMPLES", "60"))  # more to hunt, fewer in CI
_settings = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])


def report_counts(data: dict) -> dict:
    return {k: data[k] for k in ("enrolled", "active", "completed", "converted", "exited")} | {
        "touches": data["touches"]}


def expected_counts(ref: dict, jid: str) -> dict:
    mine = [e for e in ref["enrollments"] if e[0] == jid]
    touches: dict = {}
    for t in ref["touches"]:
        if t[0] != jid:
            continue
        entry = touches.setdefault(t[4], {"sent": 0, "suppressed": {}})
        if t[6] == "sent":
            entry["sent"] += 1
        else:
            entry["suppressed"][t[7]] = entry["suppressed"].get(t[7], 0) + 1
    return {"enrolled": len(mine), "active": sum(e[3] == "active" for e in mine),
            "completed": sum(e[3] == "completed" for e in mine),
            "converted": sum(e[8] is not None for e in mine),
            "exited": sum(e[3] == "exited" for e in mine), "touches": dict(sorted(
                touches.items()))}


@_settings
@given(scenario=scenarios(), tick=st.sampled_from([10 * 60, HOUR, 6 * HOUR, DAY]))
def test_engine_matches_reference(tmp_path_factory, scenario, tick):
    store = Store(str(tmp_path_factory.mktemp("diff") / "store.db"))
    try:
        assert_engine_matches_reference(store, scenario, tick)
    finally:
        store.close()


def assert_engine_matches_reference(store: Store, scenario, tick: int) -> None:
    """Load `scenario` into the empty `store`; engine and reference must agree."""
    load(store, scenario)
    expected = reference_result(reference_run(store, T0, T0 + SPAN))
    totals = run_engine(store, T0, T0 + SPAN, tick)
    actual = engine_result(store)
    for key in ("enrollments", "steps", "touches", "rewards"):
        assert actual[key] == expected[key], key
    # The totals an operator reads are the rows written, whatever the tick.
    assert [totals[k] for k in ("entered", "steps", "touches")] == [
        len(actual[k]) for k in ("enrollments", "steps", "touches")], totals
    for j in scenario[3]:
        assert report_counts(report(store, j.id)) == expected_counts(expected, j.id)


@_settings
@given(scenario=writer_reader_scenarios(), tick=st.sampled_from([10 * 60, HOUR, 6 * HOUR, DAY]))
def test_journeys_that_write_what_others_read(tmp_path_factory, scenario, tick):
    """§4: an update at t is seen by every journey from t on and by none before,
    whatever the tick and whichever node the engine looks at first."""
    store = Store(str(tmp_path_factory.mktemp("shared") / "store.db"))
    try:
        assert_engine_matches_reference(store, scenario, tick)
    finally:
        store.close()
