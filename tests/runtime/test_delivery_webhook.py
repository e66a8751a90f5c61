"""Webhook delivery against real HTTP servers on this machine: each scenario
counts at the server what arrived under which idempotency key."""
from __future__ import annotations

import itertools

import pytest

from runtime.delivery import dispatch_once
from tests.runtime.delivery_fixtures import (
    TINY,
    attempt_rows,
    configure,
    customers,
    deliver_until_settled,
    sent_touches,
    states,
)
from tests.runtime.delivery_servers import Answer, WebhookServer, refused_url
from tests.runtime.engine_fixtures import T0

SECRET = "s3cret-for-tests"
ENV = {"HOOK_SECRET": SECRET}


def test_500_twice_then_200_is_delivered_once_per_key_after_backing_off(store):
    ids = sent_touches(store, "sms", customers(4), template="{{ name }}，您好")
    with WebhookServer(lambda n: Answer(500, body="busy") if n <= 2 else Answer(200),
                       secret=SECRET.encode()) as server:
        configure(store, "sms", "webhook", url=server.url, secret_env="HOOK_SECRET",
                  max_attempts=5, **TINY)
        deliver_until_settled(store, env=ENV)
    keys = [str(i) for i in ids]
    assert server.successes() == {k: 1 for k in keys}
    assert server.requests() == {k: 3 for k in keys}  # nothing else was sent
    assert all(r.signed_ok for r in server.received)
    for touch_id, key in zip(ids, keys, strict=True):
        got = server.of(key)
        assert [r.attempt for r in got] == [1, 2, 3]
        assert {r.body["touch_id"] for r in got} == {touch_id}  # one key, always the touch id
        # Equal jitter: the n-th retry waits at least half of backoff * 2**(n-1).
        assert got[1].at - got[0].at >= 0.01 - 0.002
        assert got[2].at - got[1].at >= 0.02 - 0.002
        rows = attempt_rows(store, touch_id)
        assert [(a.outcome, a.code) for a in rows] == [("retry", 500), ("retry", 500),
                                                       ("delivered", 200)]
        assert rows[0].error == "HTTP 500 Internal Server Error: busy"
        for before, after in itertools.pairwise(rows):
            waited = before.next_attempt_ms - before.finished_ms
            assert 10 <= waited <= 20 * 2 ** (before.attempt - 1)
            assert after.started_ms >= before.next_attempt_ms
    assert {s[0] for s in states(store).values()} == {"delivered"}
    body = server.of(keys[0])[-1].body
    assert body == {"touch_id": ids[0], "idempotency_key": keys[0], "customer_id": "c0",
                    "channel": "sms", "content": "客户0，您好", "journey_id": "j", "version": 1,
                    "node_id": "s", "decided_at": "2024-06-03T00:00:00Z"}


def test_429_waits_as_long_as_retry_after_says(store):
    [touch_id] = sent_touches(store, "push", customers(1), title="{{ name }}的提醒")
    with WebhookServer(lambda n: Answer(429, {"Retry-After": "1"}) if n == 1
                       else Answer(201)) as server:
        configure(store, "push", "webhook", url=server.url, **TINY)
        deliver_until_settled(store)
    first, second = server.of(str(touch_id))
    assert second.at - first.at >= 1.0 - 0.01  # not the tiny backoff: the server's wish
    assert second.body["title"] == "客户0的提醒"
    assert server.successes() == {str(touch_id): 1}
    assert [(a.outcome, a.code) for a in attempt_rows(store, touch_id)] == [
        ("retry", 429), ("delivered", 201)]


def test_a_server_that_hangs_past_the_timeout_is_tried_again(store):
    ids = sent_touches(store, "sms", customers(2))
    # The first request of each key is answered too late (and not with 2xx):
    # long after the timeout, so a busy machine cannot blur which one ended it.
    with WebhookServer(lambda n: Answer(504, delay=2.0) if n == 1 else Answer()) as server:
        configure(store, "sms", "webhook", url=server.url, timeout=0.15, **TINY)
        deliver_until_settled(store)
    assert server.successes() == {str(i): 1 for i in ids}
    for touch_id in ids:
        first, second = attempt_rows(store, touch_id)
        assert (first.outcome, first.code) == ("retry", None)
        assert "no answer in time" in first.error and "0.15 s" in first.error
        assert second.outcome == "delivered"
        assert first.finished_ms - first.started_ms < 1500  # gave up at the timeout


def test_a_refused_port_fails_after_max_attempts_with_the_reason(store):
    [touch_id] = sent_touches(store, "sms", customers(1))
    configure(store, "sms", "webhook", url=refused_url(), max_attempts=3, **TINY)
    results = deliver_until_settled(store)
    state, reason, detail, tried = states(store)[touch_id]
    assert (state, reason, tried) == ("failed", "max_attempts", 3)
    assert detail.startswith("3 attempts; the last: connect_error: ConnectError")
    assert [a.outcome for a in attempt_rows(store, touch_id)] == ["retry", "retry", "retry"]
    assert sum(r.counts["failed"] for r in results) == 1


