"""The dispatcher's own rules: consent and age checked again at delivery,
retries that survive a restart, claims that never hand one touch to two
dispatchers at once, putting failures back, and the counts of `report`."""
from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import select, update

from runtime.delivery import Dispatcher, dispatch_once
from runtime.delivery import claims as claim_rules
from runtime.delivery.queries import list_deliveries, requeue
from runtime.report import format_report, report
from runtime.store import schema
from tests.runtime.delivery_fixtures import (
    TINY,
    attempt_rows,
    configure,
    customers,
    deliver_until_settled,
    sent_touches,
    states,
)
from tests.runtime.delivery_servers import Answer, WebhookServer
from tests.runtime.engine_fixtures import T0


def test_consent_withdrawn_after_the_decision_stops_the_delivery(store):
    ids = sent_touches(store, "sms", customers(3, consent_sms=True))
    customers_table = store.customers_table()
    with store.engine.begin() as conn:  # c1 says no after the touch was decided
        conn.execute(update(customers_table).where(customers_table.c.customer_id == "c1")
                     .values(consent_sms=False))
    with WebhookServer() as server:
        configure(store, "sms", "webhook", url=server.url)
        assert dispatch_once(store).counts == {"delivered": 2, "suppressed_at_delivery": 1}
    assert set(server.requests()) == {str(ids[0]), str(ids[2])}
    assert states(store)[ids[1]][:2] == ("suppressed_at_delivery", "no_consent")
    assert attempt_rows(store, ids[1]) == []


def test_a_touch_older_than_max_age_expires_instead_of_going_out(store):
    now = int(time.time())
    old = sent_touches(store, "sms", customers(1), at=now - 7200)
    fresh = sent_touches(store, "sms", customers(1, prefix="f"), at=now - 60, journey_id="j2")
    with WebhookServer() as server:
        configure(store, "sms", "webhook", url=server.url, max_age="1h")
        assert dispatch_once(store).counts == {"delivered": 1, "expired": 1}
    assert set(server.requests()) == {str(fresh[0])}
    assert states(store)[old[0]][:2] == ("expired", "max_age")


def test_retries_survive_a_restart_and_number_on(store_url, store):
    [touch_id] = sent_touches(store, "sms", customers(1))
    with WebhookServer(lambda n: Answer(503) if n == 1 else Answer()) as server:
        configure(store, "sms", "webhook", url=server.url, **TINY)
        assert dispatch_once(store).counts == {"retrying": 1}
        store.close()  # the process ends; the retry is only in the store
        from runtime.store import Store

        reopened = Store(store_url)
        try:
            time.sleep(0.03)
            assert dispatch_once(reopened).counts == {"delivered": 1}
        finally:
            reopened.close()
    assert [r.attempt for r in server.of(str(touch_id))] == [1, 2]


def test_a_retry_not_yet_due_waits(store):
    sent_touches(store, "sms", customers(1))
    with WebhookServer(lambda n: Answer(503) if n == 1 else Answer()) as server:
        configure(store, "sms", "webhook", url=server.url, backoff=60, max_backoff=60)
        first = dispatch_once(store)
        assert first.counts == {"retrying": 1}
        assert 30_000 <= first.next_due_ms - int(time.time() * 1000) <= 60_000
        assert dispatch_once(store).counts == {}
    assert len(server.received) == 1


def test_failed_deliveries_put_back_get_a_fresh_set_of_attempts(store):
    ids = sent_touches(store, "sms", customers(2))
    answers = {"mode": 500}
    with WebhookServer(lambda n: Answer(answers["mode"])) as server:
        configure(store, "sms", "webhook", url=server.url, max_attempts=2, **TINY)
        deliver_until_settled(store)
        assert {s[:2] for s in states(store).values()} == {("failed", "max_attempts")}
        since = int(time.time() * 1000) - 60_000
        answers["mode"] = 200
        done, refused = requeue(store, all_failed=True, failed_since_ms=since,
                                now_ms=int(time.time() * 1000))
        assert (done, refused) == (ids, {})
        assert dispatch_once(store).counts == {"delivered": 2}
    assert [r.attempt for r in server.of(str(ids[0]))] == [1, 2, 3]
    assert requeue(store, [ids[0], 999], now_ms=0) == ([], {ids[0]: "delivered", 999: "unknown"})
    assert [r.status for r in list_deliveries(store, status="delivered")] == ["delivered"] * 2


def _claim_everything(store, token: str, until_ms: int) -> list[int]:
    with store.writing() as conn:
        return [r.id for r in claim_rules.claim(conn, "sms", token, int(time.time() * 1000),
                                                until_ms, 100)]


def test_a_claim_is_respected_until_it_expires_and_then_taken_over(store):
    ids = sent_touches(store, "sms", customers(2))
    far = int(time.time() * 1000) + 60_000
    other = "another-host/1/abc"  # held by a dispatcher elsewhere, alive as far as we know
    assert _claim_everything(store, other, far) == ids
    with WebhookServer() as server:
        configure(store, "sms", "webhook", url=server.url)
        assert dispatch_once(store).counts == {}  # held: not sent twice at once
        t = schema.touches
        with store.engine.begin() as conn:  # its claim runs out (the holder died away)
            conn.execute(update(t).values(delivery_due_ms=int(time.time() * 1000) - 1))
        assert dispatch_once(store).counts == {"delivered": 2}
    assert server.requests() == {str(i): 1 for i in ids}


