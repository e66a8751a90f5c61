"""Attributes as of the logical instant (journey-semantics §4): a value an
update node sets at `t` is seen by conditions at instants >= t in any journey
and by none before, whatever the tick. At one instant the order is §5's:
(customer, journey id), path order within a journey. Engine and reference
must both say so, on SQLite and PostgreSQL."""
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
    journey,
    publish,
    reference_result,
    run_engine,
)

TICKS = (60, HOUR, DAY)
VIP = {"attribute": "lifecycle_stage", "op": "eq", "value": "成熟"}


def tagger(jid: str = "tagger", event: str = "app_launch"):
    j = journey(jid)
    chain(j, ("t", "trigger", {"type": "event", "event": event}),
          ("u", "update", {"set": {"lifecycle_stage": "成熟"}}))
    return j


def reader(jid: str = "reader", wait: dict | None = None):
    j = journey(jid)
    steps = [("t", "trigger", {"type": "event", "event": "register"})]
    if wait is not None:
        steps.append(("w", "wait", {"type": "duration", "duration": wait}))
    steps += [("f", "filter", {"condition": VIP}),
              ("sms", "touch", {"channel": "sms", "template": "hi"})]
    chain(j, *steps)
    return j


def sms_to(result: dict, jid: str = "reader") -> list[tuple[str, int]]:
    return sorted((t[1], t[5]) for t in result["touches"] if t[0] == jid and t[6] == "sent")


def load(store, journeys, events, people=("c1", "c2", "c3")) -> None:
    add_customers(store, [{"customer_id": c, "name": c, "lifecycle_stage": "新客"}
                          for c in people])
    add_events(store, events)
    for j in journeys:
        publish(store, j)


def engine_and_reference(store, tick: int, span: int = 2 * DAY) -> tuple[dict, dict]:
    """The engine's result and the reference's (read before the engine writes)."""
    expected = reference_result(reference_run(store, T0, T0 + span))
    run_engine(store, T0, T0 + span, tick)
    return engine_result(store), expected


# The issue's example: reader waits 1 h after registering, then filters on the
# stage the tagger sets at app_launch. c1 launched before 11:00, c2 after, c3
# long before registering.
ISSUE_EVENTS = [("c1", "register", T0 + 10 * HOUR), ("c1", "app_launch", T0 + 10 * HOUR + 1800),
                ("c2", "register", T0 + 10 * HOUR), ("c2", "app_launch", T0 + 11 * HOUR + 1800),
                ("c3", "app_launch", T0 + 9 * HOUR), ("c3", "register", T0 + 10 * HOUR)]


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    if request.param == "sqlite":
        from runtime.store import Store

        opened = Store(f"sqlite:///{tmp_path / 'store.db'}")
        yield opened
        opened.close()
    else:
        yield request.getfixturevalue("postgres_store")


def test_reference_reads_the_value_as_of_the_instant(store):
    load(store, [tagger(), reader(wait={"amount": 1, "unit": "hours"})], ISSUE_EVENTS)
    ref = reference_result(reference_run(store, T0, T0 + 2 * DAY))
    assert sms_to(ref) == [("c1", T0 + 11 * HOUR), ("c3", T0 + 11 * HOUR)]


@pytest.mark.parametrize("tick", TICKS)
def test_the_engine_reads_the_value_as_of_the_instant_at_any_tick(any_store, tick):
    load(any_store, [tagger(), reader(wait={"amount": 1, "unit": "hours"})], ISSUE_EVENTS)
    result, expected = engine_and_reference(any_store, tick)
    assert sms_to(result) == [("c1", T0 + 11 * HOUR), ("c3", T0 + 11 * HOUR)]
    assert result == expected


@pytest.mark.parametrize("tick", TICKS)
@pytest.mark.parametrize(("writer_id", "seen"), [("a_tagger", True), ("z_tagger", False)])
def test_at_one_instant_journeys_go_in_id_order(store, tick, writer_id, seen):
    """Tagger and reader fire on the same event: the reader sees the new stage
    only when the tagger's id comes first (§5's order, used for §4 too)."""
    events = [("c1", "register", T0 + 10 * HOUR), ("c1", "app_launch", T0 + 10 * HOUR)]
    load(store, [tagger(writer_id), reader("m_reader")], events, people=("c1",))
    result, expected = engine_and_reference(store, tick)
    assert sms_to(result, "m_reader") == ([("c1", T0 + 10 * HOUR)] if seen else [])
    assert result == expected


@pytest.mark.parametrize("tick", TICKS)
def test_an_entry_audience_reads_as_of_its_instant(store, tick):
    """A trigger's audience reads the stage as of each event: set at 10:30, so
    the 10:00 register does not enter and the 11:00 one does."""
    gated = journey("gated", entry={"reentry": "after_exit"})
    chain(gated, ("t", "trigger", {"type": "event", "event": "register", "audience": VIP}),
          ("sms", "touch", {"channel": "sms", "template": "hi"}))
    events = [("c1", "register", T0 + 10 * HOUR), ("c1", "app_launch", T0 + 10 * HOUR + 1800),
              ("c1", "register", T0 + 11 * HOUR)]
    load(store, [tagger(), gated], events, people=("c1",))
    result, expected = engine_and_reference(store, tick)
    assert sms_to(result, "gated") == [("c1", T0 + 11 * HOUR)]
    assert result == expected


