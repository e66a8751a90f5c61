"""Sent touches are rendered when they leave (runtime.outbox), from their own
version's template and the customer's attributes at that moment."""
from __future__ import annotations

from sqlalchemy import update

from runtime.outbox import pending_messages
from tests.runtime.engine_fixtures import (
    DAY,
    HOUR,
    T0,
    add_customers,
    add_events,
    chain,
    journey,
    publish,
    run_engine,
)


def greeting(template: str) -> object:
    j = journey("greet")
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("s", "touch", {"channel": "sms", "template": template}))
    return j


def _registered(store, template: str, customers: list[dict]) -> None:
    add_customers(store, customers)
    add_events(store, [(c["customer_id"], "register", T0 + HOUR) for c in customers])
    publish(store, greeting(template))
    run_engine(store, T0, T0 + DAY, HOUR)


def test_messages_are_rendered_with_attributes_and_tags(store):
    _registered(store, "{{ name }}您好，标签：{{ tags | join('、') }}", [
        {"customer_id": "c1", "name": "王芳", "tags": ["高净值", "代发"]},
        {"customer_id": "c2", "name": "李强", "tags": []}])
    messages = pending_messages(store)
    assert [(m.customer_id, m.channel, m.node_id, m.at, m.content) for m in messages] == [
        ("c1", "sms", "s", T0 + HOUR, "王芳您好，标签：高净值、代发"),
        ("c2", "sms", "s", T0 + HOUR, "李强您好，标签：")]
    assert len({m.touch_id for m in messages}) == 2


def test_content_reflects_attributes_at_delivery(store):
    _registered(store, "{{ name }}，欢迎", [{"customer_id": "c1", "name": "旧名"}])
    customers = store.customers_table()
    with store.engine.begin() as conn:
        conn.execute(update(customers).values(name="新名"))
    assert [m.content for m in pending_messages(store)] == ["新名，欢迎"]


def test_broken_template_keeps_its_text(store):
    _registered(store, "{{ name", [{"customer_id": "c1", "name": "王芳"}])
    assert [m.content for m in pending_messages(store)] == ["{{ name"]


def test_only_sent_undelivered_touches_in_id_pages(store):
    _registered(store, "hi {{ name }}", [{"customer_id": f"c{i}", "name": f"n{i}"}
                                         for i in range(5)])
    t = store.tables["touches"]
    first = pending_messages(store, limit=2)
    rest = pending_messages(store, after_id=first[-1].touch_id, limit=10)
    assert [m.customer_id for m in first + rest] == [f"c{i}" for i in range(5)]
    with store.engine.begin() as conn:
        conn.execute(update(t).where(t.c.customer_id == "c0").values(delivery_state="delivered"))
        conn.execute(update(t).where(t.c.customer_id == "c1").values(
            status="suppressed", reason="frequency_cap"))
    assert [m.customer_id for m in pending_messages(store)] == ["c2", "c3", "c4"]


def test_a_missing_value_renders_as_nothing(store):
    _registered(store, "请客户经理{{ name }}尽快联系", [{"customer_id": "c1", "name": None}])
    assert [m.content for m in pending_messages(store)] == ["请客户经理尽快联系"]