def test_claims_of_a_dead_process_on_this_machine_are_freed_at_once(store):
    ids = sent_touches(store, "sms", customers(2))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    token = f"{claim_rules.socket.gethostname()}/{gone.stdout.strip()}/dead"
    far = int(time.time() * 1000) + 600_000
    assert _claim_everything(store, token, far) == ids
    from runtime.delivery import attempts

    with store.writing() as conn:  # it had started an attempt on the first
        attempts.start(conn, [_delivery(ids[0])], 1)
    with WebhookServer() as server:
        configure(store, "sms", "webhook", url=server.url)
        assert dispatch_once(store).counts == {"delivered": 2}
    first = attempt_rows(store, ids[0])
    assert [(a.attempt, a.outcome) for a in first] == [(1, "abandoned"), (2, "delivered")]
    assert [r.attempt for r in server.of(str(ids[0]))] == [2]


def _delivery(touch_id: int):
    from runtime.delivery.adapters import Delivery

    return Delivery(touch_id, 1, "c0", "j", 1, "s", "sms", T0, "x")


def test_report_counts_deliveries_per_channel_and_failures_by_reason(store):
    sent_touches(store, "sms", customers(3))
    t = schema.touches
    with WebhookServer(lambda n: Answer(400)) as server:
        configure(store, "sms", "webhook", url=server.url)
        with store.engine.begin() as conn:  # c2 was delivered already
            conn.execute(update(t).where(t.c.customer_id == "c2")
                         .values(delivery_state="delivered"))
        dispatch_once(store)
    data = report(store, "j")
    assert data["deliveries"] == {"sms": {
        "pending": 0, "retrying": 0, "delivered": 1, "expired": 0,
        "suppressed_at_delivery": 0, "failed": {"http_400": 2}}}
    text = format_report(data, store, "en")
    assert "Deliveries\n  sms      delivered 1   failed: http_400 2" in text
    assert "投递\n  sms      已送达 1   失败: http_400 2" in format_report(data, store, "zh_CN")


def test_a_v8_store_gains_the_delivery_tables(tmp_path):
    import sqlite3

    from runtime.store import Store

    path = tmp_path / "v8.db"
    Store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX ix_touches_delivery_due")
        for column in ("delivery_attempts", "delivery_requeued_at", "delivery_due_ms",
                       "delivery_claim", "delivery_reason", "delivery_detail",
                       "delivery_updated_ms"):
            db.execute(f"ALTER TABLE touches DROP COLUMN {column}")
        db.execute("DROP TABLE delivery_channels")
        db.execute("DROP TABLE delivery_attempts")
        db.execute("UPDATE store_meta SET value='8' WHERE key='schema_version'")
    upgraded = Store(f"sqlite:///{path}")
    try:
        assert (upgraded.upgraded_from, upgraded.schema_version()) == (8, schema.SCHEMA_VERSION)
        ids = sent_touches(upgraded, "sms", customers(1))
        assert dispatch_once(upgraded).counts == {"delivered": 1}
        assert states(upgraded)[ids[0]][0] == "delivered"
    finally:
        upgraded.close()


def test_the_queue_is_read_through_its_partial_index(store):
    from sqlalchemy import text

    query = (select(schema.touches.c.id).where(claim_rules.OPEN,
                                               schema.touches.c.channel == "sms",
                                               schema.touches.c.delivery_due_ms.is_(None))
             .order_by(schema.touches.c.id).limit(5))
    compiled = query.compile(store.engine, compile_kwargs={"literal_binds": True})
    with store.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "ix_touches_delivery_due" in plan


# -- PostgreSQL: concurrent dispatchers ------------------------------------------------------

def test_two_dispatchers_on_postgresql_never_send_one_touch_twice(postgres_store):
    from runtime.store import Store

    ids = sent_touches(postgres_store, "sms", customers(300))
    # Slow enough answers that neither can finish alone before the other starts.
    with WebhookServer(lambda n: Answer(delay=0.005)) as server:
        configure(postgres_store, "sms", "webhook", url=server.url, concurrency=4)
        results, errors = [], []
        together = threading.Barrier(2)

        def one_dispatcher() -> None:
            own = Store(postgres_store.url)  # its own engine, as another process would have
            try:
                with Dispatcher(own) as dispatcher:
                    together.wait(timeout=30)
                    for _ in range(3):
                        results.append(dispatcher.run_once())
            except Exception as exc:  # noqa: BLE001 — asserted in the test's own thread
                errors.append(exc)
            finally:
                own.close()

        workers = [threading.Thread(target=one_dispatcher) for _ in range(2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    assert errors == []
    assert server.requests() == {str(i): 1 for i in ids}
    assert sum(r.counts["delivered"] for r in results) == 300
    assert all(r.counts["delivered"] < 300 for r in results)  # they shared the work
    assert {s[0] for s in states(postgres_store).values()} == {"delivered"}


def test_a_dead_dispatchers_claims_are_freed_on_postgresql(postgres_store):
    ids = sent_touches(postgres_store, "sms", customers(3))
    token = f"{claim_rules.socket.gethostname()}/999999999/dead"
    _claim_everything(postgres_store, token, int(time.time() * 1000) + 600_000)
    with WebhookServer() as server:
        configure(postgres_store, "sms", "webhook", url=server.url)
        assert dispatch_once(postgres_store).counts == {"delivered": 3}
    assert server.requests() == {str(i): 1 for i in ids}


@pytest.mark.parametrize("token, gone", [("elsewhere/1/x", False), ("{host}/{pid}/x", False),
                                         ("{host}/999999999/x", True), ("junk", False)])
def test_which_holders_count_as_gone(token, gone):
    import os

    token = token.format(host=claim_rules.socket.gethostname(), pid=os.getpid())
    assert claim_rules.holder_is_gone(token) is gone