@pytest.mark.parametrize("tick", TICKS)
def test_writes_apply_in_instant_order(store, tick):
    """Two journeys write the same attribute inside one tick: the later instant
    wins, whichever node the engine happens to look at first; a reader
    between them sees the first value."""
    early, late = journey("w_late"), journey("w_early")
    chain(late, ("t", "trigger", {"type": "event", "event": "deposit"}),
          ("u", "update", {"set": {"lifecycle_stage": "流失"}}))
    chain(early, ("t", "trigger", {"type": "event", "event": "app_launch"}),
          ("u", "update", {"set": {"lifecycle_stage": "成熟"}}))
    events = [("c1", "app_launch", T0 + 9 * HOUR), ("c1", "register", T0 + 10 * HOUR),
              ("c1", "deposit", T0 + 12 * HOUR)]
    load(store, [early, late, reader(wait={"amount": 1, "unit": "hours"})], events,
         people=("c1",))
    result, expected = engine_and_reference(store, tick)
    assert sms_to(result) == [("c1", T0 + 11 * HOUR)]
    with store.engine.connect() as conn:
        stage = conn.execute(store.customers_table().select()).one().lifecycle_stage
    assert stage == "流失"
    assert result == expected


@pytest.mark.parametrize("tick", TICKS)
def test_consent_withdrawn_by_a_journey_suppresses_later_touches_only(store, tick):
    """An update that withdraws SMS consent at 10:30 (an unsubscribe flow):
    the 10:00 touch of another journey goes out, the 11:00 one does not."""
    unsubscribe = journey("unsubscribe")
    chain(unsubscribe, ("t", "trigger", {"type": "event", "event": "unsubscribe"}),
          ("u", "update", {"set": {"consent_sms": False}}))
    greet = journey("greet", entry={"reentry": "after_exit"})
    chain(greet, ("t", "trigger", {"type": "event", "event": "register"}),
          ("sms", "touch", {"channel": "sms", "template": "hi"}))
    events = [("c1", "register", T0 + 10 * HOUR), ("c1", "unsubscribe", T0 + 10 * HOUR + 1800),
              ("c1", "register", T0 + 11 * HOUR)]
    load(store, [unsubscribe, greet], events, people=("c1",))
    result, expected = engine_and_reference(store, tick)
    decided = sorted((t[5], t[6], t[7]) for t in result["touches"])
    assert decided == [(T0 + 10 * HOUR, "sent", None),
                       (T0 + 11 * HOUR, "suppressed", "no_consent")]
    assert result == expected


@pytest.mark.parametrize("tick", TICKS)
def test_a_writer_woken_by_an_event_goes_first(store, tick):
    """The tagger waits for app_launch (up to a day) before it writes; the
    reader at 11:00 must see the write made at the 10:30 event."""
    waiting = journey("tagger")
    chain(waiting, ("t", "trigger", {"type": "event", "event": "register"}),
          ("w", "wait", {"type": "for_event", "event": "app_launch",
                         "timeout": {"amount": 1, "unit": "days"}}))
    waiting.add_node("update", {"set": {"lifecycle_stage": "成熟"}}, node_id="u")
    waiting.connect("w", "event", "u")
    events = [("c1", "register", T0 + 10 * HOUR), ("c1", "app_launch", T0 + 10 * HOUR + 1800),
              ("c2", "register", T0 + 10 * HOUR), ("c2", "app_launch", T0 + 11 * HOUR + 1800)]
    load(store, [waiting, reader(wait={"amount": 1, "unit": "hours"})], events,
         people=("c1", "c2"))
    result, expected = engine_and_reference(store, tick)
    assert sms_to(result) == [("c1", T0 + 11 * HOUR)]
    assert result == expected


def test_only_shared_attributes_are_ordered():
    """Steps wait only for attributes an update node shares with another step:
    journeys that share none run as freely as before."""
    from runtime.engine.attribute_order import AttributeOrder
    from runtime.plan import Plan

    def order(*journeys):
        return AttributeOrder([Plan(j, 1) for j in journeys])

    unrelated = journey("points")
    chain(unrelated, ("t", "trigger", {"type": "event", "event": "deposit"}),
          ("u", "update", {"set": {"points": 5}}))
    assert not order(unrelated, reader()).active
    shared = order(tagger(), reader(wait={"amount": 1, "unit": "hours"}))
    assert shared.attributes == {"lifecycle_stage"}
    assert shared.writes[("tagger", 1)] == {"u"}
    assert shared.reads[("reader", 1)] == {"f"}
    assert shared.may_read[("reader", 1)] == {"t", "w", "f"}
