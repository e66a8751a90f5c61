"""Publishing: immutable numbered versions, refusals with their reasons."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from nodes import fileformat
from nodes.catalog import AttributeDef, AttrType
from nodes.errors import JourneyFileError
from runtime.publish import PublishRefused, publish, referenced_names

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
ACTIVATION = TEMPLATES / "new-customer-activation.journey.json"


def test_publish_numbers_versions_and_skips_identical_content(store):
    first = publish(store, ACTIVATION, published_at=1000)
    assert (first.journey_id, first.version, first.already_published) == (
        "new-customer-activation", 1, False)
    row = store.journey_version("new-customer-activation")
    assert first.content_hash == hashlib.sha256(row.document.encode()).hexdigest()
    assert (row.published_at, row.state) == (1000, "active")
    assert fileformat.loads(row.document).id == "new-customer-activation"

    again = publish(store, ACTIVATION)
    assert (again.version, again.already_published) == (1, True)

    journey = fileformat.load(ACTIVATION)
    journey.set_meta(journey.meta.model_copy(update={"name": "新客开户促活 v2"}))
    second = publish(store, journey)
    assert (second.version, second.already_published) == (2, False)
    assert second.content_hash != first.content_hash
    # the first version is frozen: still there, unchanged
    assert store.journey_version("new-customer-activation", 1).content_hash == first.content_hash
    assert [r.version for r in store.published_versions("new-customer-activation")] == [1, 2]
    assert "已发布" in second.summary("zh_CN") and "already" in again.summary("en")


def test_every_template_publishes_on_the_standard_catalog(store):
    paths = sorted(TEMPLATES.glob("*.journey.json"))
    assert len(paths) >= 8
    for path in paths:
        assert publish(store, path).version == 1, path.name


def test_journey_with_errors_is_refused(store):
    journey = fileformat.load(ACTIVATION)
    for node_id in journey.triggers():
        journey.remove_node(node_id)
    with pytest.raises(PublishRefused) as refused:
        publish(store, journey)
    codes = {i.code for i in refused.value.issues}
    assert "no_trigger" in codes
    assert "no trigger" in refused.value.message("en")
    assert "触发" in refused.value.message("zh_CN")
    assert store.published_versions() == []


def _with_filter_on(attribute: str):
    journey = fileformat.load(ACTIVATION)
    trigger = journey.triggers()[0]
    target = journey.edge_from(trigger, "next")
    journey.disconnect(trigger, "next")
    node = journey.add_node("filter", {"condition": {"attribute": attribute, "op": "gte",
                                                     "value": 2}}, node_id="vip-only")
    journey.connect(trigger, "next", node)
    journey.connect(node, "next", target)
    return journey


def test_unknown_attribute_is_refused_until_the_store_knows_it(store):
    journey = _with_filter_on("vip_level")
    with pytest.raises(PublishRefused) as refused:
        publish(store, journey)
    assert any(i.code == "unknown_attribute" and "vip_level" in i.en
               for i in refused.value.issues)
    store.extend_catalog([AttributeDef(name="vip_level", type=AttrType.number, label_zh="VIP",
                                       label_en="VIP")])
    assert publish(store, journey).version == 1


def test_unknown_goal_event_is_refused(store):
    journey = fileformat.load(ACTIVATION)
    journey.set_meta(journey.meta.model_copy(update={
        "goal": journey.meta.goal.model_copy(update={"event": "open_margin_account"})}))
    with pytest.raises(PublishRefused) as refused:
        publish(store, journey)
    assert any("open_margin_account" in i.en for i in refused.value.issues)


def test_referenced_names_cover_triggers_waits_goal_and_key_dates():
    attributes, events = referenced_names(fileformat.load(ACTIVATION))
    assert {"register", "view_account_open_page", "first_deposit"} <= events
    attributes, events = referenced_names(
        fileformat.load(TEMPLATES / "birthday-greeting.journey.json"))
    assert "birthday" in attributes


def test_broken_file_names_the_json_path(store, tmp_path):
    broken = tmp_path / "broken.journey.json"
    text = ACTIVATION.read_text(encoding="utf-8").replace('"unit": "hours"', '"unit": "fortnights"')
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(JourneyFileError) as error:
        publish(store, broken)
    assert "graph.nodes[" in error.value.path and "unit" in error.value.path


def test_warnings_are_shown_but_do_not_block(store):
    journey = fileformat.load(ACTIVATION)
    config = journey.config("sms-invite").model_dump(mode="json")
    journey.set_config("sms-invite", {**config, "template": "hi {{ nmae }}，回复T退订"})
    result = publish(store, journey)
    assert result.version == 1 and result.warnings
    assert "nmae" in result.summary("en") and "warning [sms-invite]" in result.summary("en")
    assert "注意 [sms-invite]" in result.summary("zh_CN")
    assert not publish(store, ACTIVATION).warnings

