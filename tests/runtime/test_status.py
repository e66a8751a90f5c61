"""`journey-runtime status` (runtime/status.py) on real SQLite and PostgreSQL:
the lease in each of its states, the clock and lag, every journey's state
with its active and due enrollments, recent touches and late events, in
English, Chinese and JSON."""
from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert

from runtime.cli import main
from runtime.status import format_status, status
from runtime.store.lease import Lease
from tests.runtime.engine_fixtures import HOUR, chain, fresh_store, journey, publish

NOW = 1_800_000_000


def simple(jid: str, **meta) -> object:
    j = journey(jid, **meta)
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("w", "wait", {"type": "duration", "duration": {"amount": 1, "unit": "days"}}))
    return j


def fill(store) -> None:
    ended = datetime.fromtimestamp(NOW - HOUR, UTC).isoformat()
    publish(store, simple("a-running"), published_at=NOW - 9 * HOUR)
    publish(store, simple("a-running"), version=2, published_at=NOW - 5 * HOUR)
    publish(store, simple("b-paused"), published_at=NOW - 9 * HOUR)
    publish(store, simple("c-broken"), published_at=NOW - 9 * HOUR)
    publish(store, simple("d-ended", window={"end": ended}), published_at=NOW - 9 * HOUR)
    store.pause_journey("b-paused", NOW - 2 * HOUR)
    store.auto_pause_journey("c-broken", 1, NOW - 2 * HOUR, "condition_too_deep", "f1", "x")
    t = store.tables
    enrollment = {"customer_id": "c", "status": "active", "node_id": "w", "entered_at": 0}
    with store.engine.begin() as conn:
        conn.execute(insert(t["enrollments"]), [
            {**enrollment, "journey_id": "a-running", "version": 1, "at": NOW - 60},  # due
            {**enrollment, "journey_id": "a-running", "version": 2, "at": NOW + HOUR},
            {**enrollment, "journey_id": "a-running", "version": 2, "at": NOW},  # due
            {**enrollment, "journey_id": "b-paused", "version": 1, "at": NOW - 1},  # due, held
            {**enrollment, "journey_id": "a-running", "version": 2, "at": NOW - 9,
             "status": "completed"}])
        touch = {"enrollment_id": 1, "journey_id": "a-running", "version": 1,
                 "customer_id": "c", "channel": "sms"}
        conn.execute(insert(t["touches"]), [
            {**touch, "node_id": "s1", "at": NOW - 70, "status": "sent"},
            {**touch, "node_id": "s2", "at": NOW - 80, "status": "suppressed"},
            {**touch, "node_id": "s3", "at": NOW - 2 * HOUR, "status": "sent"}])  # too old
        conn.execute(insert(t["events"]), [
            {"customer_id": "c", "name": "register", "ts": NOW - 5, "late_after": NOW - 4},
            {"customer_id": "c", "name": "register", "ts": NOW - 3, "late_after": None}])
    store.save_clock(NOW - 30, None)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_status_of_a_store(backend, tmp_path, request):
    with fresh_store(backend, tmp_path, request, "status") as store:
        fill(store)
        data = status(store, now=NOW)
        assert data["lease"] == {"state": "none"}
        assert data["lag_s"] == 30
        rows = {(j["journey"], j["version"]): j for j in data["journeys"]}
        assert set(rows) == {("a-running", 2), ("a-running", 1), ("b-paused", 1),
                             ("c-broken", 1), ("d-ended", 1)}
        assert {k: (r["state"], r["active"], r["due_now"]) for k, r in rows.items()} == {
            ("a-running", 2): ("running", 2, 1), ("a-running", 1): ("running", 1, 1),
            ("b-paused", 1): ("paused", 1, 1), ("c-broken", 1): ("paused", 0, 0),
            ("d-ended", 1): ("window_ended", 0, 0)}
        assert not rows[("a-running", 1)]["newest"]
        assert rows[("c-broken", 1)]["pause_reason"] == "condition_too_deep"
        assert data["touches_last_hour"] == {"sent": 1, "suppressed": 1}
        assert data["late_events"] == 1

        en = format_status(data, "en")
        assert "runtime: none (no runtime has held this store yet)" in en
        assert "(30 s behind wall time)" in en
        assert "a-running  v1 (older version)  running  active 1, due now 1" in en
        assert "c-broken  v1  paused (automatically: condition too deep" in en
        assert "d-ended  v1  window ended" in en
        assert "touches decided in the hour up to the clock: 1 sent, 1 suppressed" in en
        assert "late events (ignored): 1" in en
        zh = format_status(data, "zh_CN")
        assert "运行时：无" in zh and "已暂停" in zh and "窗口已结束" in zh and "已发送 1" in zh


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_lease_as_status_shows_it(backend, tmp_path, request):
    with fresh_store(backend, tmp_path, request, "lease") as store:
        lease = Lease(store, "live", ttl=30, clock=lambda: NOW)
        lease.acquire()
        held = status(store, now=NOW + 5)["lease"]
        assert (held["state"], held["pid"], held["renewed_s_ago"], held["expires_in_s"]) == (
            "held", lease.pid, 5, 25)
        text = format_status(status(store, now=NOW + 5), "en")
        assert (f"live runtime on host {lease.host}, pid {lease.pid}, since "
                f"{held['since']} (lease renewed 5 s ago, expires in 25 s)") in text
        assert "stopped without releasing it" in format_status(status(store, now=NOW + 31))
        lease.clock = lambda: NOW + 40
        lease.release()
        released = format_status(status(store, now=NOW + 41), "zh_CN")
        assert "正常停止" in released


def test_status_on_the_command_line(store, capsys):
    fill(store)
    assert main(["status", "--store", store.url, "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["late_events"] == 1 and len(data["journeys"]) == 5
    assert main(["status", "--store", store.url, "--lang", "zh_CN"]) == 0
    assert "客户库：" in capsys.readouterr().out


def test_status_says_who_approved_each_published_version(store, capsys):
    from nodes import approval

    approved = simple("approved")
    approval.apply_action(approved, "submit", "li.na")
    approval.apply_action(approved, "approve", "wang.fang")
    edited = simple("edited-after")
    approval.apply_action(edited, "submit", "li.na")
    approval.apply_action(edited, "approve", "wang.fang")
    edited.set_meta(edited.meta.model_copy(update={"name": "changed after approval"}))
    publish(store, approved, published_at=NOW - HOUR)
    publish(store, edited, published_at=NOW - HOUR)
    publish(store, simple("never-reviewed"), published_at=NOW - HOUR)
    data = {j["journey"]: j["approval"] for j in status(store, NOW)["journeys"]}
    day = approval.last_approval(approved).at.isoformat()
    assert data == {"approved": {"by": "wang.fang", "at": day},
                    "edited-after": None, "never-reviewed": None}
    text = format_status(status(store, NOW), "zh_CN")
    assert f"wang.fang 于 {day[:10]} 批准" in text and text.count("未经审批") == 2
