"""Report and export on hand-made run state (enrollments, step_log, touches, rewards)."""
from __future__ import annotations

import csv
import os
import stat
import sys
from pathlib import Path

import pytest
from sqlalchemy import insert

from runtime.export import TOUCH_COLUMNS, export_touches
from runtime.publish import publish
from runtime.report import UnknownJourney, flow_order, format_report, report
from runtime.store import schema

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
JID = "account-opening-breakpoint"
T0 = 1_795_000_000  # 2026-11-18T19:06:40+08:00


@pytest.fixture
def run_store(store):
    """trigger → wait-open (for_event) → lead-assist (crm_lead) → wait-day → sms-resume."""
    publish(store, TEMPLATES / f"{JID}.journey.json", published_at=T0 - 100)
    enrollments = [
        # id, customer, status, reason, node, converted
        (1, "C1", "active", None, "wait-day", None),       # waiting for the day to pass
        (2, "C2", "completed", None, "sms-resume", None),  # went all the way
        (3, "C3", "exited", "goal", "wait-open", T0 + 60),  # opened while waiting: converted
        (4, "C4", "completed", None, "sms-resume", T0 + 9000),  # converted after completing
        (5, "C1", "exited", "goal", "wait-day", T0 + 50),  # an earlier entry of C1
        (6, "X9", "active", None, "trigger", None),  # another journey: never counted
    ]
    steps = {
        1: [("trigger", "next"), ("wait-open", "timeout"), ("lead-assist", "next")],
        2: [("trigger", "next"), ("wait-open", "timeout"), ("lead-assist", "next"),
            ("wait-day", "timeout"), ("sms-resume", "next")],
        3: [("trigger", "next")],
        4: [("trigger", "next"), ("wait-open", "timeout"), ("lead-assist", "next"),
            ("wait-day", "timeout"), ("sms-resume", "next")],
        5: [("trigger", "next"), ("wait-open", "timeout"), ("lead-assist", "next")],
        6: [("trigger", "next")],
    }
    with store.engine.begin() as conn:
        conn.execute(insert(schema.enrollments), [
            {"id": i, "journey_id": "other" if c == "X9" else JID, "version": 1, "customer_id": c,
                 "status": s, "exit_reason": r, "node_id": n, "at": T0, "entered_at": T0,
                 "ended_at": None if s == "active" else T0 + 10, "converted_at": conv}
            for i, c, s, r, n, conv in enrollments])
        conn.execute(insert(schema.step_log), [
            {"enrollment_id": i, "node_id": n, "outlet": o, "at": T0 + k}
            for i, rows in steps.items() for k, (n, o) in enumerate(rows)])
        touches = [(1, "C1", "lead-assist", "crm_lead", "sent", None, T0 + 1800),
                   (2, "C2", "lead-assist", "crm_lead", "sent", None, T0 + 1900),
                   (2, "C2", "sms-resume", "sms", "sent", None, T0 + 90000),
                   (4, "C4", "lead-assist", "crm_lead", "sent", None, T0 + 2000),
                   (4, "C4", "sms-resume", "sms", "suppressed", "no_consent", T0 + 91000),
                   (5, "C1", "lead-assist", "crm_lead", "suppressed", "frequency_cap", T0 + 5)]
        conn.execute(insert(schema.touches), [
            {"enrollment_id": e, "journey_id": JID, "version": 1, "customer_id": c, "node_id": n,
                 "channel": ch, "at": at, "status": st, "reason": r, "content": "x"}
            for e, c, n, ch, st, r, at in touches])
        conn.execute(insert(schema.rewards), [
            {"enrollment_id": 2, "journey_id": JID, "version": 1, "customer_id": "C2", "node_id": "gift",
                 "benefit": "points", "amount": 200, "at": T0, "status": "granted"}])
    return store


