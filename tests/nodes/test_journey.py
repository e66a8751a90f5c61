"""Editing operations and connection rules of nodes.Journey."""
import pytest

from nodes import Journey
from nodes.errors import (
    CycleWithoutWaitError,
    DuplicateEdgeError,
    DuplicateNodeIdError,
    OutletTakenError,
    TriggerInputError,
    UnknownNodeError,
    UnknownOutletError,
)

SMS = {"channel": "sms", "template": "您好"}


@pytest.fixture
def journey():
    j = Journey()
    j.add_node("trigger", {"type": "event", "event": "register"}, node_id="t")
    j.add_node("wait", {"type": "duration", "duration": {"amount": 1, "unit": "days"}}, node_id="w")
    j.add_node("touch", SMS, node_id="s")
    j.add_node("branch", {"paths": [{"name": "资产达标", "condition": {"all": []}}]}, node_id="b")
    return j


def test_add_connect_and_read_back(journey):
    journey.connect("t", "next", "w")
    assert journey.edge_from("t", "next") == "w"
    assert journey.outlets("b") == ["资产达标", "else"]
    assert journey.kind("s") == "touch"


def test_trigger_takes_no_input(journey):
    with pytest.raises(TriggerInputError) as caught:
        journey.connect("s", "next", "t")
    assert "起点" in caught.value.message("zh_CN")


def test_outlet_carries_at_most_one_edge(journey):
    journey.connect("t", "next", "w")
    with pytest.raises(OutletTakenError):
        journey.connect("t", "next", "s")


def test_outlets_are_those_of_the_kind_and_config(journey):
    with pytest.raises(UnknownOutletError):
        journey.connect("s", "rejected", "w")
    with pytest.raises(UnknownOutletError):
        journey.connect("w", "timeout", "s")  # only a for_event wait has a timeout
    journey.connect("b", "资产达标", "s")
    journey.connect("b", "else", "w")


def test_same_pair_cannot_be_connected_twice(journey):
    journey.connect("b", "资产达标", "s")
    with pytest.raises(DuplicateEdgeError):
        journey.connect("b", "else", "s")


def test_cycle_needs_a_positive_wait(journey):
    journey.connect("w", "next", "s")
    journey.connect("s", "next", "w")  # loop through a 1-day wait: allowed
    j = Journey()
    j.add_node("touch", SMS, node_id="a")
    j.add_node("touch", SMS, node_id="b")
    j.connect("a", "next", "b")
    with pytest.raises(CycleWithoutWaitError):
        j.connect("b", "next", "a")
    j.add_node("wait", {"type": "until_time", "time": "09:00"}, node_id="u")
    j.connect("b", "next", "u")
    with pytest.raises(CycleWithoutWaitError):  # until_time may take no time at all
        j.connect("u", "next", "a")


def test_unknown_node_and_duplicate_id(journey):
    with pytest.raises(UnknownNodeError):
        journey.connect("nope", "next", "w")
    with pytest.raises(DuplicateNodeIdError):
        journey.add_node("touch", SMS, node_id="s")


def test_remove_and_restore_keep_edges(journey):
    journey.connect("t", "next", "w")
    journey.connect("w", "next", "s")
    removed = journey.remove_node("w")
    assert journey.edges() == []
    journey.restore_node(removed)
    assert sorted(journey.edges()) == [("t", "w", "next"), ("w", "s", "next")]


def test_disconnect_and_move(journey):
    journey.connect("t", "next", "w")
    assert journey.disconnect("t", "next")[0] == "w"
    assert journey.disconnect("t", "next") is None
    journey.move_node("t", (10, 20.5))
    assert journey.position("t") == (10.0, 20.5)


def test_set_config_renames_and_drops_edges(journey):
    journey.connect("b", "资产达标", "s")
    journey.connect("b", "else", "w")
    removed = journey.set_config("b", {"paths": [{"name": "AUM 达标", "condition": {"all": []}}]})
    assert removed == []
    assert journey.edge_from("b", "AUM 达标") == "s"
    removed = journey.set_config("b", {"paths": []})
    assert [r[1] for r in removed] == ["s"]
    assert journey.edge_from("b", "else") == "w"


def test_copy_and_paste_give_fresh_ids(journey):
    journey.connect("w", "next", "s")
    fragment = journey.copy_selection(["w", "s"])
    mapping = journey.paste(fragment, offset=(50, 0))
    assert set(mapping) == {"w", "s"}
    assert not set(mapping.values()) & {"t", "w", "s", "b"}
    assert journey.edge_from(mapping["w"], "next") == mapping["s"]
    assert journey.position(mapping["w"])[0] == journey.position("w")[0] + 50
    assert journey.config(mapping["s"]) == journey.config("s")


def test_set_config_rejects_invalid_config(journey):
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        journey.set_config("s", {"channel": "pigeon", "template": "x"})


def recorded(j: Journey) -> list[tuple]:
    seen: list[tuple] = []
    for name, event in j.events.all().items():
        event.sub(lambda *args, n=name: seen.append((n, *args)))
    return seen


def test_every_edit_is_announced_once_it_is_made(journey):
    seen = recorded(journey)
    journey.connect("t", "next", "w")
    journey.connect("w", "next", "b")
    journey.move_node("s", (10, 20))
    journey.set_label("s", "短信")
    journey.set_meta({"id": journey.id, "name": "开户激活"})
    journey.disconnect("t", "next")
    assert seen == [("edge_added", "t", "next", "w"), ("edge_added", "w", "next", "b"),
                    ("node_moved", "s"), ("node_changed", "s"), ("meta_changed",),
                    ("edge_removed", "t", "next", "w")]


def test_removal_announces_edges_before_nodes_and_restore_the_reverse(journey):
    journey.connect("t", "next", "w")
    journey.connect("w", "next", "s")
    seen = recorded(journey)
    removed = journey.remove_nodes(["w", "s"])
    assert seen == [("edge_removed", "t", "next", "w"), ("edge_removed", "w", "next", "s"),
                    ("node_removed", "w"), ("node_removed", "s")]
    seen.clear()
    journey.restore_nodes(removed)
    assert seen[:2] == [("node_added", "w"), ("node_added", "s")]
    assert sorted(seen[2:]) == [("edge_added", "t", "next", "w"), ("edge_added", "w", "next", "s")]
    assert journey.edges() == [("t", "w", "next"), ("w", "s", "next")]


def test_a_renamed_outlet_is_announced_as_its_edge_moving(journey):
    journey.connect("b", "资产达标", "s")
    seen = recorded(journey)
    journey.set_config("b", {"paths": [{"name": "高净值", "condition": {"all": []}}]})
    assert seen == [("edge_removed", "b", "资产达标", "s"), ("edge_added", "b", "高净值", "s"),
                    ("node_changed", "b")]


def test_a_listener_can_leave(journey):
    seen = []
    journey.events.node_added.sub(seen.append)
    journey.add_node("touch", SMS, node_id="s2")
    journey.events.node_added.unsub(seen.append)
    journey.add_node("touch", SMS, node_id="s3")
    assert seen == ["s2"]
