"""Drill-down on a real run: the customers behind each number the report shows,
masked unless asked, as CSV, tagged; and one customer's path with its reasons."""
from __future__ import annotations

import csv
from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from resources import TEMPLATES_DIR
from runtime.drill import TagRefused, customers_at, export_customers_at, mask, tag_customers
from runtime.drill_path import customer_path
from runtime.engine import run
from runtime.publish import publish
from runtime.report import UnknownJourney, report
from runtime.store import schema
from tests.runtime.conftest import DEMO_NOW
from tests.runtime.engine_fixtures import DAY, utc

JID = "new-customer-activation"


@pytest.fixture
def ran(demo_store):
    """The activation journey, 30 days on hourly ticks, with SMS quiet hours and a cap."""
    demo_store.set_policies({"timezone": "Asia/Shanghai", "quiet_hours": {"sms": ["21:00", "08:00"]},
                             "caps": [{"channel": "sms", "max": 1, "period_s": 7 * DAY}]})
    publish(demo_store, TEMPLATES_DIR / f"{JID}.journey.json")
    run(demo_store, start=utc(DEMO_NOW - 20 * DAY), until=utc(DEMO_NOW + 10 * DAY),
        tick=timedelta(hours=1))
    return demo_store


def test_every_number_of_the_report_has_its_customers(ran):
    counts = report(ran, JID)
    assert counts["enrolled"] > 10, "too small a run to prove anything"
    for node_id, node in counts["nodes"].items():
        assert customers_at(ran, JID, node_id, limit=0)["total"] == node["reached"], node_id
        assert customers_at(ran, JID, node_id, waiting=True)["total"] == node["waiting"], node_id
        for outlet, n in node["outlets"].items():
            assert customers_at(ran, JID, node_id, outlet=outlet)["total"] == n, (node_id, outlet)
    assert any(node["waiting"] for node in counts["nodes"].values())


def test_names_and_phones_are_masked_unless_asked(ran):
    masked = customers_at(ran, JID, "register", limit=5)
    plain = customers_at(ran, JID, "register", limit=5, unmasked=True)
    assert masked["masked"] and not plain["masked"] and len(masked["rows"]) == 5
    customers = ran.customers_table()
    with ran.engine.connect() as conn:
        truth = {r.customer_id: r for r in conn.execute(
            select(customers.c.customer_id, customers.c.name, customers.c.phone))}
    for hidden, shown in zip(masked["rows"], plain["rows"], strict=True):
        real = truth[shown["customer_id"]]
        assert hidden["customer_id"] == shown["customer_id"]
        assert (shown["name"], shown["phone"]) == (real.name, real.phone)
        assert hidden["phone"] == real.phone[:3] + "****" + real.phone[-4:]
        assert hidden["name"] != real.name and hidden["name"] == real.name[0] + "**"
    ids = [r["customer_id"] for r in customers_at(ran, JID, "register", limit=1000)["rows"]]
    assert ids == sorted(ids)
    assert [r["customer_id"] for r in customers_at(ran, JID, "register", limit=3, offset=2)
            ["rows"]] == ids[2:5]


def test_passed_and_due_instants(ran):
    """Who went through a wait passed it at its end; who waits there now moves on later."""
    from sqlalchemy import func

    waiting = customers_at(ran, JID, "wait-4d", waiting=True)
    assert waiting["total"] > 0
    e = schema.enrollments
    with ran.engine.connect() as conn:
        due = dict(conn.execute(select(e.c.id, e.c.at).where(
            e.c.status == "active", e.c.node_id == "wait-4d")).all())
    for row in waiting["rows"]:
        assert row["passed_at"] is None and row["due_at"] == due[row["enrollment_id"]]
    log = schema.step_log
    passed = customers_at(ran, JID, "wait-4d", outlet="next")["rows"]
    with ran.engine.connect() as conn:
        left = dict(conn.execute(select(log.c.enrollment_id, func.max(log.c.at)).where(
            log.c.node_id == "wait-4d").group_by(log.c.enrollment_id)).all())
    assert passed and all(r["passed_at"] == left[r["enrollment_id"]] and r["due_at"] is None
                          for r in passed)


