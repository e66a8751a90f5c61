"""Delivery in the public API (what the desktop app shows): counts per
channel and status, the list with a status filter, putting failures back,
and a pass — plain values, on both stores, the same numbers as `report`."""
from __future__ import annotations

import pytest

from runtime import api
from runtime.report import report
from tests.runtime.delivery_fixtures import configure, customers, sent_touches
from tests.runtime.delivery_servers import Answer, WebhookServer


def test_the_app_sees_delivery_results_and_puts_failures_back(either_store):
    store = either_store
    ids = sent_touches(store, "sms", customers(3))
    answers = {"status": 400}
    with WebhookServer(lambda n: Answer(answers["status"])) as server:
        configure(store, "sms", "webhook", url=server.url)
        assert api.delivery_counts(store, "j")["sms"]["pending"] == 3
        passed = api.deliver(store)
        assert (passed["delivered"], passed["failed"], passed["attempts"]) == (0, 3, 3)
        counts = api.delivery_counts(store, "j")
        assert counts == report(store, "j")["deliveries"]  # one place for both
        assert counts["sms"]["failed"] == {"http_400": 3}
        failed = api.deliveries(store, status="failed", journey="j")
        assert [d["touch_id"] for d in failed] == ids[::-1]  # newest first
        assert failed[0]["reason"] == "http_400" and failed[0]["attempts"] == 1
        assert set(failed[0]) >= {"customer_id", "channel", "status", "detail", "in_flight"}
        assert api.deliveries(store, status="delivered") == []

        answers["status"] = 200
        back = api.retry_deliveries(store, [ids[0], 999_999])
        assert back == {"put_back": [ids[0]], "refused": {999_999: "unknown"}}
        assert api.deliver(store, ["sms"])["delivered"] == 1
        assert api.retry_deliveries(store, all_failed=True)["put_back"] == ids[1:]
        assert api.deliver(store)["delivered"] == 2
    assert api.delivery_counts(store, "j")["sms"]["delivered"] == 3
    assert api.delivery_counts(store, "no-such-journey") == {}
    assert server.successes() == {str(i): 1 for i in ids}


def test_wrong_delivery_questions_are_refused(store):
    with pytest.raises(ValueError, match="status must be one of"):
        api.deliveries(store, status="lost")
    with pytest.raises(ValueError, match="touch_ids or all_failed"):
        api.retry_deliveries(store)
    with pytest.raises(ValueError, match="touch_ids or all_failed"):
        api.retry_deliveries(store, [1], all_failed=True)