def test_a_400_fails_at_once_with_what_the_server_said(store):
    ids = sent_touches(store, "sms", customers(3))
    with WebhookServer(lambda n: Answer(400, body='{"error": "bad phone"}')) as server:
        configure(store, "sms", "webhook", url=server.url, **TINY)
        result = dispatch_once(store)
    assert result.counts == {"failed": 3}
    assert server.requests() == {str(i): 1 for i in ids}
    for touch_id in ids:
        assert states(store)[touch_id][:3] == (
            "failed", "http_400", 'HTTP 400 Bad Request: {"error": "bad phone"}')
    assert dispatch_once(store).counts == {}  # a failure is final: nothing sent again


def test_requests_in_flight_and_rate_are_bounded_per_channel(store):
    sent_touches(store, "sms", customers(12))
    with WebhookServer(lambda n: Answer(delay=0.05)) as server:
        configure(store, "sms", "webhook", url=server.url, concurrency=3, **TINY)
        assert dispatch_once(store).counts == {"delivered": 12}
        assert server.most_in_flight == 3
    paced = sent_touches(store, "push", customers(10, prefix="p"), journey_id="j2")
    with WebhookServer() as server:
        configure(store, "push", "webhook", url=server.url, concurrency=4, rate=20, **TINY)
        assert dispatch_once(store).counts == {"delivered": 10}
    times = sorted(r.at for r in server.received)
    assert len(times) == len(paced)
    assert times[-1] - times[0] >= 9 / 20 - 0.03  # evenly spaced at 20 per second


def test_a_template_failing_for_one_customer_fails_only_that_delivery(store):
    people = [{"customer_id": f"c{i}", "name": f"n{i}", "aum": float(i)} for i in range(3)]
    ids = sent_touches(store, "sms", people, template="{{ name }}: {{ 100 // aum }}")
    with WebhookServer() as server:
        configure(store, "sms", "webhook", url=server.url, **TINY)
        result = dispatch_once(store)
    assert result.counts == {"delivered": 2, "failed": 1}
    assert set(server.requests()) == {str(ids[1]), str(ids[2])}
    state, reason, detail, tried = states(store)[ids[0]]
    assert (state, reason, tried) == ("failed", "template_error", 0)
    assert "ZeroDivisionError" in detail
    assert [r.body["content"] for r in server.received if r.key == str(ids[1])] == ["n1: 100.0"]


def test_a_missing_secret_leaves_the_channel_waiting_untouched(store):
    [touch_id] = sent_touches(store, "sms", customers(1))
    with WebhookServer() as server:
        configure(store, "sms", "webhook", url=server.url, secret_env="HOOK_SECRET", **TINY)
        result = dispatch_once(store, env={})
        assert "HOOK_SECRET" in result.problems["sms"][0]
        assert server.received == []
        assert states(store)[touch_id][0] == "pending" and attempt_rows(store, touch_id) == []
        assert dispatch_once(store, env=ENV).counts == {"delivered": 1}


@pytest.mark.parametrize("value, expected", [("7", 7.0), ("", None), ("soon", None),
                                             ("Wed, 21 Oct 2015 07:28:00 GMT", 60.0)])
def test_retry_after_reads_seconds_and_dates(value, expected):
    from runtime.delivery.adapters.webhook import retry_after_seconds

    now = 1445412420.0  # 60 s before the date above
    assert retry_after_seconds(value, now=now) == expected


def test_the_touch_instant_is_the_decided_at_of_the_body(store):
    [touch_id] = sent_touches(store, "sms", customers(1), at=T0 + 90)
    with WebhookServer() as server:
        configure(store, "sms", "webhook", url=server.url)
        dispatch_once(store)
    assert server.of(str(touch_id))[0].body["decided_at"] == "2024-06-03T00:01:30Z"


def test_the_readme_signature_check_accepts_our_requests_and_refuses_tampering(store):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    snippet = next(block.split("```", 1)[0] for block in readme.split("```python\n")[1:]
                   if "def verified" in block)
    namespace: dict = {}
    exec(compile(snippet, "README.md", "exec"), namespace)  # noqa: S102 — our own docs
    verified = namespace["verified"]
    sent_touches(store, "sms", customers(1))
    with WebhookServer() as server:
        configure(store, "sms", "webhook", url=server.url, secret_env="HOOK_SECRET")
        dispatch_once(store, env=ENV)
    [got] = server.received
    from runtime.delivery.adapters.base import Delivery
    from runtime.delivery.adapters.webhook import body_of

    raw = body_of(Delivery(got.body["touch_id"], 1, "c0", "j", 1, "s", "sms", T0,
                           got.body["content"]))
    assert verified(SECRET.encode(), got.headers, raw)
    assert not verified(SECRET.encode(), got.headers, raw.replace(b"c0", b"c1"))
    assert not verified(b"another secret", got.headers, raw)
