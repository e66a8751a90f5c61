"""Writing a batch of outcomes down: one upsert of attempt rows and one
UPDATE of the touches, whatever mix of outcomes the batch holds, on both
stores; and the request times a pass measures."""
from __future__ import annotations

from sqlalchemy import update

from runtime.delivery import attempts, claims, dispatch_once
from runtime.delivery.adapters import Delivery, Outcome
from runtime.store import schema
from tests.runtime.delivery_fixtures import attempt_rows, configure, customers, sent_touches, states
from tests.runtime.delivery_servers import Answer, WebhookServer

TOKEN = "here/1/batch"
OTHER = "there/2/took-over"


def _claimed(store, ids: list[int]) -> list[Delivery]:
    """Claim the touches as a dispatcher would and start their attempts at 1000 ms."""
    with store.writing() as conn:
        rows = claims.claim(conn, "sms", TOKEN, 10**13, 10**13 + 60_000, len(ids))
        go = [Delivery(r.id, r.delivery_attempts, r.customer_id, r.journey_id, r.version,
                       r.node_id, r.channel, r.at, "x") for r in sorted(rows, key=lambda r: r.id)]
        attempts.start(conn, go, 1000)
    return go


def test_one_batch_records_every_kind_of_outcome(either_store):
    store = either_store
    ids = sent_touches(store, "sms", customers(5))
    go = _claimed(store, ids)
    t = schema.touches
    with store.engine.begin() as conn:  # the last two were taken over after their claim expired
        conn.execute(update(t).where(t.c.id.in_(ids[3:])).values(delivery_claim=OTHER))
    answers = [
        (Outcome.delivered(202, "HTTP 202 Accepted"), attempts.Recorded(ids[0], "delivered", None, None)),
        (Outcome.retry("http_503", "HTTP 503"), attempts.Recorded(ids[1], "retrying", "http_503", 9000)),
        (Outcome.failed("http_400", "HTTP 400 Bad Request", 400),
         attempts.Recorded(ids[2], "failed", "http_400", None)),
        (Outcome.retry("timeout", "no answer"), attempts.Recorded(ids[3], "retrying", "timeout", 9500)),
        (Outcome.delivered(200, "HTTP 200 OK"), attempts.Recorded(ids[4], "delivered", None, None)),
    ]
    done = [(attempts.Finished(d, outcome, 1500, 2000, 0), recorded)
            for d, (outcome, recorded) in zip(go, answers, strict=True)]
    with store.writing() as conn:
        attempts.finish(conn, done, TOKEN, 2000)
    got = states(store)
    assert got[ids[0]] == ("delivered", None, "HTTP 202 Accepted", 1)
    assert got[ids[1]] == ("retrying", "http_503", "HTTP 503", 1)
    assert got[ids[2]] == ("failed", "http_400", "HTTP 400 Bad Request", 1)
    assert got[ids[3]] == ("pending", None, None, 1)  # not ours any more: its holder decides
    assert got[ids[4]][0] == "delivered"  # delivered counts whoever holds it
    with store.engine.connect() as conn:
        due = dict(conn.execute(t.select().with_only_columns(t.c.id, t.c.delivery_due_ms)).all())
        claim = dict(conn.execute(t.select().with_only_columns(t.c.id, t.c.delivery_claim)).all())
    assert [due[i] for i in ids[:3]] == [None, 9000, None]
    assert [claim[i] for i in ids] == [None, None, None, OTHER, None]
    rows = [attempt_rows(store, i) for i in ids]
    assert all(len(r) == 1 for r in rows)  # the open row completed in place
    first = [r[0] for r in rows]
    assert [(a.outcome, a.code, a.next_attempt_ms) for a in first] == [
        ("delivered", 202, None), ("retry", None, 9000), ("failed", 400, None),
        ("retry", None, 9500), ("delivered", 200, None)]
    assert {(a.started_ms, a.finished_ms) for a in first} == {(1000, 2000)}  # started: the claim
    assert [a.error for a in first][:3] == [None, "HTTP 503", "HTTP 400 Bad Request"]


def test_a_batch_larger_than_one_statement_is_written_whole(either_store):
    store = either_store
    ids = sent_touches(store, "sms", customers(attempts.BATCH + 30))
    go = _claimed(store, ids)
    done = [(attempts.Finished(d, Outcome.retry("http_503", "busy"), 1500, 2000, 0),
             attempts.Recorded(d.touch_id, "retrying", "http_503", 5000 + d.touch_id)) for d in go]
    with store.writing() as conn:
        attempts.finish(conn, done, TOKEN, 2000)
    assert {s[:2] for s in states(store).values()} == {("retrying", "http_503")}
    t = schema.touches
    with store.engine.connect() as conn:
        due = dict(conn.execute(t.select().with_only_columns(t.c.id, t.c.delivery_due_ms)).all())
    assert all(due[i] == 5000 + i for i in ids)  # each its own time, in one statement per batch


def test_a_pass_reports_how_long_its_requests_took(either_store):
    store = either_store
    sent_touches(store, "sms", customers(6))
    with WebhookServer(lambda n: Answer(delay=0.05)) as server:
        configure(store, "sms", "webhook", url=server.url, concurrency=2)
        result = dispatch_once(store)
    data = result.as_dict()
    assert data["delivered"] == 6 and len(result.request_ms) == 6
    assert 50 <= data["request_p50_ms"] <= data["request_p95_ms"] < 5000