def test_mask_shapes():
    assert mask("name", "张三丰") == "张**" and mask("name", "李") == "李**"
    assert mask("phone", "13812345678") == "138****5678"
    assert mask("email", "li@bank.cn") == "l***@bank.cn"
    assert mask("customer_id", "C1") == "C1" and mask("phone", None) is None


def test_export_writes_every_customer_masked(ran, tmp_path):
    out = tmp_path / "check-day3.csv"
    n = export_customers_at(ran, JID, "check-day3", out, outlet="未开户")
    assert n == report(ran, JID)["nodes"]["check-day3"]["outlets"]["未开户"] > 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == n and all("****" in r["phone"] for r in rows)
    assert rows[0]["passed_at"].endswith("+08:00") and rows[0]["due_at"] == ""
    with pytest.raises(FileNotFoundError):
        export_customers_at(ran, JID, "check-day3", tmp_path / "no" / "x.csv")
    assert not (tmp_path / "no").exists()
    with pytest.raises(UnknownJourney):
        customers_at(ran, "nope", "register")


def test_tagging_adds_once_and_refuses_bad_tags(either_store):
    customers = either_store.customers_table()
    with either_store.engine.begin() as conn:
        conn.execute(insert(customers), [{"customer_id": "C1", "tags": ";vip;"},
                                         {"customer_id": "C2", "tags": None},
                                         {"customer_id": "C3", "tags": ";老客;"}])
    assert tag_customers(either_store, ["C1", "C2", "C2", "nobody"], "老客") == 2
    assert tag_customers(either_store, ["C1", "C2", "C3"], "老客") == 0
    with either_store.engine.connect() as conn:
        tags = dict(conn.execute(select(customers.c.customer_id, customers.c.tags)).all())
    assert tags == {"C1": ";vip;老客;", "C2": ";老客;", "C3": ";老客;"}
    for bad in ("", "  ", "a;b"):
        with pytest.raises(TagRefused) as refused:
            tag_customers(either_store, ["C1"], bad)
        assert "标签" in refused.value.message("zh_CN")


def _first(ran, where):
    t = schema.touches
    with ran.engine.connect() as conn:
        return conn.execute(select(t).where(*where).order_by(t.c.id).limit(1)).first()


def test_a_path_says_why_for_every_step(ran):
    t = schema.touches
    capped = _first(ran, [t.c.reason == "frequency_cap"])
    assert capped is not None, "the cap never held a touch back: the test would prove nothing"
    [enrollment] = [e for e in customer_path(ran, JID, capped.customer_id, "en")
                    if e["enrollment"] == capped.enrollment_id]
    steps = {s["node"]: s for s in enrollment["steps"] if s["kind"] != "end"}
    assert steps["register"]["reason"].startswith("Entered:")
    touch = steps[capped.node_id]["reason"]
    assert "not sent: held back by a frequency cap (sms at most 1 per 7d)" in touch
    branch = next(s for s in enrollment["steps"] if s["kind"] == "branch")
    assert f"took '{branch['outlet']}' because:" in branch["reason"]
    assert enrollment["steps"][-1]["kind"] == "end"
    zh = customer_path(ran, JID, capped.customer_id, "zh_CN")
    assert any("被频次上限拦截" in s["reason"] for e in zh for s in e["steps"])


def test_quiet_hours_deferral_is_told_with_its_instant(ran):
    log, t = schema.step_log, schema.touches
    with ran.engine.connect() as conn:
        sent = conn.execute(select(t).where(t.c.status == "sent", t.c.channel == "sms")).all()
        deferred = None
        for touch in sent:
            arrived = conn.execute(
                select(log.c.at).where(log.c.enrollment_id == touch.enrollment_id,
                                       log.c.node_id != touch.node_id, log.c.at <= touch.at)
                .order_by(log.c.at.desc(), log.c.id.desc()).limit(1)).scalar()
            if arrived is not None and arrived < touch.at:
                deferred = touch
                break
    assert deferred is not None, "no SMS was held by quiet hours in this run"
    steps = [s for e in customer_path(ran, JID, deferred.customer_id, "zh_CN")
             for s in e["steps"] if s["node"] == deferred.node_id and s["kind"] == "touch"]
    assert any("因勿扰时段推迟到" in s["reason"] and s["reason"].endswith("08:00")
               for s in steps), steps