def test_report_counts(run_store):
    data = report(run_store, JID)
    assert (data["journey"], data["version"], data["versions"]) == (JID, 1, [1])
    assert (data["enrolled"], data["active"], data["completed"], data["exited"]) == (5, 1, 2, 2)
    assert data["converted"] == 3 and data["exit_reasons"] == {"goal": 2}
    nodes = data["nodes"]
    assert nodes["trigger"] == {"reached": 5, "waiting": 0, "outlets": {"next": 5}}
    # C3 left at wait-open (goal) without passing it: reached, no outlet
    assert nodes["wait-open"] == {"reached": 5, "waiting": 0,
                                  "outlets": {"event": 0, "timeout": 4}}
    assert nodes["wait-day"] == {"reached": 4, "waiting": 1,
                                 "outlets": {"event": 0, "timeout": 2}}
    assert nodes["sms-resume"]["reached"] == 2
    assert data["touches"] == {
        "crm_lead": {"sent": 3, "suppressed": {"frequency_cap": 1}},
        "sms": {"sent": 1, "suppressed": {"no_consent": 1}},
    }
    assert data["rewards"] == {"gift": {"granted": {"count": 1, "amount": 200}}}


def test_touches_left_queued_by_a_crash_are_not_counted_as_suppressed(run_store):
    with run_store.engine.begin() as conn:
        conn.execute(insert(schema.touches).values(
            enrollment_id=3, journey_id=JID, version=1, customer_id="C3", node_id="sms-resume",
            channel="sms", at=T0 + 95000, status="queued", reason=None, content="x"))
    assert report(run_store, JID)["touches"]["sms"] == {
        "sent": 1, "queued": 1, "suppressed": {"no_consent": 1}}


def test_counts_agree_when_the_journey_is_alone_in_the_store(run_store):
    with_other = report(run_store, JID)
    with run_store.engine.begin() as conn:  # drop the other journey's enrollment
        conn.execute(schema.step_log.delete().where(schema.step_log.c.enrollment_id == 6))
        conn.execute(schema.enrollments.delete().where(schema.enrollments.c.id == 6))
    assert report(run_store, JID) == with_other  # served without the join now
    assert report(run_store, JID, version=1) == with_other


def test_report_of_one_version_and_unknown_journeys(run_store):
    assert report(run_store, JID, version=1)["enrolled"] == 5
    with pytest.raises(UnknownJourney):
        report(run_store, JID, version=7)
    with pytest.raises(UnknownJourney) as missing:
        report(run_store, "nope")
    assert "nope" in missing.value.message("en") and "没有" in missing.value.message("zh_CN")


def test_human_table_in_both_languages(run_store):
    data = report(run_store, JID)
    english = format_report(data, run_store, "en")
    chinese = format_report(data, run_store, "zh_CN")
    assert "Enrolled 5" in english and "converted 3 (60.0%)" in english
    assert "进入 5" in chinese and "已转化 3" in chinese
    assert "权益 [gift]: 已发放 1 (200)" in chinese and "Rewards [gift]: granted 1 (200)" in english
    assert "no_consent 1" in english
    lines = english.splitlines()
    trigger_line = next(line for line in lines if "[trigger]" in line)
    assert trigger_line.split()[-2:] == ["next", "5"]


def test_flow_order_follows_the_graph(run_store):
    from nodes import fileformat

    journey = fileformat.load(TEMPLATES / f"{JID}.journey.json")
    assert flow_order(journey) == ["trigger", "wait-open", "lead-assist", "wait-day",
                                   "sms-resume"]


def test_export_touches_csv(run_store, tmp_path):
    run_store.set_policies({"timezone": "Asia/Shanghai"})
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "touches.csv"
    assert export_touches(run_store, JID, out) == 6
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == TOUCH_COLUMNS
    assert rows[1] == ["C1", JID, "1", "lead-assist", "crm_lead", "2026-11-18T19:06:45+08:00",
                       "suppressed", "frequency_cap"]
    assert [r[5] for r in rows[1:]] == sorted(r[5] for r in rows[1:])
    assert rows[-1][6:] == ["suppressed", "no_consent"]
    assert list(folder.iterdir()) == [out]  # no temporary file left behind


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_export_gets_the_umasks_mode_not_a_private_one(run_store, tmp_path):
    out = tmp_path / "touches.csv"
    old = os.umask(0o022)
    try:
        export_touches(run_store, JID, out)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # was 0o600: the temp file's


def test_export_of_unknown_journey_writes_nothing(run_store, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(UnknownJourney):
        export_touches(run_store, "nope", folder / "x.csv")
    assert list(folder.iterdir()) == []
